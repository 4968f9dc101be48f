package queries

import _ "embed"

//go:embed roles.tsv
var rolesTSV string

// RolesTSV returns the built-in table of column roles and their bilingual synonyms
// (queries/roles.tsv); engine/roles parses it.
func RolesTSV() string { return rolesTSV }
