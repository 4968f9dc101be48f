package benchdata

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// moments returns the mean, population standard deviation and skewness of column t.
func moments(x []float64, n, d, t int) (mean, sd, skew float64) {
	for i := range n {
		mean += x[i*d+t]
	}
	mean /= float64(n)
	var m2, m3 float64
	for i := range n {
		v := x[i*d+t] - mean
		m2 += v * v
		m3 += v * v * v
	}
	m2 /= float64(n)
	m3 /= float64(n)
	return mean, math.Sqrt(m2), m3 / math.Pow(m2, 1.5)
}

func TestCustomersAreZScoredSkewedAndDeterministic(t *testing.T) {
	const n = 50000
	d := len(CustomerColumns)
	x := Customers(n, 7)
	if len(x) != n*d {
		t.Fatalf("%d values, want %d", len(x), n*d)
	}
	for j, name := range CustomerColumns {
		mean, sd, skew := moments(x, n, d, j)
		if math.Abs(mean) > 1e-9 || math.Abs(sd-1) > 1e-9 {
			t.Errorf("%s: mean %v, sd %v; want z-scores", name, mean, sd)
		}
		t.Logf("%s: skewness %.2f", name, skew)
	}
	// Log-normal kWh and bills and Poisson counts are right-skewed, as in real exports.
	for _, j := range []int{0, 2, 3, 4, 5, 6} {
		if _, _, skew := moments(x, n, d, j); skew < 0.5 {
			t.Errorf("%s: skewness %.2f, want a long right tail", CustomerColumns[j], skew)
		}
	}
	// Counts take few distinct values.
	if distinct := len(slices.Compact(slices.Sorted(slices.Values(column(x, d, 3))))); distinct > 20 {
		t.Errorf("outages take %d distinct values, want a count's handful", distinct)
	}
	if !slices.Equal(x, Customers(n, 7)) {
		t.Error("the same seed gave different data")
	}
	if slices.Equal(x, Customers(n, 8)) {
		t.Error("another seed gave the same data")
	}
}

func column(x []float64, d, t int) []float64 {
	out := make([]float64, 0, len(x)/d)
	for i := t; i < len(x); i += d {
		out = append(out, x[i])
	}
	return out
}

func TestWriteCSVRoundTrips(t *testing.T) {
	const n = 100
	x := Customers(n, 1)
	path := filepath.Join(t.TempDir(), "c.csv")
	if err := WriteCSV(path, x, n, CustomerColumns); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) != n+1 || lines[0] != strings.Join(CustomerColumns, ",") {
		t.Fatalf("%d lines, header %q", len(lines), lines[0])
	}
	var got []float64
	for _, l := range lines[1:] {
		for _, f := range strings.Split(l, ",") {
			v, err := strconv.ParseFloat(f, 64)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, v)
		}
	}
	if !slices.Equal(got, x) {
		t.Error("the CSV does not read back bit-identical")
	}
	if err := WriteCSV(path, x[:5], n, CustomerColumns); err == nil {
		t.Error("a short matrix was written")
	}
}
