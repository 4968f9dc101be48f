package backend

import (
	"context"

	"github.com/seglab/seglab/engine/roles"
)

// Mapper is implemented by sessions whose columns are recognised by role, so that the Data
// screen's mapping pane can show each role's column, confidence and sample values and let the
// user accept or change them.
type Mapper interface {
	// Roles returns a match per role of the wide table (roles.Resolve).
	Roles() []roles.Match
	// Headers returns the input's column names, the choices for a role.
	Headers() []string
	// Mapping returns the mapping in effect.
	Mapping() roles.Mapping
	// Remap shows the data under m; the session's features and suggestion change with it.
	Remap(ctx context.Context, m roles.Mapping) error
	// SaveMapping writes the mapping in effect beside the data and returns the file.
	SaveMapping() (string, error)
}

// MapperOf returns s as a Mapper when it is one.
func MapperOf(s Session) (Mapper, bool) {
	m, ok := s.(Mapper)
	return m, ok
}
