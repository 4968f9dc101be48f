package queries

import (
	"embed"
	"strings"
	"text/template"
)

//go:embed workspace/*.sql
var workspaceFS embed.FS

// Ident returns name as a double-quoted SQL identifier, doubling embedded double quotes:
// the one quoting function for identifiers that come from the data (column names, often
// Chinese) or from the user.
func Ident(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// Literal returns s as an SQL string literal, doubling embedded single quotes. It is only
// for the places DuckDB takes no bound parameter (the target of COPY, SET statements), and
// only for text seglab made itself, such as the path of its own temporary file.
func Literal(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// workspaceTemplates are queries/workspace/*.sql, parsed once. In them {{ident .X}} quotes
// an identifier, {{literal .X}} writes a string literal; {{.Where}} is a condition the engine built from a prep.Filter (identifiers
// quoted, values ? parameters).
var workspaceTemplates = template.Must(template.New("workspace").Funcs(template.FuncMap{"ident": Ident, "literal": Literal}).
	ParseFS(workspaceFS, "workspace/*.sql"))

// Workspace returns the statement of queries/workspace/NAME.sql filled in with params. It
// panics on an unknown name or a template error: both are programming errors, caught by the
// tests of the callers.
func Workspace(name string, params any) string {
	var b strings.Builder
	if err := workspaceTemplates.ExecuteTemplate(&b, name+".sql", params); err != nil {
		panic("queries: " + err.Error())
	}
	return b.String()
}
