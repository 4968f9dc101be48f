package source

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/roles"
	"github.com/seglab/seglab/engine/widetable"
	"github.com/seglab/seglab/queries"
)

// chineseWideCSV writes a wide table of n customers with every column of the feature
// catalogue under a Chinese header (客户编号, 停电次数 and the catalogue's labels), as a
// marketing system would export it, and returns its path.
func chineseWideCSV(b *testing.B, n int) string {
	b.Helper()
	s, err := data.Open(data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	header := map[string]string{"customer_id": "客户编号", "outages_12m": "停电次数"}
	var cols []string
	for _, f := range queries.Features() {
		h := f.LabelZH
		if header[f.Name] != "" {
			h = header[f.Name]
		}
		var expr string
		switch f.Kind {
		case queries.KindID:
			expr = "'31' || lpad(CAST(i AS VARCHAR), 8, '0')"
		case queries.KindCategorical:
			expr = "(['东部', '中部', '西部'])[1 + i % 3]"
		default:
			expr = "round(random() * 100, 2)"
		}
		cols = append(cols, expr+" AS "+queries.Ident(h))
	}
	path := filepath.Join(b.TempDir(), "客户宽表.csv")
	q := fmt.Sprintf("COPY (SELECT %s FROM range(%d) t(i)) TO %s (HEADER)", strings.Join(cols, ", "), n, queries.Literal(path))
	if _, err := s.DB().Exec(q); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkOpenWideRoles loads the worked case's 329,028-customer wide table with Chinese
// headers: "load" only loads the file (what opening a wide table cost before roles), "roles"
// opens it as wide with every column recognised by its role (OpenMapped: resolution, the
// view, sample values), and "recognise" is the role step alone on the loaded table. Compare
// the medians (-count 5): recognise / load is the cost of roles.
func BenchmarkOpenWideRoles(b *testing.B) {
	const n = 329_028
	path := chineseWideCSV(b, n)
	ctx := context.Background()
	b.Run("recognise", func(b *testing.B) {
		s, err := data.Open(data.Options{})
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		ts, err := s.Load(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, _, _, err := makeMappedView(ctx, s, ts[0].Name, roles.Mapping{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, mode := range []string{"load", "roles"} {
		b.Run(mode, func(b *testing.B) {
			for b.Loop() {
				s, err := data.Open(data.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if mode == "load" {
					_, err = s.Load(ctx, path)
				} else {
					var o Opened
					o, err = OpenMapped(ctx, s, []string{path}, widetable.DefaultRules(), roles.Mapping{})
					if m, _ := roles.Find(o.Roles, "outages_12m"); err == nil && m.Column != "停电次数" {
						b.Fatalf("outages_12m resolved to %+v", m)
					}
				}
				if err != nil {
					b.Fatal(err)
				}
				s.Close()
			}
		})
	}
}
