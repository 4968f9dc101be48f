package main

import (
	"github.com/spf13/cobra"

	"github.com/seglab/seglab/engine/data"
)

// addWorkspaceFlag adds the --workspace flag every command that loads data understands.
func addWorkspaceFlag(root *cobra.Command) {
	root.PersistentFlags().String("workspace", "", "keep DuckDB's tables in this file instead of memory (for data larger than memory)")
}

// openSession starts the DuckDB session for cmd, in memory or in the --workspace file.
func openSession(cmd *cobra.Command) (*data.Session, error) {
	workspace, _ := cmd.Flags().GetString("workspace")
	return data.Open(data.Options{Workspace: workspace})
}

// inputPaths gathers the --input values and positional arguments of a command.
func inputPaths(flagged, args []string) []string {
	return append(append([]string(nil), flagged...), args...)
}
