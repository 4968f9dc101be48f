package source

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/widetable"
	"github.com/seglab/seglab/queries"
)

// A wide table holding a value its column cannot take — a negative outage duration, a peak
// share above 1, a tenure of 7,980 years, a satisfaction of −3, a negative count — is refused
// with the file, the line of the first such value, the column and the value. Values that are
// only doubtful (a satisfaction of 11, negative kWh) and the edges of each span are read.
func TestReadRefusesImpossibleValues(t *testing.T) {
	cases := []struct {
		column, bad, want string
	}{
		{"outage_minutes_12m", "-30", "never negative"},
		{"peak_share", "1.3", "peak kWh above the total"},
		{"tenure_years", "7980.2", "9999-12"},
		{"satisfaction", "-3", "never negative"},
		{"tickets_12m", "-1", "never negative"},
	}
	for _, c := range cases {
		t.Run(c.column, func(t *testing.T) {
			p := impossibleWide(t, c.column, c.bad, 37)
			s := session(t)
			ctx := context.Background()
			if _, err := Open(ctx, s, []string{p}, widetable.DefaultRules()); err != nil {
				t.Fatal(err)
			}
			_, err := Read(ctx, s, impossibleColumns(), nil, "customer_id")
			var ie *inputerr.Error
			if !errors.As(err, &ie) || ie.File != p || ie.Line != 38 || ie.ColumnName != c.column ||
				!strings.Contains(ie.Msg, c.bad) || !strings.Contains(ie.Msg, c.want) {
				t.Fatalf("error %v; want %s line 38, column %s, value %s and %q", err, p, c.column, c.bad, c.want)
			}
		})
	}
	for _, ok := range []struct{ column, value string }{
		{"satisfaction", "11"}, {"annual_kwh", "-250"}, {"peak_share", "1"}, {"tenure_years", "0"}, {"outage_minutes_12m", "0"},
	} {
		p := impossibleWide(t, ok.column, ok.value, 12)
		s := session(t)
		ctx := context.Background()
		if _, err := Open(ctx, s, []string{p}, widetable.DefaultRules()); err != nil {
			t.Fatal(err)
		}
		if r, err := Read(ctx, s, impossibleColumns(), nil, "customer_id"); err != nil || r.N != 50 {
			t.Errorf("%s = %s: read %d rows, %v; want 50 rows and no error", ok.column, ok.value, r.N, err)
		}
	}
}

// impossibleColumns are the numeric columns the test reads.
func impossibleColumns() []Column {
	var cols []Column
	for _, n := range []string{"annual_kwh", "peak_share", "tenure_years", "satisfaction", "outage_minutes_12m", "tickets_12m"} {
		cols = append(cols, Column{Name: n, Kind: queries.KindNumeric})
	}
	return cols
}

// impossibleWide writes a wide CSV of 50 customers whose row badRow (1-based) holds value in
// column; every other value is plausible.
func impossibleWide(t *testing.T, column, value string, badRow int) string {
	t.Helper()
	var b strings.Builder
	cols := impossibleColumns()
	b.WriteString("customer_id")
	for _, c := range cols {
		b.WriteString("," + c.Name)
	}
	b.WriteString("\n")
	for i := 1; i <= 50; i++ {
		fmt.Fprintf(&b, "C%03d", 51-i) // ids against file order: the line is the file's
		for _, c := range cols {
			v := map[string]string{"annual_kwh": "2400.5", "peak_share": "0.4", "tenure_years": "12.5",
				"satisfaction": "8", "outage_minutes_12m": "95", "tickets_12m": "2"}[c.Name]
			if i == badRow && c.Name == column {
				v = value
			}
			b.WriteString("," + v)
		}
		b.WriteString("\n")
	}
	return write(t, t.TempDir(), "wide.csv", b.String())
}

// A bill month 9999-12 in the billing export makes every tenure thousands of years: the
// wide table built from the exports is refused, naming a customer and the bill month's part.
func TestReadRefusesATenureFromBillMonth9999(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"customers.csv", "billing.csv"} {
		b, err := os.ReadFile(filepath.Join("../../sample-data", name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "billing.csv" {
			lines := strings.SplitN(string(b), "\n", 3)
			fields := strings.Split(lines[1], ",")
			fields[1] = "9999-12"
			b = []byte(lines[0] + "\n" + strings.Join(fields, ",") + "\n" + lines[2])
		}
		write(t, dir, name, string(b))
	}
	ctx := context.Background()
	s := session(t)
	if _, err := Open(ctx, s, []string{dir}, widetable.DefaultRules()); err != nil {
		t.Fatal(err)
	}
	_, err := Read(ctx, s, []Column{{Name: "tenure_years", Kind: queries.KindNumeric}}, nil, "customer_id")
	var ie *inputerr.Error
	if !errors.As(err, &ie) || ie.ColumnName != "tenure_years" || !strings.Contains(ie.Msg, "customer ") || !strings.Contains(ie.Msg, "9999-12") {
		t.Fatalf("error %v; want the tenure_years column, a customer and the hint of a bill month 9999-12", err)
	}
}
