package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/queries"
)

// Column is one column of a loaded table.
type Column struct {
	Name string // as in the file's header
	Type string // DuckDB type, e.g. VARCHAR, BIGINT, DOUBLE, DATE
}

// Table is a file loaded into the session as a DuckDB table.
type Table struct {
	Name    string // table name (quote it in SQL: it may hold any character)
	Source  string // the file, as the user named it
	Format  string // "csv" or "parquet"
	Kind    Kind   // the export kind it was recognised as, or "" when it is no export
	Rows    int64
	Columns []Column

	// NearMiss, for a file that is no recognised export, says which export it most resembles
	// and what it lacks; nil when it resembles none or is a wide table (holds several columns
	// of the feature catalogue that no export has).
	NearMiss *NearMiss

	layout            *layout      // for an export: where each column of its kind is
	textRead          bool         // a CSV file that loadCSV had to read as text (see loadCSVText)
	monthText         map[int]bool // bill-month columns holding months not written YYYY-MM
	totalsRows        int64        // totals rows (合计, 总计, 小计), left out of the view
	satisfactionScale float64      // Options.SatisfactionScale of the session
}

// Load reads each path into the session: a file becomes one table, a folder contributes its
// CSV, TSV, Parquet, Excel (.xlsx) and gzip-compressed CSV/TSV files (not its subfolders),
// sorted by name. Each sheet of a workbook is loaded as its own file (book.xlsx#sheet names one
// sheet). Tables are named after the file without its extensions; a name already in use gets a
// suffix _2, _3, …. CSV files may be UTF-8 (with or without BOM), UTF-16/32 with a byte-order
// mark, or GBK/GB18030; their delimiter (comma, tab, semicolon or bar) is taken from the header
// line, which they must have. The columns of an export get the types of its contract (ids and
// bill months VARCHAR, amounts DOUBLE, whole numbers BIGINT, dates DATE, times TIMESTAMP);
// other CSV columns get the narrowest of BIGINT, DOUBLE, DATE, TIMESTAMP and VARCHAR that holds
// every value, and numbers written with leading zeros (ids) stay VARCHAR.
//
// A file is an export of a kind when its headers name every required column of that kind, by
// its canonical name, its Chinese contract name or a wording of queries/synonyms.tsv, in any
// letter case and width, with or without a unit in brackets (停电时长(小时): converted to
// minutes). Billing may also come with one column per month (1月电量 … 12月电量). Values may be
// written in the forms real exports use (2024/3/5, 20240305, 2024年3月5日; 202501, 2025年1月;
// 1,234.5, ¥12, full-width digits). Recognised exports are checked against their contract and
// exposed as raw_<kind> views; several files of one kind are stacked into one view.
// Plausibility warnings (Warnings) never stop the load.
//
// A folder in which no file is a recognised export is an error, and so is, among several files,
// one that resembles an export without being one; both messages say what each file lacks.
// Every fault of every file is reported at once: the error is an errors.Join of
// *inputerr.Error naming the file and, where it applies, line and column. On error nothing of
// this call stays loaded.
func (s *Session) Load(ctx context.Context, paths ...string) ([]Table, error) {
	var loaded []Table
	fail := func(err error) ([]Table, error) {
		for _, t := range loaded {
			s.exec(context.WithoutCancel(ctx), queries.Template("drop_table", map[string]string{"Table": t.Name}))
		}
		return nil, err
	}
	if len(paths) == 0 {
		return nil, errors.New("data: no files to load")
	}
	var faults []error
	several := len(paths) > 1
	type input struct {
		path  string
		files []string
		isDir bool
		err   error // the path cannot be listed
	}
	inputs := make([]input, len(paths))
	var files []string
	for i, p := range paths {
		fs, isDir, err := listInputs(p)
		inputs[i] = input{p, fs, isDir, err}
		several = several || isDir || len(fs) > 1
		files = append(files, fs...)
	}
	results := s.loadFiles(ctx, files)
	var fatal error // the first fault that is not the input's, in file order
	for _, r := range results {
		loaded = append(loaded, r.tables...)
		if r.err != nil && !inputerr.Is(r.err) && fatal == nil {
			fatal = r.err
		}
	}
	if fatal != nil {
		return fail(fatal)
	}
	next := 0
	for _, in := range inputs {
		if in.err != nil {
			faults = append(faults, in.err)
			continue
		}
		var got []Table
		for range in.files {
			r := results[next]
			next++
			if r.err != nil {
				faults = append(faults, r.err)
			}
			got = append(got, r.tables...)
		}
		if in.isDir && len(got) > 0 && !anyExport(got) {
			faults = append(faults, inputerr.New(in.path, "none of the %d files in this folder is a recognised export (%s); `seglab exports` lists the columns each needs%s",
				len(got), kindList(allKinds()), nearMisses(got)))
		}
	}
	if several && len(faults) == 0 {
		for _, t := range loaded {
			if t.Kind == "" && t.NearMiss != nil && anyExport(loaded) {
				faults = append(faults, inputerr.New(t.Source, "not recognised as an export: %s; `seglab exports` lists the columns each export needs", t.NearMiss))
			}
		}
	}
	if len(faults) > 0 {
		return fail(errors.Join(faults...))
	}
	if err := s.registerExports(ctx, loaded); err != nil {
		return fail(err)
	}
	s.mu.Lock()
	s.tables = append(s.tables, loaded...)
	s.mu.Unlock()
	return loaded, nil
}

