package data

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// A folder named like a Hive partition (month=2024-01, as partitioned exports often are) adds
// no column to the files in it, CSV or Parquet: DuckDB would add "month" to every table.
func TestPartitionLikeFolderAddsNoColumn(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "month=2024-01")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	csv := writeFile(t, dir, "readings.csv", []byte("meter,kwh\nA,1.5\nB,2.5\n"))
	export := writeFile(t, dir, "customers.csv", []byte(customersCN))
	s := newSession(t)
	pq := filepath.Join(dir, "readings2.parquet")
	if _, err := s.DB().Exec("COPY (SELECT 'A' AS meter, 1.5 AS kwh) TO '" + pq + "' (FORMAT parquet)"); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{csv, pq, export} {
		ts, err := s.Load(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range ts[0].Columns {
			if c.Name == "month" {
				t.Errorf("%s loads with a column month", filepath.Base(p))
			}
		}
	}
}
