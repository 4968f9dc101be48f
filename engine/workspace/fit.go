package workspace

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/engine/sweep"
)

// KMeans are the k-means settings of a fit; zero fields take the defaults above.
type KMeans struct {
	Seed    uint64
	NInit   int
	MaxIter int
	Tol     float64
}

// withDefaults fills in zero fields.
func (k KMeans) withDefaults() KMeans {
	if k.NInit == 0 {
		k.NInit = DefaultNInit
	}
	if k.MaxIter == 0 {
		k.MaxIter = DefaultMaxIter
	}
	if k.Tol == 0 {
		k.Tol = DefaultTol
	}
	return k
}

// Request says what to segment: the dimensions with their transforms and weights, the
// scaling, the population and the k-means settings.
type Request struct {
	Dims       []prep.DimSpec
	Scaling    prep.Scaling // "" means z-score
	Population prep.Filter
	KMeans     KMeans
}

// Input is the population read into memory and prepared for k-means: every customer of the
// population (ordered by the id column), and the matrix of those with every dimension.
type Input struct {
	Request  Request
	IDColumn string // as the assignments name it: the id column, or "row"
	Rows     source.Rows
	Prepared *prep.Prepared
}

// Read reads the population's dimensions with the one reader of wide (source.Read: numbers
// as float64 with NaN for missing, text with "" for missing) and fits the preprocessing on
// it. It fails when the population has no customers.
func (w *Workspace) Read(ctx context.Context, req Request) (*Input, error) {
	if len(req.Dims) == 0 {
		return nil, inputerr.New("", "no dimensions are chosen")
	}
	if req.Scaling == "" {
		req.Scaling = prep.ZScore
	}
	req.KMeans = req.KMeans.withDefaults()
	if err := w.checkFilter(req.Population); err != nil {
		return nil, err
	}
	cols := make([]source.Column, len(req.Dims))
	for i, d := range req.Dims {
		c, err := w.Column(d.Column)
		if err != nil {
			return nil, err
		}
		cols[i] = c
	}
	rows, err := source.Read(ctx, w.s, cols, req.Population, w.idColumn)
	if err != nil {
		return nil, err
	}
	if rows.N == 0 && len(req.Population) > 0 {
		return nil, inputerr.New("", "the population (%s) matches none of the %d customers; check the values the column holds (seglab describe)",
			req.Population.String(), w.opened.Rows)
	}
	if rows.N == 0 {
		return nil, inputerr.New("", "the population has no customers")
	}
	// The population filter has been applied by Read; Fit sees only the population.
	prepared, err := prep.Fit(prep.Spec{Dims: req.Dims, Scaling: req.Scaling}, rows.Table)
	if err != nil {
		return nil, err
	}
	return &Input{Request: req, IDColumn: w.idName(), Rows: rows, Prepared: prepared}, nil
}

// Sweep fits k-means for k = kmin..kmax (0, 0 for sweep's defaults, 2..7) on the prepared
// matrix with the request's k-means settings and measures each fit (see engine/sweep). A sweep
// of several k over more than sweep.DefaultSampleRows fitted rows runs on a stratified sample
// of that many (Result.SampleRows says so); Segment then fits the chosen k on every row. A
// sweep of one k always fits every row. progress, when not nil, receives the sweep's
// progress reports, and onK, when not nil, every k as soon as it is fitted and measured, in
// increasing k (see sweep.Options); the sweep waits while onK runs.
func (in *Input) Sweep(ctx context.Context, kmin, kmax int, progress func(sweep.Progress), onK func(sweep.KResult)) (*sweep.Result, error) {
	opt := in.sweepOptions(progress)
	opt.KMin, opt.KMax, opt.OnK = kmin, kmax, onK
	if kmin == 0 || kmin != kmax {
		opt.SampleRows = sweep.DefaultSampleRows
	}
	return sweep.Run(ctx, in.Prepared.X, in.Prepared.N, in.Prepared.D, opt)
}

func (in *Input) sweepOptions(progress func(sweep.Progress)) sweep.Options {
	k := in.Request.KMeans
	return sweep.Options{NInit: k.NInit, MaxIter: k.MaxIter, Tol: k.Tol, Seed: k.Seed, Progress: progress}
}

// Fit is the sweep's fit of one k and its measures, as a definition records them.
type Fit struct {
	Inertia          float64
	Iterations       int
	Converged        bool
	Silhouette       float64
	SilhouetteExact  bool
	SilhouetteRows   int
	CalinskiHarabasz float64
	DaviesBouldin    float64
	Stability        float64
	Sizes            []int // fitted customers per segment, as k-means left them
	FitTime          time.Duration
}

// Segmentation is a fitted segmentation of an Input: every customer of the population has
// one segment. Segments are numbered 1..K by the fit's size (1 is the largest); Labels are
// 0-based. A Segmentation is never changed in place: Rename, Merge and Rescore return a new one.
type Segmentation struct {
	Input     *Input
	K         int
	Centroids []float64 // K × Input.Prepared.D, row-major, in the scaled space
	Labels    []int     // 0-based segment of Input.Rows row i
	Sizes     []int     // customers of the population per segment
	LeftOut   int       // customers with a missing dimension, scored over the dimensions they have
	Names     []string  // K names given by the user; "" for a segment without one
	Fit       Fit       // the measures of the fit of K (those of the fit before any merge)
}

