package profiles

import (
	"context"
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/task"
)

// Store holds the profile of the current segmentation. The Profiles and Compare screens
// share one Store (build it with NewStore and hand it to both constructors), so the profile is
// computed once. It is changed only from Update, like the Context.
type Store struct {
	// Result is the latest profile; nil before the first one and while a merge is
	// recomputed.
	Result *profile.Result
	// Err says why the latest run failed (backend.ErrNoSegmentation when there is nothing to
	// profile yet); nil while a run is in flight or after a success.
	Err error
	// EditErr says why the latest rename failed.
	EditErr error
	// Merged says what the latest merge did; nil before one and once another run starts.
	Merged *Merged

	run       task.ID // the profile or merge run in flight
	renameRun task.ID
}

// Merged is what a merge did.
type Merged struct {
	Into, From int // the segments merged, numbered as before the merge
	// Moved counts the customers that scoring put in another segment than the merge did:
	// nearer a third segment's centroid than the merged one, or the other way round.
	Moved int
}

// merge is the outcome of a merge run.
type merge struct {
	rescored *backend.Segmentation // the merged segmentation, scored again; nil when the merge failed
	merged   Merged
	result   *profile.Result
}

// NewStore returns an empty store.
func NewStore() *Store { return &Store{} }

// Running reports whether a profile (or merge) run is in flight.
func (s *Store) Running() bool { return s.run != 0 }

// Run returns the run in flight, or zero.
func (s *Store) Run() task.ID { return s.run }

// Step returns the latest step the run in flight reported.
func (s *Store) Step(c *common.Context) task.Step {
	for _, r := range c.Tasks.Runs() {
		if r.ID == s.run {
			return r.Step
		}
	}
	return task.Step{}
}

// Compute starts profiling the current segmentation, cancelling a run still in flight.
// Without a session that can profile, the store says there is no segmentation.
func (s *Store) Compute(c *common.Context) tea.Cmd {
	p, ok := s.begin(c)
	if !ok {
		return nil
	}
	var cmd tea.Cmd
	s.run, cmd = task.Start(c.Tasks, c.Ctx, c.Tr.T(i18n.TaskProfile), func(ctx context.Context, report task.Report) (*profile.Result, error) {
		return backend.ProfileTagged(ctx, p, report) // over the portrait tags once they are built
	})
	return cmd
}

// Cancel stops the run in flight.
func (s *Store) Cancel(c *common.Context) bool { return c.Tasks.Cancel(s.run) }

// Merge moves every customer of segment from into segment into, scores every customer again
// by the nearest centroid (so that the segments are those the saved definition will give),
// and profiles the result. The shown profile is dropped at once: its
// segment numbers are no longer valid.
func (s *Store) Merge(c *common.Context, into, from int) tea.Cmd {
	s.Result = nil
	p, ok := s.begin(c)
	if !ok {
		return nil
	}
	seg := c.Segmentation // never changed in place: the root replaces it
	var cmd tea.Cmd
	s.run, cmd = task.Start(c.Tasks, c.Ctx, c.Tr.F(i18n.TaskMerge, from, into), func(ctx context.Context, report task.Report) (merge, error) {
		out := merge{merged: Merged{Into: into, From: from}}
		merged, moved, err := p.Merge(ctx, seg, into, from)
		if err != nil {
			return out, err
		}
		out.rescored, out.merged.Moved = merged, moved
		out.result, err = backend.ProfileTagged(ctx, p, report)
		return out, err
	})
	return cmd
}

// begin cancels the run in flight and returns the session's Profiler; without one the store
// says there is no segmentation.
func (s *Store) begin(c *common.Context) (backend.Profiler, bool) {
	c.Tasks.Cancel(s.run)
	s.run, s.Err, s.Merged = 0, nil, nil
	p, ok := backend.ProfilerOf(c.Session)
	if !ok {
		s.Result, s.Err = nil, backend.ErrNoSegmentation
	}
	return p, ok
}

// renamed is the outcome of a rename run.
type renamed struct {
	segment int
	seg     *backend.Segmentation // the segmentation with the name
}

// Rename names a segment at once in the shown profile and stores the name in the background.
func (s *Store) Rename(c *common.Context, segment int, name string) tea.Cmd {
	if s.Result == nil {
		return nil
	}
	for i := range s.Result.Segments {
		if s.Result.Segments[i].ID == segment {
			s.Result.Segments[i].Name = name
		}
	}
	s.EditErr = nil
	p, ok := backend.ProfilerOf(c.Session)
	if !ok {
		return nil
	}
	seg := c.Segmentation
	var cmd tea.Cmd
	s.renameRun, cmd = task.Start(c.Tasks, c.Ctx, c.Tr.F(i18n.TaskRename, segment),
		func(ctx context.Context, _ task.Report) (renamed, error) {
			named, err := p.Rename(ctx, seg, segment, name)
			return renamed{segment, named}, err
		})
	return cmd
}

// Update takes the results of the store's runs, dropping those of runs it no longer waits
// for. After a merge (even when the profile that follows failed) or a successful rename it
// tells every screen that the segments were edited, with the edited segmentation. Both screens hand it their messages; a result
// is taken only once.
func (s *Store) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case task.Result[*profile.Result]:
		if msg.Run == 0 || msg.Run != s.run {
			return nil
		}
		s.run = 0
		if msg.Err != nil {
			s.Err = msg.Err
			if errors.Is(msg.Err, backend.ErrNoSegmentation) {
				s.Result = nil
			}
			return nil
		}
		s.Result, s.Err = msg.Value, nil
	case task.Result[merge]:
		if msg.Run == 0 || msg.Run != s.run {
			return nil
		}
		s.run = 0
		v := msg.Value
		if msg.Err != nil {
			s.Err = msg.Err
		} else {
			s.Result, s.Err = v.result, nil
		}
		if v.rescored != nil {
			s.Merged = &v.merged
			return common.Broadcast(backend.SegmentsEditedMsg{Segmentation: v.rescored})
		}
	case task.Result[renamed]:
		if msg.Run == 0 || msg.Run != s.renameRun {
			return nil
		}
		s.renameRun, s.EditErr = 0, msg.Err
		if msg.Err == nil {
			return common.Broadcast(backend.SegmentsEditedMsg{Segmentation: msg.Value.seg})
		}
	}
	return nil
}

// SegmentName returns the name of seg in tr's language: its own name, or "Segment n".
func SegmentName(tr i18n.Tr, seg profile.Segment) string {
	if seg.Name != "" { // "Comfortable / 舒适型": the part in the screen's language
		return definition.ParseName(seg.Name).In(string(tr.Lang))
	}
	return tr.F(i18n.ProfSegmentName, seg.ID)
}
