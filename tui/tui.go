// Package tui is the seglab workbench: a Bubble Tea application over the engine packages.
//
// The root model (root.go) owns the shared common.Context, the header of screen tabs, the
// status bar and the help; it routes messages and draws the frame. Each screen is a
// common.Component in its own package under screens/.
package tui

import (
	"context"
	"errors"
	"io"
	"os"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/styles"
)

// Options say what the workbench opens and where it draws.
type Options struct {
	Paths []string  // exports to open; empty opens the built-in sample
	In    io.Reader // keyboard input
	Out   io.Writer // terminal output
	Lang  string    // interface language, "en" or "zh"; empty follows LC_ALL, LC_MESSAGES, LANG
	// Opener returns what opens the data and answers the screens, labelling its steps in
	// tr's language: the engine's (internal/engineadapter, with the session's workspace
	// options) for seglab open, a fake in tests.
	Opener func(tr i18n.Tr) backend.Opener
}

// Run shows the workbench until the user quits or ctx is cancelled.
func Run(ctx context.Context, opts Options) error {
	lang, err := Language(opts.Lang, os.Getenv)
	if err != nil {
		return err
	}
	if opts.Opener == nil {
		return errors.New("tui: Options.Opener is required")
	}
	r := lipgloss.NewRenderer(opts.Out)
	r.SetHasDarkBackground(r.HasDarkBackground()) // ask the terminal now, before Bubble Tea reads the keyboard
	m := newModel(ctx, lang, styles.New(r), opts.Opener(i18n.Tr{Lang: lang}), opts.Paths)
	p := tea.NewProgram(m, tea.WithContext(ctx), tea.WithInput(opts.In), tea.WithOutput(opts.Out),
		tea.WithAltScreen(), tea.WithMouseCellMotion())
	_, err = p.Run()
	m.close()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil
	}
	return err
}

// Language decides the interface language: flag when it is set ("en" or "zh"), otherwise
// the locale environment read through getenv (see i18n.Detect).
func Language(flag string, getenv func(string) string) (i18n.Lang, error) {
	if flag != "" {
		return i18n.Parse(flag)
	}
	return i18n.Detect(getenv), nil
}
