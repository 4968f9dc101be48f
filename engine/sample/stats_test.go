package sample

import (
	"math"
	"testing"
)

// segmentStats aggregates the exports by planted segment.
type segmentStats struct {
	customers, surveyed    int
	kwh, bills             float64
	winterKWh, summerKWh   float64
	outages, tickets       float64
	complaints             float64
	satisfaction           float64
	late, unpaid           float64 // bills paid after the due date, bills with no payment
	region                 [3]float64
	owners, gasHeat, heatN float64
	elderly, lowIncome     float64
}

func computeStats(t testing.TB, w *world) (map[string]*segmentStats, float64) {
	t.Helper()
	st := map[string]*segmentStats{}
	get := func(id string) *segmentStats {
		seg, ok := w.planted[id]
		if !ok {
			t.Fatalf("customer %s has no planted segment", id)
		}
		if st[seg] == nil {
			st[seg] = &segmentStats{}
		}
		return st[seg]
	}
	for _, r := range w.data("customers.csv") {
		s := get(r[0])
		s.customers++
		for i, name := range regionNames {
			if r[2] == name {
				s.region[i]++
			}
		}
		if r[7] == "自有" {
			s.owners++
		}
		if r[8] != "" {
			s.heatN++
			if r[8] == "燃气" {
				s.gasHeat++
			}
		}
		switch r[9] {
		case "老年":
			s.elderly++
		case "低保":
			s.lowIncome++
		}
	}
	type bill struct {
		due  string
		paid bool
	}
	bills := map[[2]string]*bill{}
	for _, r := range w.data("billing.csv") {
		s := get(r[0])
		k := num(t, r[2])
		s.kwh += k
		s.bills++
		switch r[1][5:] {
		case "01", "02", "12":
			s.winterKWh += k
		case "07", "08":
			s.summerKWh += k
		}
		bills[[2]string{r[0], r[1]}] = &bill{due: r[5]}
	}
	for _, r := range w.data("payments.csv") {
		b := bills[[2]string{r[0], r[1]}]
		if b == nil {
			t.Fatalf("payment for a bill that does not exist: %v", r)
		}
		if !b.paid {
			b.paid = true
			if r[2] > b.due {
				get(r[0]).late++
			}
		}
	}
	for k, b := range bills {
		if !b.paid {
			get(k[0]).unpaid++
		}
	}
	for _, r := range w.data("outages.csv") {
		get(r[1]).outages++
	}
	for _, r := range w.data("tickets.csv") {
		s := get(r[1])
		s.tickets++
		if r[3] == "投诉" {
			s.complaints++
		}
	}
	for _, r := range w.data("survey.csv") {
		s := get(r[0])
		s.surveyed++
		s.satisfaction += num(t, r[2])
	}
	return st, float64(len(w.data("outages.csv"))) / float64(len(w.data("customers.csv")))
}

