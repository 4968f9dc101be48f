package kmeans

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/seglab/seglab/engine/benchdata"
)

// The benchmark data, 1,000,000 rows each, generated deterministically by package benchdata:
// blobs (10 columns from a 6-component Gaussian mixture, unscaled: easy, few iterations) and
// customers (9 skewed, overlapping, z-scored columns shaped like a residential wide table:
// tens of iterations, like real exports).
const (
	benchRows, benchDims, benchK = 1_000_000, 10, 6
	benchSeed                    = 2024
	blobsCSVEnv                  = "SEGLAB_WRITE_BENCH_CSV"
	customersCSVEnv              = "SEGLAB_WRITE_CUSTOMERS_CSV"
	// benchSeedEnv, if set, is the seed of the benchmark fits (default 0), so that a
	// benchmark script can compare the inertia reached with several seeds.
	benchSeedEnv = "SEGLAB_BENCH_SEED"
)

func benchBlobs() []float64 { return benchdata.Blobs(benchRows, benchDims, benchK, benchSeed) }

func benchCustomers() []float64 { return benchdata.Customers(benchRows, benchSeed) }

// TestWriteBenchCSV writes the benchmark data to the files named by $SEGLAB_WRITE_BENCH_CSV
// (blobs, columns x0…x9) and $SEGLAB_WRITE_CUSTOMERS_CSV (customers, columns named by
// benchdata.CustomerColumns), so that scikit-learn can be timed on exactly the same rows:
//
//	/usr/bin/python3 ../shared/peers/sklearn_kmeans.py fit /tmp/bench1m.csv \
//	    --dims x0,x1,x2,x3,x4,x5,x6,x7,x8,x9 --k 6 --scale none --n-init 10 --no-quality
func TestWriteBenchCSV(t *testing.T) {
	blobs, customers := os.Getenv(blobsCSVEnv), os.Getenv(customersCSVEnv)
	if blobs == "" && customers == "" {
		t.Skipf("set %s or %s to a file name to write the benchmark data", blobsCSVEnv, customersCSVEnv)
	}
	if blobs != "" {
		if err := benchdata.WriteCSV(blobs, benchBlobs(), benchRows, benchdata.ColumnNames(benchDims)); err != nil {
			t.Fatal(err)
		}
	}
	if customers != "" {
		if err := benchdata.WriteCSV(customers, benchCustomers(), benchRows, benchdata.CustomerColumns); err != nil {
			t.Fatal(err)
		}
	}
}

func benchmarkFit(b *testing.B, x []float64, d, nInit int) {
	var seed uint64
	if s := os.Getenv(benchSeedEnv); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			b.Fatalf("%s=%q: %v", benchSeedEnv, s, err)
		}
	}
	b.SetBytes(int64(8 * len(x)))
	b.ReportAllocs()
	var res *Result
	iters := 0 // Lloyd iterations of every restart of every fit
	count := func(p Progress) {
		if p.Done {
			iters += p.Iteration
		}
	}
	cpu0, cpuKnown := processCPU()
	start := time.Now()
	for b.Loop() {
		var err error
		res, err = Fit(context.Background(), x, benchRows, d, Options{K: benchK, NInit: nInit, Seed: seed, Progress: count})
		if err != nil {
			b.Fatal(err)
		}
	}
	// Wall time per Lloyd iteration, over all restarts, seeding included.
	b.ReportMetric(float64(time.Since(start).Milliseconds())/float64(iters), "ms/iter")
	// CPU seconds per fit, over all threads: less sensitive than wall time to other
	// processes competing for the cores.
	if cpu1, ok := processCPU(); ok && cpuKnown {
		b.ReportMetric((cpu1-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	}
	b.ReportMetric(float64(res.Iterations), "iters")
	b.ReportMetric(res.Inertia, "inertia")
}

// BenchmarkFit fits k = 6 with 3 restarts on the two kinds of benchmark data; customers is
// the yardstick of realistic data. Only the data of the sub-benchmark run are generated, so
// that the process's peak memory is that of one data set.
func BenchmarkFit(b *testing.B) {
	b.Run("customers-1Mx9-k6-ninit3", func(b *testing.B) {
		benchmarkFit(b, benchCustomers(), len(benchdata.CustomerColumns), 3)
	})
	b.Run("blobs-1Mx10-k6-ninit3", func(b *testing.B) { benchmarkFit(b, benchBlobs(), benchDims, 3) })
	b.Run("blobs-1Mx10-k6-ninit10", func(b *testing.B) { benchmarkFit(b, benchBlobs(), benchDims, 10) })
}

func BenchmarkAssign1Mx10K6(b *testing.B) {
	x := benchBlobs()
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
