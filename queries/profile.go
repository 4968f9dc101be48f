package queries

import (
	"embed"
	"io/fs"
)

//go:embed profile/*.sql
var profileFS embed.FS

// ProfileTemplates returns the SQL templates behind segment profiles (queries/profile/*.sql),
// rooted at the profile folder. They are text/template sources: the engine fills in only
// identifiers it has double-quoted itself; values always travel as bound parameters.
func ProfileTemplates() fs.FS {
	sub, err := fs.Sub(profileFS, "profile")
	if err != nil {
		panic("queries: " + err.Error()) // the folder is embedded at build time
	}
	return sub
}
