package main

import (
	"github.com/spf13/cobra"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/engine/widetable"
	"github.com/seglab/seglab/engine/workspace"
)

// addWorkspaceFlag adds the --workspace flag every command that loads data understands.
func addWorkspaceFlag(root *cobra.Command) {
	root.PersistentFlags().String("workspace", "", "keep DuckDB's tables in this file instead of memory (for data larger than memory)")
}

// workspaceOptions are the workspace options of cmd's flags: the --workspace file.
func workspaceOptions(cmd *cobra.Command) workspace.Options {
	file, _ := cmd.Flags().GetString("workspace")
	return workspace.Options{File: file}
}

// openSession starts the DuckDB session for cmd, in memory or in the --workspace file, with
// the --satisfaction-scale of the commands that have it.
func openSession(cmd *cobra.Command) (*data.Session, error) {
	workspace, _ := cmd.Flags().GetString("workspace")
	scale, _ := cmd.Flags().GetFloat64("satisfaction-scale")
	return data.Open(data.Options{Workspace: workspace, SatisfactionScale: scale})
}

// inputPaths gathers the --input values and positional arguments of a command.
func inputPaths(flagged, args []string) []string {
	return append(append([]string(nil), flagged...), args...)
}

// openConfined starts cmd's session, opens paths as the relation wide, and then confines
// DuckDB to reading paths and writing in the folders of writable: from there on no
// expression can reach another file. The caller closes the session.
func openConfined(cmd *cobra.Command, paths, writable []string) (*data.Session, source.Opened, error) {
	s, err := openSession(cmd)
	if err != nil {
		return nil, source.Opened{}, err
	}
	ctx := cmd.Context()
	opened, err := source.Open(ctx, s, paths, widetable.DefaultRules())
	if err == nil {
		err = s.Confine(ctx, paths, writable)
	}
	if err != nil {
		s.Close()
		return nil, source.Opened{}, err
	}
	return s, opened, nil
}

// definitionInputs returns paths, or when there are none the sources recorded in the
// definition d read from defPath.
func definitionInputs(defPath string, d *definition.Definition, paths []string) ([]string, error) {
	if len(paths) > 0 {
		return paths, nil
	}
	return definition.SourcePaths(defPath, d)
}
