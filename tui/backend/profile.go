package backend

import (
	"context"
	"errors"

	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/tui/task"
)

// Profiler profiles the current segmentation and edits it. A Session whose engine can do so
// implements it; the Profiles and Compare screens find it with ProfilerOf. Its methods may
// be called from background commands.
type Profiler interface {
	// Profile describes the segments of the current segmentation against the segmented
	// population. It returns ErrNoSegmentation when no segmentation has been fitted yet.
	Profile(ctx context.Context, report task.Report) (*profile.Result, error)
	// Rename returns seg with segment (1..K) named name (an empty name removes it) and makes
	// it the current segmentation.
	Rename(ctx context.Context, seg *Segmentation, segment int, name string) (*Segmentation, error)
	// Merge returns seg with segment from merged into segment into (both 1..K): the merged
	// centroid is the size-weighted mean of the two, the segments above from move down by
	// one, into keeps its name, and every customer is scored again by the nearest centroid
	// as the saved definition will score them. moved counts the customers that scoring put
	// in another segment than the merge alone. The result becomes the current segmentation.
	Merge(ctx context.Context, seg *Segmentation, into, from int) (merged *Segmentation, moved int, err error)
}

// ErrNoSegmentation says that there is no segmentation to profile yet.
var ErrNoSegmentation = errors.New("no segmentation has been fitted yet")

// ProfilerOf returns s as a Profiler when it is one.
func ProfilerOf(s Session) (Profiler, bool) {
	if s == nil {
		return nil, false
	}
	p, ok := s.(Profiler)
	return p, ok
}

// SegmentsEditedMsg tells the screens that segments were renamed or merged on the Profiles
// screen. The profile is already up to date when it is sent.
type SegmentsEditedMsg struct {
	// Segmentation is the segmentation after the edit; the workbench takes it as it is.
	Segmentation *Segmentation
}
