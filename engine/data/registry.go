package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/roles"
	"github.com/seglab/seglab/queries"
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
	msg := fmt.Sprintf("%s needs %s exports; found none of %s", purpose, kindList(kinds), kindList(missing))
	if near := NearMissReport(s.Tables()); near != "" {
		msg += "; files not recognised:\n" + near
	}
	return &inputerr.Error{Msg: msg + "\n`seglab exports` lists the columns each export needs"}
}

// registerExports validates the exports among loaded against their contract and (re)creates the
// raw_<kind> view of each kind they belong to, stacking every table of that kind. Every fault
// of every table is reported at once (errors.Join of *inputerr.Error); plausibility warnings
// are recorded in the session (Warnings) and never stop the load.
func (s *Session) registerExports(ctx context.Context, loaded []Table) error {
	touched := map[Kind]bool{}
	var faults []error
	var warnings []Warning
	for i := range loaded {
		t := &loaded[i]
		if t.Kind == "" {
			continue
		}
		w, err := s.validate(ctx, t)
		if err != nil && !inputerr.Is(err) {
			return err
		}
		if err != nil {
			faults = append(faults, err)
		}
		warnings = append(warnings, w...)
		touched[t.Kind] = true
	}
	if len(faults) > 0 {
		return errors.Join(faults...)
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
	for _, k := range allKinds() {
		if !touched[k] {
			continue
		}
		parts := make([]string, len(all[k]))
		for i, t := range all[k] {
			parts[i] = viewSelect(t, i)
		}
		union := queries.Template("union_all", parts)
		var dedupe, sum bool
		switch k {
		case Customers:
			var w Warning
			var err error
			if w, dedupe, err = s.repeatedCustomers(ctx, union, all[k]); err != nil {
				return err
			}
			if dedupe {
				warnings = append(warnings, w)
			}
		case Billing:
			var w Warning
			var err error
			if w, sum, err = s.repeatedBills(ctx, union, all[k]); err != nil {
				return err
			}
			if sum {
				warnings = append(warnings, w)
			}
		}
		view := queries.Template("export_view", map[string]any{"View": k.View(), "Union": union, "Dedupe": dedupe, "SumBills": sum})
		if err := s.exec(ctx, view); err != nil {
			return fmt.Errorf("data: creating %s: %w", k.View(), err)
		}
	}
	s.mu.Lock()
	s.exports = all
	s.warnings = append(s.warnings, warnings...)
	s.mu.Unlock()
	return nil
}

// sources lists the files of ts, for warnings that span several.
func sources(ts []Table) string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = t.Source
	}
	return strings.Join(names, ", ")
}

// repeatedCustomers counts the customer ids that appear more than once in union (the stacked
// customers exports ts). When some do, the view keeps each id's first row (in file order) and
// the warning names the first repeated id and how many there are.
func (s *Session) repeatedCustomers(ctx context.Context, union string, ts []Table) (Warning, bool, error) {
	var ids, rows int64
	var first sql.NullString
	err := s.db.QueryRowContext(ctx, queries.Template("repeated_customers", union)).Scan(&ids, &rows, &first)
	if err != nil || ids == 0 {
		return Warning{}, false, err
	}
	return Warning{Code: WarnRepeatedIDs, Kind: Customers, File: sources(ts), Column: "customer_id", Count: ids,
		Msg: fmt.Sprintf("%d customer ids appear more than once (%d rows, first %q); the first row of each is kept", ids, rows, first.String)}, true, nil
}

// repeatedBills counts the (customer, bill month) pairs with more than one row in union (the
// stacked billing exports ts): adjustment and refund rows. When there are some, the view sums
// them into one bill each and the warning gives the counts.
func (s *Session) repeatedBills(ctx context.Context, union string, ts []Table) (Warning, bool, error) {
	// Distinct hashes first: one 64-bit key instead of two strings is the cheaper pass, and
	// the exact count runs only when some hashes repeat.
	var repeats bool
	err := s.db.QueryRowContext(ctx, queries.Template("any_repeated_bill", union)).Scan(&repeats)
	if err != nil || !repeats {
		return Warning{}, false, err
	}
	var bills, rows int64
	err = s.db.QueryRowContext(ctx, queries.Template("repeated_bills", union)).Scan(&bills, &rows)
	if err != nil || bills == 0 {
		return Warning{}, false, err
	}
	return Warning{Code: WarnSummedBills, Kind: Billing, File: sources(ts), Column: "bill_month", Count: rows,
		Msg: fmt.Sprintf("%d rows are several bills of one customer and month (adjustments, refunds); they were summed into %d bills", rows, bills)}, true, nil
}

