package roles_test

import (
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/roles"
	"github.com/seglab/seglab/queries"
)

// Every column of the wide table and every column of every raw export is a role of its
// scope, under the same Chinese name as the contract's.
func TestRolesCoverTheContract(t *testing.T) {
	for _, f := range queries.Features() {
		r, ok := roles.ByName(f.Name)
		if !ok || !r.In(roles.Wide) {
			t.Errorf("wide-table feature %s is not a wide role", f.Name)
			continue
		}
		if r.Chinese != f.LabelZH {
			t.Errorf("%s: Chinese name %q, features.tsv says %q", f.Name, r.Chinese, f.LabelZH)
		}
	}
	for _, spec := range data.Exports {
		for _, c := range spec.Columns {
			r, ok := roles.ByName(c.Name)
			if !ok || !r.In(roles.Scope(spec.Kind)) {
				t.Errorf("%s column %s is not a role of scope %s", spec.Kind, c.Name, spec.Kind)
				continue
			}
			if r.Chinese != c.Chinese {
				t.Errorf("%s.%s: Chinese name %q, the contract says %q", spec.Kind, c.Name, r.Chinese, c.Chinese)
			}
		}
	}
}

// Each synonym family of the issue, and every synonym of the table, resolves to its role in
// each of the role's scopes, also when written with full-width brackets or other spacing.
func TestEverySynonymResolves(t *testing.T) {
	families := []struct {
		scope   roles.Scope
		role    string
		headers []string
	}{
		{roles.Customers, "customer_id", []string{"用户编号", "户号", "客户编号", "用户号"}},
		{roles.Billing, "amount", []string{"应收电费", "电费金额", "应收金额"}},
		{roles.Payments, "paid_amount", []string{"实收金额", "实收电费"}},
		{roles.Tickets, "ticket_type", []string{"业务类型", "工单类型"}},
		{roles.Outages, "duration_min", []string{"停电时长", "停电时长(小时)", "停电时长（小时）"}},
		{roles.Wide, "satisfaction", []string{"满意度", "Satisfaction", "满意度（0-10）"}},
		{roles.Wide, "outages_12m", []string{"停电次数", "年停电次数", "outages_12m"}},
		{roles.Wide, "region", []string{"区域", "REGION", "地区"}},
		{roles.Wide, "main_payment_channel", []string{"缴费渠道", "主要缴费渠道"}},
		{roles.Payments, "channel", []string{"缴费渠道", "缴费方式"}},
		{roles.Wide, "annual_kwh", []string{"年用电量", "年用电量(kWh)", "年 用电量"}},
		{roles.Wide, "customer_id", []string{"客户编号", "Customer ID", "ＣＵＳＴＯＭＥＲ＿ＩＤ"}},
	}
	for _, f := range families {
		for _, h := range f.headers {
			ms := roles.Resolve(f.scope, []string{"其他列", h, "another"}, roles.Mapping{})
			m, _ := roles.Find(ms, f.role)
			if m.Column != h || !m.Method.Sure() {
				t.Errorf("%s: header %q gives %+v for %s", f.scope, h, m, f.role)
			}
		}
	}
	for _, r := range roles.All() {
		for _, s := range r.Scopes {
			for _, name := range r.Names() {
				m, _ := roles.Find(roles.Resolve(s, []string{name}, roles.Mapping{}), r.Name)
				if m.Column != name {
					t.Errorf("%s: %q does not resolve %s", s, name, r.Name)
				}
			}
		}
	}
}

func TestNormalize(t *testing.T) {
	cases := []struct{ in, key, unit string }{
		{"停电时长(小时)", "停电时长", "小时"},
		{"停电时长（小时）", "停电时长", "小时"},
		{"停电时长【分钟】", "停电时长", "分钟"},
		{" Customer ID ", "customerid", ""},
		{"customer_id", "customerid", ""},
		{"\ufeff户号", "户号", ""},
		{"ＡＢＣ　ｄ", "abcd", ""},
		{"合同容量(kVA)", "合同容量", "kva"},
		{"(x)", "(x)", ""},
	}
	for _, c := range cases {
		k, u := roles.Normalize(c.in)
		if k != c.key || u != c.unit {
			t.Errorf("Normalize(%q) = %q, %q; want %q, %q", c.in, k, u, c.key, c.unit)
		}
	}
}

