package workspace

import (
	"context"

	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/engine/profile/profiledb"
	"github.com/seglab/seglab/engine/source"
)

// Profile describes the segments of opts.Assignments (default: the relation Store writes)
// over the customers of opts.Table (default wide) that have a segment (profiledb.Segmented),
// so that every index and the chart's reference lines are relative to the segmented
// population — the same for seglab profile, the workbench and the report. opts.ID defaults
// to the workspace's id column ("row", numbering wide's rows, without one).
func (w *Workspace) Profile(ctx context.Context, opts profile.Options) (*profile.Result, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.profile(ctx, opts)
}

func (w *Workspace) profile(ctx context.Context, opts profile.Options) (*profile.Result, error) {
	if opts.Assignments == "" {
		opts.Assignments = source.AssignmentsTable
	}
	if opts.ID == "" {
		opts.ID = w.idName()
	}
	return profiledb.Segmented(ctx, w.s.DB(), opts)
}
