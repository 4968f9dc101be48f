package workspace

import (
	"context"
	"fmt"
	"strings"

	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/queries"
)

// Defaults is where seglab starts when the user names no dimensions: the same for the
// command line and the workbench.
type Defaults struct {
	Preset     Preset         // Residential, or Everyone when the table cannot tell them apart
	Population prep.Filter    // the preset as a filter on wide
	Dims       []prep.DimSpec // the dimensions of prep.DefaultResidential that wide has
	Scaling    prep.Scaling
	// Skipped names the default dimensions left out, each with the reason.
	Skipped []string
}

// maxDefaultMissing is the largest share of missing values a default dimension may have.
const maxDefaultMissing = 0.2

// Defaults returns prep.DefaultResidential fitted to wide: the residential population when
// wide tells residential customers apart and has some (everyone otherwise), and those of its
// dimensions that wide has with the kind they need and at most 20 % missing in the
// population. It fails only when a query fails.
func (w *Workspace) Defaults(ctx context.Context) (Defaults, error) {
	spec := prep.DefaultResidential()
	d := Defaults{Preset: Residential, Scaling: spec.Scaling}
	pop, err := w.Population(Residential)
	if err == nil {
		n, err := w.Count(ctx, pop)
		if err != nil {
			return Defaults{}, err
		}
		if n == 0 {
			pop = nil
		}
	}
	if err != nil || pop == nil {
		d.Preset, pop = Everyone, nil
	}
	d.Population = pop
	var cands []prep.DimSpec
	var names []string
	for _, dim := range spec.Dims {
		c, err := w.Column(dim.Column)
		switch {
		case err != nil:
			d.Skipped = append(d.Skipped, dim.Column+" (not in the table)")
		case (dim.Kind == prep.Categorical) != (c.Kind == queries.KindCategorical) || c.Kind == queries.KindID:
			d.Skipped = append(d.Skipped, fmt.Sprintf("%s (%s, not %s)", dim.Column, c.Kind, dim.Kind))
		default:
			dim.Column = c.Name
			cands = append(cands, dim)
			names = append(names, c.Name)
		}
	}
	total, present, err := w.Present(ctx, pop, names)
	if err != nil {
		return Defaults{}, fmt.Errorf("choosing the default dimensions: %w", err)
	}
	for i, dim := range cands {
		if total > 0 && 1-float64(present[i])/float64(total) <= maxDefaultMissing {
			d.Dims = append(d.Dims, dim)
		} else {
			d.Skipped = append(d.Skipped, dim.Column+" (over 20 % missing)")
		}
	}
	return d, nil
}

// String describes the defaults in one line for the command line, e.g. "residential
// customers (customer_type=residential) on 13 dimensions: annual_kwh:log1p, …".
func (d Defaults) String() string {
	who := "every customer"
	if d.Preset == Residential {
		who = "residential customers (" + d.Population.String() + ")"
	}
	return who + " " + d.DimsText()
}

// DimsText describes the dimensions alone: "on 13 dimensions: annual_kwh:log1p, …", with
// those left out and why.
func (d Defaults) DimsText() string {
	dims := make([]string, len(d.Dims))
	for i, dim := range d.Dims {
		dims[i] = dim.String()
	}
	s := fmt.Sprintf("on %d dimensions: %s", len(d.Dims), strings.Join(dims, ", "))
	if len(d.Skipped) > 0 {
		s += "; left out: " + strings.Join(d.Skipped, ", ")
	}
	return s
}
