package sample

import (
	"testing"
	"time"
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

func TestPrintStats(t *testing.T) {
	start := time.Now()
	w := generateWorld(t, Options{Customers: 30000, Seed: 7})
	t.Logf("generated in %v", time.Since(start))
	st, outRatio := computeStats(t, w)
	t.Logf("outages per customer %.3f", outRatio)
	var resSat, resSurv, resN float64
	for _, seg := range append(segNames(residential), segNames(business)...) {
		s := st[seg]
		n := float64(s.customers)
		t.Logf("%-22s n=%5d kwh/bill=%8.1f winter/summer=%.2f out=%.2f tk=%.2f cmp=%.2f sat=%.2f surv=%.2f late=%.3f unpaid=%.3f reg=%.2f/%.2f/%.2f own=%.2f gas=%.2f old=%.2f low=%.2f",
			seg, s.customers, s.kwh/s.bills, s.winterKWh/s.summerKWh*2/3, s.outages/n, s.tickets/n, s.complaints/n, s.satisfaction/float64(s.surveyed), float64(s.surveyed)/n,
			s.late/s.bills, s.unpaid/s.bills, s.region[0]/n, s.region[1]/n, s.region[2]/n, s.owners/n, s.gasHeat/s.heatN, s.elderly/n, s.lowIncome/n)
		for _, p := range residential {
			if p.name == seg {
				resSat += s.satisfaction
				resSurv += float64(s.surveyed)
				resN += n
			}
		}
	}
	t.Logf("residential satisfaction %.3f, coverage %.3f", resSat/resSurv, resSurv/resN)
}

func segNames(ps []*profile) []string {
	var s []string
	for _, p := range ps {
		s = append(s, p.name)
	}
	return s
}
