package data

import (
	"fmt"
	"strings"
)

// Kind names one of the six kinds of raw export described in queries/EXPORTS.md.
type Kind string

// The export kinds, in the order EXPORTS.md lists them.
const (
	Customers Kind = "customers"
	Billing   Kind = "billing"
	Payments  Kind = "payments"
	Outages   Kind = "outages"
	Tickets   Kind = "tickets"
	Survey    Kind = "survey"
)

// ValueType is the type an export column holds according to EXPORTS.md.
type ValueType int

// The value types of export columns and the DuckDB types raw_<kind> views give them.
const (
	Text      ValueType = iota // VARCHAR
	Number                     // DOUBLE
	Integer                    // BIGINT
	Date                       // DATE, written YYYY-MM-DD
	Timestamp                  // TIMESTAMP, written YYYY-MM-DD HH:MM:SS
	Month                      // VARCHAR, written YYYY-MM (bill months)
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

// ExportColumn is one required column of an export kind.
type ExportColumn struct {
	Name    string    // canonical English name, used in raw_<kind>
	Chinese string    // header that SG186 / 95598 exports carry
	Type    ValueType // what the values are
}

// ExportSpec describes one kind of export: its Chinese title and required columns.
type ExportSpec struct {
	Kind    Kind
	Title   string // Chinese title of the export
	Columns []ExportColumn
}

// View returns the name of the view that exposes exports of this kind: raw_<kind>.
func (k Kind) View() string { return "raw_" + string(k) }

// Exports lists the six export kinds of queries/EXPORTS.md with their required columns.
var Exports = []ExportSpec{
	{Customers, "客户档案", []ExportColumn{
		{"customer_id", "户号", Text},
		{"customer_class", "用电类别", Text},
		{"region", "区域", Text},
		{"industry_code", "行业代码", Text},
		{"voltage", "电压等级", Text},
		{"contract_capacity_kva", "合同容量", Number},
		{"open_date", "立户日期", Date},
		{"housing", "房屋产权", Text},
		{"heating", "采暖方式", Text},
		{"special_group", "特殊群体", Text},
		{"household_size", "家庭人口", Integer},
	}},
	{Billing, "电费账单", []ExportColumn{
		{"customer_id", "户号", Text},
		{"bill_month", "账期", Month},
		{"kwh", "抄见电量", Number},
		{"peak_kwh", "峰时电量", Number},
		{"amount", "应收电费", Number},
		{"due_date", "缴费截止日期", Date},
	}},
	{Payments, "缴费记录", []ExportColumn{
		{"customer_id", "户号", Text},
		{"bill_month", "账期", Month},
		{"paid_date", "缴费日期", Date},
		{"paid_amount", "实收金额", Number},
		{"channel", "缴费渠道", Text},
	}},
	{Outages, "停电记录", []ExportColumn{
		{"outage_id", "停电编号", Text},
		{"customer_id", "户号", Text},
		{"start_time", "停电开始时间", Timestamp},
		{"duration_min", "停电时长", Number},
		{"outage_type", "停电类型", Text},
	}},
	{Tickets, "95598工单", []ExportColumn{
		{"ticket_id", "工单编号", Text},
		{"customer_id", "户号", Text},
		{"accept_time", "受理时间", Timestamp},
		{"ticket_type", "业务类型", Text},
		{"contact_channel", "受理渠道", Text},
	}},
	{Survey, "满意度调查", []ExportColumn{
		{"customer_id", "户号", Text},
		{"survey_date", "调查日期", Date},
		{"satisfaction", "满意度", Number},
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

// matches reports whether header h names column c: its canonical name (any letter case) or its
// Chinese header, ignoring surrounding spaces.
func (c ExportColumn) matches(h string) bool {
	h = strings.TrimSpace(h)
	return strings.EqualFold(h, c.Name) || h == c.Chinese
}

// recognise returns the export kind whose required columns are all among headers, and for each
// required column the index of the header that holds it. When several kinds fit, the one with
// the most required columns wins (it is the more specific). It returns "" when no kind fits.
func recognise(headers []string) (Kind, []int) {
	var best Kind
	var bestIdx []int
	for _, spec := range Exports {
		idx := make([]int, len(spec.Columns))
		ok := true
		for i, col := range spec.Columns {
			idx[i] = -1
			for j, h := range headers {
				if col.matches(h) {
					idx[i] = j
					break
				}
			}
			if idx[i] < 0 {
				ok = false
				break
			}
		}
		if ok && len(idx) > len(bestIdx) {
			best, bestIdx = spec.Kind, idx
		}
	}
	return best, bestIdx
}
