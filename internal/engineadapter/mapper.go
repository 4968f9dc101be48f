package engineadapter

import (
	"context"

	"github.com/seglab/seglab/engine/roles"
	"github.com/seglab/seglab/engine/workspace"
)

// Roles implements backend.Mapper.
func (s *Session) Roles() []roles.Match { return s.ws.Roles() }

// Headers implements backend.Mapper.
func (s *Session) Headers() []string { return s.ws.Headers() }

// Mapping implements backend.Mapper.
func (s *Session) Mapping() roles.Mapping { return s.ws.Mapping() }

// Remap implements backend.Mapper: the workspace shows the data under m, and the features
// and the suggested starting point are taken again.
func (s *Session) Remap(ctx context.Context, m roles.Mapping) error {
	if err := s.ws.Remap(ctx, m); err != nil {
		return err
	}
	s.segmented.Store(false)
	s.features = catalogue(s.ws.Columns(), s.ws.IDColumn())
	return s.suggest(ctx)
}

// SaveMapping implements backend.Mapper: the mapping in effect goes beside the data
// (workspace.MappingFile), where the workbench reads it when it opens the data again.
func (s *Session) SaveMapping() (string, error) {
	path, _ := s.ws.MappingBeside()
	return path, workspace.SaveMapping(path, s.ws.Mapping(), s.ws.Roles())
}
