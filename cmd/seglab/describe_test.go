package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
)

func TestDescribeBadFileExitsOne(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "账单.csv")
	os.WriteFile(p, []byte("户号,账期,抄见电量,峰时电量,应收电费,缴费截止日期\n1,2024-01,12,3,4.5,2024-02-20\n2,2024-01,abc,3,4.5,2024-02-20\n"), 0o644)
	var stdout, stderr bytes.Buffer
	status := run([]string{"describe", "--input", p}, strings.NewReader(""), &stdout, &stderr)
	if status != exitFailure {
		t.Fatalf("exit status %d, want %d; stderr %q", status, exitFailure, stderr.String())
	}
	want := p + `:3:3: column "抄见电量": "abc" is not a number`
	if !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr %q does not contain %q", stderr.String(), want)
	}
	for _, bad := range []string{"goroutine", "panic"} {
		if strings.Contains(stderr.String()+stdout.String(), bad) {
			t.Errorf("output mentions %q: %s", bad, stderr.String())
		}
	}

	stderr.Reset()
	if status := run([]string{"describe", "--input", filepath.Join(dir, "missing.csv")}, nil, &stdout, &stderr); status != exitFailure ||
		!strings.Contains(stderr.String(), "missing.csv: no such file") {
		t.Errorf("missing file: status %d, stderr %q", status, stderr.String())
	}
	stderr.Reset()
	if status := run([]string{"describe"}, nil, &stdout, &stderr); status != exitUsage {
		t.Errorf("no input: status %d, stderr %q", status, stderr.String())
	}
}

func TestDescribeOutput(t *testing.T) {
	p := filepath.Join(t.TempDir(), "满意度.csv")
	os.WriteFile(p, []byte("户号,调查日期,满意度\n0001,2024-05-01,8\n0002,2024-05-02,6\n0003,2024-05-03,\n"), 0o644)

	var stdout, stderr bytes.Buffer
	if status := run([]string{"describe", "-i", p, "--json"}, nil, &stdout, &stderr); status != exitOK {
		t.Fatalf("status %d: %s", status, stderr.String())
	}
	var got struct {
		Tables []struct {
			Name, Source, Kind string
			Rows               int64
			Columns            []map[string]any
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("%v in %s", err, stdout.String())
	}
	if len(got.Tables) != 1 || got.Tables[0].Name != "满意度" || got.Tables[0].Kind != "survey" || got.Tables[0].Rows != 3 || got.Tables[0].Source != p {
		t.Fatalf("tables = %+v", got.Tables)
	}
	sat := got.Tables[0].Columns[2]
	// The survey contract types satisfaction as a number, so it loads as DOUBLE.
	if sat["name"] != "满意度" || sat["type"] != "DOUBLE" || sat["mean"] != 7.0 || sat["min"] != "6.0" || sat["null_share"].(float64) < 0.33 {
		t.Errorf("满意度 = %v", sat)
	}
	if id := got.Tables[0].Columns[0]; id["type"] != "VARCHAR" || id["mean"] != nil || id["min"] != "0001" {
		t.Errorf("户号 = %v", id)
	}

	stdout.Reset()
	if status := run([]string{"describe", p}, nil, &stdout, &stderr); status != exitOK {
		t.Fatalf("status %d: %s", status, stderr.String())
	}
	lines := strings.Split(strings.TrimRight(stdout.String(), "\n"), "\n")
	if !strings.HasPrefix(lines[0], "满意度  (") || !strings.Contains(lines[0], "survey, 3 rows") {
		t.Errorf("heading %q", lines[0])
	}
	// The type column starts at the same terminal cell on every row, Chinese names included.
	typeCell := -1
	for _, l := range lines[1:] {
		for _, typ := range []string{"type", "VARCHAR", "DATE", "BIGINT"} {
			if i := strings.Index(l, "  "+typ); i >= 0 {
				cell := lipgloss.Width(l[:i+2])
				if typeCell >= 0 && cell != typeCell {
					t.Errorf("misaligned row %q (type at cell %d, not %d)", l, cell, typeCell)
				}
				typeCell = cell
				break
			}
		}
	}
	if typeCell < 0 || len(lines) != 5 {
		t.Errorf("unexpected text output:\n%s", stdout.String())
	}
}
