package backendtest

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/task"
)

// ProfileSession is the fake Session that also implements backend.Profiler over a fixed,
// made-up segmentation of its 1,200 customers into six segments (after DOMAIN.md's worked
// case). Merges and renames change what the next Profile returns, as the real assignments
// would.
type ProfileSession struct {
	Session
	// Unsegmented makes Profile fail with backend.ErrNoSegmentation.
	Unsegmented bool
	// ProfileGate, when not nil, makes Profile wait for a value on it (or for its context to
	// end), so tests can hold a profile run in flight.
	ProfileGate chan struct{}
	// Err, when not nil, is returned by Profile, Rename and Merge.
	Err error
	// Moved is how many customers Merge moves from segment 1 to segment 2, as if they were
	// nearer segment 2's centroid once segments were merged.
	Moved int

	mu    sync.Mutex
	segs  []segSpec // nil until first used: the six segments below
	Calls []string  // "profile", "rename 2 name", "merge 1 2", in call order
}

var _ backend.Profiler = (*ProfileSession)(nil)

// segSpec is what the fake knows of one segment; the Result is computed from these.
type segSpec struct {
	name      string
	customers int
	means     [len(numCols)]float64 // satisfaction's mean is over the answers
	region    [len(regions)]float64 // share of the segment's customers in each region
	answers   int
	regionSat [len(regions)]float64 // satisfaction in each region minus the segment's mean
	regionOut [len(regions)]float64 // outage ratio in each region over the segment's
}

type numCol struct {
	name, en, zh string
	sd           float64
	countable    bool
}

var numCols = [...]numCol{
	{"kwh_12m", "kWh, last 12 months", "近12个月电量", 1400, false},
	{"amount_12m", "Bill amount, last 12 months", "近12个月电费", 800, false},
	{"late_share", "Share of bills paid late", "逾期缴费占比", 0.12, false},
	{"outages_12m", "Outages, last 12 months", "近12个月停电次数", 1.5, true},
	{"satisfaction", "Satisfaction (survey)", "满意度（调查）", 1.6, false},
}

const (
	colOutages      = 3
	colSatisfaction = 4
	minAnswers      = 15
	maxHalfWidth    = 0.5
)

var regions = [...]string{"西部", "东部", "中部"}

func initialSegments() []segSpec {
	return []segSpec{
		{"Basic-service", 240, [5]float64{1900, 1100, 0.05, 0.3, 7.9}, [3]float64{0.62, 0.20, 0.18}, 60,
			[3]float64{0.2, -0.4, -0.3}, [3]float64{0.9, 1.2, 1.1}},
		{"Affluent", 144, [5]float64{4600, 2500, 0.02, 1.6, 7.2}, [3]float64{0.18, 0.58, 0.24}, 41,
			[3]float64{-0.2, 0.1, 0.0}, [3]float64{1.1, 0.9, 1.1}},
		{"积极配合", 216, [5]float64{3300, 1750, 0.06, 3.4, 8.1}, [3]float64{0.20, 0.25, 0.55}, 52,
			[3]float64{-0.5, -0.2, 0.3}, [3]float64{1.3, 1.1, 0.8}},
		{"", 180, [5]float64{2700, 1500, 0.12, 2.2, 5.9}, [3]float64{0.15, 0.60, 0.25}, 12,
			[3]float64{0.1, -0.1, 0.1}, [3]float64{1.0, 1.0, 1.0}},
		{"Financially stressed", 204, [5]float64{2100, 1150, 0.31, 2.6, 6.8}, [3]float64{0.57, 0.18, 0.25}, 35,
			[3]float64{-0.6, 0.7, 0.2}, [3]float64{1.2, 0.7, 0.9}},
		{"Comfortable", 216, [5]float64{2600, 1400, 0.03, 1.4, 8.0}, [3]float64{0.30, 0.34, 0.36}, 57,
			[3]float64{0.1, 0.0, -0.1}, [3]float64{1.0, 1.0, 1.0}},
	}
}

// Result returns the profile of the fake's initial segmentation.
func Result() *profile.Result { return build(initialSegments()) }

// Profile implements backend.Profiler.
func (s *ProfileSession) Profile(ctx context.Context, report task.Report) (*profile.Result, error) {
	s.mu.Lock()
	s.Calls = append(s.Calls, "profile")
	gate := s.ProfileGate
	s.mu.Unlock()
	report(task.Step{Done: 0, Total: 2})
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.Err != nil:
		return nil, s.Err
	case s.Unsegmented:
		return nil, backend.ErrNoSegmentation
	}
	report(task.Step{Done: 2, Total: 2})
	return build(s.specs()), nil
}

