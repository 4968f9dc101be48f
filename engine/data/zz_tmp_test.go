package data

import (
	"context"
	"testing"
	"time"
)

func TestZZPhases(t *testing.T) {
	dir := "/tmp/big"
	s := newSession(t)
	ctx := context.Background()
	files, _, _ := listInputs(dir)
	var loaded []Table
	for _, f := range files {
		t0 := time.Now()
		cf, err := prepareCSV(f, s.tempDir)
		if err != nil {
			t.Fatal(err)
		}
		t1 := time.Now()
		name, _ := s.uniqueName(ctx, stem(f))
		if err := s.loadCSVTyped(ctx, cf, name); err != nil {
			t.Fatal(err)
		}
		t2 := time.Now()
		tb := Table{Name: name, Source: f, Format: "csv"}
		tb.Columns, _ = s.columns(ctx, name)
		s.db.QueryRow("SELECT count(*) FROM " + quoteIdent(name)).Scan(&tb.Rows)
		headers := make([]string, len(tb.Columns))
		for i, c := range tb.Columns {
			headers[i] = c.Name
		}
		tb.Kind, tb.exportCols = recognise(headers)
		t3 := time.Now()
		if err := s.validate(ctx, tb); err != nil {
			t.Fatal(err)
		}
		t4 := time.Now()
		loaded = append(loaded, tb)
		t.Logf("%s: prepass %v, typed read %v, meta %v, validate %v", name, t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), t4.Sub(t3))
	}
	t0 := time.Now()
	for _, tb := range loaded {
		if tb.Kind == Customers {
			s.checkUniqueCustomers(ctx, []Table{tb})
		}
	}
	t.Logf("unique %v", time.Since(t0))
}
