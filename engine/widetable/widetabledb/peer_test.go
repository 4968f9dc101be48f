package widetabledb

import (
	"context"
	"database/sql"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/widetable"
)

// scipyUsage computes, independently of DuckDB, the usage trend (100 · least-squares slope /
// mean, by scipy.stats.linregress) and the usage CV (population standard deviation / mean, by
// numpy) of each customer's monthly kWh. It reads {"id": [[month, kwh], …]} and prints
// {"id": [trend, cv]}; customers with fewer than two months or a zero mean get nulls.
const scipyUsage = `
import json, sys
import numpy as np
from scipy.stats import linregress
out = {}
for cid, pts in json.load(sys.stdin).items():
    x = np.array([p[0] for p in pts], dtype=float)
    y = np.array([p[1] for p in pts], dtype=float)
    if len(y) < 2 or y.mean() <= 0:
        out[cid] = [None, None]
        continue
    out[cid] = [100 * linregress(x, y).slope / y.mean(), y.std(ddof=0) / y.mean()]
json.dump(out, sys.stdout)
`

// peerPython returns the Python that has SciPy, or skips the test — but fails it under CI,
// where the peer must be present.
func peerPython(t *testing.T) string {
	t.Helper()
	const python = "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import numpy, scipy").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but %s with NumPy and SciPy is not usable: %v", python, err)
		}
		t.Skipf("no %s with NumPy and SciPy: %v", python, err)
	}
	return python
}

// Usage trend and variability of 80 pseudo-random customers, with gaps in their months and
// bills before the 12-month window, agree with SciPy and NumPy.
func TestUsageStatisticsMatchSciPy(t *testing.T) {
	python := peerPython(t)
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// 15 months (2023-10 … 2024-12), each bill present with probability 3/4; kWh 0–999.
	const setup = `
		CREATE TABLE raw_customers AS
		SELECT 'R' || lpad(i::VARCHAR, 3, '0') AS customer_id, '居民生活' AS customer_class, '东部' AS region,
		       '' AS industry_code, '220V' AS voltage, 8.0 AS contract_capacity_kva, DATE '2020-01-01' AS open_date,
		       '自有' AS housing, '燃气' AS heating, '无' AS special_group, 3::BIGINT AS household_size
		FROM range(80) t(i);
		CREATE TABLE raw_billing AS
		SELECT 'R' || lpad(c::VARCHAR, 3, '0') AS customer_id,
		       strftime(DATE '2023-10-01' + to_months(m::INTEGER), '%Y-%m') AS bill_month,
		       (hash(c, m, 'kwh') % 1000)::DOUBLE AS kwh, 0.0 AS peak_kwh, 1.0 AS amount,
		       DATE '2025-01-15' AS due_date
		FROM range(80) a(c), range(15) b(m)
		WHERE hash(c, m, 'gap') % 4 <> 0;`
	if _, err := db.Exec(setup); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(context.Background(), db, widetable.DefaultRules()); err != nil {
		t.Fatal(err)
	}

	points := map[string][][2]float64{}
	rows, err := db.Query("SELECT customer_id, bill_month, kwh FROM raw_billing WHERE bill_month >= '2024-01'")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id, month string
		var kwh float64
		if err := rows.Scan(&id, &month, &kwh); err != nil {
			t.Fatal(err)
		}
		m, err := strconv.Atoi(strings.TrimPrefix(month, "2024-"))
		if err != nil {
			t.Fatal(err)
		}
		points[id] = append(points[id], [2]float64{float64(m), kwh})
	}
	rows.Close()
	in, err := json.Marshal(points)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, "-c", scipyUsage)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("peer: %v", err)
	}
	var want map[string][2]*float64
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatalf("peer output %q: %v", out, err)
	}

	got := wideRows(t, db)
	checked := 0
	for id, w := range want {
		for i, col := range []string{"usage_trend", "usage_cv"} {
			g := got[id][col]
			if w[i] == nil {
				if g != nil {
					t.Errorf("%s.%s = %v, want NULL", id, col, g)
				}
				continue
			}
			gf, ok := g.(float64)
			if !ok || math.Abs(gf-*w[i]) > 1e-9*math.Max(1, math.Abs(*w[i])) {
				t.Errorf("%s.%s = %v, SciPy/NumPy say %v", id, col, g, *w[i])
			}
			checked++
		}
	}
	if checked < 100 {
		t.Fatalf("only %d values compared; the synthetic data is too thin", checked)
	}
	t.Logf("%d usage statistics agree with SciPy/NumPy", checked)
}