func (s *ProfileSession) specs() []segSpec {
	if s.segs == nil {
		s.segs = initialSegments()
	}
	return s.segs
}

// Rename implements backend.Profiler: the name shows in the next Profile and in the
// returned segmentation (nil when seg is nil).
func (s *ProfileSession) Rename(_ context.Context, seg *backend.Segmentation, segment int, name string) (*backend.Segmentation, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Calls = append(s.Calls, fmt.Sprintf("rename %d %s", segment, name))
	if s.Err != nil {
		return nil, s.Err
	}
	segs := s.specs()
	if segment < 1 || segment > len(segs) {
		return nil, fmt.Errorf("no segment %d", segment)
	}
	segs[segment-1].name = name
	if seg == nil {
		return nil, nil
	}
	out := *seg
	out.Names = make([]string, seg.K)
	copy(out.Names, seg.Names)
	if segment <= seg.K {
		out.Names[segment-1] = name
	}
	return &out, nil
}

// Merge implements backend.Profiler with recorded outcomes: the next Profile shows the two
// segments' customer-weighted means (answer-weighted satisfaction), and the first Moved
// customers of segment 1 move to segment 2, as if they were nearer segment 2's centroid once
// the segments were merged. The returned segmentation (nil when seg is nil) numbers the
// segments as the engine does and keeps into's centroid.
func (s *ProfileSession) Merge(_ context.Context, seg *backend.Segmentation, into, from int) (*backend.Segmentation, int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Calls = append(s.Calls, fmt.Sprintf("merge %d %d", into, from))
	if s.Err != nil {
		return nil, 0, s.Err
	}
	segs := s.specs()
	if into == from || into < 1 || from < 1 || into > len(segs) || from > len(segs) {
		return nil, 0, fmt.Errorf("cannot merge segment %d into %d", from, into)
	}
	a, b := segs[into-1], segs[from-1]
	m := a
	m.customers = a.customers + b.customers
	m.answers = a.answers + b.answers
	wa, wb := float64(a.customers)/float64(m.customers), float64(b.customers)/float64(m.customers)
	for i := range m.means {
		m.means[i] = wa*a.means[i] + wb*b.means[i]
	}
	if m.answers > 0 {
		m.means[colSatisfaction] = (float64(a.answers)*a.means[colSatisfaction] + float64(b.answers)*b.means[colSatisfaction]) / float64(m.answers)
	}
	for i := range m.region {
		m.region[i] = wa*a.region[i] + wb*b.region[i]
		m.regionSat[i] = wa*a.regionSat[i] + wb*b.regionSat[i]
		m.regionOut[i] = wa*a.regionOut[i] + wb*b.regionOut[i]
	}
	segs[into-1] = m
	segs = slices.Delete(segs, from-1, from)
	s.segs = segs
	if seg == nil {
		return nil, 0, nil
	}
	renumber := func(old int) int { // 1-based old segment → 0-based new label
		if old == from {
			old = into
		}
		if old > from {
			old--
		}
		return old - 1
	}
	out := *seg
	out.K = seg.K - 1
	out.Labels, out.Sizes = make([]int, len(seg.Labels)), make([]int, out.K)
	for i, l := range seg.Labels {
		out.Labels[i] = renumber(l + 1)
	}
	moved := 0
	for i, l := range out.Labels {
		if moved < s.Moved && l == 0 && out.K >= 2 {
			out.Labels[i] = 1
			moved++
		}
	}
	for _, l := range out.Labels {
		out.Sizes[l]++
	}
	if len(segs) >= 2 {
		segs[0].customers -= moved
		segs[1].customers += moved
	}
	if w := seg.Fitted.Width(); w > 0 && len(seg.Centroids) == seg.K*w {
		out.Centroids = slices.Delete(slices.Clone(seg.Centroids), (from-1)*w, from*w)
	}
	out.Names = make([]string, out.K)
	for old := 1; old <= seg.K && old <= len(seg.Names); old++ {
		if old != from {
			out.Names[renumber(old)] = seg.Names[old-1]
		}
	}
	out.Metrics.K, out.Metrics.Sizes = out.K, slices.Clone(out.Sizes)
	return &out, moved, nil
}

// CallLog returns the calls made so far.
func (s *ProfileSession) CallLog() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.Calls)
}

