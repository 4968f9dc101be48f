package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/engine/roles"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/engine/widetable"
	"github.com/seglab/seglab/engine/workspace"
)

// addWorkspaceFlag adds the flags every command that loads data understands: --workspace,
// --mapping, --memory-limit and --row-numbers.
func addWorkspaceFlag(root *cobra.Command) {
	root.PersistentFlags().String("workspace", "", "keep DuckDB's tables in this file instead of memory (for data larger than memory)")
	root.PersistentFlags().Float64("satisfaction-scale", 0, "top of the scale a raw survey export scores satisfaction on (100 rescales a 0–100 survey to 0–10)")
	root.PersistentFlags().String("encoding", "utf-8", "encoding of the CSV files written: utf-8 (with the byte-order mark Excel needs) or gbk for older tools")
	root.PersistentFlags().String("mapping", "", "mapping of roles to your columns (FILE.yaml, written by seglab map)")
	root.PersistentFlags().String("memory-limit", "", "most memory DuckDB may hold, such as 8GB or 512MiB, before it spills to a temporary folder (default: $SEGLAB_MEMORY_LIMIT, else half the machine's memory)")
	root.PersistentFlags().Bool("row-numbers", false, "number customers by row when no column is their id (the output then cannot be joined back by id)")
}

// workspaceOptions are the workspace options of cmd's flags: the --workspace file, the
// --mapping and the --memory-limit.
func workspaceOptions(cmd *cobra.Command) (workspace.Options, error) {
	file, _ := cmd.Flags().GetString("workspace")
	scale, _ := cmd.Flags().GetFloat64("satisfaction-scale")
	limit, _ := cmd.Flags().GetString("memory-limit")
	m, err := mappingFlag(cmd, nil)
	return workspace.Options{File: file, Mapping: m, SatisfactionScale: scale, MemoryLimit: limit}, err
}

// mappingFlag returns the mapping of --mapping laid over base (a definition's mapping; nil
// for none): the file's entries win.
func mappingFlag(cmd *cobra.Command, base *roles.Mapping) (roles.Mapping, error) {
	var m roles.Mapping
	if base != nil {
		m = base.Clone()
	}
	path, _ := cmd.Flags().GetString("mapping")
	if path == "" {
		return m, nil
	}
	given, err := roles.LoadMapping(path)
	if err != nil {
		return roles.Mapping{}, err
	}
	return m.Overlay(given), nil
}

// rowNumbersWarning is printed, and put in the JSON, whenever customers are numbered by row.
const rowNumbersWarning = "customers are numbered by row (--row-numbers): no column is their id, so the output cannot be joined back to the customers by id"

// requireID stops when ws has no customer id column, naming the columns that could be it,
// unless --row-numbers allows numbering customers by row; then it returns the warning to show.
func requireID(cmd *cobra.Command, ws *workspace.Workspace) (warning string, err error) {
	if ws.IDColumn() != "" {
		return "", nil
	}
	if rows, _ := cmd.Flags().GetBool("row-numbers"); rows {
		fmt.Fprintln(cmd.ErrOrStderr(), "warning: "+rowNumbersWarning)
		return rowNumbersWarning, nil
	}
	return "", ws.RequireID(cmd.Context())
}

// exportOptions are the options of cmd's flags for the files it writes: the --encoding of CSV.
func exportOptions(cmd *cobra.Command) ([]source.ExportOption, error) {
	name, _ := cmd.Flags().GetString("encoding")
	e, err := source.ParseEncoding(name)
	if err != nil {
		return nil, usagef("--encoding: %v", err)
	}
	return []source.ExportOption{source.WithEncoding(e)}, nil
}

// openSession starts the DuckDB session for cmd, in memory or in the --workspace file, with
// the --mapping (for the raw exports' headers), the --satisfaction-scale and the
// --memory-limit.
func openSession(cmd *cobra.Command) (*data.Session, error) {
	return openSessionOn(cmd, false)
}

// openSessionOn is openSession that, with disk and no --workspace, keeps the tables in a
// temporary database file (data.Options.DiskTables) instead of in memory.
func openSessionOn(cmd *cobra.Command, disk bool) (*data.Session, error) {
	o, err := workspaceOptions(cmd)
	if err != nil {
		return nil, err
	}
	return data.Open(data.Options{Workspace: o.File, DiskTables: disk, SatisfactionScale: o.SatisfactionScale, Mapping: o.Mapping, MemoryLimit: o.MemoryLimit})
}

// inputPaths gathers the --input values and positional arguments of a command.
func inputPaths(flagged, args []string) []string {
	return append(append([]string(nil), flagged...), args...)
}

// openConfined starts cmd's session, opens paths as the relation wide, and then confines
// DuckDB to reading paths and writing in the folders of writable: from there on no
// expression can reach another file. The caller closes the session.
func openConfined(cmd *cobra.Command, paths, writable []string) (*data.Session, source.Opened, error) {
	return openConfinedFor(cmd, paths, writable, nil)
}

// openConfinedFor is openConfined for a definition d: its mapping of roles to columns is
// applied, under the --mapping file's.
func openConfinedFor(cmd *cobra.Command, paths, writable []string, d *definition.Definition) (*data.Session, source.Opened, error) {
	var base *roles.Mapping
	if d != nil {
		base = d.Mapping
	}
	m, err := mappingFlag(cmd, base)
	if err != nil {
		return nil, source.Opened{}, err
	}
	s, err := openSession(cmd)
	if err != nil {
		return nil, source.Opened{}, err
	}
	ctx := cmd.Context()
	opened, err := source.OpenMapped(ctx, s, paths, widetable.DefaultRules(), m)
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
