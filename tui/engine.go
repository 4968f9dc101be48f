package tui

import (
	"context"

	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/task"
)

// openEngine opens data for the workbench. The engine adapter is not wired in yet, so it
// says so instead of showing made-up data.
func openEngine(context.Context, []string, task.Report) (backend.Session, error) {
	return nil, backend.ErrUnavailable
}
