package backendtest

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/task"
)

// recorded holds the profiles the fake returns, as engine/profile writes them to JSON: the
// made-up segmentation of 1,200 customers into six segments (after DOMAIN.md's worked case),
// and the same after segment 1 is merged into segment 2 with 0, 1 or 7 customers moved by
// scoring again. They are recorded results, not computed here.
//
//go:embed testdata/*.json
var recorded embed.FS

// ProfileSession is the fake Session that also implements backend.Profiler with recorded
// profiles. Renames and the one recorded merge change what the next Profile returns, as the
// real assignments would.
type ProfileSession struct {
	Session
	// Unsegmented makes Profile fail with backend.ErrNoSegmentation.
	Unsegmented bool
	// ProfileGate, when not nil, makes Profile wait for a value on it (or for its context to
	// end), so tests can hold a profile run in flight.
	ProfileGate chan struct{}
	// Err, when not nil, is returned by Profile, Rename and Merge.
	Err error
	// Moved is how many customers Merge moves from segment 1 to segment 2 (0, 1 or 7, as
	// recorded), as if they were nearer segment 2's centroid once segments were merged.
	Moved int

	mu     sync.Mutex
	merged string         // the recording after the merge; "" before one
	names  map[int]string // names given since, by segment id
	Calls  []string       // "profile", "rename 2 name", "merge 1 2", in call order
}

var _ backend.Profiler = (*ProfileSession)(nil)

// Result returns the recorded profile of the six segments.
func Result() *profile.Result { return load("profile.json") }

// load decodes a recording; it panics when it is missing, a fault of the fake.
func load(name string) *profile.Result {
	b, err := recorded.ReadFile("testdata/" + name)
	if err != nil {
		panic("backendtest: " + err.Error())
	}
	var r profile.Result
	if err := json.Unmarshal(b, &r); err != nil {
		panic("backendtest: " + name + ": " + err.Error())
	}
	return &r
}

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
	r := Result()
	if s.merged != "" {
		r = load(s.merged)
	}
	for i := range r.Segments {
		if n, ok := s.names[r.Segments[i].ID]; ok {
			r.Segments[i].Name = n
		}
	}
	return r, nil
}

// segments is how many segments the next Profile has.
func (s *ProfileSession) segments() int {
	if s.merged != "" {
		return 5
	}
	return 6
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
	if segment < 1 || segment > s.segments() {
		return nil, fmt.Errorf("no segment %d", segment)
	}
	if s.names == nil {
		s.names = map[int]string{}
	}
	s.names[segment] = name
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

// Merge implements backend.Profiler with the recorded outcome of merging segment 1 into
// segment 2 (any other merge is an error): the next Profile is the recording for Moved, and
// the first Moved customers of segment 1 move to segment 2 in the returned segmentation (nil
// when seg is nil), which numbers the segments as the engine does and drops from's centroid.
func (s *ProfileSession) Merge(_ context.Context, seg *backend.Segmentation, into, from int) (*backend.Segmentation, int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Calls = append(s.Calls, fmt.Sprintf("merge %d %d", into, from))
	if s.Err != nil {
		return nil, 0, s.Err
	}
	name := fmt.Sprintf("merged-%d-%d-moved-%d.json", into, from, s.Moved)
	if _, err := recorded.Open("testdata/" + name); err != nil || s.merged != "" {
		return nil, 0, fmt.Errorf("the fake has no recorded profile for merging %d into %d with %d moved", from, into, s.Moved)
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
	names := map[int]string{}
	for id, n := range s.names {
		if id != from {
			names[renumber(id)+1] = n
		}
	}
	s.merged, s.names = name, names
	if seg == nil {
		return nil, 0, nil
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
