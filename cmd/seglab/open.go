package main

import (
	"os"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/seglab/seglab/internal/engineadapter"
	"github.com/seglab/seglab/tui"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/i18n"
)

func newOpenCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "open PATH...",
		Short: "Open the workbench on export files or folders",
		Long: `Open the workbench on the given CSV or Parquet exports, or on folders holding them.

Exports are recognised by their headers (Chinese or English); CSV may be UTF-8 or GBK.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runWorkbench(cmd, args)
		},
	}
}

// runWorkbench starts the interactive workbench on paths, or on the built-in sample when
// paths is empty.
func runWorkbench(cmd *cobra.Command, paths []string) error {
	lang, _ := cmd.Flags().GetString("lang")
	if _, err := tui.Language(lang, os.Getenv); err != nil {
		return usagef("--lang %q: use en or zh", lang)
	}
	in, out := cmd.InOrStdin(), cmd.OutOrStdout()
	if !isTerminal(in) || !isTerminal(out) {
		return usagef("the workbench needs a terminal (input or output is a pipe or file); run a subcommand for scripts — seglab --help lists them")
	}
	return tui.Run(cmd.Context(), tui.Options{Paths: paths, Lang: lang, In: in, Out: out, Opener: workbenchOpener(cmd)})
}

// workbenchOpener returns the workbench's opener of the data: the engine's, in cmd's
// workspace (the --workspace file, or memory).
func workbenchOpener(cmd *cobra.Command) func(i18n.Tr) backend.Opener {
	opts := workspaceOptions(cmd)
	return func(tr i18n.Tr) backend.Opener { return engineadapter.Opener(tr, opts) }
}

// isTerminal reports whether f is a terminal; a stream that is not a file (a test's buffer)
// counts as one.
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return !ok || term.IsTerminal(file.Fd())
}
