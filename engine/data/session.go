// Package data is seglab's DuckDB data layer: a Session holds an embedded DuckDB, loads CSV and
// Parquet exports into tables, recognises the six export kinds of queries/EXPORTS.md and exposes
// them as raw_<kind> views, describes columns, and reads numeric results into Go quickly.
//
// Faults in the files a user hands over are returned as *inputerr.Error naming the file and,
// where it applies, the line and column.
package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" database/sql driver

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/roles"
)

// Options configure a Session. The zero value is an in-memory database with DuckDB's default
// thread count and memory limit.
type Options struct {
	// Workspace is an on-disk DuckDB file for data larger than memory; empty means in memory.
	Workspace string
	// DiskTables, without a Workspace, keeps the tables in a DuckDB file inside the session's
	// temporary folder (removed on Close) instead of in memory: DuckDB stores them compressed
	// there, several times smaller than the uncompressed in-memory tables it would otherwise
	// spill. See TablesFitInMemory.
	DiskTables bool
	// Threads caps DuckDB's worker threads; 0 keeps DuckDB's default (one per core).
	Threads int
	// MemoryLimit caps DuckDB's memory, in DuckDB's notation ("4GB", "512MiB"); empty means
	// the environment variable SEGLAB_MEMORY_LIMIT, or when that is unset DefaultMemoryLimit.
	// Past the limit DuckDB spills tables and intermediate results to the session's temporary
	// folder (removed on Close) instead of failing.
	MemoryLimit string
	// SatisfactionScale is the top of the scale survey exports score satisfaction on; their
	// scores are rescaled to 0–10. 0 means 10 (no rescaling).
	SatisfactionScale float64
	// Mapping names, for roles of the raw exports, the header that holds them and the unit of
	// their values; it is asked before the names and synonyms of queries/roles.tsv.
	Mapping roles.Mapping
}

// Session is one embedded DuckDB database with the tables loaded into it. Its methods may be
// called from several goroutines, except Close.
type Session struct {
	db      *sql.DB
	tempDir string // transcoded CSV files live here; removed on Close

	mu       sync.Mutex
	tables   []Table          // every table loaded so far, in load order
	exports  map[Kind][]Table // recognised exports by kind, in load order
	nextTmp  int              // counter for staging table and temp file names
	warnings []Warning        // plausibility warnings of the loads so far

	satisfactionScale float64       // Options.SatisfactionScale; 0 keeps 0–10
	mapping           roles.Mapping // Options.Mapping
}

// Open starts a Session with opts. The caller must Close it.
func Open(opts Options) (*Session, error) {
	if opts.SatisfactionScale < 0 {
		return nil, fmt.Errorf("data: the satisfaction scale must be positive, got %g", opts.SatisfactionScale)
	}
	if opts.Threads < 0 {
		return nil, fmt.Errorf("data: threads must be positive, got %d", opts.Threads)
	}
	if strings.ContainsAny(opts.Workspace, "?#") {
		return nil, inputerr.New(opts.Workspace, "a workspace file name may not hold ? or # (what follows would be read as database options)")
	}
	tempDir, err := makeSessionDir()
	if err != nil {
		return nil, fmt.Errorf("data: creating the session's temporary folder: %w", err)
	}
	q := url.Values{}
	if opts.Threads > 0 {
		q.Set("threads", strconv.Itoa(opts.Threads))
	}
	limit := opts.MemoryLimit
	if limit == "" {
		limit = os.Getenv("SEGLAB_MEMORY_LIMIT")
	}
	if limit == "" {
		limit = DefaultMemoryLimit()
	}
	if limit != "" {
		q.Set("memory_limit", limit)
	}
	q.Set("temp_directory", filepath.Join(tempDir, "duckdb"))
	file := opts.Workspace
	if file == "" && opts.DiskTables {
		file = filepath.Join(tempDir, "tables.duckdb")
	}
	dsn := file + "?" + q.Encode()
	db, err := sql.Open("duckdb", dsn)
	if err == nil {
		err = db.Ping()
	}
	if err != nil {
		os.RemoveAll(tempDir)
		if limit != "" && strings.Contains(err.Error(), "memory_limit") {
			return nil, fmt.Errorf("the memory limit %q (--memory-limit or SEGLAB_MEMORY_LIMIT) is not a size DuckDB understands; write it like 8GB or 512MiB", limit)
		}
		if opts.Workspace != "" {
			return nil, fmt.Errorf("data: opening workspace %s: %w", opts.Workspace, err)
		}
		return nil, fmt.Errorf("data: opening DuckDB: %w", err)
	}
	return &Session{db: db, tempDir: tempDir, exports: map[Kind][]Table{}, satisfactionScale: opts.SatisfactionScale, mapping: opts.Mapping.Clone()}, nil
}

// memoryShare is the share of physical memory DefaultMemoryLimit gives DuckDB: the rest is
// left to seglab's own arrays (the matrix a sweep clusters) and to the other programs of the
// machine.
const memoryShare = 0.5

// DefaultMemoryLimit returns the memory limit a Session gives DuckDB unless told otherwise:
// half the machine's physical memory, in DuckDB's notation ("11724MiB"); "" when the physical
// memory cannot be read (DuckDB then keeps its own default, 80 %).
func DefaultMemoryLimit() string {
	total := physicalMemory()
	if total <= 0 {
		return ""
	}
	return fmt.Sprintf("%dMiB", int64(float64(total)*memoryShare)>>20)
}

// parquetExpansion is about how many times its file size a Parquet export takes as an
// uncompressed DuckDB table (the 10,000,000-customer billing export: 1.0 GB of Parquet,
// 10.5 GB of table); a CSV export takes about its own size.
const parquetExpansion = 10

// TablesFitInMemory reports whether the tables Load would make of paths (files or folders, as
// Load takes them) are likely to fit in half of DefaultMemoryLimit, leaving the other half to
// the queries over them. Paths it cannot list count as nothing: Load reports them.
func TablesFitInMemory(paths []string) bool {
	total := physicalMemory()
	if total <= 0 {
		return true
	}
	var need int64
	for _, p := range paths {
		files, _, err := listInputs(p)
		if err != nil {
			continue
		}
		for _, f := range files {
			book, _ := splitSheet(f)
			info, err := os.Stat(book)
			if err != nil {
				continue
			}
			size := info.Size()
			if formatOf(book) == "parquet" || strings.HasSuffix(strings.ToLower(book), ".gz") || formatOf(book) == "xlsx" {
				size *= parquetExpansion
			}
			need += size
		}
	}
	return float64(need) <= float64(total)*memoryShare/2
}

// DB returns the session's database for other engine packages. Tables and raw_<kind> views
// created by Load are visible through it.
func (s *Session) DB() *sql.DB { return s.db }

// Close closes the database and removes the session's temporary files.
func (s *Session) Close() error {
	return errors.Join(s.db.Close(), os.RemoveAll(s.tempDir))
}

// Tables returns every table loaded so far, in load order.
func (s *Session) Tables() []Table {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Table(nil), s.tables...)
}

// tempName returns a fresh name with prefix, unique within the session.
func (s *Session) tempName(prefix string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextTmp++
	return fmt.Sprintf("%s%d", prefix, s.nextTmp)
}

// exec runs a statement that returns no rows.
func (s *Session) exec(ctx context.Context, query string, args ...any) error {
	_, err := s.db.ExecContext(ctx, query, args...)
	return err
}
