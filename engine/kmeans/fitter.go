package kmeans

import (
	"math"

	"github.com/seglab/seglab/engine/internal/sqdist"
)

// fitter holds the data and every buffer one restart needs; the buffers are allocated once
// per Fit and reused by all restarts.
type fitter struct {
	x       []float64
	n, d, k int
	ch      chunking

	centres []float64 // k×d, current centres
	prev    []float64 // k×d, centres before the last update
	labels  []int32

	// Hamerly's bounds: upper[i] ≥ ‖xᵢ − c(labels[i])‖, lower[i] ≤ ‖xᵢ − cⱼ‖ for every other j.
	upper, lower []float64
	shift        []float64 // k: upper bound on how far each centre moved in the last update
	otherShift   []float64 // k: the largest shift among the other centres
	half         []float64 // k: lower bound on half the distance to the nearest other centre

	chunkSums   []float64       // chunks×k×d: per-chunk sums of the rows in each cluster
	chunkCounts []int           // chunks×k
	chunkMoved  []int           // chunks
	ct          *sqdist.Centres // the centres, transposed for the distance kernel
	chunkDist   []float64       // chunks×batchRows×distWidth: scratch for the distances of a batch of rows to every centre or candidate
	distWidth   int             // max(ct.KP(), candT.KP())
	chunkBest   []int32         // chunks×batchRows: scratch for their nearest centres
	chunkNear   []float64       // chunks×2×batchRows: scratch for the squared distances to the nearest and runner-up
	todo        []int32         // n: per chunk, the offsets of the rows its bounds did not settle
	chunkAcc    []float64       // chunks×trials: per-chunk partial sums
	sums        []float64       // k×d, merged
	counts      []int           // k, merged

	// k-means++ state; labels hold the nearest chosen centre.
	closest     []float64       // squared distance of every row to its nearest chosen centre
	chunkPot    []float64       // chunks: Σ closest over the chunk, including the pending centre
	dirty       []bool          // chunks: closest does not yet include the pending centre
	pending     int             // the centre chosen last
	pendingCand int             // the candidate it was in its step
	cand        []float64       // trials×d: candidate centres of the current step
	candT       *sqdist.Centres // cand, transposed for the distance kernel
	trials      int
}

// batchRows is the number of rows whose distances to every centre are computed in one call
// of the distance kernel: enough to amortise the call, few enough to stay in L1 cache.
const batchRows = 128

func newFitter(x []float64, n, d, k int, ch chunking) *fitter {
	trials := 2 + int(math.Log(float64(k)))
	bounds := make([]float64, 2*n)
	ct, candT := sqdist.NewCentres(k, d), sqdist.NewCentres(trials+1, d)
	distWidth := max(ct.KP(), candT.KP())
	return &fitter{
		x: x, n: n, d: d, k: k, ch: ch,
		centres:     make([]float64, k*d),
		prev:        make([]float64, k*d),
		labels:      make([]int32, n),
		upper:       bounds[:n:n],
		lower:       bounds[n:],
		shift:       make([]float64, k),
		otherShift:  make([]float64, k),
		half:        make([]float64, k),
		chunkSums:   make([]float64, ch.chunks*k*d),
		chunkCounts: make([]int, ch.chunks*k),
		chunkMoved:  make([]int, ch.chunks),
		ct:          ct,
		chunkDist:   make([]float64, ch.chunks*batchRows*distWidth),
		distWidth:   distWidth,
		chunkBest:   make([]int32, ch.chunks*batchRows),
		chunkNear:   make([]float64, ch.chunks*2*batchRows),
		todo:        make([]int32, n),
		chunkAcc:    make([]float64, ch.chunks*trials),
		sums:        make([]float64, k*d),
		counts:      make([]int, k),
		closest:     make([]float64, n),
		chunkPot:    make([]float64, ch.chunks),
		dirty:       make([]bool, ch.chunks),
		cand:        make([]float64, (trials+1)*d),
		candT:       candT,
		trials:      trials,
	}
}

// row returns row i of the data.
func (f *fitter) row(i int) []float64 { return f.x[i*f.d : (i+1)*f.d] }
