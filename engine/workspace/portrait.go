package workspace

import (
	"context"
	"slices"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/portrait"
	"github.com/seglab/seglab/engine/portrait/portraitdb"
	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/engine/profile/profiledb"
	"github.com/seglab/seglab/engine/sweep"
)

// The portrait analyses (engine/portrait) write session tables — portrait, the lookup
// tables, value_scores … — so the workspace runs them, and the profile over the portrait
// tags, one at a time (w.pmu).

// PortraitTags (re)builds the relation portrait: wide plus the portrait tags
// (portrait.TagColumns) with the default thresholds, and counts the customers per tag value.
func (w *Workspace) PortraitTags(ctx context.Context) (*portrait.TagsResult, error) {
	w.pmu.Lock()
	defer w.pmu.Unlock()
	return portraitdb.Tags(ctx, w.s.DB(), portrait.DefaultThresholds())
}

// PortraitColumns describes the tag columns of portrait, in portrait.TagColumns' order. It
// needs PortraitTags first.
func (w *Workspace) PortraitColumns(ctx context.Context) ([]data.ColumnStats, error) {
	w.pmu.Lock()
	defer w.pmu.Unlock()
	all, err := w.s.Describe(ctx, portrait.Table)
	if err != nil {
		return nil, err
	}
	out := make([]data.ColumnStats, 0, len(portrait.TagColumns))
	for _, tc := range portrait.TagColumns {
		if i := slices.IndexFunc(all, func(c data.ColumnStats) bool { return c.Name == tc.Name }); i >= 0 {
			out = append(out, all[i])
		}
	}
	return out, nil
}

// PortraitValue weighs the six value dimensions with AHP and ranks the business customers
// (portraitdb.Value with its defaults).
func (w *Workspace) PortraitValue(ctx context.Context) (*portrait.ValueResult, error) {
	w.pmu.Lock()
	defer w.pmu.Unlock()
	return portraitdb.Value(ctx, w.s.DB(), portrait.ValueOptions{})
}

// PortraitPayment segments the residential customers by payment behaviour (portraitdb.Payment
// with its defaults), reporting the sweep's progress.
func (w *Workspace) PortraitPayment(ctx context.Context, progress func(sweep.Progress)) (*portrait.PaymentResult, error) {
	w.pmu.Lock()
	defer w.pmu.Unlock()
	return portraitdb.Payment(ctx, w.s.DB(), portrait.PaymentOptions{Progress: progress})
}

// PortraitBusiness tiers the business customers by GB/T 4754 section with the default rules.
func (w *Workspace) PortraitBusiness(ctx context.Context) (*portrait.BusinessResult, error) {
	w.pmu.Lock()
	defer w.pmu.Unlock()
	return portraitdb.Business(ctx, w.s.DB(), portrait.DefaultTierRules())
}

// ProfileTagged profiles the stored segmentation like Profile, but over the relation
// portrait once PortraitTags has built it, so that the tags are profiled as categorical
// columns with the labels of portrait.TagColumns.
func (w *Workspace) ProfileTagged(ctx context.Context) (*profile.Result, error) {
	w.pmu.Lock()
	defer w.pmu.Unlock()
	ok, err := w.Exists(ctx, portrait.Table)
	if err != nil {
		return nil, err
	}
	if !ok {
		return w.Profile(ctx, profile.Options{})
	}
	cols, err := profiledb.CatalogueColumns(ctx, w.s.DB(), portrait.Table)
	if err != nil {
		return nil, err
	}
	for i, c := range cols {
		for _, tc := range portrait.TagColumns {
			if tc.Name == c.Name {
				cols[i] = tc
			}
		}
	}
	return w.Profile(ctx, profile.Options{Table: portrait.Table, Columns: cols})
}
