// Package tui is the seglab workbench: a Bubble Tea application over the engine packages.
package tui

import (
	"context"
	"io"

	tea "github.com/charmbracelet/bubbletea"
)

// Options say what the workbench opens and where it draws.
type Options struct {
	Paths []string  // exports to open; empty opens the built-in sample
	In    io.Reader // keyboard input
	Out   io.Writer // terminal output
}

// Run shows the workbench until the user quits or ctx is cancelled.
func Run(ctx context.Context, opts Options) error {
	p := tea.NewProgram(placeholder{}, tea.WithContext(ctx), tea.WithInput(opts.In), tea.WithOutput(opts.Out), tea.WithAltScreen())
	_, err := p.Run()
	if err == tea.ErrProgramKilled && ctx.Err() != nil {
		return nil
	}
	return err
}

type placeholder struct{}

func (placeholder) Init() tea.Cmd { return nil }

func (m placeholder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && (k.String() == "q" || k.String() == "ctrl+c") {
		return m, tea.Quit
	}
	return m, nil
}

func (placeholder) View() string { return "seglab workbench — press q to quit\n" }
