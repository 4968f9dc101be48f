package workspace

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/engine/definition/definitiondb"
	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/roles"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/engine/widetable"
)

// userTable writes a wide table whose id (档案标识) and satisfaction (近年满意度) no synonym
// knows, rows in the order given by perm, and returns its path.
func userTable(t *testing.T, dir string, n int, perm func(int) int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("档案标识,区域,年用电量,近年满意度,停电次数\n")
	regions := []string{"东部", "中部", "西部"}
	for k := range n {
		i := perm(k)
		fmt.Fprintf(&b, "A%04d,%s,%d,%d,%d\n", i, regions[i%3], 800+(i*131)%4000, 3+(i*7)%8, (i*5)%6)
	}
	p := filepath.Join(dir, "客户宽表.csv")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Without an id the workspace names the candidates; the user's mapping (Remap) makes 档案标识
// the id and 近年满意度 the satisfaction; the mapping saved, the workspace reopened with it,
// fitted and saved as a confirmed definition, which scores next quarter's file (other row
// order, same headers) with no mapping given, keyed by the ids, as the fit assigned them.
func TestMappingRoundTrip(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := userTable(t, dir, 240, func(k int) int { return k })
	w, err := Open(ctx, []string{path}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	err = w.RequireID(ctx)
	if !inputerr.Is(err) || !strings.Contains(err.Error(), "档案标识") || w.IDColumn() != "" {
		t.Fatalf("no id: %v", err)
	}
	if c, err := w.ColumnNamed("区域"); err != nil || c.Name != "region" {
		t.Fatalf("区域 is %v, %v", c, err)
	}
	if c, err := w.Condition("区域", "东部"); err != nil || c.Column != "region" || c.Equals != "east" {
		t.Fatalf("condition %+v, %v", c, err)
	}
	if sat, _ := roles.Find(w.Roles(), "satisfaction"); sat.Method != roles.ByPartial {
		t.Fatalf("satisfaction %+v", sat)
	}

	m := roles.Mapping{Columns: map[string]string{"customer_id": "档案标识", "satisfaction": "近年满意度"}}
	if err := w.Remap(ctx, m); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Column("satisfaction"); err != nil || w.IDColumn() != "customer_id" {
		t.Fatalf("after remap: id %q, %v", w.IDColumn(), err)
	}
	mapPath := filepath.Join(dir, MappingFile)
	if err := SaveMapping(mapPath, w.Mapping(), w.Roles()); err != nil {
		t.Fatal(err)
	}
	loaded, err := LoadMappingBeside([]string{path})
	if err != nil || loaded.Columns["customer_id"] != "档案标识" || loaded.Columns["region"] != "区域" {
		t.Fatalf("mapping beside the data: %+v, %v", loaded, err)
	}

	// Reopen with the saved mapping, fit, save and confirm the definition.
	w2, err := Open(ctx, []string{path}, Options{Mapping: loaded})
	if err != nil {
		t.Fatal(err)
	}
	defer w2.Close()
	seg := fit(t, w2, prep.Filter{{Column: "region", Equals: "east"}}, 3,
		prep.DimSpec{Column: "annual_kwh", Kind: prep.Numeric, Weight: 1},
		prep.DimSpec{Column: "outages_12m", Kind: prep.Numeric, Weight: 1},
		prep.DimSpec{Column: "satisfaction", Kind: prep.Numeric, Weight: 1})
	defPath := filepath.Join(dir, "def.yaml")
	d, err := w2.Definition(ctx, seg, defPath)
	if err != nil {
		t.Fatal(err)
	}
	if d.Mapping == nil || d.Mapping.Columns["customer_id"] != "档案标识" {
		t.Fatalf("definition mapping %+v", d.Mapping)
	}
	if _, err := definition.Save(defPath, d); err != nil {
		t.Fatal(err)
	}
	confirmed, _, err := definition.Confirm(defPath, "王经理", "", time.Now())
	if err != nil || confirmed.State() != definition.StateConfirmed {
		t.Fatalf("confirm: %v", err)
	}
	reloaded, err := definition.Load(defPath)
	if err != nil || reloaded.State() != definition.StateConfirmed {
		t.Fatalf("reloaded: %v, %v", err, reloaded.State())
	}
	changed := *reloaded
	changed.Mapping = &roles.Mapping{Columns: map[string]string{"customer_id": "别的列"}}
	if changed.State() != definition.StateChanged {
		t.Error("changing the mapping after confirmation goes unnoticed")
	}

	// Next quarter: the same headers, another order; no mapping given but the definition's.
	next := userTable(t, t.TempDir(), 240, func(k int) int { return 239 - k })
	s, err := data.Open(data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := source.OpenMapped(ctx, s, []string{next}, widetable.DefaultRules(), *reloaded.Mapping); err != nil {
		t.Fatal(err)
	}
	sc, err := definitiondb.Score(ctx, s, reloaded)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for i, id := range seg.Input.Rows.IDs {
		want[id] = seg.Segments()[i]
	}
	clustered := 0
	for i, id := range sc.IDs {
		if !strings.HasPrefix(id, "A") {
			t.Fatalf("score not keyed by the customer id: %q", id)
		}
		if got, in := want[id]; in {
			clustered++
			if sc.Segments[i] != got {
				t.Errorf("customer %s: scored %d, fitted %d", id, sc.Segments[i], got)
			}
		} else if sc.Segments[i] != 0 {
			t.Errorf("customer %s outside the population scored %d", id, sc.Segments[i])
		}
	}
	if clustered != len(want) || clustered != 80 {
		t.Errorf("%d of the %d east customers scored", clustered, len(want))
	}
}