// viewSelect returns the SELECT that turns export table t (the src-th of its kind) into its
// kind's canonical columns, plus __seglab_src and __seglab_row (file order). Text values of
// typed columns are read in the forms norm_*.sql accept, values are converted to the
// contract's unit, absent optional columns are NULL, totals rows are left out, and monthly
// billing columns are unpivoted into one row per month.
func viewSelect(t Table, src int) string {
	type column struct{ Expr, Name string }
	spec := specOf(t.Kind)
	l := t.layout
	var totals string
	if t.totalsRows > 0 {
		totals = totalsCond(t)
	}
	parts := make([]string, len(l.groups))
	for g, idx := range l.groups {
		cols := make([]column, 0, len(spec.Columns))
		var anyOf []string // monthly billing: a row is a bill when one of these holds a value
		for i, c := range spec.Columns {
			expr := queries.Template("null_value", c.Type.SQLType())
			switch {
			case l.monthly() && c.Name == "bill_month":
				mo := l.months[g]
				month := struct {
					Year, Month int
					YearOf      string
				}{Year: mo.year, Month: mo.month}
				if mo.year <= 0 {
					month.Year, month.YearOf = 0, sqlValue(t, l.yearCol, Integer)
				}
				expr = queries.Template("month_value", month)
			case idx[i] >= 0:
				expr = sqlValue(t, idx[i], c.Type)
				if f := l.factor[g][i]; f != 1 {
					expr = scaled(expr, f)
				}
				if c.Name == "satisfaction" && t.satisfactionScale > 0 {
					expr = scaled(expr, 10/t.satisfactionScale)
				}
				if l.monthly() && c.Name != "customer_id" {
					anyOf = append(anyOf, t.Columns[idx[i]].Name)
				}
			}
			cols = append(cols, column{expr, c.Name})
		}
		parts[g] = queries.Template("export_select", map[string]any{"Table": t.Name, "Columns": cols, "Src": src, "Totals": totals, "AnyOf": anyOf})
	}
	return queries.Template("union_all", parts)
}

// scaled returns expr multiplied by the factors (queries/templates/scaled.sql).
func scaled(expr string, factors ...float64) string {
	fs := make([]string, len(factors))
	for i, f := range factors {
		fs[i] = strconv.FormatFloat(f, 'g', -1, 64)
	}
	return queries.Template("scaled", map[string]any{"Expr": expr, "Factors": fs})
}

// sqlValue returns the expression that reads column col of t as contract type vt: a cast when
// the column already has a matching type, the normalising expression of queries/templates
// (norm_*.sql) when it holds text. See queries/templates/export_value.sql.
func sqlValue(t Table, col int, vt ValueType) string {
	src := t.Columns[col]
	how := "cast"
	switch {
	case vt == Month && isTemporal(src.Type):
		how = "month_of"
	case vt == Month && t.monthText[col]:
		how = "month"
	case src.Type != "VARCHAR" || vt == Text || vt == Month:
	case vt == Number:
		how = "number"
	case vt == Integer:
		how = "integer"
	case vt == Date:
		how = "date"
	case vt == Timestamp:
		how = "timestamp"
	}
	return exportValue(src.Name, how, vt)
}

// exportValue returns the expression of queries/templates/export_value.sql that reads column
// as contract type vt the way how names.
func exportValue(column, how string, vt ValueType) string {
	return queries.Template("export_value", map[string]string{"Column": column, "How": how, "Type": vt.SQLType()})
}

