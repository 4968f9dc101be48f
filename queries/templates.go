package queries

import (
	"embed"
	"strings"
	"text/template"
)

//go:embed templates/*.sql
var templatesFS embed.FS

// Ident returns name as a double-quoted SQL identifier, doubling embedded double quotes:
// the one quoting function for identifiers that come from the data (column names, often
// Chinese) or from the user.
func Ident(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// Literal returns s as an SQL string literal, doubling embedded single quotes. It is only
// for the places DuckDB takes no bound parameter (the target of COPY, SET statements): the
// path of seglab's own temporary file, and the paths a session is confined to.
func Literal(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// templates are queries/templates/*.sql, parsed once: the statements whose identifiers vary. In them {{ident .X}} quotes
// an identifier, {{literal .X}} writes a string literal; {{.Where}} is a condition the engine built from a prep.Filter (identifiers
// quoted, values ? parameters).
var templates = template.Must(template.New("templates").Funcs(template.FuncMap{"ident": Ident, "literal": Literal, "join": strings.Join}).
	ParseFS(templatesFS, "templates/*.sql"))

// Template returns the statement of queries/templates/NAME.sql filled in with params. It
// panics on an unknown name or a template error: both are programming errors, caught by the
// tests of the callers.
func Template(name string, params any) string {
	var b strings.Builder
	if err := templates.ExecuteTemplate(&b, name+".sql", params); err != nil {
		panic("queries: " + err.Error())
	}
	return b.String()
}
