package data

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/seglab/seglab/engine/roles"
	"github.com/seglab/seglab/queries"
)

// Kind names one of the six kinds of raw export (the contract that `seglab exports` prints).
type Kind string

// The export kinds, in the order the contract lists them.
const (
	Customers Kind = "customers"
	Billing   Kind = "billing"
	Payments  Kind = "payments"
	Outages   Kind = "outages"
	Tickets   Kind = "tickets"
	Survey    Kind = "survey"
)

// ValueType is the type an export column holds according to the contract.
type ValueType int

// The value types of export columns and the DuckDB types raw_<kind> views give them.
const (
	Text      ValueType = iota // VARCHAR
	Number                     // DOUBLE
	Integer                    // BIGINT
	Date                       // DATE
	Timestamp                  // TIMESTAMP
	Month                      // VARCHAR, written YYYY-MM in the view (bill months)
)

// SQLType returns the DuckDB type a raw_<kind> view gives a column of type t.
func (t ValueType) SQLType() string {
	switch t {
	case Number:
		return "DOUBLE"
	case Integer:
		return "BIGINT"
	case Date:
		return "DATE"
	case Timestamp:
		return "TIMESTAMP"
	}
	return "VARCHAR"
}

// String names the type: text, number, whole number, date, time or bill month.
func (t ValueType) String() string {
	w, _, _ := strings.Cut(t.Words(), " (")
	return w
}

// Words names the type and the forms it is read from, for the contract and for messages.
func (t ValueType) Words() string {
	switch t {
	case Number:
		return "number (1234.5, 1,234.5, ¥1234.5, full-width digits)"
	case Integer:
		return "whole number"
	case Date:
		return "date (2024-03-05, 2024/3/5, 20240305, 2024年3月5日)"
	case Timestamp:
		return "time (2024-03-05 14:30:00, 2024/3/5 14:30, 20240305143000, or a date)"
	case Month:
		return "bill month (2025-01, 202501, 2025/01, 2025年1月)"
	}
	return "text"
}

// ExportColumn is one column of an export kind.
type ExportColumn struct {
	Name    string    // canonical English name, used in raw_<kind>
	Chinese string    // header that SG186 / 95598 exports carry
	Type    ValueType // what the values are
	// Optional columns may be absent: the raw_<kind> view then holds NULL for them, and the
	// wide-table features that need them (Features) are empty.
	Optional bool
	Features []string
}

// ExportSpec describes one kind of export: its Chinese title and columns.
type ExportSpec struct {
	Kind    Kind
	Title   string // Chinese title of the export
	Columns []ExportColumn
}

// View returns the name of the view that exposes exports of this kind: raw_<kind>.
func (k Kind) View() string { return "raw_" + string(k) }

// Exports lists the six export kinds with their columns. Every column not marked optional is
// required for a file to be taken as an export of its kind.
var Exports = []ExportSpec{
	{Customers, "客户档案", []ExportColumn{
		{Name: "customer_id", Chinese: "户号", Type: Text},
		{Name: "customer_class", Chinese: "用电类别", Type: Text},
		{Name: "region", Chinese: "区域", Type: Text},
		{Name: "industry_code", Chinese: "行业代码", Type: Text},
		{Name: "voltage", Chinese: "电压等级", Type: Text},
		{Name: "contract_capacity_kva", Chinese: "合同容量", Type: Number},
		{Name: "open_date", Chinese: "立户日期", Type: Date},
		{Name: "housing", Chinese: "房屋产权", Type: Text, Optional: true, Features: []string{"housing"}},
		{Name: "heating", Chinese: "采暖方式", Type: Text, Optional: true, Features: []string{"heating"}},
		{Name: "special_group", Chinese: "特殊群体", Type: Text, Optional: true, Features: []string{"special_group"}},
		{Name: "household_size", Chinese: "家庭人口", Type: Integer, Optional: true, Features: []string{"household_size"}},
	}},
	{Billing, "电费账单", []ExportColumn{
		{Name: "customer_id", Chinese: "户号", Type: Text},
		{Name: "bill_month", Chinese: "账期", Type: Month},
		{Name: "kwh", Chinese: "抄见电量", Type: Number},
		{Name: "peak_kwh", Chinese: "峰时电量", Type: Number},
		{Name: "amount", Chinese: "应收电费", Type: Number},
		{Name: "due_date", Chinese: "缴费截止日期", Type: Date},
	}},
	{Payments, "缴费记录", []ExportColumn{
		{Name: "customer_id", Chinese: "户号", Type: Text},
		{Name: "bill_month", Chinese: "账期", Type: Month},
		{Name: "paid_date", Chinese: "缴费日期", Type: Date},
		{Name: "paid_amount", Chinese: "实收金额", Type: Number},
		{Name: "channel", Chinese: "缴费渠道", Type: Text},
	}},
	{Outages, "停电记录", []ExportColumn{
		{Name: "outage_id", Chinese: "停电编号", Type: Text},
		{Name: "customer_id", Chinese: "户号", Type: Text},
		{Name: "start_time", Chinese: "停电开始时间", Type: Timestamp},
		{Name: "duration_min", Chinese: "停电时长", Type: Number},
		{Name: "outage_type", Chinese: "停电类型", Type: Text},
	}},
	{Tickets, "95598工单", []ExportColumn{
		{Name: "ticket_id", Chinese: "工单编号", Type: Text},
		{Name: "customer_id", Chinese: "户号", Type: Text},
		{Name: "accept_time", Chinese: "受理时间", Type: Timestamp},
		{Name: "ticket_type", Chinese: "业务类型", Type: Text},
		{Name: "contact_channel", Chinese: "受理渠道", Type: Text},
	}},
	{Survey, "满意度调查", []ExportColumn{
		{Name: "customer_id", Chinese: "户号", Type: Text},
		{Name: "survey_date", Chinese: "调查日期", Type: Date},
		{Name: "satisfaction", Chinese: "满意度", Type: Number},
	}},
}