// TestPlantedStructure checks the planted shares, the residential averages of DOMAIN.md and
// each segment's traits, all computed from the files read back.
func TestPlantedStructure(t *testing.T) {
	const n = 30000
	w := generateWorld(t, Options{Customers: n, Seed: 7})
	st, outageRatio := computeStats(t, w)
	for _, seg := range append(segNames(residential), segNames(business)...) {
		if st[seg] == nil {
			t.Fatalf("no customer of planted segment %s", seg)
		}
	}

	var res, surveyed, satSum float64
	for _, p := range residential {
		s := st[p.name]
		res += float64(s.customers)
		surveyed += float64(s.surveyed)
		satSum += s.satisfaction
	}
	within := func(what string, got, want, tol float64) {
		t.Helper()
		if math.Abs(got-want) > tol {
			t.Errorf("%s = %.3f, want %.3f ± %.3f", what, got, want, tol)
		}
	}
	within("residential share", res/n, 0.90, 0.01)
	for _, p := range residential {
		within(p.name+" share of residential", float64(st[p.name].customers)/res, p.share, 0.015)
	}
	within("outage rows per customer", outageRatio, 1.9, 0.1)
	within("residential satisfaction", satSum/surveyed, 7.5, 0.1)
	within("survey coverage of residential", surveyed/res, 1.0/3, 0.02)

	per := func(seg string, v func(*segmentStats) float64) float64 { return v(st[seg]) }
	perCustomer := func(f func(*segmentStats) float64) func(*segmentStats) float64 {
		return func(s *segmentStats) float64 { return f(s) / float64(s.customers) }
	}
	kwh := func(s *segmentStats) float64 { return s.kwh / s.bills }
	outages := perCustomer(func(s *segmentStats) float64 { return s.outages })
	tickets := perCustomer(func(s *segmentStats) float64 { return s.tickets })
	complaints := perCustomer(func(s *segmentStats) float64 { return s.complaints })
	sat := func(s *segmentStats) float64 { return s.satisfaction / float64(s.surveyed) }
	late := func(s *segmentStats) float64 { return (s.late + s.unpaid) / s.bills }
	owners := perCustomer(func(s *segmentStats) float64 { return s.owners })
	elderly := perCustomer(func(s *segmentStats) float64 { return s.elderly })
	lowIncome := perCustomer(func(s *segmentStats) float64 { return s.lowIncome })
	region := func(r int) func(*segmentStats) float64 {
		return perCustomer(func(s *segmentStats) float64 { return s.region[r] })
	}
	winterToSummer := func(s *segmentStats) float64 { return s.winterKWh / s.summerKWh }

	// extreme checks that seg has the largest (or, with lowest, the smallest) value of v
	// among the residential segments.
	extreme := func(what, seg string, v func(*segmentStats) float64, lowest bool) {
		t.Helper()
		for _, p := range residential {
			if p.name == seg {
				continue
			}
			a, b := per(seg, v), per(p.name, v)
			if lowest && a >= b || !lowest && a <= b {
				t.Errorf("%s: %s has %.3f, %s has %.3f; want %s the %s", what, seg, a, p.name, b, seg, map[bool]string{true: "lowest", false: "highest"}[lowest])
			}
		}
	}
	extreme("mean kWh", Affluent, kwh, false)
	extreme("mean kWh", BasicService, kwh, true)
	extreme("outages per customer", Engaged, outages, false)
	extreme("outages per customer", BasicService, outages, true)
	extreme("tickets per customer", Engaged, tickets, false)
	extreme("tickets per customer", BasicService, tickets, true)
	extreme("complaints per customer", GasHeating, complaints, false)
	extreme("satisfaction", GasHeating, sat, true)
	extreme("satisfaction", Comfortable, sat, false)
	extreme("late or unpaid bills", FinanciallyStressed, late, false)
	extreme("winter / summer kWh", GasHeating, winterToSummer, true)
	extreme("owners", Comfortable, owners, false)
	extreme("elderly", Comfortable, elderly, false)
	extreme("low income (低保)", FinanciallyStressed, lowIncome, false)
	if got := per(Affluent, complaints); got <= per(Comfortable, complaints) {
		t.Errorf("affluent complaints %.3f not above comfortable ones", got)
	}
	if g := st[GasHeating]; g.gasHeat/g.heatN < 0.8 {
		t.Errorf("gas-heating customers heat with gas in %.2f of cases, want ≥ 0.8", g.gasHeat/g.heatN)
	}
	majority := map[string]int{BasicService: west, Affluent: east, Engaged: central, GasHeating: east, FinanciallyStressed: west}
	for seg, r := range majority {
		if got := per(seg, region(r)); got < 0.55 {
			t.Errorf("%s: %.2f in %s, want most", seg, got, regionNames[r])
		}
	}
	if r, b := kwh(st[BusinessCommercial]), kwh(st[Affluent]); r < 10*b {
		t.Errorf("business-commercial mean kWh %.0f is not much larger than affluent %.0f", r, b)
	}
	if kwh(st[BusinessIndustrial]) <= kwh(st[BusinessCommercial]) {
		t.Error("大工业 customers do not use more than 一般工商业 ones")
	}
	if t.Failed() || testing.Verbose() {
		for _, seg := range append(segNames(residential), segNames(business)...) {
			s := st[seg]
			t.Logf("%-22s n=%5d kWh=%9.1f out=%.2f tickets=%.2f complaints=%.2f sat=%.2f late=%.3f",
				seg, s.customers, kwh(s), outages(s), tickets(s), complaints(s), sat(s), late(s))
		}
	}
}

func segNames(ps []*profile) []string {
	var s []string
	for _, p := range ps {
		s = append(s, p.name)
	}
	return s
}
