package backend

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/tui/task"
)

// Profiler profiles the current segmentation (the assignments relation: customer id and
// segment 1..K, optional segment_name) and edits it. A Session whose engine can do so
// implements it; the Profiles and Compare screens find it with ProfilerOf. Its methods may
// be called from background commands.
type Profiler interface {
	// Profile describes the segments of the current segmentation over the wide table. It
	// returns ErrNoSegmentation when no segmentation has been fitted yet.
	Profile(ctx context.Context, report task.Report) (*profile.Result, error)
	// Rename gives segment its name; an empty name removes it.
	Rename(ctx context.Context, segment int, name string) error
	// Merge moves every customer of segment from into segment into, keeps into's name, and
	// renumbers the segments above from down by one so that they stay 1..K−1.
	Merge(ctx context.Context, into, from int) error
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
	// Rescored, when not nil, is the segmentation after a merge with every customer scored
	// again by the nearest centroid (see Rescorer): the workbench takes it as it is. When
	// nil, the workbench follows the edit by reading the assignments back.
	Rescored *Segmentation
}

// AssignmentsProfiler implements Profiler over a DuckDB database that holds the wide table
// and the assignments relation (see engine/source.StoreAssignments). Options names them;
// its zero value means table "wide", relation "assignments", id "customer_id". Only the
// customers that have a segment are profiled (the segmented population may be a part of the
// wide table): Profile creates or replaces the view ProfiledView over them.
type AssignmentsProfiler struct {
	DB      *sql.DB
	Options profile.Options
}

// ProfiledView is the view of the wide table's assigned customers that Profile profiles.
const ProfiledView = "profiled_customers"

func (a AssignmentsProfiler) table() string {
	if a.Options.Table != "" {
		return a.Options.Table
	}
	return "wide"
}

func (a AssignmentsProfiler) id() string {
	if a.Options.ID != "" {
		return a.Options.ID
	}
	return "customer_id"
}

func (a AssignmentsProfiler) relation() string {
	if a.Options.Assignments != "" {
		return a.Options.Assignments
	}
	return "assignments"
}

// quote returns name as a quoted SQL identifier.
func quote(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// Profile implements Profiler.
func (a AssignmentsProfiler) Profile(ctx context.Context, report task.Report) (*profile.Result, error) {
	var n int
	err := a.DB.QueryRowContext(ctx,
		"SELECT count(*) FROM information_schema.tables WHERE table_name = ?", a.relation()).Scan(&n)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, ErrNoSegmentation
	}
	report(task.Step{Done: 0, Total: 1})
	id := quote(a.id())
	if _, err := a.DB.ExecContext(ctx, "CREATE OR REPLACE VIEW "+quote(ProfiledView)+" AS SELECT * FROM "+quote(a.table())+
		" WHERE CAST("+id+" AS VARCHAR) IN (SELECT CAST("+id+" AS VARCHAR) FROM "+quote(a.relation())+")"); err != nil {
		return nil, fmt.Errorf("profiling: %w", err)
	}
	opts := a.Options
	opts.Table = ProfiledView
	r, err := profile.Compute(ctx, a.DB, opts)
	if err == nil {
		report(task.Step{Done: 1, Total: 1})
	}
	return r, err
}

// Rename implements Profiler, adding the column segment_name when the relation lacks it.
func (a AssignmentsProfiler) Rename(ctx context.Context, segment int, name string) error {
	rel := quote(a.relation())
	if _, err := a.DB.ExecContext(ctx, "ALTER TABLE "+rel+" ADD COLUMN IF NOT EXISTS segment_name VARCHAR"); err != nil {
		return fmt.Errorf("renaming segment %d: %w", segment, err)
	}
	var value any
	if name != "" {
		value = name
	}
	if _, err := a.DB.ExecContext(ctx, "UPDATE "+rel+" SET segment_name = ? WHERE segment = ?", value, segment); err != nil {
		return fmt.Errorf("renaming segment %d: %w", segment, err)
	}
	return nil
}

// Merge implements Profiler in one transaction.
func (a AssignmentsProfiler) Merge(ctx context.Context, into, from int) (err error) {
	if into == from {
		return fmt.Errorf("cannot merge segment %d with itself", into)
	}
	rel := quote(a.relation())
	tx, err := a.DB.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
			err = fmt.Errorf("merging segment %d into %d: %w", from, into, err)
		}
	}()
	var have int
	if err = tx.QueryRowContext(ctx, "SELECT count(DISTINCT segment) FROM "+rel+" WHERE segment IN (?, ?)", into, from).Scan(&have); err != nil {
		return err
	}
	if have != 2 {
		return fmt.Errorf("both segments must have customers")
	}
	var named int
	if err = tx.QueryRowContext(ctx, "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = 'segment_name'",
		a.relation()).Scan(&named); err != nil {
		return err
	}
	if named > 0 {
		if _, err = tx.ExecContext(ctx, "UPDATE "+rel+" SET segment_name = (SELECT any_value(segment_name) FROM "+rel+
			" WHERE segment = ?) WHERE segment = ?", into, from); err != nil {
			return err
		}
	}
	if _, err = tx.ExecContext(ctx, "UPDATE "+rel+" SET segment = ? WHERE segment = ?", into, from); err != nil {
		return err
	}
	if _, err = tx.ExecContext(ctx, "UPDATE "+rel+" SET segment = segment - 1 WHERE segment > ?", from); err != nil {
		return err
	}
	return tx.Commit()
}