// specOf returns the spec of kind k.
func specOf(k Kind) ExportSpec {
	for _, s := range Exports {
		if s.Kind == k {
			return s
		}
	}
	panic(fmt.Sprintf("data: unknown export kind %q", k))
}

// Synonyms returns the header wordings seglab accepts for the export column called name (a
// canonical name, or "year" for the year of monthly billing columns), besides the canonical
// and Chinese names themselves: the synonyms of its role in queries/roles.tsv.
func Synonyms(name string) []string {
	r, _ := roles.ByName(name)
	return r.Synonyms
}

// fieldNames maps, per export kind, each normalised name of a field of that kind (canonical,
// Chinese, synonyms of its role) to the field.
var fieldNames = buildFieldNames()

func buildFieldNames() map[Kind]map[string]string {
	out := map[Kind]map[string]string{}
	for _, spec := range Exports {
		names := map[string]string{}
		for _, r := range roles.InScope(roles.Scope(spec.Kind)) {
			for _, n := range r.Names() {
				if key, _ := roles.Normalize(n); key != "" {
					names[key] = r.Name
				}
			}
		}
		out[spec.Kind] = names
	}
	return out
}

// unitFactor returns the factor that converts values of field role written in unit to the
// contract's unit, and whether the unit is known for it. No unit is factor 1.
func unitFactor(role, unit string) (float64, bool) {
	if unit == "" {
		return 1, true
	}
	for _, u := range queries.Units {
		if u.Role == role && strings.EqualFold(u.Name, unit) {
			return u.Factor, true
		}
	}
	return 0, false
}

// fieldOf returns the field of export kind k that header h names and the factor of its unit,
// or "" when it names no field (or carries a unit that field is not measured in). The mapping
// m is asked first: a role it gives header h (with the unit it gives that role).
func fieldOf(k Kind, h string, m roles.Mapping) (string, float64) {
	key, unit := roles.Normalize(h)
	role, ok := "", false
	for r, col := range m.Columns {
		if col == h && fieldNames[k][canonicalKey(r)] == r {
			role, ok = r, true
			if u, given := m.Units[r]; given {
				unit = u
			}
			break
		}
	}
	if !ok {
		role, ok = fieldNames[k][key]
	}
	if !ok {
		return "", 0
	}
	factor, known := unitFactor(role, unit)
	if !known {
		return "", 0
	}
	return role, factor
}

// canonicalKey is the normalised key of a canonical name.
func canonicalKey(name string) string {
	k, _ := roles.Normalize(name)
	return k
}

// layout says where each column of an export kind is in a table's columns.
type layout struct {
	// groups holds, per group of rows, the index in Table.Columns of each column of the kind's
	// spec, or -1 when an optional column is absent. A file with one row per record has one
	// group; billing with one column per month (1月电量 … 12月电量) has one group per month,
	// in which bill_month is -1 (it comes from the header).
	groups [][]int
	factor [][]float64 // unit factor of each column of each group
	// For monthly billing: each group's month, and its year from the header (0: from the
	// column yearCol).
	months  []monthOf
	yearCol int
}