// nearMisses words the near misses among ts, one per file, for a message that lists them.
func nearMisses(ts []Table) string {
	var b strings.Builder
	for _, t := range ts {
		if t.NearMiss != nil {
			fmt.Fprintf(&b, "\n  %s: %s", t.Source, t.NearMiss)
		}
	}
	return b.String()
}

// NearMissReport words, for tables that are no recognised export, which export each most
// resembles and what it lacks, one line per table; "" when none resembles an export.
func NearMissReport(ts []Table) string {
	return strings.TrimPrefix(nearMisses(ts), "\n")
}

// InputFiles returns the data files Load would read for path: path itself when it is a file,
// else the CSV, TSV and Parquet files of the folder path, sorted by name. A path Load would
// refuse gives its error.
func InputFiles(path string) ([]string, error) {
	files, _, err := listInputs(path)
	return files, err
}

// listInputs returns the data files named by path: path itself, or the data files of the folder
// path, sorted by name. isDir tells which.
func listInputs(path string) (files []string, isDir bool, err error) {
	if _, sheet := splitSheet(path); sheet != "" {
		return []string{path}, false, nil
	}
	info, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, false, inputerr.New(path, "no such file or folder")
		}
		return nil, false, inputerr.New(path, "cannot open: %v", notExistPlain(err))
	}
	if !info.IsDir() {
		if !info.Mode().IsRegular() {
			// A named pipe or device would block the read forever, deaf to signals.
			return nil, false, inputerr.New(path, "not a regular file (a named pipe, socket or device); save the data to a file first")
		}
		if formatOf(path) == "" {
			return nil, false, inputerr.New(path, "not a CSV, TSV, Parquet or Excel file (by its name: expected .csv, .tsv, .parquet, .xlsx, .csv.gz or .tsv.gz)")
		}
		return []string{path}, false, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, true, inputerr.New(path, "cannot list the folder: %v", notExistPlain(err))
	}
	for _, e := range entries {
		// ~$book.xlsx is the lock file Excel keeps beside an open workbook.
		if formatOf(e.Name()) != "" && !strings.HasPrefix(e.Name(), "~$") && isRegular(filepath.Join(path, e.Name())) {
			files = append(files, filepath.Join(path, e.Name()))
		}
	}
	if len(files) == 0 {
		return nil, true, inputerr.New(path, "the folder holds no CSV, TSV, Parquet or Excel files")
	}
	sort.Strings(files)
	return files, true, nil
}

// isRegular reports whether name is, or links to, a regular file (not a folder, pipe or
// device).
func isRegular(name string) bool {
	info, err := os.Stat(name)
	return err == nil && info.Mode().IsRegular()
}

// formatOf returns "csv", "parquet" or "xlsx" according to the name's extension, "" for anything
// else.
func formatOf(name string) string {
	lower := strings.ToLower(name)
	for _, ext := range []string{".csv", ".tsv", ".csv.gz", ".tsv.gz"} {
		if strings.HasSuffix(lower, ext) {
			return "csv"
		}
	}
	switch {
	case strings.HasSuffix(lower, ".parquet"):
		return "parquet"
	case strings.HasSuffix(lower, ".xlsx"):
		return "xlsx"
	}
	return ""
}

