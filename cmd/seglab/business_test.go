package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// B1 high-end on voltage (35 kV), B2 on capacity (5,000 kVA), B3 mid on voltage (10 kV), B4
// mid on capacity (315 kVA), B5 ordinary just below; R1 residential is left out.
const businessWideCSV = `customer_id,customer_type,customer_class,industry_code,industry_section,voltage_kv,contract_capacity_kva,annual_kwh,avg_monthly_bill,arrears_over_60d,credit_score,credit_grade
B1,business,大工业,C3130,C,35,100,1000,100,0,95,A
B2,business,大工业,C3311,C,0.38,5000,3000,300,50,65,D
B3,business,一般工商业,F5212,F,10,50,200,20,0,85,B
B4,business,一般工商业,F5211,F,0.38,315,400,40,10,55,E
B5,business,一般工商业,T9100,T,0.38,314.9,50,5,0,75,C
R1,residential,居民生活,,,0.22,6,9,9,9,100,A
`

func TestBusinessCommand(t *testing.T) {
	wide := writeFile(t, "wide.csv", businessWideCSV)
	status, stdout, stderr := runSeglab(t, "business", "--input", wide, "--json")
	if status != 0 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	var got struct {
		All struct {
			Customers int
		} `json:"all"`
		ByTier []struct {
			Tier      string  `json:"tier"`
			Customers int     `json:"customers"`
			KWh       float64 `json:"kwh"`
		} `json:"by_tier"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err, stdout)
	}
	want := map[string][2]float64{"high_end": {2, 4000}, "mid": {2, 600}, "ordinary": {1, 50}}
	if got.All.Customers != 5 || len(got.ByTier) != 3 {
		t.Fatalf("%+v", got)
	}
	for _, g := range got.ByTier {
		if w := want[g.Tier]; float64(g.Customers) != w[0] || g.KWh != w[1] {
			t.Errorf("tier %s: %+v, want %v", g.Tier, g, w)
		}
	}

	status, stdout, _ = runSeglab(t, "business", "--input", wide, "--mid-kva", "300")
	if status != 0 || !strings.Contains(stdout, "国际组织") || !strings.Contains(stdout, "mid       中端          3") {
		t.Errorf("table output (status %d):\n%s", status, stdout)
	}

	residential := writeFile(t, "res.csv", strings.SplitN(businessWideCSV, "\n", 2)[0]+"\n"+strings.Split(businessWideCSV, "\n")[6]+"\n")
	status, _, stderr = runSeglab(t, "business", "--input", residential)
	if status != 1 || !strings.Contains(stderr, "no business customers") {
		t.Errorf("no business customers: status %d, %q", status, stderr)
	}
	if status, _, _ = runSeglab(t, "business", "--input", wide, "--mid-kv", "50"); status != 2 {
		t.Errorf("mid above high: status %d, want 2", status)
	}
}
