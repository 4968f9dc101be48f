package prep

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/seglab/seglab/queries"
)

// TestDefaultResidentialNamesWideColumns checks that every default dimension and the
// population filter name a column of the wide table's feature catalogue, with the kind the
// catalogue gives it, so that renaming a wide-table column cannot silently break the defaults.
func TestDefaultResidentialNamesWideColumns(t *testing.T) {
	spec := DefaultResidential()
	if spec.Scaling != ZScore {
		t.Errorf("scaling %q, want zscore", spec.Scaling)
	}
	if len(spec.Filter) == 0 {
		t.Fatal("no population filter: the defaults are for residential customers")
	}
	if err := spec.Filter.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, c := range spec.Filter {
		f, ok := queries.FeatureByName(c.Column)
		if !ok || f.Kind != queries.KindCategorical {
			t.Errorf("filter column %q: catalogue kind %q (found %v), want categorical", c.Column, f.Kind, ok)
		}
	}
	want := map[Kind]queries.Kind{Numeric: queries.KindNumeric, Categorical: queries.KindCategorical}
	for _, d := range spec.Dims {
		f, ok := queries.FeatureByName(d.Column)
		if !ok {
			t.Errorf("dimension %q is not a wide-table column", d.Column)
			continue
		}
		if f.Kind != want[d.Kind] {
			t.Errorf("dimension %q is %s, the catalogue says %s", d.Column, d.Kind, f.Kind)
		}
		if d.Column == spec.Filter[0].Column {
			t.Errorf("dimension %q is constant on the population it filters", d.Column)
		}
	}
}

// TestDefaultResidentialFitsAndIsFresh fits the defaults on a random table with the right
// columns and checks the matrix width and the weights it applies; and that changing one
// returned value does not change the next.
func TestDefaultResidentialFitsAndIsFresh(t *testing.T) {
	spec := DefaultResidential()
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 200
	tab := Table{Numeric: map[string][]float64{}, Text: map[string][]string{}}
	cats := map[string][]string{}
	for _, d := range spec.Dims {
		if d.Kind == Numeric {
			v := make([]float64, n)
			for i := range v {
				v[i] = rng.ExpFloat64() * 10
			}
			tab.Numeric[d.Column] = v
			continue
		}
		cats[d.Column] = []string{"a", "b", "c"}
		v := make([]string, n)
		for i := range v {
			v[i] = cats[d.Column][i%3]
		}
		tab.Text[d.Column] = v
	}
	p, err := Fit(Spec{Dims: spec.Dims, Scaling: spec.Scaling}, tab)
	if err != nil {
		t.Fatal(err)
	}
	width := 0
	for _, d := range spec.Dims {
		width += max(1, len(cats[d.Column]))
	}
	if p.D != width || p.N != n {
		t.Fatalf("matrix %d×%d, want %d×%d", p.N, p.D, n, width)
	}
	// Column by column: a numeric column has population sd = weight, a categorical
	// dimension puts weight/√2 on the indicator of each row's category.
	j := 0
	for _, d := range spec.Dims {
		if d.Kind == Numeric {
			var s, ss float64
			for i := range n {
				x := p.X[i*p.D+j]
				s += x
				ss += x * x
			}
			sd := math.Sqrt(ss/n - (s/n)*(s/n))
			if math.Abs(sd-d.Weight) > 1e-9 {
				t.Errorf("%s: sd %v, want its weight %v", d.Column, sd, d.Weight)
			}
			j++
			continue
		}
		for i := range n {
			for c := range 3 {
				want := 0.0
				if c == i%3 {
					want = d.Weight / math.Sqrt2
				}
				if got := p.X[i*p.D+j+c]; math.Abs(got-want) > 1e-12 {
					t.Fatalf("%s row %d indicator %d = %v, want %v", d.Column, i, c, got, want)
				}
			}
		}
		j += 3
	}

	spec.Dims[0].Weight = 99
	spec.Filter[0].Equals = "business"
	again := DefaultResidential()
	if again.Dims[0].Weight == 99 || again.Filter[0].Equals == "business" {
		t.Error("changing a returned spec changed the defaults")
	}
}
