package engineadapter

import (
	"context"
	"errors"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/seglab/seglab/engine/sample"
	"github.com/seglab/seglab/engine/workspace"
	"github.com/seglab/seglab/queries"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/task"
)

// workedCase is the worked case's size opened as the workbench opens it: the exports of
// `seglab sample --customers 329028` (296,201 residential customers), built into the wide
// table once for all the benchmarks of a run.
var workedCase struct {
	once sync.Once
	s    *Session
	err  error
}

func openWorkedCase(b *testing.B) *Session {
	b.Helper()
	workedCase.once.Do(func() {
		dir, err := os.MkdirTemp("", "seglab-bench-")
		if err != nil {
			workedCase.err = err
			return
		}
		if _, err := sample.Write(context.Background(), dir, sample.Options{Customers: 329028}); err != nil {
			workedCase.err = err
			return
		}
		s, err := Open(context.Background(), i18n.Tr{Lang: i18n.EN}, []string{dir}, workspace.Options{}, func(task.Step) {})
		os.RemoveAll(dir) // the workspace holds the tables in memory
		if err != nil {
			workedCase.err = err
			return
		}
		workedCase.s = s.(*Session)
	})
	if workedCase.err != nil {
		b.Fatal(workedCase.err)
	}
	return workedCase.s
}

// BenchmarkWorkedCaseCorrelation is the Dimensions screen's correlation matrix of the
// suggested numeric dimensions over the residential customers (target: under 1 s).
func BenchmarkWorkedCaseCorrelation(b *testing.B) {
	s := openWorkedCase(b)
	pop, all := s.Suggest()
	var dims []backend.Dimension // the screen correlates the numeric ones
	for _, d := range all {
		if c, ok := s.column(d.Name); ok && c.Kind == queries.KindNumeric {
			dims = append(dims, d)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Correlation(context.Background(), dims, pop); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWorkedCaseSweep is the Clusters screen's sweep of the suggested dimensions over
// the residential customers, from reading them to the whole table of k = 2..7 (target:
// under 5 s); first-k-s is when the first k reached the screen, fitted, with its
// silhouette and stability still running (target: under 2 s), and first-measured-k-s when
// that row was complete.
func BenchmarkWorkedCaseSweep(b *testing.B) {
	s := openWorkedCase(b)
	pop, dims := s.Suggest()
	req := backend.SegmentRequest{Dimensions: dims, Population: pop}
	var first, measured time.Duration
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		var seen, done bool
		if _, err := s.Sweep(context.Background(), req, func(st backend.SweepStep) {
			if !seen && len(st.Ks) > 0 {
				first += time.Since(start)
				seen = true
			}
			if !done && len(st.Ks) > 0 && !st.Ks[0].Pending {
				measured += time.Since(start)
				done = true
			}
		}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(first.Seconds()/float64(b.N), "first-k-s")
	b.ReportMetric(measured.Seconds()/float64(b.N), "first-measured-k-s")
}

// BenchmarkWorkedCaseFirstK is the wait for the first whole row on the Clusters screen
// alone: the sweep is cancelled as soon as k = 2 is measured (silhouette and stability
// included), as a user pressing esc would.
func BenchmarkWorkedCaseFirstK(b *testing.B) {
	s := openWorkedCase(b)
	pop, dims := s.Suggest()
	req := backend.SegmentRequest{Dimensions: dims, Population: pop}
	b.ResetTimer()
	for b.Loop() {
		ctx, cancel := context.WithCancel(context.Background())
		_, err := s.Sweep(ctx, req, func(st backend.SweepStep) {
			if len(st.Ks) > 0 && !st.Ks[0].Pending {
				cancel()
			}
		})
		cancel()
		if !errors.Is(err, context.Canceled) {
			b.Fatalf("the sweep was not cancelled after its first k: %v", err)
		}
	}
}