// A mapping wins over names; exact names win over synonyms whichever role comes first; a
// header serves one role; a header only containing a name is offered, not sure.
func TestResolveOrder(t *testing.T) {
	headers := []string{"编号", "户号", "用户编号", "近三年满意度均值", "片区", "停电时长(小时)"}
	ms := roles.Resolve(roles.Wide, headers, roles.Mapping{Columns: map[string]string{"customer_id": "编号"}})
	want := map[string]struct {
		col string
		how roles.Method
	}{
		"customer_id":        {"编号", roles.ByMapping},
		"satisfaction":       {"近三年满意度均值", roles.ByPartial},
		"region":             {"片区", roles.BySynonym},
		"outage_minutes_12m": {"停电时长(小时)", roles.BySynonym},
		"outages_12m":        {"", roles.Unresolved},
	}
	for role, w := range want {
		m, _ := roles.Find(ms, role)
		if m.Column != w.col || m.Method != w.how {
			t.Errorf("%s: got %q by %q, want %q by %q", role, m.Column, m.Method, w.col, w.how)
		}
	}
	if m, _ := roles.Find(ms, "outage_minutes_12m"); m.Unit != "小时" {
		t.Errorf("unit from the header: got %q", m.Unit)
	}
	if m, _ := roles.Find(ms, "satisfaction"); m.Method.Sure() || m.Confidence >= 0.9 {
		t.Errorf("a partial match must ask for confirmation: %+v", m)
	}
	// Without the mapping, the exact Chinese name wins over the synonym.
	m, _ := roles.Find(roles.Resolve(roles.Wide, []string{"用户编号", "户号"}, roles.Mapping{}), "customer_id")
	if m.Column != "户号" || m.Method != roles.ByChinese {
		t.Errorf("got %+v, want 户号 by its Chinese name", m)
	}
}

func TestClosest(t *testing.T) {
	r, _ := roles.ByName("customer_id")
	h, s := roles.Closest(r, []string{"账期", "用户编码号", "电费"})
	if h != "用户编码号" || s <= 0.5 {
		t.Errorf("closest to customer id: %q %.2f", h, s)
	}
	if _, s := roles.Closest(r, []string{"zzz"}); s != 0 {
		t.Errorf("nothing in common scored %.2f", s)
	}
}

func TestMappingRoundTrip(t *testing.T) {
	ms := roles.Resolve(roles.Wide, []string{"客户编号", "满意度", "停电时长(小时)"}, roles.Mapping{})
	for i := range ms {
		if ms[i].Role == "satisfaction" {
			ms[i].Samples = []string{"8", "9"}
		}
	}
	m := roles.FromMatches(ms)
	b, err := roles.MarshalMapping(m, ms)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, want := range []string{"seglab_mapping", `customer_id: "客户编号"`, "e.g. 8, 9", "outage_minutes_12m: \"小时\"", "not found in the data"} {
		if !strings.Contains(text, want) {
			t.Errorf("mapping file lacks %q:\n%s", want, text)
		}
	}
	back, err := roles.ParseMapping("m.yaml", b)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Columns) != 3 || back.Columns["customer_id"] != "客户编号" || back.Units["outage_minutes_12m"] != "小时" {
		t.Errorf("round trip: %+v", back)
	}
}

func TestMappingUntrusted(t *testing.T) {
	cases := map[string]string{
		"unknown role":       "seglab_mapping: \"1\"\ncolumns:\n  shoe_size: 鞋码\n",
		"control character":  "seglab_mapping: \"1\"\ncolumns:\n  region: \"\\e[31m区域\"\n",
		"unknown key":        "seglab_mapping: \"1\"\nscript: rm\n",
		"no version":         "columns:\n  region: 区域\n",
		"one column twice":   "seglab_mapping: \"1\"\ncolumns:\n  region: 区域\n  customer_class: 区域\n",
		"too long":           "seglab_mapping: \"1\"\ncolumns:\n  region: " + strings.Repeat("区", 201) + "\n",
		"too big":            "seglab_mapping: \"1\"\n#" + strings.Repeat("x", roles.MaxMappingBytes) + "\n",
		"not a mapping file": "- a\n- b\n",
	}
	for name, text := range cases {
		if _, err := roles.ParseMapping("m.yaml", []byte(text)); err == nil || !strings.Contains(err.Error(), "m.yaml") {
			t.Errorf("%s: accepted or unnamed file: %v", name, err)
		}
	}
	// One header for roles of different exports is fine.
	ok := "seglab_mapping: \"1\"\ncolumns:\n  amount: 金额\n  paid_amount: 金额\n"
	if _, err := roles.ParseMapping("m.yaml", []byte(ok)); err != nil {
		t.Errorf("amount and paid_amount from one header name: %v", err)
	}
}

// The words of a role's vocabulary stand for its codes, whichever language.
func TestValueCodes(t *testing.T) {
	for word, want := range map[string]string{"东部": "east", "中部": "central", "低保": "low_income", "low income": "low_income",
		"居民": "residential", "居民生活": "residential", "非居民": "business"} {
		role := "region"
		switch {
		case strings.Contains(word, "居民"):
			role = "customer_type"
		case strings.Contains(word, "low") || word == "低保":
			role = "special_group"
		}
		if got, ok := roles.CodeOf(role, word); !ok || got != want {
			t.Errorf("CodeOf(%s, %s) = %q, %v; want %q", role, word, got, ok, want)
		}
	}
	if _, ok := roles.CodeOf("region", "north"); ok {
		t.Error("an unknown word has a code")
	}
	if roles.UnitFactor("duration_min", "小时") != 60 || roles.UnitFactor("outage_minutes_12m", "h") != 60 || roles.UnitFactor("annual_kwh", "小时") != 0 {
		t.Error("unit factors")
	}
}
