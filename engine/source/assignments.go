package source

import (
	"context"
	"database/sql/driver"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/queries"
)

// AssignmentsTable is the session table that holds the latest segment assignments.
const AssignmentsTable = "assignments"

// StoreAssignments replaces the table assignments with one row per customer: idColumn (text)
// and segment (1-based INTEGER), plus segment_name when names is not nil (names[s-1] names
// segment s). segments[i] is the 1-based segment of ids[i].
func StoreAssignments(ctx context.Context, s *data.Session, idColumn string, ids []string, segments []int, names []string) error {
	return StoreAssignmentsAs(ctx, s, AssignmentsTable, idColumn, ids, segments, names)
}

// StoreAssignmentsAs is StoreAssignments into the table called table.
func StoreAssignmentsAs(ctx context.Context, s *data.Session, table, idColumn string, ids []string, segments []int, names []string) error {
	if len(ids) != len(segments) {
		panic(fmt.Sprintf("source: %d ids but %d segments", len(ids), len(segments)))
	}
	conn, err := s.DB().Conn(ctx)
	if err != nil {
		return fmt.Errorf("source: storing assignments: %w", err)
	}
	defer conn.Close()
	create := queries.Template("assignments_create", map[string]any{"Table": table, "ID": idColumn, "Named": names != nil})
	if _, err := conn.ExecContext(ctx, create); err != nil {
		return fmt.Errorf("source: storing assignments: %w", err)
	}
	err = conn.Raw(func(dc any) error {
		app, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", table)
		if err != nil {
			return err
		}
		for i, id := range ids {
			seg := segments[i]
			if names != nil {
				err = app.AppendRow(id, int32(seg), names[seg-1])
			} else {
				err = app.AppendRow(id, int32(seg))
			}
			if err != nil {
				app.Close()
				return err
			}
		}
		return app.Close()
	})
	if err != nil {
		return fmt.Errorf("source: storing assignments: %w", err)
	}
	return nil
}
