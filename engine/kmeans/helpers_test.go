package kmeans

import (
	"bufio"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/benchdata"
)

// ari returns the adjusted Rand index of two labelings of the same items (Hubert & Arabie):
// (Σᵢⱼ C(nᵢⱼ,2) − E) / (½(Σᵢ C(aᵢ,2) + Σⱼ C(bⱼ,2)) − E), E = Σᵢ C(aᵢ,2)·Σⱼ C(bⱼ,2) / C(n,2).
func ari(a, b []int) float64 {
	if len(a) != len(b) {
		panic("ari: label slices differ in length")
	}
	type pair struct{ a, b int }
	cells := map[pair]float64{}
	rows, cols := map[int]float64{}, map[int]float64{}
	for i := range a {
		cells[pair{a[i], b[i]}]++
		rows[a[i]]++
		cols[b[i]]++
	}
	c2 := func(v float64) float64 { return v * (v - 1) / 2 }
	var sumCells, sumRows, sumCols float64
	for _, v := range cells {
		sumCells += c2(v)
	}
	for _, v := range rows {
		sumRows += c2(v)
	}
	for _, v := range cols {
		sumCols += c2(v)
	}
	expected := sumRows * sumCols / c2(float64(len(a)))
	maxIndex := (sumRows + sumCols) / 2
	if maxIndex == expected {
		return 1
	}
	return (sumCells - expected) / (maxIndex - expected)
}

func TestARIKnownValues(t *testing.T) {
	// Values from sklearn.metrics.adjusted_rand_score.
	for _, tc := range []struct {
		a, b []int
		want float64
	}{
		{[]int{0, 0, 1, 1}, []int{1, 1, 0, 0}, 1},
		{[]int{0, 0, 1, 2}, []int{0, 0, 1, 1}, 0.5714285714285715},
		{[]int{0, 0, 0, 0}, []int{0, 1, 2, 3}, 0},
		{[]int{0, 0, 1, 1}, []int{0, 1, 0, 1}, -0.5},
	} {
		if got := ari(tc.a, tc.b); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("ari(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// sharedDir is the folder of shared fixtures and peers, ../../../shared from this package.
func sharedDir() string { return filepath.Join("..", "..", "..", "shared") }

// readMatrix reads a whitespace-separated numeric file into a row-major matrix.
func readMatrix(t *testing.T, path string) (x []float64, n, d int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		if d == 0 {
			d = len(fields)
		} else if len(fields) != d {
			t.Fatalf("%s line %d: %d fields, want %d", path, n+1, len(fields), d)
		}
		for _, s := range fields {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("%s line %d: %v", path, n+1, err)
			}
			x = append(x, v)
		}
		n++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return x, n, d
}

// writeCSV writes x as a CSV with header x0,…,x(d-1), values formatted to round-trip exactly,
// and returns the header's column list.
func writeCSV(t testing.TB, path string, x []float64, n, d int) string {
	t.Helper()
	names := benchdata.ColumnNames(d)
	if err := benchdata.WriteCSV(path, x, n, names); err != nil {
		t.Fatal(err)
	}
	return strings.Join(names, ",")
}

// peerPath returns the scikit-learn peer script, skipping the test if it is missing — or
// failing it when the CI environment variable is set.
func peerPath(t *testing.T) string {
	t.Helper()
	p := filepath.Join(sharedDir(), "peers", "sklearn_kmeans.py")
	if _, err := os.Stat(p); err == nil {
		if _, err := os.Stat("/usr/bin/python3"); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("the scikit-learn peer %s (run with /usr/bin/python3) is required under CI", p)
	}
	t.Skipf("scikit-learn peer %s not available", p)
	return ""
}
