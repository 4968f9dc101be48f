package kmeans

import (
	"context"
	"os"
	"testing"
)

// The benchmark data: 1,000,000 rows × 10 columns from a fixed 6-component Gaussian mixture.
const (
	benchRows, benchDims, benchK = 1_000_000, 10, 6
	benchSeed                    = 2024
	benchCSVEnv                  = "SEGLAB_WRITE_BENCH_CSV"
)

// TestWriteBenchCSV writes the benchmark data to the file named by $SEGLAB_WRITE_BENCH_CSV
// (e.g. /tmp/bench1m.csv), so that scikit-learn can be timed on exactly the same rows:
//
//	/usr/bin/python3 ../shared/peers/sklearn_kmeans.py fit /tmp/bench1m.csv \
//	    --dims x0,x1,x2,x3,x4,x5,x6,x7,x8,x9 --k 6 --scale none --n-init 10 --no-quality
func TestWriteBenchCSV(t *testing.T) {
	path := os.Getenv(benchCSVEnv)
	if path == "" {
		t.Skipf("set %s to a file name to write the benchmark data", benchCSVEnv)
	}
	x := mixture(benchRows, benchDims, benchK, benchSeed)
	writeCSV(t, path, x, benchRows, benchDims)
}

func benchmarkFit(b *testing.B, nInit int) {
	x := mixture(benchRows, benchDims, benchK, benchSeed)
	b.SetBytes(int64(8 * len(x)))
	b.ReportAllocs()
	var res *Result
	cpu0, cpuKnown := processCPU()
	for b.Loop() {
		var err error
		res, err = Fit(context.Background(), x, benchRows, benchDims, Options{K: benchK, NInit: nInit})
		if err != nil {
			b.Fatal(err)
		}
	}
	// CPU seconds per fit, over all threads: less sensitive than wall time to other
	// processes competing for the cores.
	if cpu1, ok := processCPU(); ok && cpuKnown {
		b.ReportMetric((cpu1-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	}
	b.ReportMetric(float64(res.Iterations), "iters")
	b.ReportMetric(res.Inertia, "inertia")
}

func BenchmarkFit1Mx10K6NInit10(b *testing.B) { benchmarkFit(b, 10) }
func BenchmarkFit1Mx10K6NInit1(b *testing.B)  { benchmarkFit(b, 1) }

func BenchmarkAssign1Mx10K6(b *testing.B) {
	x := mixture(benchRows, benchDims, benchK, benchSeed)
	res, err := Fit(context.Background(), x, benchRows, benchDims, Options{K: benchK, NInit: 1})
	if err != nil {
		b.Fatal(err)
	}
	dst := make([]int32, benchRows)
	b.SetBytes(int64(8 * len(x)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Assign(x, benchRows, benchDims, res.Centroids, benchK, dst); err != nil {
			b.Fatal(err)
		}
	}
}