// monthOf is the year and month of a group of monthly billing columns.
type monthOf struct{ year, month int }

// monthly reports whether l lays out billing in monthly columns.
func (l *layout) monthly() bool { return len(l.months) > 0 }

// idCol returns the index of the customer id column.
func (l *layout) idCol(k Kind) int {
	for i, c := range specOf(k).Columns {
		if c.Name == "customer_id" {
			return l.groups[0][i]
		}
	}
	panic("data: export kind without customer_id")
}

// matchSpec matches the headers against spec with one record per row: for each column the
// first unused header naming it. missing lists the required columns no header names.
func matchSpec(spec ExportSpec, headers []string, m roles.Mapping) (l *layout, missing []int) {
	idx := make([]int, len(spec.Columns))
	factor := make([]float64, len(spec.Columns))
	used := make([]bool, len(headers))
	names := make([]string, len(headers))
	factors := make([]float64, len(headers))
	for j, h := range headers {
		names[j], factors[j] = fieldOf(spec.Kind, h, m)
	}
	for i, c := range spec.Columns {
		idx[i] = -1
		for j := range headers {
			if !used[j] && names[j] == c.Name {
				idx[i], factor[i], used[j] = j, factors[j], true
				break
			}
		}
		if idx[i] < 0 && !c.Optional {
			missing = append(missing, i)
		}
	}
	return &layout{groups: [][]int{idx}, factor: [][]float64{factor}, yearCol: -1}, missing
}

// monthHeaderRe matches a monthly billing header: an optional year, a month and the field
// (2024年1月电量, 1月电量, 202401电量), after roles.Normalize.
var (
	monthHeaderRe   = regexp.MustCompile(`^(?:(\d{4})年?)?(\d{1,2})月(.+)$`)
	compactMonthsRe = regexp.MustCompile(`^(\d{4})(\d{2})(\D.*)$`)
)

// matchMonthly matches headers against billing laid out with one row per customer (and year)
// and one column per month and field: 户号, 年份, 1月电量, 1月峰时电量, 1月电费, 1月缴费截止日期,
// 2月电量 …. Every month named must have every required billing field but the bill month. It
// returns nil when the headers are no such layout.
func matchMonthly(headers []string, mp roles.Mapping) *layout {
	spec := specOf(Billing)
	col := map[string]int{}
	for i, c := range spec.Columns {
		col[c.Name] = i
	}
	l := &layout{yearCol: -1}
	id := -1
	group := map[monthOf]int{}
	for j, h := range headers {
		key, unit := roles.Normalize(h)
		m := monthHeaderRe.FindStringSubmatch(key)
		if m == nil {
			m = compactMonthsRe.FindStringSubmatch(key)
		}
		if m == nil {
			switch role, _ := fieldOf(Billing, h, mp); role {
			case "customer_id":
				if id < 0 {
					id = j
				}
			case "year":
				if l.yearCol < 0 {
					l.yearCol = j
				}
			}
			continue
		}
		year, _ := strconv.Atoi(m[1])
		month, _ := strconv.Atoi(m[2])
		rest := m[3]
		if unit != "" {
			rest += "(" + unit + ")"
		}
		role, factor := fieldOf(Billing, rest, mp)
		i, ok := col[role]
		if !ok || role == "customer_id" || role == "bill_month" || month < 1 || month > 12 {
			continue
		}
		mo := monthOf{year, month}
		g, ok := group[mo]
		if !ok {
			g = len(l.groups)
			group[mo] = g
			l.months = append(l.months, mo)
			l.groups = append(l.groups, make([]int, len(spec.Columns)))
			l.factor = append(l.factor, make([]float64, len(spec.Columns)))
			for k := range l.groups[g] {
				l.groups[g][k] = -1
			}
		}
		if l.groups[g][i] < 0 {
			l.groups[g][i], l.factor[g][i] = j, factor
		}
	}
	if id < 0 || len(l.groups) == 0 {
		return nil
	}
	for g, mo := range l.months {
		if mo.year == 0 && l.yearCol < 0 {
			return nil
		}
		for i, c := range spec.Columns {
			switch {
			case c.Name == "customer_id":
				l.groups[g][i], l.factor[g][i] = id, 1
			case c.Name == "bill_month":
			case l.groups[g][i] < 0 && !c.Optional:
				return nil
			}
		}
	}
	return l
}

