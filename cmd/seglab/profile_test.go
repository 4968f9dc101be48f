package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

const profileWide = `customer_id,avg_monthly_bill,outages_12m,satisfaction,region,housing
0000000001,100,0,8,east,owner
0000000002,120,1,9,east,owner
0000000003,140,0,,west,renter
0000000004,160,1,7,east,owner
0000000005,200,3,5,west,renter
0000000006,220,2,6,central,renter
0000000007,240,4,,west,owner
0000000008,260,3,4,west,renter
`

const profileAssignments = `customer_id,segment,segment_name
0000000001,1,comfortable
0000000002,1,comfortable
0000000003,1,comfortable
0000000004,1,comfortable
0000000005,2,stressed
0000000006,2,stressed
0000000007,2,stressed
0000000008,2,stressed
`

func TestProfileCommand(t *testing.T) {
	wide := writeFile(t, "wide.csv", profileWide)
	assign := writeFile(t, "segments.csv", profileAssignments)
	status, out, errOut := runSeglab(t, "profile", "--input", wide, "--assignments", assign, "--json", "--min-answers", "2")
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	var got struct {
		NoteEN   string `json:"note_en"`
		Segments []struct {
			Segment       int    `json:"segment"`
			Name          string `json:"name"`
			DescriptionZH string `json:"description_zh"`
		} `json:"segments"`
		Numeric []struct {
			Column   string `json:"column"`
			Segments []struct {
				Mean    float64  `json:"mean"`
				StdDiff *float64 `json:"std_diff"`
			} `json:"segments"`
		} `json:"numeric"`
		SatisfactionOutage struct {
			Points []struct {
				Quadrant   string `json:"quadrant"`
				BestRegion string `json:"best_region"`
			} `json:"points"`
		} `json:"satisfaction_outage"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err, out)
	}
	if len(got.Segments) != 2 || got.Segments[1].Name != "stressed" || !strings.HasPrefix(got.Segments[1].DescriptionZH, "月均电费较高") {
		t.Errorf("segments %+v", got.Segments)
	}
	if got.Numeric[0].Column != "avg_monthly_bill" || got.Numeric[0].Segments[0].Mean != 130 || got.Numeric[0].Segments[0].StdDiff == nil {
		t.Errorf("numeric %+v", got.Numeric[0])
	}
	if p := got.SatisfactionOutage.Points; len(p) != 2 || p[1].Quadrant != "many_outages_unsatisfied" || p[1].BestRegion != "west" {
		t.Errorf("points %+v", p)
	}
	if !strings.Contains(got.NoteEN, "descriptive") {
		t.Errorf("note %q", got.NoteEN)
	}

	status, out, errOut = runSeglab(t, "profile", "--input", wide, "--assignments", assign)
	if status != 0 || !strings.Contains(out, "descriptive") || !strings.Contains(out, "few outages, satisfied") ||
		!strings.Contains(out, "停电多·不满意") || !strings.Contains(out, "130.00 (-0.91)") {
		t.Errorf("status %d, table output:\n%s%s", status, out, errOut)
	}
}

func TestProfileCommandBadInput(t *testing.T) {
	wide := writeFile(t, "wide.csv", profileWide)
	assign := writeFile(t, "segments.csv", profileAssignments)
	short := writeFile(t, "short.csv", strings.Join(strings.Split(profileAssignments, "\n")[:5], "\n")+"\n0000000099,2,x\n")
	renamed := writeFile(t, "renamed.csv", strings.Replace(profileAssignments, "customer_id", "户号", 1))
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"missing assignments file", []string{"--input", wide, "--assignments", filepath.Join(t.TempDir(), "none.csv")}, []string{"none.csv"}},
		{"unknown id column", []string{"--input", wide, "--assignments", assign, "--id", "户号"}, []string{"wide.csv", `column "户号"`, "--id"}},
		{"id column only in the table", []string{"--input", wide, "--assignments", renamed}, []string{"renamed.csv", `column "customer_id"`}},
		{"unmatched ids", []string{"--input", wide, "--assignments", short}, []string{"short.csv", "4 customers have no segment", `first "0000000005"`, "1 assignments match no customer", `"0000000099"`}},
		{"bad reference", []string{"--input", wide, "--assignments", assign, "--reference", "housing=castle"}, []string{"housing = castle", "no customers"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, _, errOut := runSeglab(t, append([]string{"profile"}, c.args...)...)
			if status != 1 {
				t.Errorf("status %d, want 1: %s", status, errOut)
			}
			for _, w := range c.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr %q lacks %q", errOut, w)
				}
			}
		})
	}
	if status, _, _ := runSeglab(t, "profile", "--input", wide); status != 2 {
		t.Errorf("missing --assignments: status %d, want 2", status)
	}
}

// --out FILE.xlsx writes the profile as a workbook: the same numbers as the JSON, one sheet
// per table; any other name is refused before work starts.
func TestProfileCommandWritesXLSX(t *testing.T) {
	wide := writeFile(t, "wide.csv", profileWide)
	assign := writeFile(t, "segments.csv", profileAssignments)
	out := filepath.Join(t.TempDir(), "画像.xlsx")
	status, _, errOut := runSeglab(t, "profile", "--input", wide, "--assignments", assign, "--min-answers", "2", "--out", out, "--lang", "zh")
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "segments,numeric,categorical" {
		t.Fatalf("sheets %s", got)
	}
	segs, _ := f.GetRows("segments")
	if len(segs) != 3 || segs[2][1] != "stressed" || !strings.HasPrefix(segs[2][4], "月均电费较高") {
		t.Errorf("segments sheet %v", segs)
	}
	num, _ := f.GetRows("numeric")
	found := false
	for _, r := range num {
		if r[0] == "avg_monthly_bill" && r[2] == "1" {
			found = r[4] == "130"
		}
	}
	if !found {
		t.Errorf("numeric sheet has no mean 130 for segment 1 of avg_monthly_bill: %v", num[:min(4, len(num))])
	}
	if status, _, _ := runSeglab(t, "profile", "--input", wide, "--assignments", assign, "--out", filepath.Join(t.TempDir(), "p.csv")); status != 2 {
		t.Errorf("--out p.csv: status %d, want 2", status)
	}
}
