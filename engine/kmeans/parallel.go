package kmeans

import (
	"sync"
	"sync/atomic"
)

// chunkRows is the number of rows in one unit of parallel work. It is a constant, not a
// function of the worker count, so that every per-chunk partial result — and the order in
// which those partials are merged — is the same however many goroutines run: results are
// bit-identical for any Workers and GOMAXPROCS.
const chunkRows = 4096

// chunking splits n rows into fixed chunks of chunkRows rows (the last one may be shorter)
// and runs work over them on a fixed number of goroutines.
type chunking struct {
	n, chunks, workers int
}

func newChunking(n, workers int) chunking {
	chunks := (n + chunkRows - 1) / chunkRows
	return chunking{n: n, chunks: chunks, workers: max(1, min(workers, chunks))}
}

// bounds returns the half-open row range [lo, hi) of chunk c.
func (ch chunking) bounds(c int) (lo, hi int) {
	lo = c * chunkRows
	return lo, min(lo+chunkRows, ch.n)
}

// each calls fn once for every chunk, spread over the workers, and returns when all calls
// have returned. fn must write only to state owned by its chunk.
func (ch chunking) each(fn func(c int)) {
	if ch.workers == 1 {
		for c := range ch.chunks {
			fn(c)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range ch.workers {
		wg.Go(func() {
			for {
				c := int(next.Add(1) - 1)
				if c >= ch.chunks {
					return
				}
				fn(c)
			}
		})
	}
	wg.Wait()
}