// build computes a profile Result from the segments, the way engine/profile lays it out.
func build(segs []segSpec) *profile.Result {
	r := &profile.Result{NoteEN: profile.DescriptiveNoteEN, NoteZH: profile.DescriptiveNoteZH}
	answers := 0
	for _, s := range segs {
		r.Customers += s.customers
		answers += s.answers
	}
	for i, s := range segs {
		r.Segments = append(r.Segments, profile.Segment{ID: i + 1, Name: s.name, Customers: s.customers,
			Share: profile.Number(float64(s.customers) / float64(r.Customers))})
	}
	k, n := float64(len(segs)), float64(r.Customers)
	for c, col := range numCols {
		weight := func(s segSpec) float64 {
			if c == colSatisfaction {
				return float64(s.answers)
			}
			return float64(s.customers)
		}
		total, sum := 0.0, 0.0
		for _, s := range segs {
			total += weight(s)
			sum += weight(s) * s.means[c]
		}
		mean := sum / total
		np := profile.NumericProfile{Column: col.name, LabelEN: col.en, LabelZH: col.zh,
			Overall: summary(int(total), mean, col.sd)}
		ssb := 0.0
		for i, s := range segs {
			ssb += weight(s) * (s.means[c] - mean) * (s.means[c] - mean)
			np.Segments = append(np.Segments, profile.SegmentSummary{Segment: i + 1,
				Summary: summary(int(weight(s)), s.means[c], 0.8*col.sd),
				Index:   profile.Number(s.means[c] / mean * 100),
				StdDiff: profile.Number((s.means[c] - mean) / col.sd)})
		}
		ssw := (total) * (0.8 * col.sd) * (0.8 * col.sd)
		d1, d2 := k-1, total-k
		if c != colSatisfaction {
			d2 = n - k
		}
		f := (ssb / d1) / (ssw / d2)
		np.ANOVA = profile.ANOVA{F: profile.Number(f), P: profile.Number(distuv.F{D1: d1, D2: d2}.Survival(f)),
			EtaSquared: profile.Number(ssb / (ssb + ssw)), DFBetween: profile.Number(d1), DFWithin: profile.Number(d2)}
		r.Numeric = append(r.Numeric, np)
	}
	cp := profile.CategoricalProfile{Column: "region", LabelEN: "Region", LabelZH: "区域"}
	var overall [len(regions)]float64
	for _, s := range segs {
		for i := range regions {
			overall[i] += s.region[i] * float64(s.customers) / n
		}
	}
	for i, v := range regions {
		cp.Overall = append(cp.Overall, profile.ValueShare{Value: v, Count: int(math.Round(overall[i] * n)),
			Share: profile.Number(overall[i]), Lift: 1})
	}
	for j, s := range segs {
		cs := profile.CategorySegment{Segment: j + 1, Count: s.customers}
		for i, v := range regions {
			cs.Shares = append(cs.Shares, profile.ValueShare{Value: v, Count: int(math.Round(s.region[i] * float64(s.customers))),
				Share: profile.Number(s.region[i]), Lift: profile.Number(s.region[i] / overall[i])})
		}
		cp.Segments = append(cp.Segments, cs)
	}
	r.Categorical = []profile.CategoricalProfile{cp}
	describe(r)
	survey(r, segs)
	chart(r, segs, answers)
	return r
}

func summary(count int, mean, sd float64) profile.Summary {
	return profile.Summary{Count: count, Mean: profile.Number(mean), SD: profile.Number(sd),
		Q1: profile.Number(mean - 0.67*sd), Median: profile.Number(mean), Q3: profile.Number(mean + 0.67*sd),
		PositiveShare: 1}
}

// describe names each segment's strongest traits as engine/profile does: numeric columns with
// |std diff| ≥ 0.3, the region when its share is ≥ 0.4 with lift ≥ 1.2; four at most.
func describe(r *profile.Result) {
	for j := range r.Segments {
		var traits []profile.Trait
		for c, np := range r.Numeric {
			d := float64(np.Segments[j].StdDiff)
			if math.Abs(d) < 0.3 {
				continue
			}
			dir, zh := "high", "较高"
			if d < 0 {
				dir, zh = "low", "较低"
			}
			if numCols[c].countable {
				dir, zh = map[bool]string{true: "many", false: "few"}[d > 0], map[bool]string{true: "多", false: "少"}[d > 0]
			}
			traits = append(traits, profile.Trait{Column: np.Column, Kind: profile.Numeric, Direction: dir,
				Score: profile.Number(math.Abs(d)), Segment: np.Segments[j].Mean, Overall: np.Overall.Mean,
				EN: dir + " " + strings.ToLower(np.LabelEN), ZH: np.LabelZH + zh})
		}
		cp := r.Categorical[0]
		for i, v := range cp.Segments[j].Shares {
			p, all := float64(v.Share), float64(cp.Overall[i].Share)
			if p < 0.4 || float64(v.Lift) < 1.2 {
				continue
			}
			traits = append(traits, profile.Trait{Column: cp.Column, Kind: profile.Categorical, Value: v.Value,
				Direction: "mostly", Score: profile.Number((p - all) / math.Sqrt(all*(1-all))),
				Segment: v.Share, Overall: cp.Overall[i].Share, EN: "mostly " + v.Value, ZH: "多为" + v.Value})
		}
		slices.SortFunc(traits, func(a, b profile.Trait) int {
			return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Column, b.Column))
		})
		traits = traits[:min(len(traits), 4)]
		s := &r.Segments[j]
		s.Traits = traits
		s.DescriptionEN, s.DescriptionZH = "close to the population on every column", "各项与总体接近"
		if len(traits) > 0 {
			var en, zh []string
			for _, t := range traits {
				en, zh = append(en, t.EN), append(zh, t.ZH)
			}
			s.DescriptionEN, s.DescriptionZH = strings.Join(en, ", "), strings.Join(zh, "，")
		}
	}
}

