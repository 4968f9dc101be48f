package workspace

import (
	"context"
	"fmt"

	"github.com/seglab/seglab/queries"
)

// Exists reports whether the session has a table or view called name.
func (w *Workspace) Exists(ctx context.Context, name string) (bool, error) {
	var n int
	if err := w.s.DB().QueryRowContext(ctx, queries.Template("exists", nil), name).Scan(&n); err != nil {
		return false, fmt.Errorf("workspace: looking for %s: %w", name, err)
	}
	return n > 0, nil
}