// recognise returns the export kind whose required columns are all among headers, and where
// they are. When several kinds fit, the one with the most required columns wins (it is the
// more specific). Billing is also recognised in monthly columns. It returns "" when no kind
// fits.
func recognise(headers []string, m roles.Mapping) (Kind, *layout) {
	var best Kind
	var bestL *layout
	bestN := 0
	for _, spec := range Exports {
		l, missing := matchSpec(spec, headers, m)
		if len(missing) > 0 {
			continue
		}
		if n := requiredCount(spec); n > bestN {
			best, bestL, bestN = spec.Kind, l, n
		}
	}
	if best == "" {
		if l := matchMonthly(headers, m); l != nil {
			return Billing, l
		}
	}
	return best, bestL
}

func requiredCount(spec ExportSpec) int {
	n := 0
	for _, c := range spec.Columns {
		if !c.Optional {
			n++
		}
	}
	return n
}

// NearMiss says which export an unrecognised file most resembles and what it lacks.
type NearMiss struct {
	Kind    Kind
	Matched []string  // headers that matched a required column, in the spec's order
	Missing []Missing // required columns no header names
}

// Missing is a required column a file lacks, with the header most like one of its names.
type Missing struct {
	Column  ExportColumn
	Closest string // "" when no header is alike
}

// nearMiss returns the export kind the headers come closest to (most required columns
// matched, as a share of the required), or nil when no kind has at least two required
// columns matched.
func nearMiss(headers []string, m roles.Mapping) *NearMiss {
	var best *NearMiss
	bestShare := 0.0
	for _, spec := range Exports {
		l, missing := matchSpec(spec, headers, m)
		req := requiredCount(spec)
		matched := req - len(missing)
		share := float64(matched) / float64(req)
		if matched < 2 || share <= bestShare {
			continue
		}
		nm := &NearMiss{Kind: spec.Kind}
		used := map[int]bool{}
		for i, c := range spec.Columns {
			if j := l.groups[0][i]; j >= 0 {
				used[j] = true
				if !c.Optional {
					nm.Matched = append(nm.Matched, headers[j])
				}
			}
		}
		for _, i := range missing {
			c := spec.Columns[i]
			nm.Missing = append(nm.Missing, Missing{Column: c, Closest: closestHeader(c, headers, used)})
		}
		best, bestShare = nm, share
	}
	return best
}

// closestHeader returns the header not in used most like a name of column c (roles.Closest),
// or "" when none shares a run of at least half their length with one.
func closestHeader(c ExportColumn, headers []string, used map[int]bool) string {
	r, ok := roles.ByName(c.Name)
	if !ok {
		return ""
	}
	var free []string
	for j, h := range headers {
		if !used[j] {
			free = append(free, h)
		}
	}
	if h, score := roles.Closest(r, free); score >= 0.5 {
		return h
	}
	return ""
}

// String words the near miss for a message about file: which export it resembles, which
// required columns matched, and each missing one with the closest header.
func (nm *NearMiss) String() string {
	spec := specOf(nm.Kind)
	var b strings.Builder
	fmt.Fprintf(&b, "it most resembles the %s export (%s): %d of %d required columns found", nm.Kind, spec.Title,
		len(nm.Matched), requiredCount(spec))
	if len(nm.Matched) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(nm.Matched, ", "))
	}
	for _, m := range nm.Missing {
		fmt.Fprintf(&b, "; missing %s (%s)", m.Column.Name, m.Column.Chinese)
		if m.Closest != "" {
			fmt.Fprintf(&b, ": %q looks like %s", m.Closest, strings.ReplaceAll(m.Column.Name, "_", " "))
		}
	}
	return b.String()
}

// wideFeatureCount counts the headers that name a wide-table feature no export has (annual
// kWh, credit score, …): a file with several is a wide table, not a damaged export.
func wideFeatureCount(headers []string) int {
	n := 0
	for _, h := range headers {
		f, ok := queries.FeatureByName(strings.TrimSpace(h))
		if !ok {
			for _, g := range queries.Features() {
				if g.LabelZH == strings.TrimSpace(h) {
					f, ok = g, true
					break
				}
			}
		}
		if ok {
			if !isExportField(f.Name) {
				n++
			}
		}
	}
	return n
}

// Units returns the units a header of the export column called name may carry in brackets,
// each with the factor to the contract's unit, in the order of queries/units.tsv.
func Units(name string) []queries.Unit {
	var out []queries.Unit
	for _, u := range queries.Units {
		if u.Role == name {
			out = append(out, u)
		}
	}
	return out
}

// isExportField reports whether name is a column of some export kind.
func isExportField(name string) bool {
	for _, spec := range Exports {
		for _, c := range spec.Columns {
			if c.Name == name {
				return true
			}
		}
	}
	return false
}
