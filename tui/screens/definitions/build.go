package definitions

import (
	"fmt"
	"strings"

	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/tui/backend"
)

// Build returns the draft definition of seg: its preprocessing and centroids (after merges,
// see common.Reconcile), sizes and fit measures, the names given on the Profiles screen
// (names[id], used in both languages), and what prov says about the data. The name and the
// note go into the definition's notes, the name on the first line.
func Build(seg *backend.Segmentation, names map[int]string, prov backend.Provenance, name, note string) (*definition.Definition, error) {
	if seg == nil || seg.K < 1 {
		return nil, fmt.Errorf("there is no segmentation to save")
	}
	if w := seg.Fitted.Width(); w == 0 || len(seg.Centroids) != seg.K*w {
		return nil, fmt.Errorf("the segmentation has no centroids to save")
	}
	d := definition.New(seg.Fitted, seg.K, seg.Centroids, seg.Sizes)
	d.Sources, d.Population, d.IDColumn = prov.Sources, prov.Population, prov.IDColumn
	d.Algorithm.Seed = prov.Seed
	if prov.NInit > 0 {
		d.Algorithm.NInit = prov.NInit
	}
	d.Notes = strings.TrimSpace(strings.TrimSpace(name) + "\n\n" + strings.TrimSpace(note))
	for i := range d.Segments {
		if n := strings.TrimSpace(names[d.Segments[i].ID]); n != "" {
			d.Segments[i].Name = definition.Text{EN: n, ZH: n}
		}
	}
	m := seg.Metrics
	fitted := len(seg.IDs) - seg.LeftOut
	d.Metrics = definition.Metrics{
		Population: len(seg.IDs), Fitted: fitted, LeftOutMissing: seg.LeftOut,
		Inertia: m.Inertia, Silhouette: m.Silhouette, CalinskiHarabasz: m.CalinskiHarabasz,
		DaviesBouldin: m.DaviesBouldin, Stability: m.Stability, Sizes: append([]int(nil), seg.Sizes...),
		FitSeconds: m.FitTime.Seconds(),
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d, nil
}

// Title returns the first line of a definition's notes: the name given when it was saved.
func Title(d *definition.Definition) string {
	first, _, _ := strings.Cut(d.Notes, "\n")
	return strings.TrimSpace(first)
}

// Note returns the definition's notes after the name.
func Note(d *definition.Definition) string {
	_, rest, _ := strings.Cut(d.Notes, "\n")
	return strings.Join(strings.Fields(rest), " ")
}
