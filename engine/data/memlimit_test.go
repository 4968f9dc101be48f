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
	s, err := Open(Options{MemoryLimit: "64MiB", Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec("CREATE TABLE big AS SELECT range AS a, range::VARCHAR || 'some padding text' AS b FROM range(6000000)"); err != nil {
		t.Fatalf("a table past the memory limit: %v", err)
	}
	var n int64
	if err := s.DB().QueryRow("SELECT count(*) FILTER (WHERE b = a::VARCHAR || 'some padding text') FROM big").Scan(&n); err != nil || n != 6000000 {
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

func TestTablesFitInMemory(t *testing.T) {
	phys := physicalMemory()
	if phys <= 0 {
		t.Skip("physical memory unknown on this system: every input counts as fitting")
	}
	dir := t.TempDir()
	small := writeFile(t, dir, "customers.csv", []byte(customersEN))
	if !TablesFitInMemory([]string{small}) {
		t.Errorf("a %d-byte CSV file does not fit in memory", len(customersEN))
	}
	// A sparse file: its size counts, it takes no disk space.
	big := filepath.Join(t.TempDir(), "billing.parquet")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	size := int64(float64(phys)*memoryShare/2)/parquetExpansion + 1
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if TablesFitInMemory([]string{small, filepath.Dir(big)}) {
		t.Errorf("a %d-byte Parquet file fits in memory (physical %d)", size, phys)
	}
	if !TablesFitInMemory([]string{small, filepath.Join(dir, "missing.csv")}) {
		t.Error("a path that cannot be listed counts as something")
	}
}

func TestDiskTablesLiveInTheSessionFolder(t *testing.T) {
	s, err := Open(Options{DiskTables: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec("CREATE TABLE t AS SELECT range AS a FROM range(1000)"); err != nil {
		t.Fatal(err)
	}
	var file string
	if err := s.DB().QueryRow("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").Scan(&file); err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(file) != s.tempDir {
		t.Errorf("tables kept in %q, want a file in the session's folder %q", file, s.tempDir)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Errorf("%s is still there after Close", file)
	}
}

// A memory limit DuckDB cannot read is refused in the user's words — the limit, where it
// comes from, how to write one — without the driver's text, and leaves no session folder.
func TestBadMemoryLimitIsExplained(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	for _, bad := range []string{"3x", "lots"} {
		_, err := Open(Options{MemoryLimit: bad})
		if err == nil {
			t.Fatalf("memory limit %q: no error", bad)
		}
		msg := err.Error()
		if !strings.Contains(msg, strconv.Quote(bad)) || !strings.Contains(msg, "--memory-limit") || strings.Contains(msg, "driver") {
			t.Errorf("memory limit %q: %s", bad, msg)
		}
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("a refused session left %d entries in TMPDIR", len(left))
	}
}
