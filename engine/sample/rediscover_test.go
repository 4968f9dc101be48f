package sample

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const peer = "/work/shared/peers/sklearn_kmeans.py"

// requirePeer skips when the scikit-learn peer is missing, except under CI, where it fails.
func requirePeer(t *testing.T) {
	t.Helper()
	err := exec.Command("/usr/bin/python3", "-c", "import sklearn, scipy, pandas").Run()
	if _, statErr := os.Stat(peer); statErr != nil || err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the scikit-learn peer %s is not usable under CI: %v %v", peer, statErr, err)
		}
		t.Skipf("scikit-learn peer not usable: %v %v", statErr, err)
	}
}

// TestKMeansRediscoversPlantedSegments builds a small per-customer table of the residential
// customers from the exports, clusters it with scikit-learn's k-means (k = 6) and checks that
// the clusters agree with the planted segments clearly better than chance, but not perfectly:
// the segments are meant to be recoverable and noisy.
func TestKMeansRediscoversPlantedSegments(t *testing.T) {
	requirePeer(t)
	w := generateWorld(t, Options{Customers: 7000, Seed: 5})
	type feat struct {
		kwh, bills, late, outages, tickets, complaints, cash, payments float64
		owner, east, west, gas, elderly, lowIncome, household, tenure  float64
		row                                                            int
	}
	feats := map[string]*feat{}
	var ids []string
	for _, r := range w.data("customers.csv") {
		if r[1] != "居民生活" {
			continue
		}
		f := &feat{row: len(ids)}
		ids = append(ids, r[0])
		feats[r[0]] = f
		f.owner = b2f(r[7] == "自有")
		f.east = b2f(r[2] == "东部")
		f.west = b2f(r[2] == "西部")
		f.gas = b2f(r[8] == "燃气")
		f.elderly = b2f(r[9] == "老年")
		f.lowIncome = b2f(r[9] == "低保")
		f.household = 2.5
		if r[10] != "" {
			f.household = num(t, r[10])
		}
		y, _ := strconv.Atoi(r[6][:4])
		f.tenure = math.Log(float64(2026 - y))
	}
	due := map[[2]string]string{}
	for _, r := range w.data("billing.csv") {
		if f := feats[r[0]]; f != nil {
			f.kwh += num(t, r[2])
			f.bills++
			due[[2]string{r[0], r[1]}] = r[5]
		}
	}
	for _, r := range w.data("payments.csv") {
		if f := feats[r[0]]; f != nil {
			f.payments++
			if r[2] > due[[2]string{r[0], r[1]}] {
				f.late++
			}
			if r[4] == "营业厅" || r[4] == "社会代收点" || r[4] == "临时收费点" || r[4] == "走收" || r[4] == "合作营业厅" {
				f.cash++
			}
		}
	}
	for _, r := range w.data("outages.csv") {
		if f := feats[r[1]]; f != nil {
			f.outages++
		}
	}
	for _, r := range w.data("tickets.csv") {
		if f := feats[r[1]]; f != nil {
			f.tickets++
			f.complaints += b2f(r[3] == "投诉")
		}
	}

	dims := []string{"log_kwh", "late", "unpaid", "outages", "tickets", "complaints", "cash", "owner", "east", "west", "gas", "elderly", "low_income", "household", "log_tenure"}
	table := filepath.Join(t.TempDir(), "residential.csv")
	file, err := os.Create(table)
	if err != nil {
		t.Fatal(err)
	}
	cw := csv.NewWriter(file)
	cw.Write(dims)
	planted := make([]string, len(ids))
	for i, id := range ids {
		f := feats[id]
		planted[i] = w.planted[id]
		pays := math.Max(f.payments, 1)
		row := []float64{math.Log1p(f.kwh / math.Max(f.bills, 1)), f.late / pays, (f.bills - f.payments) / math.Max(f.bills, 1),
			math.Log1p(f.outages), math.Log1p(f.tickets), f.complaints, f.cash / pays, f.owner, f.east, f.west, f.gas,
			f.elderly, f.lowIncome, f.household, f.tenure}
		rec := make([]string, len(row))
		for j, v := range row {
			rec[j] = strconv.FormatFloat(v, 'g', -1, 64)
		}
		cw.Write(rec)
	}
	cw.Flush()
	if err := file.Close(); err != nil || cw.Error() != nil {
		t.Fatal(err, cw.Error())
	}
	labels := filepath.Join(t.TempDir(), "labels.txt")
	out, err := exec.Command("/usr/bin/python3", peer, "fit", table, "--dims", strings.Join(dims, ","), "--k", "6",
		"--seed", "0", "--n-init", "10", "--labels-out", labels).Output()
	if err != nil {
		t.Fatalf("peer: %v", err)
	}
	var res struct{ Sizes []int }
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("peer output %q: %v", out, err)
	}
	raw, err := os.ReadFile(labels)
	if err != nil {
		t.Fatal(err)
	}
	found := strings.Fields(string(raw))
	if len(found) != len(planted) {
		t.Fatalf("%d labels for %d customers", len(found), len(planted))
	}
	ari := adjustedRandIndex(planted, found)
	t.Logf("k-means on %d residential customers: cluster sizes %v, ARI with the planted segments %.3f", len(ids), res.Sizes, ari)
	if ari < 0.4 || ari > 0.95 {
		t.Errorf("ARI %.3f, want the planted segments recoverable (≥ 0.4) but not trivially separable (≤ 0.95)", ari)
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// adjustedRandIndex is the Hubert–Arabie adjusted Rand index of two labelings.
func adjustedRandIndex(a, b []string) float64 {
	pairs := func(n float64) float64 { return n * (n - 1) / 2 }
	cell := map[[2]string]float64{}
	ra, rb := map[string]float64{}, map[string]float64{}
	for i := range a {
		cell[[2]string{a[i], b[i]}]++
		ra[a[i]]++
		rb[b[i]]++
	}
	var index, sa, sb float64
	for _, n := range cell {
		index += pairs(n)
	}
	for _, n := range ra {
		sa += pairs(n)
	}
	for _, n := range rb {
		sb += pairs(n)
	}
	expected := sa * sb / pairs(float64(len(a)))
	return (index - expected) / ((sa+sb)/2 - expected)
}

func TestAdjustedRandIndex(t *testing.T) {
	// Reference values from sklearn.metrics.adjusted_rand_score.
	cases := []struct {
		a, b []string
		want float64
	}{
		{[]string{"x", "x", "y", "y"}, []string{"1", "1", "2", "2"}, 1},
		{[]string{"x", "x", "y", "y"}, []string{"1", "2", "1", "2"}, -0.5},
		{[]string{"a", "a", "a", "b", "b", "b"}, []string{"1", "1", "2", "2", "3", "3"}, 0.24242424242424243},
	}
	for _, c := range cases {
		if got := adjustedRandIndex(c.a, c.b); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("ARI(%v, %v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