// totalsCond is the condition that holds for a totals row of t (合计, 总计 or 小计 at the
// start of its customer id or of its first column).
func totalsCond(t Table) string {
	cols := []string{t.Columns[0].Name}
	if id := t.layout.idCol(t.Kind); id != 0 {
		cols = append(cols, t.Columns[id].Name)
	}
	return strings.TrimSpace(queries.Template("totals_row", cols))
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

// Warning is a plausibility warning about loaded data: something that is probably wrong but
// does not stop the work (a survey on a 0–100 scale, durations in hours, a totals row).
type Warning struct {
	Code   string // one of the Warn… constants
	Kind   Kind   // the export kind concerned
	File   string // the file (or files, comma-separated) concerned
	Column string // the column concerned, as in the file or canonical
	Count  int64  // rows (or ids, for repeated ids) concerned
	Msg    string // what was found and what seglab did about it, in plain words
}

// The warning codes.
const (
	WarnSatisfactionScale = "satisfaction_scale" // satisfaction outside 0–10
	WarnHoursDuration     = "duration_hours"     // outage durations that look like hours
	WarnTotalsRows        = "totals_rows"        // 合计 / 总计 / 小计 rows, left out
	WarnNegativeKWh       = "negative_kwh"       // bills with negative kWh
	WarnRepeatedIDs       = "repeated_ids"       // customer ids on several rows; first kept
	WarnSummedBills       = "summed_bills"       // several rows per customer and month, summed
	WarnUnavailable       = "unavailable"        // optional columns absent; their features empty
)

// String formats w as "file: message".
func (w Warning) String() string { return w.File + ": " + w.Msg }

// Text says the warning in lang: English (w.String) or, for "zh", a Chinese sentence of its
// kind with its count and file.
func (w Warning) Text(lang string) string {
	if lang != "zh" {
		return w.String()
	}
	zh := map[string]string{
		WarnSatisfactionScale: "%d 个满意度值超出 0–10（若为百分制，用 --satisfaction-scale 100 换算）",
		WarnHoursDuration:     "停电时长像是以小时计（%d 条），若是，请把列名写作 …(小时)",
		WarnTotalsRows:        "%d 行合计/总计/小计已剔除",
		WarnNegativeKWh:       "%d 张账单电量为负",
		WarnRepeatedIDs:       "%d 个户号重复出现，各保留第一行",
		WarnSummedBills:       "%d 行为同一客户同月的多张账单（调整、退费），已合并",
		WarnUnavailable:       "缺少 %d 个可选字段，依赖它们的特征不可用",
	}[w.Code]
	if zh == "" {
		return w.String()
	}
	return w.File + "：" + fmt.Sprintf(zh, w.Count)
}

// Warnings returns the plausibility warnings of every Load so far, in the order found.
func (s *Session) Warnings() []Warning {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Warning(nil), s.warnings...)
}

// field is one column of an export table that a contract column reads.
type field struct {
	col    int // index in Table.Columns
	spec   ExportColumn
	factor float64
}

// yearColumn is the year column of billing in monthly columns.
var yearColumn = ExportColumn{Name: "year", Chinese: "年份", Type: Integer}

// fields lists the columns of export table t that its layout reads, each once: with monthly
// billing, the year column too.
func (t Table) fields() []field {
	spec := specOf(t.Kind)
	seen := map[int]bool{}
	var out []field
	if t.layout.yearCol >= 0 {
		out = append(out, field{t.layout.yearCol, yearColumn, 1})
	}
	for g, idx := range t.layout.groups {
		for i, c := range spec.Columns {
			if j := idx[i]; j >= 0 && !seen[j] {
				seen[j] = true
				out = append(out, field{j, c, t.layout.factor[g][i]})
			}
		}
	}
	return out
}

// validateAgg is one check or count of queries/templates/validate.sql: Op names it, Column is
// the column it checks, Value the converted value it reads.
type validateAgg struct{ Op, Column, Value string }

// validateWidth is the number of aggregates each Op of validate.sql yields.
var validateWidth = map[string]int{"unconverted": 2, "null": 2, "empty_id": 2, "satisfaction": 2, "duration": 3, "kwh": 1}