// Segment takes the fit of k from res (a sweep of in) and gives every customer of the
// population the segment of the nearest centroid (prep.Score, as a saved definition scores).
//
// The fit recorded is always that of a sweep of k alone over every fitted row (what seglab
// cluster runs), so that one k gives one definition whichever sweep came before it: res's
// fit of k is that fit when res swept every row and either k alone or with an exact
// silhouette (a sweep of several k samples the silhouette's rows differently); otherwise k
// is swept alone again.
func (in *Input) Segment(ctx context.Context, res *sweep.Result, k int) (*Segmentation, error) {
	i := slices.IndexFunc(res.Ks, func(kr sweep.KResult) bool { return kr.K == k })
	if i < 0 {
		return nil, fmt.Errorf("workspace: the sweep has no fit for k = %d", k)
	}
	if res.SampleRows < res.Rows || (len(res.Ks) > 1 && !res.SilhouetteExact) {
		one, err := in.Sweep(ctx, k, k, nil, nil)
		if err != nil {
			return nil, err
		}
		res, i = one, 0
	}
	kr := res.Ks[i]
	seg := &Segmentation{Input: in, K: k, Centroids: append([]float64(nil), kr.Fit.Centroids...), Names: make([]string, k),
		Fit: Fit{Inertia: kr.Fit.Inertia, Iterations: kr.Fit.Iterations, Converged: kr.Fit.Converged,
			Silhouette: kr.Silhouette, SilhouetteExact: res.SilhouetteExact, SilhouetteRows: res.SilhouetteRows,
			CalinskiHarabasz: kr.Quality.CalinskiHarabasz, DaviesBouldin: kr.Quality.DaviesBouldin,
			Stability: kr.Stability, Sizes: append([]int(nil), kr.Fit.Sizes...), FitTime: kr.FitTime}}
	if err := seg.score(); err != nil {
		return nil, err
	}
	return seg, nil
}

// score sets Labels, Sizes and LeftOut from the centroids.
func (s *Segmentation) score() error {
	labels, missing, err := prep.Score(s.Input.Prepared.Fitted, s.Input.Rows.Table, s.Centroids, s.K)
	if err != nil {
		return err
	}
	s.Labels, s.LeftOut, s.Sizes = labels, len(missing), make([]int, s.K)
	for _, l := range labels {
		s.Sizes[l]++
	}
	return nil
}

// Segments returns the 1-based segment of every customer, in Input.Rows order.
func (s *Segmentation) Segments() []int {
	out := make([]int, len(s.Labels))
	for i, l := range s.Labels {
		out[i] = l + 1
	}
	return out
}

// FittedSizes returns the customers per segment among those fitted (every dimension
// present), as the current centroids score them.
func (s *Segmentation) FittedSizes() []int {
	out := make([]int, s.K)
	for _, r := range s.Input.Prepared.Rows {
		out[s.Labels[r]]++
	}
	return out
}

// Name returns the name of segment id (1..K), "" when it has none.
func (s *Segmentation) Name(id int) string {
	if id < 1 || id > len(s.Names) {
		return ""
	}
	return s.Names[id-1]
}

// Rename returns s with segment id (1..K) named name; an empty name removes the name.
func (s *Segmentation) Rename(id int, name string) (*Segmentation, error) {
	if id < 1 || id > s.K {
		return nil, inputerr.New("", "there is no segment %d; the segments are 1 to %d", id, s.K)
	}
	out := *s
	out.Names = append([]string(nil), s.Names...)
	out.Names[id-1] = name
	return &out, nil
}

// Merge returns s with segment from merged into segment into (both 1..K): the merged
// centroid is the size-weighted mean of the two (the mean of all their customers' points
// when each centroid was the mean of its own), the segments above from move down by one and
// into keeps its name. Then every customer is scored again by the nearest centroid, as the
// saved definition will score them; moved counts those that end in another segment than
// the merge alone would give them.
func (s *Segmentation) Merge(into, from int) (_ *Segmentation, moved int, err error) {
	if into == from || into < 1 || from < 1 || into > s.K || from > s.K {
		return nil, 0, inputerr.New("", "cannot merge segment %d into %d: the segments are 1 to %d and must differ", from, into, s.K)
	}
	if s.K < 3 {
		return nil, 0, inputerr.New("", "merging would leave a single segment")
	}
	// renumber maps an old 1-based segment to its new 0-based label.
	renumber := func(old int) int {
		if old == from {
			old = into
		}
		if old > from {
			old--
		}
		return old - 1
	}
	d := s.Input.Prepared.D
	out := *s
	out.K = s.K - 1
	out.Centroids = make([]float64, out.K*d)
	out.Names = make([]string, out.K)
	ni, nf := float64(s.Sizes[into-1]), float64(s.Sizes[from-1])
	for old := 1; old <= s.K; old++ {
		if old == from {
			continue
		}
		l := renumber(old)
		out.Names[l] = s.Names[old-1]
		c := s.Centroids[(old-1)*d : old*d]
		if old != into || ni+nf == 0 {
			copy(out.Centroids[l*d:(l+1)*d], c)
			continue
		}
		cf := s.Centroids[(from-1)*d : from*d]
		for j := range d {
			out.Centroids[l*d+j] = (ni*c[j] + nf*cf[j]) / (ni + nf)
		}
	}
	if err := out.score(); err != nil {
		return nil, 0, err
	}
	for i, l := range out.Labels {
		if l != renumber(s.Labels[i]+1) {
			moved++
		}
	}
	return &out, moved, nil
}

// Store writes the segmentation into the session's assignments relation (the id column
// as text, segment 1..K, and segment_name once a segment is named), where profiles read it.
func (w *Workspace) Store(ctx context.Context, s *Segmentation) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.store(ctx, s)
}

func (w *Workspace) store(ctx context.Context, s *Segmentation) error {
	var names []string // no column segment_name until a segment is named
	for _, n := range s.Names {
		if n != "" {
			names = make([]string, s.K)
			copy(names, s.Names)
			break
		}
	}
	return source.StoreAssignments(ctx, w.s, s.Input.IDColumn, s.Input.Rows.IDs, s.Segments(), names)
}
