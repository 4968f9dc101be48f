package backend

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"

	"github.com/seglab/seglab/engine/portrait"
	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/engine/sweep"
	"github.com/seglab/seglab/queries"
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

// PortraitOf returns the Portraitist of s: s itself when it is one, or the engine portrait
// or the engine portrait a session offers through an EnginePortrait method.
func PortraitOf(s Session) (Portraitist, bool) {
	switch s := s.(type) {
	case nil:
		return nil, false
	case Portraitist:
		return s, true
	case interface{ EnginePortrait() Portraitist }:
		p := s.EnginePortrait()
		return p, p != nil
	}
	return nil, false
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

// EnginePortrait implements Portraitist with engine/portrait over a DuckDB database holding
// the wide table, with the engine's default thresholds, matrix and tier rules.
type EnginePortrait struct {
	DB *sql.DB
}

// locks holds one mutex per database: the portrait analyses write session tables
// (portrait, the lookup tables, value_scores, …) and must not run two at once on one
// database.
var locks sync.Map // *sql.DB → *sync.Mutex

func lockOf(db *sql.DB) *sync.Mutex {
	mu, _ := locks.LoadOrStore(db, &sync.Mutex{})
	return mu.(*sync.Mutex)
}

// PortraitTags implements Portraitist.
func (e EnginePortrait) PortraitTags(ctx context.Context) (*portrait.TagsResult, error) {
	mu := lockOf(e.DB)
	mu.Lock()
	defer mu.Unlock()
	return portrait.Tags(ctx, e.DB, portrait.DefaultThresholds())
}

// PortraitColumns implements Portraitist with one query over the tag columns.
func (e EnginePortrait) PortraitColumns(ctx context.Context) ([]Column, error) {
	aggs := []string{"count(*)"}
	for _, c := range portrait.TagColumns {
		q := queries.Ident(c.Name)
		aggs = append(aggs, "count("+q+")", "count(DISTINCT "+q+")", "CAST(min("+q+") AS VARCHAR)", "CAST(max("+q+") AS VARCHAR)",
			"any_value(typeof("+q+"))")
	}
	var rows int64
	n := len(portrait.TagColumns)
	counts, distinct := make([]int64, n), make([]int64, n)
	mins, maxs, types := make([]sql.NullString, n), make([]sql.NullString, n), make([]sql.NullString, n)
	dest := []any{&rows}
	for i := range n {
		dest = append(dest, &counts[i], &distinct[i], &mins[i], &maxs[i], &types[i])
	}
	mu := lockOf(e.DB)
	mu.Lock()
	defer mu.Unlock()
	if err := e.DB.QueryRowContext(ctx, "SELECT "+strings.Join(aggs, ", ")+" FROM "+queries.Ident(portrait.Table)).Scan(dest...); err != nil {
		return nil, fmt.Errorf("describing the portrait tags: %w", err)
	}
	out := make([]Column, n)
	for i, c := range portrait.TagColumns {
		out[i] = Column{Name: c.Name, Type: types[i].String, Distinct: distinct[i], Min: mins[i].String, Max: maxs[i].String}
		if rows > 0 {
			out[i].NullShare = 1 - float64(counts[i])/float64(rows)
		}
	}
	return out, nil
}

// PortraitPreview implements Portraitist.
func (e EnginePortrait) PortraitPreview(ctx context.Context, limit int) (Rows, error) {
	mu := lockOf(e.DB)
	mu.Lock()
	defer mu.Unlock()
	rows, err := e.DB.QueryContext(ctx, "SELECT * FROM "+queries.Ident(portrait.Table)+" LIMIT ?", limit)
	if err != nil {
		return Rows{}, fmt.Errorf("previewing the portrait: %w", err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return Rows{}, err
	}
	out := Rows{Columns: cols}
	vals := make([]sql.NullString, len(cols))
	dest := make([]any, len(cols))
	for i := range vals {
		dest[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return Rows{}, fmt.Errorf("previewing the portrait: %w", err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = v.String
		}
		out.Values = append(out.Values, row)
	}
	return out, rows.Err()
}

// PortraitValue implements Portraitist.
func (e EnginePortrait) PortraitValue(ctx context.Context) (*portrait.ValueResult, error) {
	mu := lockOf(e.DB)
	mu.Lock()
	defer mu.Unlock()
	return portrait.Value(ctx, e.DB, portrait.ValueOptions{})
}

// PortraitPayment implements Portraitist, reporting the sweep's fits as steps.
func (e EnginePortrait) PortraitPayment(ctx context.Context, report task.Report) (*portrait.PaymentResult, error) {
	mu := lockOf(e.DB)
	mu.Lock()
	defer mu.Unlock()
	return portrait.Payment(ctx, e.DB, portrait.PaymentOptions{Progress: func(p sweep.Progress) {
		report(task.Step{Done: p.FitsDone, Total: p.FitsTotal})
	}})
}

// PortraitBusiness implements Portraitist.
func (e EnginePortrait) PortraitBusiness(ctx context.Context) (*portrait.BusinessResult, error) {
	mu := lockOf(e.DB)
	mu.Lock()
	defer mu.Unlock()
	return portrait.Business(ctx, e.DB, portrait.DefaultTierRules())
}

// Exclusive runs fn while no other portrait analysis of e's database runs, for readers of
// the relations the analyses write (the portrait tags).
func (e EnginePortrait) Exclusive(fn func() error) error {
	mu := lockOf(e.DB)
	mu.Lock()
	defer mu.Unlock()
	return fn()
}
