package data

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// DuckDB's errors reach the user without their statement or class, in words about the data.
func TestExplain(t *testing.T) {
	s := newSession(t)
	cases := []struct{ query, want string }{
		{"SELECT CAST(x AS DOUBLE) FROM (VALUES ('1'), ('N/A')) v(x)", `the value "N/A" is not a number`},
		{"SELECT CAST(x AS BIGINT) FROM (VALUES ('1,234')) v(x)", `the value "1,234" is not a whole number`},
		{"SELECT CAST(x AS DATE) FROM (VALUES ('9999-99-99')) v(x)", `is not a date`},
		{"SELECT stddev_samp(x) FROM (VALUES (1e308), (-1e308), (1.0)) v(x)", "too large to compute with"},
		{"SELECT nope FROM (VALUES (1)) v(x)", "nope"},
	}
	for _, c := range cases {
		var v any
		err := s.DB().QueryRowContext(context.Background(), c.query).Scan(&v)
		if err == nil {
			t.Fatalf("%s: no error", c.query)
		}
		got := Explain(fmt.Errorf("reading wide.csv: %w", err)).Error()
		if !strings.Contains(got, c.want) || !strings.HasPrefix(got, "reading wide.csv: ") {
			t.Errorf("%s:\n got %q\nwant %q after the context", c.query, got, c.want)
		}
		for _, bad := range []string{"SELECT", "LINE 1", " Error:"} {
			if strings.Contains(got, bad) {
				t.Errorf("%s: %q still holds %q", c.query, got, bad)
			}
		}
	}
}