// validate checks, in one pass over export table t, that every value of the columns its
// contract reads converts to the contract's type (in any form norm_*.sql reads), and that
// customer ids are present; it counts totals rows (left out of the view) and finds the
// plausibility warnings. Every faulty column is reported, each at its first fault in file
// order with the number of faulty rows, as one error (errors.Join of *inputerr.Error).
func (s *Session) validate(ctx context.Context, t *Table) ([]Warning, error) {
	totals := totalsCond(*t)
	type check struct {
		col       int // index in t.Columns
		complaint string
		agg       int // index of its first aggregate
	}
	var checks []check
	// Row checks yield min(rowid) and count of the faulty rows as aggregates over one pass of
	// t (queries/templates/validate.sql). Bill months are checked once per distinct value.
	var aggs []validateAgg
	next := 1 // index of the next aggregate; the first counts the totals rows
	add := func(a validateAgg) int {
		first := next
		aggs = append(aggs, a)
		next += validateWidth[a.Op]
		return first
	}
	type month struct {
		Column   string
		Required bool
	}
	var months []month
	var monthCols []int
	addCheck := func(col int, complaint string, a validateAgg) {
		checks = append(checks, check{col, complaint, add(a)})
	}
	type warnAgg struct {
		f     field
		first int // index of its first aggregate
	}
	var warns []warnAgg
	for _, f := range t.fields() {
		src := t.Columns[f.col]
		if src.Type == "VARCHAR" {
			switch f.spec.Type {
			case Month:
				monthCols = append(monthCols, f.col)
				// Every bill needs its month (the wide table's windows count them).
				months = append(months, month{src.Name, t.Kind == Billing})
			case Number, Integer, Date, Timestamp:
				v := sqlValue(*t, f.col, f.spec.Type)
				if f.spec.Type == Integer {
					v = exportValue(src.Name, "whole", Integer)
				}
				addCheck(f.col, "is not a "+f.spec.Type.Words(), validateAgg{Op: "unconverted", Column: src.Name, Value: v})
			}
		}
		if f.col == t.layout.yearCol {
			addCheck(f.col, "year is empty (every row of monthly bills needs one)", validateAgg{Op: "null", Column: src.Name})
		}
		if t.Kind == Billing && f.spec.Type == Month && src.Type != "VARCHAR" {
			addCheck(f.col, "bill month is empty", validateAgg{Op: "null", Column: src.Name})
		}
		if t.Kind == Customers && f.spec.Name == "customer_id" {
			addCheck(f.col, "customer id is empty", validateAgg{Op: "empty_id", Column: src.Name})
		}
		var factors []float64
		if f.factor != 1 {
			factors = append(factors, f.factor)
		}
		switch f.spec.Name {
		case "satisfaction":
			if t.satisfactionScale > 0 {
				factors = append(factors, 10/t.satisfactionScale)
			}
			warns = append(warns, warnAgg{f, add(validateAgg{Op: "satisfaction", Value: scaled(sqlValue(*t, f.col, f.spec.Type), factors...)})})
		case "duration_min":
			if _, unit := roles.Normalize(src.Name); unit == "" {
				warns = append(warns, warnAgg{f, add(validateAgg{Op: "duration", Value: scaled(sqlValue(*t, f.col, f.spec.Type), factors...)})})
			}
		case "kwh":
			warns = append(warns, warnAgg{f, add(validateAgg{Op: "kwh", Value: scaled(sqlValue(*t, f.col, f.spec.Type), factors...)})})
		}
	}
	query := queries.Template("validate", map[string]any{"Table": t.Name, "Totals": totals, "Aggs": aggs, "Months": months})
	vals := make([]sql.NullInt64, next+3*len(months))
	monthText := make([]bool, len(months))
	dest := make([]any, 0, len(vals))
	for i := range vals {
		if i >= next && (i-next)%3 == 2 {
			dest = append(dest, &monthText[(i-next)/3])
			continue
		}
		dest = append(dest, &vals[i])
	}
	if err := s.db.QueryRowContext(ctx, query).Scan(dest...); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("data: checking %s: %w", t.Source, err)
	}
	t.totalsRows = vals[0].Int64
	t.monthText = map[int]bool{}
	for i, c := range monthCols {
		t.monthText[c] = monthText[i]
	}
	// Faults: row checks, then per-value month checks, each with its first row and count.
	type fault struct {
		col       int
		complaint string
		first, n  int64
	}
	var faults []fault
	for _, c := range checks {
		if first := vals[c.agg]; first.Valid {
			faults = append(faults, fault{c.col, c.complaint, first.Int64, vals[c.agg+1].Int64})
		}
	}
	for i, c := range monthCols {
		if first := vals[next+3*i]; first.Valid {
			faults = append(faults, fault{c, "is not a " + Month.Words(), first.Int64, vals[next+3*i+1].Int64})
			if t.Kind == Billing {
				faults[len(faults)-1].complaint = "is not a " + Month.Words() + " (every bill needs one)"
			}
		}
	}
	var errs []error
	for _, f := range faults {
		col := t.Columns[f.col]
		var value sql.NullString
		err := s.db.QueryRowContext(ctx, queries.Template("row_value", map[string]string{"Table": t.Name, "Column": col.Name}), f.first).Scan(&value)
		if err != nil {
			return nil, fmt.Errorf("data: checking %s: %w", t.Source, err)
		}
		line, where := t.lineOf(f.first)
		msg := fmt.Sprintf("%q %s%s", value.String, f.complaint, where)
		if !value.Valid || value.String == "" {
			msg = f.complaint + where
		}
		if f.n > 1 {
			msg += fmt.Sprintf("; %d rows in all", f.n)
		}
		errs = append(errs, inputerr.At(t.Source, line, f.col+1, col.Name, "%s (%s export)", msg, t.Kind))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	var out []Warning
	warn := func(f field, code string, n int64, format string, args ...any) {
		out = append(out, Warning{Code: code, Kind: t.Kind, File: t.Source, Column: t.Columns[f.col].Name, Count: n, Msg: fmt.Sprintf(format, args...)})
	}
	if t.totalsRows > 0 {
		out = append(out, Warning{Code: WarnTotalsRows, Kind: t.Kind, File: t.Source, Column: t.Columns[0].Name, Count: t.totalsRows,
			Msg: fmt.Sprintf("%d totals rows (合计, 总计, 小计) were left out", t.totalsRows)})
	}
	for _, w := range warns {
		a := func(k int) int64 { return vals[w.first+k].Int64 }
		name := t.Columns[w.f.col].Name
		switch w.f.spec.Name {
		case "satisfaction":
			if n := a(0); n > 0 {
				hint := ""
				if a(1) <= 100 {
					hint = "; if the survey is on a 0–100 scale, load it with the satisfaction scale set to 100 (seglab build --satisfaction-scale 100) to rescale it to 0–10"
				}
				warn(w.f, WarnSatisfactionScale, n, "%d values of %s are outside 0–10 (largest %d)%s", n, name, a(1), hint)
			}
		case "duration_min":
			if n := a(0); n > 0 && a(1) == 0 && a(2)*10 >= n*9 {
				warn(w.f, WarnHoursDuration, n, "%s looks like hours, not minutes: %d of %d durations are 24 or less and none is over 72; if they are hours, name the column %s(小时)",
					name, a(2), n, name)
			}
		case "kwh":
			if n := a(0); n > 0 {
				warn(w.f, WarnNegativeKWh, n, "%d bills have negative kWh in %s", n, name)
			}
		}
	}
	var absent []string
	for i, c := range specOf(t.Kind).Columns {
		if c.Optional && t.layout.groups[0][i] < 0 {
			absent = append(absent, c.Chinese+" ("+c.Name+")")
		}
	}
	if len(absent) > 0 {
		out = append(out, Warning{Code: WarnUnavailable, Kind: t.Kind, File: t.Source, Count: int64(len(absent)),
			Msg: fmt.Sprintf("no column for %s: the features that need them are unavailable (empty)", strings.Join(absent, ", "))})
	}
	return out, nil
}

// lineOf returns the file line of row rowid of t (CSV: the header is line 1 and rows follow one
// per line, so a quoted value spanning lines shifts later numbers) or, for Parquet, 0 and a
// phrase naming the row.
func (t Table) lineOf(rowid int64) (int, string) {
	if t.Format == "csv" || t.Format == "xlsx" {
		return int(rowid) + 2, ""
	}
	return 0, fmt.Sprintf(" in row %d", rowid+1)
}
