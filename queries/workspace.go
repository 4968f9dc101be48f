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

// workspaceTemplates are queries/workspace/*.sql, parsed once. In them {{ident .X}} quotes
// an identifier; {{.Where}} is a condition the engine built from a prep.Filter (identifiers
// quoted, values ? parameters).
var workspaceTemplates = template.Must(template.New("workspace").Funcs(template.FuncMap{"ident": Ident}).
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
