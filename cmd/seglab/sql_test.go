package main

import (
	"strings"
	"testing"
)

// seglab sql --wide-table prints each dialect's statement; wrong usage exits with 2 and says
// what to do instead.
func TestSQLCommand(t *testing.T) {
	for _, c := range []struct {
		dialect, want string
	}{
		{"duckdb", "arg_min(channel"},
		{"postgres", "regexp_match(c.voltage"},
		{"clickhouse", "SETTINGS join_use_nulls = 1"},
	} {
		status, out, stderr := runSeglab(t, "sql", "--wide-table", "--dialect", c.dialect)
		if status != 0 || !strings.Contains(out, c.want) || !strings.HasSuffix(strings.TrimSpace(out), ";") || strings.Contains(out, "$ref_") || strings.Contains(out, "$has_") {
			t.Errorf("%s: status %d, %s\n%.300s", c.dialect, status, stderr, out)
		}
	}
	status, out, _ := runSeglab(t, "sql", "--wide-table", "--ref-month", "2024-02")
	if status != 0 || !strings.Contains(out, "DATE '2024-02-29'") || !strings.Contains(out, "'2024-02'") {
		t.Errorf("--ref-month 2024-02: status %d\n%.500s", status, out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--definition", "x.yaml", "--dialect", "ansi"}, "use one of duckdb|postgres|clickhouse|sqlite|spark|trino"},
		{[]string{"--wide-table", "--dialect", "spark"}, "not spark"},
		{[]string{"--wide-table", "--ref-month", "2024-13"}, "not YYYY-MM"},
		{[]string{"--wide-table", "--definition", "x.yaml"}, "either --definition"},
		{nil, "either --definition"},
	} {
		status, _, stderr := runSeglab(t, append([]string{"sql"}, c.args...)...)
		if status != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("sql %q: status %d, %q; want 2 and %q", c.args, status, stderr, c.want)
		}
	}
}