// stem returns the file name without folder and without its data extensions.
func stem(path string) string {
	base := filepath.Base(path)
	lower := strings.ToLower(base)
	for _, ext := range []string{".gz", ".csv", ".tsv", ".parquet", ".xlsx"} {
		if strings.HasSuffix(lower, ext) {
			base, lower = base[:len(base)-len(ext)], lower[:len(lower)-len(ext)]
		}
	}
	if base == "" {
		return "table"
	}
	return base
}

func anyExport(ts []Table) bool {
	for _, t := range ts {
		if t.Kind != "" {
			return true
		}
	}
	return false
}

// fileLoad is what loading one file gave: its tables, or the error that kept it out.
type fileLoad struct {
	tables []Table
	err    error
}

// loadWorkers is the most files loadFiles reads at once. DuckDB reads one CSV file on about
// one core; two files at a time keep both cores of a small machine busy.
const loadWorkers = 2

// loadFiles loads each of files (loadPath) and returns what each gave, in the order of files.
// Table names are chosen in that order, so that they do not depend on which file is read
// first; workbooks are loaded one after the other as they come, the other files up to
// loadWorkers at a time.
func (s *Session) loadFiles(ctx context.Context, files []string) []fileLoad {
	out := make([]fileLoad, len(files))
	pending := map[string]bool{} // names chosen for files not loaded yet, lower case
	type job struct {
		i    int
		name string
	}
	var jobs []job
	for i, f := range files {
		if book, _ := splitSheet(f); formatOf(book) == "xlsx" {
			out[i].tables, out[i].err = s.loadPath(ctx, f)
			continue
		}
		name, err := s.uniqueName(ctx, stem(f), pending)
		if err != nil {
			out[i].err = err
			continue
		}
		pending[strings.ToLower(name)] = true
		jobs = append(jobs, job{i, name})
	}
	var wg sync.WaitGroup
	free := make(chan struct{}, loadWorkers)
	for _, j := range jobs {
		wg.Add(1)
		free <- struct{}{}
		go func() {
			defer func() { <-free; wg.Done() }()
			t, err := s.loadNamed(ctx, files[j.i], files[j.i], j.name)
			if err == nil {
				out[j.i].tables = []Table{t}
			}
			out[j.i].err = err
		}()
	}
	wg.Wait()
	return out
}

// loadPath loads the file at path: one table, or for a workbook one per sheet (book.xlsx#sheet
// names one).
func (s *Session) loadPath(ctx context.Context, path string) ([]Table, error) {
	book, sheet := splitSheet(path)
	if formatOf(book) != "xlsx" {
		t, err := s.loadFile(ctx, path, path, stem(path))
		if err != nil {
			return nil, err
		}
		return []Table{t}, nil
	}
	sheets, err := xlsxSheets(book, sheet, s.tempDir)
	if err != nil {
		return nil, err
	}
	var ts []Table
	var errs []error
	for _, sf := range sheets {
		t, err := s.loadFile(ctx, sf.csv, sf.source, sf.name)
		os.Remove(sf.csv)
		if err != nil {
			if !inputerr.Is(err) {
				return nil, err
			}
			errs = append(errs, renameFile(err, sf.csv, sf.source))
			continue
		}
		t.Format = "xlsx"
		ts = append(ts, t)
	}
	if len(errs) > 0 {
		for _, t := range ts {
			s.exec(context.WithoutCancel(ctx), queries.Template("drop_table", map[string]string{"Table": t.Name}))
		}
		return nil, errors.Join(errs...)
	}
	return ts, nil
}

// loadFile loads the file at path (named source in messages) into a new table named after
// base and recognises its export kind.
func (s *Session) loadFile(ctx context.Context, path, source, base string) (Table, error) {
	name, err := s.uniqueName(ctx, base, nil)
	if err != nil {
		return Table{}, err
	}
	return s.loadNamed(ctx, path, source, name)
}

