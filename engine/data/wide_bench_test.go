package data

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// writeWideCSV writes a CSV of rows × cols cells (an id column, then numbers, whole numbers,
// region names and dates in turn), as a very wide raw export or survey would be.
func writeWideCSV(tb testing.TB, path string, rows, cols int) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString("customer_id")
	for j := range cols {
		fmt.Fprintf(w, ",c%d", j)
	}
	w.WriteString("\n")
	rng := rand.New(rand.NewPCG(16, uint64(cols)))
	regions := []string{"东部", "西部", "中部"}
	for i := range rows {
		fmt.Fprintf(w, "C%06d", i)
		for j := range cols {
			switch j % 4 {
			case 0:
				fmt.Fprintf(w, ",%.3f", 1000*rng.Float64())
			case 1:
				fmt.Fprintf(w, ",%d", rng.IntN(51))
			case 2:
				fmt.Fprintf(w, ",%s", regions[rng.IntN(3)])
			default:
				fmt.Fprintf(w, ",2024-%02d-%02d", 1+rng.IntN(12), 1+rng.IntN(28))
			}
		}
		w.WriteString("\n")
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	f.Close()
}

// BenchmarkWideLoad loads a 300-row CSV of 1,000 and of 5,000 columns: reading, type inference
// of every column and the typed table, which must stay linear in the columns.
func BenchmarkWideLoad(b *testing.B) {
	for _, cols := range []int{1000, 5000} {
		b.Run(fmt.Sprintf("cols=%d", cols), func(b *testing.B) {
			p := filepath.Join(b.TempDir(), "wide.csv")
			writeWideCSV(b, p, 300, cols)
			for b.Loop() {
				s := newSession(b)
				ts, err := s.Load(context.Background(), p)
				if err != nil {
					b.Fatal(err)
				}
				if len(ts[0].Columns) != cols+1 {
					b.Fatalf("%d columns loaded, want %d", len(ts[0].Columns), cols+1)
				}
				s.Close()
			}
		})
	}
}

// BenchmarkWideDescribe describes the loaded 300-row table of 1,000 columns.
func BenchmarkWideDescribe(b *testing.B) {
	p := filepath.Join(b.TempDir(), "wide.csv")
	writeWideCSV(b, p, 300, 1000)
	s := newSession(b)
	ts, err := s.Load(context.Background(), p)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		st, err := s.Describe(context.Background(), ts[0].Name)
		if err != nil {
			b.Fatal(err)
		}
		if len(st) != 1001 {
			b.Fatalf("%d columns described, want 1001", len(st))
		}
	}
}
