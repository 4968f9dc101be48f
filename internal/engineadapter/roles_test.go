package engineadapter

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/workspace"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/task"
)

// A user's wide table with Chinese headers in the workbench: its categorical columns are
// offered as dimensions (区域 as region, 缴费渠道 as the payment channel, and 网格, which no role
// knows), the population filter takes the headers shown and several conditions joined by
// AND, and segmenting and profiling find the id, satisfaction, outages and region.
func TestChineseWideTableInTheWorkbench(t *testing.T) {
	var b strings.Builder
	b.WriteString("客户编号,客户类型,区域,年用电量,满意度,停电次数,缴费渠道,网格\n")
	regions, types, channels := []string{"东部", "中部", "西部"}, []string{"居民", "居民", "非居民"}, []string{"营业厅", "网上银行"}
	wantEastResidential := 0
	for i := range 300 {
		r, ty := regions[i%3], types[(i/3)%3]
		if r == "东部" && ty == "居民" {
			wantEastResidential++
		}
		sat := ""
		if i%4 == 0 {
			sat = fmt.Sprint(3 + i%8)
		}
		fmt.Fprintf(&b, "C%05d,%s,%s,%d,%s,%d,%s,G%d\n", i, ty, r, 1000+(i*37)%5000, sat, (i*7)%5, channels[i%2], i%4)
	}
	path := filepath.Join(t.TempDir(), "客户宽表.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	opened, err := Open(ctx, i18n.Tr{Lang: i18n.ZH}, []string{path}, workspace.Options{}, func(task.Step) {})
	if err != nil {
		t.Fatal(err)
	}
	defer opened.Close()
	s := opened.(*Session)

	var categorical []string
	for _, f := range s.Features() {
		if f.Categorical {
			categorical = append(categorical, f.Name)
		}
	}
	for _, want := range []string{"region", "main_payment_channel", "网格"} {
		if !slices.Contains(categorical, want) {
			t.Errorf("categorical column %s is not offered as a dimension (offered: %v)", want, categorical)
		}
	}
	if slices.Contains(categorical, "customer_id") {
		t.Errorf("the customer id is offered as a dimension")
	}

	for _, text := range []string{"区域 = 东部 且 客户类型 = 居民", "region=east AND customer_type=residential", "区域=东部 & 客户类型=居民"} {
		conds, ok := backend.SplitConditions(text)
		if !ok || len(conds) != 2 {
			t.Fatalf("%q split into %v", text, conds)
		}
		pop := backend.Population{Kind: backend.ColumnEquals, Column: conds[0].Column, Value: conds[0].Value, Text: text}
		n, err := s.Count(ctx, pop)
		if err != nil || n != int64(wantEastResidential) {
			t.Errorf("%q counts %d, %v; want %d", text, n, err, wantEastResidential)
		}
	}
	if _, err := s.Count(ctx, backend.Population{Kind: backend.ColumnEquals, Column: "满意度", Value: "高"}); err == nil || strings.Contains(err.Error(), "Binder") {
		t.Errorf("a non-number for a numeric column: %v", err)
	}

	req := backend.SegmentRequest{Dimensions: []backend.Dimension{{Name: "annual_kwh"}, {Name: "outages_12m"}, {Name: "region", Weight: 1}},
		Population: backend.Population{Kind: backend.Residential}}
	sw, err := s.Sweep(ctx, req, func(backend.SweepStep) {})
	if err != nil {
		t.Fatal(err)
	}
	seg, err := s.Segment(ctx, sw, 3)
	if err != nil {
		t.Fatal(err)
	}
	if seg.IDColumn != "customer_id" || !strings.HasPrefix(seg.IDs[0], "C") {
		t.Errorf("segments keyed by %q (%v…)", seg.IDColumn, seg.IDs[:1])
	}
	p, err := s.Profile(ctx, func(task.Step) {})
	if err != nil {
		t.Fatal(err)
	}
	if p.SatisfactionOutage == nil || len(p.SatisfactionOutage.Points) != 3 || len(p.SatisfactionOutage.Regions) == 0 {
		t.Errorf("no satisfaction-versus-outage chart or region table: %+v", p.SatisfactionOutage)
	}
}