// loadNamed loads the file at path (named source in messages) into the new table name and
// recognises its export kind.
func (s *Session) loadNamed(ctx context.Context, path, source, name string) (Table, error) {
	var err error
	t := Table{Name: name, Source: source, Format: formatOf(path)}
	if t.Format == "parquet" {
		err = s.exec(ctx, queries.Template("create_table_as", map[string]string{"Table": name, "From": queries.Template("read_parquet", nil)}), path)
		if err != nil {
			if ctx.Err() != nil {
				return Table{}, ctx.Err()
			}
			return Table{}, inputerr.New(path, "cannot read as Parquet: %s", duckMessage(err, "", ""))
		}
	} else if t.textRead, err = s.loadCSV(ctx, path, name); err != nil {
		return Table{}, err
	}
	if t.Columns, err = s.columns(ctx, name); err != nil {
		return Table{}, err
	}
	if err := s.db.QueryRowContext(ctx, queries.Template("count_relation", map[string]string{"Relation": name})).Scan(&t.Rows); err != nil {
		return Table{}, fmt.Errorf("data: counting rows of %s: %w", path, err)
	}
	headers := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		headers[i] = c.Name
	}
	t.Kind, t.layout = recognise(headers, s.mapping)
	t.satisfactionScale = s.satisfactionScale
	if t.Kind == "" && wideFeatureCount(headers) < 3 {
		// A table with several wide-table features is a wide table, not a damaged export.
		t.NearMiss = nearMiss(headers, s.mapping)
	}
	return t, nil
}

// loadCSV checks the CSV file at path and creates table name from it. It first reads the file
// with every column's type given to DuckDB's CSV reader, which converts the values in one
// parallel pass: an export's required columns get their contract's type, every other column
// the type inferTypes finds in one aggregate pass over the text. Should that read fail (a value
// that does not convert: bad input) the file is read again as text by loadCSVText, which finds
// and names the first bad value in file order (with the contract checks of validate);
// textRead tells whether it had to.
func (s *Session) loadCSV(ctx context.Context, path, name string) (textRead bool, err error) {
	cf, err := prepareCSV(path, s.tempDir)
	if err != nil {
		return false, err
	}
	err = s.loadCSVTyped(ctx, cf, name)
	if err == nil {
		return false, nil
	}
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	s.exec(context.WithoutCancel(ctx), queries.Template("drop_table", map[string]string{"Table": name}))
	return true, s.loadCSVText(ctx, path, cf, name)
}

// csvReader returns the read_csv call for a checked file (queries/templates/read_csv.sql): its
// bound parameters are the path and the delimiter, and with typed a list of column types.
func csvReader(typed bool) string {
	return queries.Template("read_csv", map[string]bool{"Typed": typed})
}

// readType is the type DuckDB's CSV reader gives a required export column of type t. Whole
// numbers are read as DOUBLE, because the reader rounds 1.5 to 2 when asked for BIGINT; they
// are checked and narrowed to BIGINT afterwards.
func readType(t ValueType) string {
	if t == Integer {
		return "DOUBLE"
	}
	return t.SQLType()
}

// loadCSVTyped creates table name from the checked file cf with typed columns in one read. It
// fails, having possibly left table name behind, when a value does not convert.
func (s *Session) loadCSVTyped(ctx context.Context, cf *csvFile, name string) error {
	text := csvReader(false)
	names, err := s.relationColumns(ctx, queries.Template("select_from", text), cf.readPath, string(cf.delim))
	if err != nil {
		return err
	}
	types := make([]string, len(names))
	var integers []string // required whole-number columns, read as DOUBLE
	if kind, l := recognise(names, s.mapping); kind != "" {
		for _, f := range (Table{Kind: kind, layout: l}).fields() {
			types[f.col] = readType(f.spec.Type)
			if f.spec.Type == Integer {
				integers = append(integers, names[f.col])
			}
		}
	}
	var unknown []string
	for i, t := range types {
		if t == "" {
			unknown = append(unknown, names[i])
		}
	}
	if len(unknown) > 0 {
		from, args := text, []any{cf.readPath, string(cf.delim)}
		if len(unknown) > columnBatch {
			// Several inference passes: parse the file once into a staging table rather than
			// once per pass.
			stage := s.tempName("__seglab_stage_")
			defer s.exec(context.WithoutCancel(ctx), queries.Template("drop_table", map[string]string{"Table": stage}))
			if err := s.exec(ctx, queries.Template("create_table_as", map[string]string{"Table": stage, "From": text}), args...); err != nil {
				return err
			}
			from, args = queries.Ident(stage), nil
		}
		inferred, err := s.inferTypes(ctx, from, args, unknown)
		if err != nil {
			return err
		}
		for i, j := 0, 0; i < len(types); i++ {
			if types[i] == "" {
				types[i], j = inferred[j], j+1
			}
		}
	}
	err = s.exec(ctx, queries.Template("create_table_as", map[string]string{"Table": name, "From": csvReader(true)}),
		cf.readPath, string(cf.delim), types)
	if err != nil {
		return err
	}
	for _, c := range integers {
		col := map[string]string{"Table": name, "Column": c}
		var whole bool
		if err := s.db.QueryRowContext(ctx, queries.Template("all_whole", col)).Scan(&whole); err != nil {
			return err
		}
		if !whole {
			return fmt.Errorf("data: column %s holds numbers that are not whole", queries.Ident(c))
		}
		if err := s.exec(ctx, queries.Template("to_bigint", col)); err != nil {
			return err
		}
	}
	return nil
}

