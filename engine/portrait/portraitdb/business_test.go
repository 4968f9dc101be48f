package portraitdb

import (
	"context"
	"testing"

	"github.com/seglab/seglab/engine/portrait"
)

// businessWide: B1 high-end on voltage (35 kV), B2 on capacity (5,000 kVA), B3 mid on
// voltage, B4 mid on capacity (315 kVA), B5 ordinary just below, B6 ordinary with nothing
// known; R1 residential is left out.
const businessWide = `CREATE TABLE wide AS SELECT * FROM (VALUES
	('B1', 'business', '大工业', 'C3130', 'C', 35.0, 100.0, 1000.0, 100.0, 0.0, 95, 'A'),
	('B2', 'business', '大工业', 'C3311', 'C', 0.38, 5000.0, 3000.0, 300.0, 50.0, 65, 'D'),
	('B3', 'business', '一般工商业', 'F5212', 'F', 10.0, 50.0, 200.0, 20.0, 0.0, 85, 'B'),
	('B4', 'business', '一般工商业', 'F5211', 'F', 0.38, 315.0, 400.0, 40.0, 10.0, 55, 'E'),
	('B5', 'business', '一般工商业', 'T9100', 'T', 0.38, 314.9, 50.0, 5.0, 0.0, 75, 'C'),
	('B6', 'business', '农业生产', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	('R1', 'residential', '居民生活', NULL, NULL, 0.22, 6.0, 9.0, 9.0, 9.0, 100, 'A')
) t(customer_id, customer_type, customer_class, industry_code, industry_section, voltage_kv, contract_capacity_kva,
    annual_kwh, avg_monthly_bill, arrears_over_60d, credit_score, credit_grade)`

func TestBusinessHandComputed(t *testing.T) {
	db := openDB(t, businessWide)
	res, err := Business(context.Background(), db, portrait.DefaultTierRules())
	if err != nil {
		t.Fatal(err)
	}
	if res.All.Customers != 6 || res.All.KWh != 4650 || res.All.InArrears != 2 || res.All.Grades != [6]int{1, 1, 1, 1, 1, 1} {
		t.Errorf("all: %+v", res.All)
	}
	wantTier := map[string]struct {
		n        int
		kwh      float64
		arrears  float64
		credit   float64
		gradeA   int
		inArrear int
	}{
		"high_end": {2, 4000, 50, 80, 1, 1},
		"mid":      {2, 600, 10, 70, 0, 1},
		"ordinary": {2, 50, 0, 75, 0, 0},
	}
	if len(res.ByTier) != 3 {
		t.Fatalf("tiers %+v", res.ByTier)
	}
	for _, g := range res.ByTier {
		w := wantTier[g.Tier]
		if g.Customers != w.n || g.KWh != w.kwh || g.Arrears != w.arrears || !near(g.MeanCredit, w.credit) || g.Grades[0] != w.gradeA || g.InArrears != w.inArrear {
			t.Errorf("tier %s: %+v, want %+v", g.Tier, g, w)
		}
	}
	sections := map[string]portrait.BusinessGroup{}
	for _, g := range res.BySection {
		sections[g.Section] = g
	}
	if g := sections["T"]; g.Customers != 1 || g.SectionZH != "国际组织" || g.SectionEN != "International organisations" {
		t.Errorf("section T: %+v", g)
	}
	if g := sections["C"]; g.Customers != 2 || g.SectionZH != "制造业" || !near(g.MeanMonthlyBill, 200) {
		t.Errorf("section C: %+v", g)
	}
	if g := sections[""]; g.Customers != 1 || g.Grades[5] != 1 {
		t.Errorf("no section: %+v", g)
	}
	cross := 0
	for _, g := range res.TierSection {
		if g.Tier == "mid" && g.Section == "F" {
			cross = g.Customers
		}
	}
	if cross != 2 {
		t.Errorf("mid × F: %d", cross)
	}

	// Lower the mid capacity: B5 becomes mid.
	rules := portrait.DefaultTierRules()
	rules.MidKVA = 300
	res, err = Business(context.Background(), db, rules)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range res.ByTier {
		if g.Tier == "mid" && g.Customers != 3 {
			t.Errorf("mid with 300 kVA: %d", g.Customers)
		}
	}
	rules.MidKV = 50
	if _, err := Business(context.Background(), db, rules); err == nil {
		t.Error("mid voltage above high accepted")
	}
}
