package source

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/roles"
	"github.com/seglab/seglab/engine/widetable"
)

// A wide table with Chinese headers is shown as wide under the roles' canonical names, with
// coded words mapped, hours converted to minutes and other columns kept; the file may even be
// called wide.csv. A mapping names a column no synonym finds.
func TestOpenWideFileByRoles(t *testing.T) {
	content := "客户编号,客户类型,年用电量,区域,停电时长(小时),近年满意度,网格\n" +
		"c2,非居民,9000,东部,1.5,8,A\nc1,居民,300,西部,2,,B\nc3,居民,500,central,0,6,A\n"
	for _, name := range []string{"客户宽表.csv", "wide.csv"} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := session(t)
			p := write(t, t.TempDir(), name, content)
			m := roles.Mapping{Columns: map[string]string{"satisfaction": "近年满意度"}}
			opened, err := OpenMapped(ctx, s, []string{p}, widetable.DefaultRules(), m)
			if err != nil {
				t.Fatal(err)
			}
			cols, err := Columns(ctx, s)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, c := range cols {
				names = append(names, c.Name)
			}
			want := []string{"customer_id", "customer_type", "annual_kwh", "region", "outage_minutes_12m", "satisfaction", "网格"}
			if !slices.Equal(names, want) {
				t.Fatalf("columns %v, want %v", names, want)
			}
			read, _ := Find(cols, "region")
			mins, _ := Find(cols, "outage_minutes_12m")
			rows, err := Read(ctx, s, []Column{read, mins}, prep.Filter{{Column: "customer_type", Equals: "residential"}}, "customer_id")
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(rows.IDs, ",") != "c1,c3" || strings.Join(rows.Table.Text["region"], ",") != "west,central" {
				t.Errorf("ids %v regions %v", rows.IDs, rows.Table.Text["region"])
			}
			if got := rows.Table.Numeric["outage_minutes_12m"]; got[0] != 120 || got[1] != 0 {
				t.Errorf("outage minutes from hours: %v", got)
			}
			id, _ := roles.Find(opened.Roles, "customer_id")
			sat, _ := roles.Find(opened.Roles, "satisfaction")
			if id.Column != "客户编号" || id.Method != roles.BySynonym || strings.Join(id.Samples, ",") != "c2,c1,c3" {
				t.Errorf("customer id match %+v", id)
			}
			if sat.Column != "近年满意度" || sat.Method != roles.ByMapping || strings.Join(sat.Samples, ",") != "8,6" {
				t.Errorf("satisfaction match %+v", sat)
			}
		})
	}
}

// Without the mapping, a header that only contains a role's name is offered, not applied.
func TestPartialMatchIsOnlyOffered(t *testing.T) {
	ctx := context.Background()
	s := session(t)
	p := write(t, t.TempDir(), "t.csv", "户号,近年满意度\n1,8\n")
	opened, err := Open(ctx, s, []string{p}, widetable.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	cols, _ := Columns(ctx, s)
	if _, err := Find(cols, "近年满意度"); err != nil {
		t.Errorf("a partial match renamed the column: %v", err)
	}
	if sat, _ := roles.Find(opened.Roles, "satisfaction"); sat.Column != "近年满意度" || sat.Method != roles.ByPartial {
		t.Errorf("satisfaction %+v", sat)
	}
}

// A column already called by a role's name (in any letter case) that the mapping gives to
// another column keeps its data under "<name> (original)".
func TestMappedColumnDisplacesItsNamesake(t *testing.T) {
	ctx := context.Background()
	s := session(t)
	p := write(t, t.TempDir(), "t.csv", "户号,SATISFACTION,近年满意度\n1,1,9\n2,2,8\n")
	m := roles.Mapping{Columns: map[string]string{"satisfaction": "近年满意度"}}
	if _, err := OpenMapped(ctx, s, []string{p}, widetable.DefaultRules(), m); err != nil {
		t.Fatal(err)
	}
	cols, err := Columns(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range cols {
		names = append(names, c.Name)
	}
	if !slices.Equal(names, []string{"customer_id", "satisfaction (original)", "satisfaction"}) {
		t.Fatalf("columns %v", names)
	}
	sat, _ := Find(cols, "satisfaction")
	rows, err := Read(ctx, s, []Column{sat}, nil, "customer_id")
	if err != nil || rows.Table.Numeric["satisfaction"][0] != 9 {
		t.Fatalf("satisfaction %v, %v", rows.Table.Numeric["satisfaction"], err)
	}
}
