package engineadapter

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/workspace"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/task"
)

func openSample(t *testing.T) *Session {
	t.Helper()
	s, err := Open(context.Background(), i18n.Tr{Lang: i18n.EN}, nil, workspace.Options{}, func(task.Step) {})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s.(*Session)
}

func TestSampleQueries(t *testing.T) {
	s := openSample(t)
	ctx := context.Background()
	pop, dims := s.Suggest()
	if pop.Kind != backend.Residential || len(dims) < 5 || dims[0].Name != "annual_kwh" || dims[0].Transform != backend.TransformLog1p {
		t.Fatalf("suggestion: %v %v", pop, dims)
	}
	all, err := s.Count(ctx, backend.Population{})
	if err != nil || all != 5000 {
		t.Fatalf("everyone: %d, %v", all, err)
	}
	res, _ := s.Count(ctx, backend.Population{Kind: backend.Residential})
	bus, _ := s.Count(ctx, backend.Population{Kind: backend.Business})
	if res+bus != all || res == 0 || bus == 0 {
		t.Fatalf("residential %d + business %d != %d", res, bus, all)
	}
	// A value with a quote is bound, not spliced.
	if n, err := s.Count(ctx, backend.Population{Kind: backend.ColumnEquals, Column: "region", Value: "x' OR 1=1 --"}); err != nil || n != 0 {
		t.Fatalf("quoted value: %d, %v", n, err)
	}
	if _, err := s.Count(ctx, backend.Population{Kind: backend.ColumnEquals, Column: `no"such`, Value: "1"}); err == nil {
		t.Fatal("an unknown column should be an error")
	}
	rows, err := s.Preview(ctx, "wide", 7)
	if err != nil || len(rows.Values) != 7 || rows.Columns[0] != "customer_id" {
		t.Fatalf("preview: %v rows, %v", len(rows.Values), err)
	}
	// Correlation against Go over the same transformed values.
	pair := []backend.Dimension{{Name: "annual_kwh", Transform: backend.TransformLog1p}, {Name: "peak_share"}}
	r, err := s.Correlation(ctx, pair, backend.Population{Kind: backend.Residential})
	if err != nil {
		t.Fatal(err)
	}
	req, err := s.request(backend.SegmentRequest{Dimensions: []backend.Dimension{{Name: "annual_kwh"}, {Name: "peak_share"}},
		Population: backend.Population{Kind: backend.Residential}})
	if err != nil {
		t.Fatal(err)
	}
	in, err := s.ws.Read(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	x, y := in.Rows.Table.Numeric["annual_kwh"], in.Rows.Table.Numeric["peak_share"]
	var xs, ys []float64
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(y[i]) {
			xs, ys = append(xs, math.Log1p(x[i])), append(ys, y[i])
		}
	}
	if want := pearson(xs, ys); math.Abs(r[0][1]-want) > 1e-9 || r[1][0] != r[0][1] || r[0][0] != 1 {
		t.Fatalf("corr = %v, Go gives %v", r[0][1], want)
	}
}

func pearson(x, y []float64) float64 {
	var mx, my float64
	for i := range x {
		mx, my = mx+x[i], my+y[i]
	}
	mx, my = mx/float64(len(x)), my/float64(len(y))
	var sxy, sxx, syy float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
		syy += (y[i] - my) * (y[i] - my)
	}
	return sxy / math.Sqrt(sxx*syy)
}

func TestBadFileIsNamed(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "customers.csv")
	if err := os.WriteFile(bad, []byte("户号,用电类别\n1,居民生活,extra\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), i18n.Tr{Lang: i18n.EN}, []string{bad}, workspace.Options{}, func(task.Step) {})
	if err == nil || !strings.Contains(err.Error(), "customers.csv") {
		t.Fatalf("the error should name the file: %v", err)
	}
	t.Log(err)
}
