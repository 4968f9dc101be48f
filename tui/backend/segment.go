package backend

import (
	"context"
	"time"

	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/segviews"
)

// Scaling is how the chosen dimensions are put on one scale before clustering.
type Scaling int

// The scalings, in the order the Dimensions screen cycles through them.
const (
	ScaleZ      Scaling = iota // mean and population standard deviation
	ScaleRobust                // median and interquartile range
	ScaleMinMax                // minimum and range
	ScalingCount
)

// Viewer is implemented by sessions that compute the segment views of a segmentation: each
// segment's silhouette, the map on the first two principal components and membership rules
// (engine/segviews, as the report shows them).
type Viewer interface {
	Views(ctx context.Context, seg *Segmentation) (*segviews.Views, error)
}

// Suggester is implemented by sessions that can propose a starting point for a first-time
// user: the population and the dimensions (with transforms) to segment on.
type Suggester interface {
	Suggest() (Population, []Dimension)
}

// Segmenter is implemented by sessions that can cluster: a sweep over k, then the fit of
// the chosen k for every customer of the population.
type Segmenter interface {
	// Sweep fits k-means for k = 2..7 on req and measures each fit. It reports each step
	// through report, with every k measured so far (SweepStep.Ks), and stops with ctx's
	// error when ctx is cancelled.
	Sweep(ctx context.Context, req SegmentRequest, report func(SweepStep)) (*SweepResult, error)
	// Segment takes the fit of k from sw, gives every customer of the population a segment
	// and stores the assignments in the session (table assignments), where profiles read
	// them.
	Segment(ctx context.Context, sw *SweepResult, k int) (*Segmentation, error)
}

// SegmentRequest says what to cluster.
type SegmentRequest struct {
	Dimensions []Dimension
	Scaling    Scaling
	Population Population
}

// Sweep stages, as SweepStep.Stage reports them.
const (
	StageRead       = "read"       // reading and preparing the population
	StageFit        = "fit"        // the main fit of K
	StageBootstrap  = "bootstrap"  // refit Bootstrap of K, for stability
	StageSilhouette = "silhouette" // silhouettes of every k
	StageDone       = "done"
)

// SweepStep is one progress report of a sweep.
type SweepStep struct {
	Stage       string
	K           int // the k being fitted; 0 outside the fit and bootstrap stages
	Bootstrap   int // 0-based refit in the bootstrap stage
	Done, Total int // fits finished and planned
	// Ks are the k measured so far, in increasing k, each as soon as it is fitted (the last
	// one Pending until its silhouette and stability are done). Every step carries all of
	// them, so a step that replaces an unread one loses none; the slice is never changed
	// after it is reported.
	Ks []KMetrics
}

// KMetrics are the measures of one k of a sweep.
type KMetrics struct {
	K                int
	Inertia          float64
	Silhouette       float64
	CalinskiHarabasz float64
	DaviesBouldin    float64
	Stability        float64 // mean adjusted Rand index of bootstrap refits; NaN without
	SmallestShare    float64
	LargestShare     float64
	Sizes            []int
	FitTime          time.Duration
	Qualifies        bool // every share within [MinShare, MaxShare]
	Votes            int  // quality indices that voted for this k
	// Pending says that the silhouette and stability of this k are still being computed
	// (NaN until then): a running sweep shows each k as soon as it is fitted.
	Pending bool
}

// SweepResult is a finished sweep.
type SweepResult struct {
	Request        SegmentRequest
	Rows           int // customers of the population
	Fitted         int // of them, rows with every dimension (the others are scored later)
	Ks             []KMetrics
	Recommended    int
	RuleEN, RuleZH string // the engine's reason for Recommended (votes, tie, structure)
	MinShare       float64
	MaxShare       float64
	// SweptRows is how many of the fitted rows the sweep ran on: Fitted, or the size of the
	// stratified sample a large population is swept on.
	SweptRows       int
	SilhouetteExact bool
	SilhouetteRows  int
	Elapsed         time.Duration

	// State is the backend's own data for Segment (the prepared matrix, the fits).
	State any
}

// Metrics returns the measures of k, and whether the sweep has them.
func (r *SweepResult) Metrics(k int) (KMetrics, bool) {
	for _, m := range r.Ks {
		if m.K == k {
			return m, true
		}
	}
	return KMetrics{}, false
}

// Segmentation is the fitted segmentation the workbench holds: everything needed to
// profile it, save it as a definition and score new customers.
type Segmentation struct {
	K          int
	Request    SegmentRequest
	Fitted     prep.Fitted // preprocessing: transforms, centres, scales, weights
	Centroids  []float64   // K × Fitted.Width(), row-major, in the scaled space
	IDColumn   string      // column that identifies a customer ("row" when the table has none)
	IDs        []string    // every customer of the population
	Labels     []int       // 0-based segment of IDs[i]; segment 0 is the largest
	Sizes      []int       // customers per segment, over all of IDs
	LeftOut    int         // customers with a missing dimension, scored by the nearest centre over the rest
	Metrics    KMetrics
	Assignment string   // session table holding (id, segment 1..K)
	Names      []string // K names given on the Profiles screen; "" for a segment without one

	// State is the backend's own data for renames, merges and drafts (the engine's
	// segmentation).
	State any
}