// loadCSVText reads the checked file cf (path as the user named it) as text into a staging
// table, then creates table name from it: an export's columns stay text, any other file's are
// converted to their inferred types. It is the slow path, taken when a typed read fails: a
// value that does not convert to its type stays text here, for validate to name its line and
// column.
func (s *Session) loadCSVText(ctx context.Context, path string, cf *csvFile, name string) error {
	stage := s.tempName("__seglab_stage_")
	defer s.exec(context.WithoutCancel(ctx), queries.Template("drop_table", map[string]string{"Table": stage}))
	err := s.exec(ctx, queries.Template("create_table_as", map[string]string{"Table": stage, "From": csvReader(false)}),
		cf.readPath, string(cf.delim))
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return csvError(path, cf.readPath, err)
	}
	cols, err := s.columns(ctx, stage)
	if err != nil {
		return err
	}
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	if kind, _ := recognise(names, s.mapping); kind != "" {
		// An export: its columns stay text, for validate to name the first value that does not
		// convert to its contract's type (two passes fewer than inferring and converting).
		return s.exec(ctx, queries.Template("rename_table", map[string]string{"From": stage, "To": name}))
	}
	types, err := s.inferTypes(ctx, queries.Ident(stage), nil, names)
	if err != nil {
		return err
	}
	typed := make([]Column, len(cols))
	for i, c := range cols {
		typed[i] = Column{Name: c.Name, Type: types[i]}
	}
	return s.exec(ctx, queries.Template("create_table_cast", map[string]any{"Table": name, "Columns": typed, "From": stage}))
}

// relationColumns returns the column names of the relation query returns, without running it.
func (s *Session) relationColumns(ctx context.Context, query string, args ...any) ([]string, error) {
	cols, err := s.relationTypes(ctx, query, args...)
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return names, err
}

