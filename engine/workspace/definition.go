package workspace

import (
	"context"

	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/engine/definition/definitiondb"
	"github.com/seglab/seglab/engine/profile"
)

// Definition returns the draft definition of s, to be saved at defPath: its preprocessing
// and centroids, the population's customers per segment as sizes and shares, the names
// given, the data's fingerprints (relative to defPath's folder), the population, the id
// column, the mapping of roles to the data's columns, the k-means settings, the fit's measures, and each segment's generated
// description from the profile of s against the segmented population. Both front ends save
// through it, so one fit gives one definition. It stores s as the session's assignments.
func (w *Workspace) Definition(ctx context.Context, s *Segmentation, defPath string) (*definition.Definition, error) {
	in := s.Input
	d := definition.New(in.Prepared.Fitted, s.K, s.Centroids, s.Sizes)
	sources, err := definitiondb.Fingerprint(defPath, w.opened.Tables)
	if err != nil {
		return nil, err
	}
	d.Sources, d.IDColumn, d.Population = sources, w.idColumn, in.Request.Population
	if m := w.Mapping(); !m.Empty() {
		d.Mapping = &m
	}
	k := in.Request.KMeans
	d.Algorithm.Seed, d.Algorithm.NInit, d.Algorithm.MaxIter, d.Algorithm.Tol = k.Seed, k.NInit, k.MaxIter, k.Tol
	f := s.Fit
	d.Metrics = definition.Metrics{
		Population: in.Rows.N, Fitted: in.Prepared.N, LeftOutMissing: in.Prepared.Report.Dropped,
		Inertia: f.Inertia, Silhouette: f.Silhouette, SilhouetteExact: f.SilhouetteExact, SilhouetteRows: f.SilhouetteRows,
		CalinskiHarabasz: f.CalinskiHarabasz, DaviesBouldin: f.DaviesBouldin, Stability: f.Stability,
		Sizes: s.FittedSizes(), FitSeconds: f.FitTime.Seconds(),
	}
	for i, n := range s.Names {
		if n != "" {
			d.Segments[i].Name = definition.ParseName(n)
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.store(ctx, s); err != nil {
		return nil, err
	}
	r, err := w.profile(ctx, profile.Options{})
	if err != nil {
		return nil, err
	}
	d.Describe(r)
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d, nil
}
