package data

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/seglab/seglab/engine/inputerr"
)

// allKinds returns the six export kinds in the order of EXPORTS.md.
func allKinds() []Kind {
	kinds := make([]Kind, len(Exports))
	for i, s := range Exports {
		kinds[i] = s.Kind
	}
	return kinds
}

// kindList joins kinds as "a, b and c".
func kindList(kinds []Kind) string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = string(k)
	}
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// Kinds returns the export kinds loaded so far, in the order of EXPORTS.md.
func (s *Session) Kinds() []Kind {
	s.mu.Lock()
	defer s.mu.Unlock()
	var kinds []Kind
	for _, k := range allKinds() {
		if len(s.exports[k]) > 0 {
			kinds = append(kinds, k)
		}
	}
	return kinds
}

// ExportTables returns the tables recognised as exports of kind k, in load order.
func (s *Session) ExportTables(k Kind) []Table {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Table(nil), s.exports[k]...)
}

// Require returns nil when exports of every kind in kinds are loaded, and otherwise an
// *inputerr.Error such as "the wide table needs customers and billing exports; found none of
// billing". purpose names what needs them.
func (s *Session) Require(purpose string, kinds ...Kind) error {
	have := map[Kind]bool{}
	for _, k := range s.Kinds() {
		have[k] = true
	}
	var missing []Kind
	for _, k := range kinds {
		if !have[k] {
			missing = append(missing, k)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return &inputerr.Error{Msg: fmt.Sprintf("%s needs %s exports; found none of %s", purpose, kindList(kinds), kindList(missing))}
}

// registerExports validates the exports among loaded against their contract and (re)creates the
// raw_<kind> view of each kind they belong to, stacking every table of that kind.
func (s *Session) registerExports(ctx context.Context, loaded []Table) error {
	touched := map[Kind]bool{}
	for _, t := range loaded {
		if t.Kind == "" {
			continue
		}
		if err := s.validate(ctx, t); err != nil {
			return err
		}
		touched[t.Kind] = true
	}
	s.mu.Lock()
	all := map[Kind][]Table{}
	for k, ts := range s.exports {
		all[k] = append([]Table(nil), ts...)
	}
	s.mu.Unlock()
	for _, t := range loaded {
		if t.Kind != "" {
			all[t.Kind] = append(all[t.Kind], t)
		}
	}
	if touched[Customers] {
		if err := s.checkUniqueCustomers(ctx, all[Customers]); err != nil {
			return err
		}
	}
	for _, k := range allKinds() {
		if !touched[k] {
			continue
		}
		parts := make([]string, len(all[k]))
		for i, t := range all[k] {
			parts[i] = viewSelect(t)
		}
		if err := s.exec(ctx, "CREATE OR REPLACE VIEW "+quoteIdent(k.View())+" AS "+strings.Join(parts, " UNION ALL ")); err != nil {
			return fmt.Errorf("data: creating %s: %w", k.View(), err)
		}
	}
	s.mu.Lock()
	s.exports = all
	s.mu.Unlock()
	return nil
}

// viewSelect returns the SELECT that turns export table t into its kind's canonical columns.
func viewSelect(t Table) string {
	spec := specOf(t.Kind)
	cols := make([]string, len(spec.Columns))
	for i, c := range spec.Columns {
		src := t.Columns[t.exportCols[i]]
		q := quoteIdent(src.Name)
		expr := "CAST(" + q + " AS " + c.Type.SQLType() + ")"
		if c.Type == Month && isTemporal(src.Type) {
			expr = "strftime(" + q + ", '%Y-%m')"
		}
		cols[i] = expr + " AS " + quoteIdent(c.Name)
	}
	return "SELECT " + strings.Join(cols, ", ") + " FROM " + quoteIdent(t.Name)
}

func isTemporal(sqlType string) bool {
	return sqlType == "DATE" || strings.HasPrefix(sqlType, "TIMESTAMP")
}

func isIntegerType(sqlType string) bool {
	switch sqlType {
	case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT":
		return true
	}
	return false
}

func isNumericType(sqlType string) bool {
	return isIntegerType(sqlType) || sqlType == "FLOAT" || sqlType == "DOUBLE" || strings.HasPrefix(sqlType, "DECIMAL")
}

// badValue returns a SQL condition that holds for a value of column q (of DuckDB type srcType)
// that does not convert to t, and the complaint about such a value; "" when every value
// converts. perValue says that cond is better tested once per distinct value than once per row
// (bill months: a dozen values in millions of rows).
func badValue(q, srcType string, t ValueType) (cond, complaint string, perValue bool) {
	notNull := q + " IS NOT NULL AND "
	text := "CAST(" + q + " AS VARCHAR)"
	switch t {
	case Number:
		if !isNumericType(srcType) {
			return notNull + "TRY_CAST(" + q + " AS DOUBLE) IS NULL", "is not a number", false
		}
	case Integer:
		if !isIntegerType(srcType) {
			d := "TRY_CAST(" + q + " AS DOUBLE)"
			return notNull + "(" + d + " IS NULL OR " + d + " <> round(" + d + "))", "is not a whole number", false
		}
	case Date:
		if !isTemporal(srcType) {
			return notNull + "NOT coalesce(regexp_full_match(" + text + ", '[0-9]{4}-[0-9]{2}-[0-9]{2}') AND TRY_CAST(" + q + " AS DATE) IS NOT NULL, false)",
				"is not a date (YYYY-MM-DD)", false
		}
	case Timestamp:
		if !isTemporal(srcType) {
			return notNull + "TRY_CAST(" + q + " AS TIMESTAMP) IS NULL", "is not a time (YYYY-MM-DD HH:MM:SS)", false
		}
	case Month:
		if !isTemporal(srcType) {
			return notNull + "NOT regexp_full_match(" + text + ", '[0-9]{4}-(0[1-9]|1[0-2])')", "is not a bill month (YYYY-MM)", true
		}
	}
	return "", "", false
}

// validate checks that every value of export table t converts to the type its contract gives it,
// and that customer ids are present, in one pass over t. The first fault in file order is
// reported, naming the file, line (row + 1 for the header), column and value.
func (s *Session) validate(ctx context.Context, t Table) error {
	spec := specOf(t.Kind)
	type check struct {
		col       int // index in t.Columns
		complaint string
	}
	var checks []check
	// Each check yields the smallest rowid at fault, as column c<i> of the final SELECT: row
	// checks are aggregates over one pass of t, per-value checks group t by the column and
	// test each distinct value once (in HAVING, where the column is the group's key).
	var aggs, from []string
	table := quoteIdent(t.Name)
	addCheck := func(col int, complaint, cond string, perValue bool) {
		alias := "c" + strconv.Itoa(len(checks))
		checks = append(checks, check{col, complaint})
		if !perValue {
			aggs = append(aggs, "min(rowid) FILTER (WHERE "+cond+") AS "+alias)
			return
		}
		from = append(from, "(SELECT min(r) AS "+alias+" FROM (SELECT min(rowid) AS r FROM "+table+
			" GROUP BY "+quoteIdent(t.Columns[col].Name)+" HAVING "+cond+"))")
	}
	for i, c := range spec.Columns {
		src := t.Columns[t.exportCols[i]]
		q := quoteIdent(src.Name)
		if cond, complaint, perValue := badValue(q, src.Type, c.Type); cond != "" {
			addCheck(t.exportCols[i], complaint, cond, perValue)
		}
		if t.Kind == Customers && c.Name == "customer_id" {
			addCheck(t.exportCols[i], "customer id is empty", q+" IS NULL OR trim(CAST("+q+" AS VARCHAR)) = ''", false)
		}
	}
	if len(checks) == 0 {
		return nil
	}
	if len(aggs) > 0 {
		from = append(from, "(SELECT "+strings.Join(aggs, ", ")+" FROM "+table+")")
	}
	cols := make([]string, len(checks))
	for i := range checks {
		cols[i] = "c" + strconv.Itoa(i)
	}
	firstBad := make([]sql.NullInt64, len(checks))
	dest := make([]any, len(checks))
	for i := range firstBad {
		dest[i] = &firstBad[i]
	}
	if err := s.db.QueryRowContext(ctx, "SELECT "+strings.Join(cols, ", ")+" FROM "+strings.Join(from, ", ")).Scan(dest...); err != nil {
		return fmt.Errorf("data: checking %s: %w", t.Source, err)
	}
	worst := -1
	for i, fb := range firstBad {
		if !fb.Valid {
			continue
		}
		if worst < 0 || fb.Int64 < firstBad[worst].Int64 ||
			(fb.Int64 == firstBad[worst].Int64 && checks[i].col < checks[worst].col) {
			worst = i
		}
	}
	if worst < 0 {
		return nil
	}
	c := checks[worst]
	col := t.Columns[c.col]
	var value sql.NullString
	err := s.db.QueryRowContext(ctx, "SELECT CAST("+quoteIdent(col.Name)+" AS VARCHAR) FROM "+quoteIdent(t.Name)+" WHERE rowid = ?",
		firstBad[worst].Int64).Scan(&value)
	if err != nil {
		return fmt.Errorf("data: checking %s: %w", t.Source, err)
	}
	line, where := t.lineOf(firstBad[worst].Int64)
	msg := fmt.Sprintf("%q %s%s", value.String, c.complaint, where)
	if !value.Valid || value.String == "" {
		msg = c.complaint + where
	}
	return inputerr.At(t.Source, line, c.col+1, col.Name, "%s (%s export)", msg, t.Kind)
}

// lineOf returns the file line of row rowid of t (CSV: the header is line 1 and rows follow one
// per line, so a quoted value spanning lines shifts later numbers) or, for Parquet, 0 and a
// phrase naming the row.
func (t Table) lineOf(rowid int64) (int, string) {
	if t.Format == "csv" {
		return int(rowid) + 2, ""
	}
	return 0, fmt.Sprintf(" in row %d", rowid+1)
}

// checkUniqueCustomers returns an *inputerr.Error for the first customer id (in file order) that
// appears twice across the customers tables ts, naming both places.
func (s *Session) checkUniqueCustomers(ctx context.Context, ts []Table) error {
	parts := make([]string, len(ts))
	for i, t := range ts {
		idCol := t.Columns[t.exportCols[0]].Name
		parts[i] = fmt.Sprintf("SELECT %d AS src, rowid AS rid, CAST(%s AS VARCHAR) AS id FROM %s", i, quoteIdent(idCol), quoteIdent(t.Name))
	}
	query := `SELECT id, src, rid, lag(src) OVER w, lag(rid) OVER w FROM (` + strings.Join(parts, " UNION ALL ") + `)
		WHERE id IS NOT NULL
		WINDOW w AS (PARTITION BY id ORDER BY src, rid)
		QUALIFY lag(rid) OVER w IS NOT NULL
		ORDER BY src, rid LIMIT 1`
	var id string
	var src, rid, firstSrc, firstRid int64
	err := s.db.QueryRowContext(ctx, query).Scan(&id, &src, &rid, &firstSrc, &firstRid)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return fmt.Errorf("data: checking customer ids: %w", err)
	}
	dup, first := ts[src], ts[firstSrc]
	line, where := dup.lineOf(rid)
	firstLine, firstWhere := first.lineOf(firstRid)
	firstPlace := fmt.Sprintf("line %d", firstLine)
	if firstLine == 0 {
		firstPlace = strings.TrimPrefix(firstWhere, " in ")
	}
	if firstSrc != src {
		firstPlace += " of " + first.Source
	}
	return inputerr.At(dup.Source, line, dup.exportCols[0]+1, dup.Columns[dup.exportCols[0]].Name,
		"customer id %q appears twice%s: first on %s", id, where, firstPlace)
}
