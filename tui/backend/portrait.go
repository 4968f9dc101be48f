package backend

import (
	"context"

	"github.com/seglab/seglab/engine/portrait"
	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/tui/task"
)

// Portraitist computes the customer portrait (客户画像) of a session and the analyses built
// on it (engine/portrait). A session whose engine can do so offers one; screens find it
// with PortraitOf. Its methods may be called from background commands; calls that write the
// same session tables are run one at a time.
type Portraitist interface {
	// PortraitTags (re)builds the relation portrait: the wide table plus the portrait tags
	// (portrait.TagColumns), and counts the customers per tag value.
	PortraitTags(ctx context.Context) (*portrait.TagsResult, error)
	// PortraitColumns summarises the tag columns of portrait (the wide table's own columns
	// are described by Session.Describe("wide")). It needs PortraitTags first.
	PortraitColumns(ctx context.Context) ([]Column, error)
	// PortraitPreview returns the first limit rows of portrait as text.
	PortraitPreview(ctx context.Context, limit int) (Rows, error)
	// PortraitValue weighs the six value dimensions with AHP and ranks the business
	// customers, the top 20 % marked. With an inconsistent matrix it returns the AHP
	// figures and an error wrapping ahp.ErrInconsistent.
	PortraitValue(ctx context.Context) (*portrait.ValueResult, error)
	// PortraitPayment segments the residential customers by payment behaviour and profiles
	// the segments, reporting the k sweep's progress.
	PortraitPayment(ctx context.Context, report task.Report) (*portrait.PaymentResult, error)
	// PortraitBusiness tiers the business customers by GB/T 4754 section.
	PortraitBusiness(ctx context.Context) (*portrait.BusinessResult, error)
}

// PortraitOf returns s as a Portraitist when it is one.
func PortraitOf(s Session) (Portraitist, bool) {
	p, ok := s.(Portraitist)
	return p, ok
}

// TagProfiler is a Profiler that can profile over the portrait relation when it exists, so
// that the portrait tags are profiled as categorical columns.
type TagProfiler interface {
	ProfileWithTags(ctx context.Context, report task.Report) (*profile.Result, error)
}

// ProfileTagged profiles the current segmentation with p, over the portrait tags when p can.
func ProfileTagged(ctx context.Context, p Profiler, report task.Report) (*profile.Result, error) {
	if tp, ok := p.(TagProfiler); ok {
		return tp.ProfileWithTags(ctx, report)
	}
	return p.Profile(ctx, report)
}