// inferTypes returns for each text column cols of the relation from (a table name or a
// read_csv call, with args bound to its parameters) the narrowest type that holds all its
// values: BIGINT, DOUBLE, DATE (YYYY-MM-DD), TIMESTAMP (YYYY-MM-DD HH:MM[:SS]) or VARCHAR. A
// column whose numbers carry leading zeros, or that holds no value, stays VARCHAR.
//
// Up to columnBatch columns are inferred in one pass with six aggregates per column. DuckDB
// plans a SELECT of thousands of aggregates in time and memory that grow faster than their
// number (6,000 aggregates took it past 24 GB), so more columns of a table are unpivoted into
// (column, value) rows and inferred by one grouped pass with six aggregates in all: time and
// memory linear in the cells.
func (s *Session) inferTypes(ctx context.Context, from string, args []any, cols []string) ([]string, error) {
	types := make([]string, len(cols))
	var err error
	switch {
	case len(cols) > columnBatch && len(args) == 0:
		err = s.inferLong(ctx, from, cols, types)
	default:
		for lo := 0; lo < len(cols) && err == nil; lo += columnBatch {
			hi := min(lo+columnBatch, len(cols))
			err = s.inferWide(ctx, from, args, cols[lo:hi], types[lo:hi])
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("data: inferring column types: %w", err)
	}
	return types, nil
}

// inferWide infers the types of cols into types with one aggregate query of one row.
func (s *Session) inferWide(ctx context.Context, from string, args []any, cols, types []string) error {
	counts := make([]int64, len(cols))
	flags := make([]sql.NullBool, (typeAggCount-1)*len(cols))
	dest := make([]any, 0, typeAggCount*len(cols))
	for i := range cols {
		dest = append(dest, &counts[i])
		for j := range typeAggCount - 1 {
			dest = append(dest, &flags[(typeAggCount-1)*i+j])
		}
	}
	if err := s.db.QueryRowContext(ctx, queries.Template("infer_wide", map[string]any{"Columns": cols, "From": from}), args...).Scan(dest...); err != nil {
		return err
	}
	for i := range cols {
		types[i] = typeOf(counts[i], flags[(typeAggCount-1)*i:])
	}
	return nil
}

// inferLong infers the types of cols of the table from into types with one grouped query over
// the (column, value) rows of the unpivoted columns.
func (s *Session) inferLong(ctx context.Context, from string, cols, types []string) error {
	index := make(map[string]int, len(cols))
	for i, c := range cols {
		index[c] = i
		types[i] = "VARCHAR" // UNPIVOT leaves out a column that holds no value at all
	}
	rows, err := s.db.QueryContext(ctx, queries.Template("infer_long", map[string]any{"Columns": cols, "From": from}))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var count int64
		flags := make([]sql.NullBool, typeAggCount-1)
		dest := []any{&name, &count}
		for j := range flags {
			dest = append(dest, &flags[j])
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		if i, ok := index[name]; ok {
			types[i] = typeOf(count, flags)
		}
	}
	return rows.Err()
}

// columnBatch is the most columns one aggregate query of inferTypes or Describe covers with
// aggregates of its own: the usual export or wide table is still read in one pass.
const columnBatch = 40

// typeAggCount is the number of aggregates of queries/templates/type_aggs.sql, which decide a
// text column's type.
const typeAggCount = 6

// typeOf decides a column's type from its non-NULL count and the five flags of
// queries/templates/type_aggs.sql.
func typeOf(count int64, f []sql.NullBool) string {
	isInt, leadingZero, isDouble, isDate, isTS := f[0], f[1], f[2], f[3], f[4]
	switch {
	case count == 0:
		return "VARCHAR"
	case isInt.Bool && !leadingZero.Bool:
		return "BIGINT"
	case isDouble.Bool && !leadingZero.Bool:
		return "DOUBLE"
	case isDate.Bool:
		return "DATE"
	case isTS.Bool:
		return "TIMESTAMP"
	}
	return "VARCHAR"
}

// columns lists the columns of table in order.
func (s *Session) columns(ctx context.Context, table string) ([]Column, error) {
	rows, err := s.db.QueryContext(ctx, queries.Template("table_columns", nil), table)
	if err != nil {
		return nil, fmt.Errorf("data: listing columns of %s: %w", table, err)
	}
	defer rows.Close()
	var cols []Column
	for rows.Next() {
		var c Column
		if err := rows.Scan(&c.Name, &c.Type); err != nil {
			return nil, fmt.Errorf("data: listing columns of %s: %w", table, err)
		}
		cols = append(cols, c)
	}
	return cols, rows.Err()
}

// uniqueName returns base, or base_2, base_3, … if a table or view of that name (in any letter
// case, as DuckDB compares names) exists, is among pending (lower-case names chosen for tables
// not created yet) or raw_<kind> views could need it.
func (s *Session) uniqueName(ctx context.Context, base string, pending map[string]bool) (string, error) {
	reserved := map[string]bool{}
	for _, k := range allKinds() {
		reserved[k.View()] = true
	}
	for n := 1; ; n++ {
		name := base
		if n > 1 {
			name = base + "_" + strconv.Itoa(n)
		}
		if reserved[strings.ToLower(name)] || pending[strings.ToLower(name)] || strings.HasPrefix(strings.ToLower(name), "__seglab_") {
			continue
		}
		var taken bool
		err := s.db.QueryRowContext(ctx, queries.Template("name_taken", nil), name).Scan(&taken)
		if err != nil {
			return "", fmt.Errorf("data: choosing a table name: %w", err)
		}
		if !taken {
			return name, nil
		}
	}
}

var duckLineRe = regexp.MustCompile(`Line: (\d+)`)

// csvError turns DuckDB's error about reading readPath into an *inputerr.Error about userPath,
// with the line number DuckDB gives ("Line: N") when there is one.
func csvError(userPath, readPath string, err error) error {
	msg := duckMessage(err, readPath, userPath)
	if m := duckLineRe.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		return inputerr.At(userPath, line, 0, "", "cannot read as CSV: %s", msg)
	}
	return inputerr.New(userPath, "cannot read as CSV: %s", msg)
}

// duckMessage returns DuckDB's error message in the user's terms (plainMessage), with the
// file DuckDB read (readPath) replaced by the file the user named.
func duckMessage(err error, readPath, userPath string) string {
	msg := plainMessage(err.Error())
	if readPath != "" {
		msg = strings.ReplaceAll(msg, readPath, userPath)
	}
	return strings.TrimSpace(msg)
}
