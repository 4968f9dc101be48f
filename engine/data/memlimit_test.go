package data

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// settingBytes reads a DuckDB size setting ("11.4 GiB", "953.6 MiB") of s in bytes.
func settingBytes(t *testing.T, s *Session, name string) float64 {
	t.Helper()
	var v string
	if err := s.DB().QueryRow("SELECT current_setting(?)", name).Scan(&v); err != nil {
		t.Fatal(err)
	}
	units := map[string]float64{"bytes": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40}
	num, unit, ok := strings.Cut(v, " ")
	x, err := strconv.ParseFloat(num, 64)
	if !ok || err != nil || units[unit] == 0 {
		t.Fatalf("%s = %q: not a size", name, v)
	}
	return x * units[unit]
}

func TestMemoryLimitApplied(t *testing.T) {
	near := func(got, want float64) bool { return got > want*0.99 && got < want*1.01 }

	t.Setenv("SEGLAB_MEMORY_LIMIT", "")
	s, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if phys := physicalMemory(); phys > 0 {
		if got := settingBytes(t, s, "memory_limit"); !near(got, float64(phys)*memoryShare) {
			t.Errorf("default memory_limit = %.0f bytes, want half of %d", got, phys)
		}
	}
	var dir string
	if err := s.DB().QueryRow("SELECT current_setting('temp_directory')").Scan(&dir); err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(dir) != s.tempDir {
		t.Errorf("temp_directory = %q, want a folder inside the session's %q", dir, s.tempDir)
	}

	given, err := Open(Options{MemoryLimit: "700MiB"})
	if err != nil {
		t.Fatal(err)
	}
	defer given.Close()
	if got := settingBytes(t, given, "memory_limit"); !near(got, 700<<20) {
		t.Errorf("memory_limit with MemoryLimit 700MiB = %.0f bytes", got)
	}

	t.Setenv("SEGLAB_MEMORY_LIMIT", "300MiB")
	env, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer env.Close()
	if got := settingBytes(t, env, "memory_limit"); !near(got, 300<<20) {
		t.Errorf("memory_limit with SEGLAB_MEMORY_LIMIT=300MiB = %.0f bytes", got)
	}
}

// TestSessionSpillsPastMemoryLimit fills a table three times the memory limit: DuckDB must
// spill it to the session's temporary folder, which Close removes.
func TestSessionSpillsPastMemoryLimit(t *testing.T) {
	s, err := Open(Options{MemoryLimit: "100MiB", Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec("CREATE TABLE big AS SELECT range AS a, range::VARCHAR || 'some padding text' AS b FROM range(12000000)"); err != nil {
		t.Fatalf("a table past the memory limit: %v", err)
	}
	var n int64
	if err := s.DB().QueryRow("SELECT count(*) FILTER (WHERE b = a::VARCHAR || 'some padding text') FROM big").Scan(&n); err != nil || n != 12000000 {
		t.Fatalf("reading the spilled table: %d rows as written, %v", n, err)
	}
	dir := s.tempDir
	spilled, err := os.ReadDir(filepath.Join(dir, "duckdb"))
	if err != nil || len(spilled) == 0 {
		t.Errorf("nothing spilled to %s: %v", filepath.Join(dir, "duckdb"), err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the session's temporary folder %s is still there after Close", dir)
	}
}