func survey(r *profile.Result, segs []segSpec) {
	sd := numCols[colSatisfaction].sd
	for j, s := range segs {
		c := profile.SurveyCoverage{Segment: j + 1, Customers: s.customers, Answers: s.answers,
			Coverage: profile.Number(float64(s.answers) / float64(s.customers)),
			Mean:     profile.Number(s.means[colSatisfaction]), SD: profile.Number(sd)}
		t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(s.answers - 1)}.Quantile(0.975)
		hw := t * sd / math.Sqrt(float64(s.answers))
		c.HalfWidth, c.Low, c.High = profile.Number(hw), c.Mean-profile.Number(hw), c.Mean+profile.Number(hw)
		switch {
		case s.answers < minAnswers:
			c.TooFew, c.Reason = true, fmt.Sprintf("only %d answers (fewer than %d)", s.answers, minAnswers)
		case hw > maxHalfWidth:
			c.TooFew, c.Reason = true, fmt.Sprintf("95%% CI half-width %.2f above %.2f", hw, maxHalfWidth)
		}
		r.Survey = append(r.Survey, c)
	}
}

var quadrantNames = map[string][2]string{
	profile.ManyOutagesSatisfied:   {"many outages, satisfied", "停电多·满意"},
	profile.FewOutagesUnsatisfied:  {"few outages, unsatisfied", "停电少·不满意"},
	profile.FewOutagesSatisfied:    {"few outages, satisfied", "停电少·满意"},
	profile.ManyOutagesUnsatisfied: {"many outages, unsatisfied", "停电多·不满意"},
}

func chart(r *profile.Result, segs []segSpec, answers int) {
	so := &profile.SatisfactionOutage{MinAnswers: minAnswers}
	so.Reference = profile.Reference{Customers: r.Customers, Answers: answers,
		OutageRatio:  r.Numeric[colOutages].Overall.Mean,
		Satisfaction: r.Numeric[colSatisfaction].Overall.Mean}
	refX, refY := float64(so.Reference.OutageRatio), float64(so.Reference.Satisfaction)
	for j, s := range segs {
		x, y := s.means[colOutages], s.means[colSatisfaction]
		q := profile.FewOutagesUnsatisfied
		switch many, sat := x > refX, y >= refY; {
		case many && sat:
			q = profile.ManyOutagesSatisfied
		case many:
			q = profile.ManyOutagesUnsatisfied
		case sat:
			q = profile.FewOutagesSatisfied
		}
		pt := profile.OutagePoint{Segment: j + 1, Customers: s.customers, Answers: s.answers,
			OutageRatio: profile.Number(x), Satisfaction: profile.Number(y), Quadrant: q,
			QuadrantEN: quadrantNames[q][0], QuadrantZH: quadrantNames[q][1]}
		best, bestSat := -1, math.Inf(-1)
		for i, region := range regions {
			cell := profile.RegionCell{Segment: j + 1, Region: region,
				Customers:   int(math.Round(s.region[i] * float64(s.customers))),
				Answers:     int(math.Round(s.region[i] * float64(s.answers))),
				OutageRatio: profile.Number(x * s.regionOut[i]), Satisfaction: profile.Number(y + s.regionSat[i])}
			cell.HalfWidth = profile.Number(2 * numCols[colSatisfaction].sd / math.Sqrt(float64(max(cell.Answers, 1))))
			if cell.Answers >= minAnswers && float64(cell.Satisfaction) > bestSat {
				best, bestSat = len(so.Regions), float64(cell.Satisfaction)
			}
			so.Regions = append(so.Regions, cell)
		}
		if best >= 0 {
			so.Regions[best].Best = true
			pt.BestRegion = so.Regions[best].Region
		}
		so.Points = append(so.Points, pt)
	}
	r.SatisfactionOutage = so
}
