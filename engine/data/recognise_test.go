package data

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/roles"
)

// headersOf returns the canonical headers of kind k with column name replaced by header.
func headersOf(k Kind, name, header string) []string {
	var hs []string
	for _, c := range specOf(k).Columns {
		h := c.Name
		if c.Name == name {
			h = header
		}
		hs = append(hs, h)
	}
	return hs
}

// Every synonym of every export column (queries/roles.tsv) is taken for its column, in every
// export that has it, and so are its full-width, upper-case and spaced spellings; the families
// the issue names are among them.
func TestEverySynonymFamilyIsRecognised(t *testing.T) {
	families := map[string][]string{
		"customer_id": {"用户编号", "户号", "客户编号", "用户号"}, "amount": {"应收电费", "电费金额", "应收金额"},
		"paid_amount": {"实收金额", "实收电费"}, "ticket_type": {"业务类型", "工单类型"}, "duration_min": {"停电时长", "停电时长(小时)"},
	}
	for role, names := range families {
		r, _ := roles.ByName(role)
		for _, n := range names {
			if key, _ := roles.Normalize(n); !slices.ContainsFunc(r.Names(), func(x string) bool { k, _ := roles.Normalize(x); return k == key }) {
				t.Errorf("%s is not a name of %s", n, role)
			}
		}
	}
	tried := 0
	for _, spec := range Exports {
		for i, c := range spec.Columns {
			for _, syn := range Synonyms(c.Name) {
				for _, h := range []string{syn, " " + strings.ToUpper(syn) + " ", toFullWidth(syn)} {
					kind, l := recognise(headersOf(spec.Kind, c.Name, h), roles.Mapping{})
					if kind != spec.Kind || l.groups[0][i] != i {
						t.Errorf("%s: header %q for %s: recognised %q", spec.Kind, h, c.Name, kind)
					}
				}
				tried++
			}
		}
	}
	if tried < 100 {
		t.Fatalf("only %d synonyms tried", tried)
	}
	// A header no table lists is not taken: 客户名称 is no customer id.
	if kind, _ := recognise(headersOf(Customers, "customer_id", "客户名称"), roles.Mapping{}); kind != "" {
		t.Errorf("客户名称 taken for a customer id: %s", kind)
	}
	// A mapping the user gave names a column no synonym does, with its unit.
	m := roles.Mapping{Columns: map[string]string{"duration_min": "停了多久"}, Units: map[string]string{"duration_min": "小时"}}
	kind, l := recognise(headersOf(Outages, "duration_min", "停了多久"), m)
	if kind != Outages || l.factor[0][3] != 60 {
		t.Errorf("mapped header: %q, factor %v", kind, l)
	}
}

// toFullWidth writes the ASCII letters, digits and underscores of s in full width.
func toFullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r > ' ' && r < 0x7f {
			return r - 0x21 + 0xFF01
		}
		return r
	}, s)
}

// The real-system wordings the issue names load end to end and land in the raw views.
func TestMarketingSystemHeadersLoad(t *testing.T) {
	s := newSession(t)
	dir := t.TempDir()
	writeFile(t, dir, "档案.csv", []byte("用户编号,用电分类,地区,行业分类,供电电压,运行容量,开户日期\n"+
		"1000000001,居民生活,东部,,220V,8,2015-03-01\n"))
	writeFile(t, dir, "账单.csv", []byte("客户编号,电费年月,电量,峰电量,电费金额,缴费期限\n1000000001,2024-01,210.5,80,115.3,2024-02-20\n"))
	writeFile(t, dir, "缴费.csv", []byte("用户号,账务年月,缴费时间,实收电费,缴费方式\n1000000001,2024-01,2024-02-10,115.3,银行代收\n"))
	writeFile(t, dir, "工单.csv", []byte("工单号,户号,受理日期,工单类型,来电渠道\nT1,1000000001,2024-03-01 10:00:00,投诉,95598电话\n"))
	ts := mustLoad(t, s, dir)
	kinds := map[Kind]bool{}
	for _, tb := range ts {
		kinds[tb.Kind] = true
	}
	for _, k := range []Kind{Customers, Billing, Payments, Tickets} {
		if !kinds[k] {
			t.Errorf("%s not recognised among %v", k, ts)
		}
	}
	var amount, paid float64
	var ticketType string
	err := s.DB().QueryRow(`SELECT (SELECT amount FROM raw_billing), (SELECT paid_amount FROM raw_payments), (SELECT ticket_type FROM raw_tickets)`).
		Scan(&amount, &paid, &ticketType)
	if err != nil || amount != 115.3 || paid != 115.3 || ticketType != "投诉" {
		t.Fatalf("views: %v %v %q, %v", amount, paid, ticketType, err)
	}
}

// A customer master without the four household columns still loads; their columns are NULL
// in raw_customers and a warning names them.
func TestOptionalCustomerColumns(t *testing.T) {
	s := newSession(t)
	p := writeFile(t, t.TempDir(), "c.csv", []byte("户号,用电类别,区域,行业代码,电压等级,合同容量,立户日期\n1,居民生活,东部,,220V,8,2015-03-01\n"))
	ts := mustLoad(t, s, p)
	if ts[0].Kind != Customers {
		t.Fatalf("kind %q", ts[0].Kind)
	}
	var housing, heating, group *string
	var size *int64
	if err := s.DB().QueryRow(`SELECT housing, heating, special_group, household_size FROM raw_customers`).Scan(&housing, &heating, &group, &size); err != nil {
		t.Fatal(err)
	}
	if housing != nil || heating != nil || group != nil || size != nil {
		t.Errorf("absent columns not NULL")
	}
	w := findWarning(t, s, WarnUnavailable)
	for _, name := range []string{"房屋产权", "采暖方式", "特殊群体", "家庭人口", "unavailable"} {
		if !strings.Contains(w.Msg, name) {
			t.Errorf("warning %q does not name %s", w.Msg, name)
		}
	}
}

// Dates, times, bill months and numbers in every form real exports use are read as the same
// values.
func TestValueStyles(t *testing.T) {
	s := newSession(t)
	dir := t.TempDir()
	writeFile(t, dir, "bill.csv", []byte("户号,账期,抄见电量,峰时电量,应收电费,缴费截止日期\n"+
		"1,2025-01,\"1,235.00\",１２,¥100,2024-03-05\n"+
		"2,202501,1235,12,￥100.00,2024/3/5\n"+
		"3,2025/01,\"1,235\",12.0,100元,20240305\n"+
		"4,2025年1月,１，２３５,12,100,2024年3月5日\n"+
		"5,2025/1,1235,12,\" 100 \",2024.03.05\n"))
	writeFile(t, dir, "out.csv", []byte("停电编号,户号,停电开始时间,停电时长,停电类型\n"+
		"a,1,2024-03-05 14:30:00,1,计划停电\n"+
		"b,1,2024/3/5 14:30,1,计划停电\n"+
		"c,1,20240305143000,1,计划停电\n"+
		"d,1,2024年3月5日 14:30:00,1,计划停电\n"+
		"e,1,2024-03-05T14:30:00,1,计划停电\n"))
	mustLoad(t, s, dir)
	rows, err := s.DB().Query(`SELECT customer_id, bill_month, kwh, peak_kwh, amount, CAST(due_date AS VARCHAR) FROM raw_billing ORDER BY customer_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id, month, due string
		var kwh, peak, amount float64
		if err := rows.Scan(&id, &month, &kwh, &peak, &amount, &due); err != nil {
			t.Fatal(err)
		}
		if month != "2025-01" || kwh != 1235 || peak != 12 || amount != 100 || due != "2024-03-05" {
			t.Errorf("customer %s: %s %v %v %v %s", id, month, kwh, peak, amount, due)
		}
		n++
	}
	if n != 5 {
		t.Fatalf("%d bills", n)
	}
	var distinct int
	var start string
	if err := s.DB().QueryRow(`SELECT count(DISTINCT start_time), CAST(min(start_time) AS VARCHAR) FROM raw_outages`).Scan(&distinct, &start); err != nil {
		t.Fatal(err)
	}
	if distinct != 1 || start != "2024-03-05 14:30:00" {
		t.Errorf("start times: %d distinct, %s", distinct, start)
	}
}

// Values that are none of the forms are still refused, each column at its first fault, all
// in one error.
func TestEveryFaultAtOnce(t *testing.T) {
	s := newSession(t)
	p := writeFile(t, t.TempDir(), "bill.csv", []byte("户号,账期,抄见电量,峰时电量,应收电费,缴费截止日期\n"+
		"1,2025-01,1,1,1,2024-03-05\n"+
		"2,2025-13,1,1,1,2024-03-05\n"+
		"3,2025-01,1,1,1,2024-02-30\n"+
		"4,2025-01,1;5,1,1,2024-03-05\n"+
		"5,2025-01,x,1,1,2024-03-05\n"))
	_, err := s.Load(context.Background(), p)
	for _, want := range []string{`bill.csv:3:2: column "账期": "2025-13" is not a bill month`,
		`bill.csv:4:6: column "缴费截止日期": "2024-02-30" is not a date`,
		`bill.csv:5:3: column "抄见电量": "1;5" is not a number`, "2 rows in all"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not hold %q", err, want)
		}
	}
}

// Billing with one column per month is unpivoted into one bill per customer and month, with
// the year from a year column or from the header.
func TestMonthlyBillingColumns(t *testing.T) {
	cases := map[string]string{
		"year column": "用户编号,年份,1月电量,1月峰时电量,1月电费,1月缴费截止日期,2月电量,2月峰时电量,2月电费,2月缴费截止日期\n" +
			"1,2024,100,40,50.5,2024-02-20,\"1,200\",400,600,2024-03-20\n" +
			"2,2024,10,4,5,2024-02-20,,,,\n",
		"year in header": "户号,2024年1月电量,2024年1月峰电量,2024年1月电费,2024年1月缴费截止日期,2024年2月电量,2024年2月峰电量,2024年2月电费,2024年2月缴费截止日期\n" +
			"1,100,40,50.5,2024-02-20,1200,400,600,2024-03-20\n" +
			"2,10,4,5,2024/2/20,,,,\n",
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			s := newSession(t)
			ts := mustLoad(t, s, writeFile(t, t.TempDir(), "monthly.csv", []byte(content)))
			if ts[0].Kind != Billing {
				t.Fatalf("kind %q", ts[0].Kind)
			}
			var got []string
			rows, err := s.DB().Query(`SELECT customer_id || ' ' || bill_month || ' ' || kwh || ' ' || peak_kwh || ' ' || amount || ' ' || due_date FROM raw_billing ORDER BY 1`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
				var r string
				rows.Scan(&r)
				got = append(got, r)
			}
			want := "1 2024-01 100.0 40.0 50.5 2024-02-20|1 2024-02 1200.0 400.0 600.0 2024-03-20|2 2024-01 10.0 4.0 5.0 2024-02-20"
			if strings.Join(got, "|") != want {
				t.Errorf("raw_billing\n got %s\nwant %s", strings.Join(got, "|"), want)
			}
		})
	}
}

// Several bills of one customer and month (an adjustment, a refund) are summed, and counted in
// a warning.
func TestAdjustmentRowsAreSummed(t *testing.T) {
	s := newSession(t)
	p := writeFile(t, t.TempDir(), "bill.csv", []byte(billingCN+
		"1000000001,2024-01,-10.5,-5,-5.3,2024-02-25\n"+
		"1000000001,2024-01,0,0,1,2024-02-20\n"))
	mustLoad(t, s, p)
	var n int
	var kwh, peak, amount float64
	var due string
	err := s.DB().QueryRow(`SELECT (SELECT count(*) FROM raw_billing), kwh, peak_kwh, amount, CAST(due_date AS VARCHAR) FROM raw_billing
		WHERE customer_id = '1000000001' AND bill_month = '2024-01'`).Scan(&n, &kwh, &peak, &amount, &due)
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 || kwh != 200 || peak != 75 || amount != 111 || due != "2024-02-25" {
		t.Errorf("%d bills; summed bill %v kWh, %v peak, %v yuan, due %s", n, kwh, peak, amount, due)
	}
	w := findWarning(t, s, WarnSummedBills)
	if w.Count != 3 || !strings.Contains(w.Msg, "summed into 1 bills") {
		t.Errorf("warning %+v", w)
	}
}

// A unit in the header converts the values: hours and seconds to minutes, 万元 to yuan.
func TestUnitFromHeader(t *testing.T) {
	s := newSession(t)
	dir := t.TempDir()
	writeFile(t, dir, "a.csv", []byte("停电编号,户号,停电开始时间,停电时长（小时）,停电类型\na,1,2024-03-05 14:30:00,1.5,故障停电\n"))
	writeFile(t, dir, "b.csv", []byte("停电编号,户号,停电开始时间,停电时长[s],停电类型\nb,1,2024-03-05 14:30:00,600,故障停电\n"))
	writeFile(t, dir, "c.csv", []byte("户号,账期,抄见电量,峰时电量,应收电费(万元),缴费截止日期\n1,2024-01,1,1,1.5,2024-02-20\n"))
	mustLoad(t, s, dir)
	var a, b, amount float64
	err := s.DB().QueryRow(`SELECT (SELECT duration_min FROM raw_outages WHERE outage_id = 'a'), (SELECT duration_min FROM raw_outages WHERE outage_id = 'b'),
		(SELECT amount FROM raw_billing)`).Scan(&a, &b, &amount)
	if err != nil || a != 90 || b != 10 || amount != 15000 {
		t.Fatalf("90 min, 10 min, 15000 yuan expected; got %v %v %v (%v)", a, b, amount, err)
	}
	// A unit that is none of the field's is not taken for it: the file is no export.
	s2 := newSession(t)
	ts := mustLoad(t, s2, writeFile(t, t.TempDir(), "d.csv", []byte("停电编号,户号,停电开始时间,停电时长(公里),停电类型\nb,1,2024-03-05 14:30:00,600,故障停电\n")))
	if ts[0].Kind != "" {
		t.Errorf("停电时长(公里) taken for a duration")
	}
}

// Each plausibility warning is given with its count, and none stops the load.
func TestPlausibilityWarnings(t *testing.T) {
	s := newSession(t)
	dir := t.TempDir()
	writeFile(t, dir, "c.csv", []byte(customersCN+"合计,,,,,,,,,,,\n"))
	writeFile(t, dir, "b.csv", []byte(billingCN+"1000000002,2024-02,-5,0,-2.6,2024-03-20\n小计,,203.5,,,\n"))
	writeFile(t, dir, "o.csv", []byte("停电编号,户号,停电开始时间,停电时长,停电类型\n"+
		"a,1000000001,2024-01-05 10:00:00,1.5,故障停电\nb,1000000001,2024-02-05 10:00:00,3,故障停电\nc,1000000002,2024-02-05 10:00:00,12,计划停电\n"))
	writeFile(t, dir, "s.csv", []byte("户号,调查日期,满意度\n1000000001,2024-01-10,85\n1000000002,2024-01-10,70\n1000000003,2024-01-10,9\n"))
	mustLoad(t, s, dir)
	checks := []struct {
		code  string
		count int64
		parts []string
	}{
		{WarnTotalsRows, 1, []string{"1 totals rows", "left out"}},
		{WarnNegativeKWh, 1, []string{"b.csv", "1 bills have negative kWh"}},
		{WarnHoursDuration, 3, []string{"o.csv", "looks like hours", "停电时长(小时)"}},
		{WarnSatisfactionScale, 2, []string{"s.csv", "2 values", "largest 85", "--satisfaction-scale 100"}},
	}
	for _, c := range checks {
		w := findWarning(t, s, c.code)
		if w.Count != c.count {
			t.Errorf("%s: count %d, want %d", c.code, w.Count, c.count)
		}
		for _, p := range c.parts {
			if !strings.Contains(w.String(), p) {
				t.Errorf("%s: %q does not mention %q", c.code, w, p)
			}
		}
	}
	totals := 0
	for _, w := range s.Warnings() {
		if w.Code == WarnTotalsRows {
			totals++
		}
	}
	var customers, bills int
	if err := s.DB().QueryRow(`SELECT (SELECT count(*) FROM raw_customers), (SELECT count(*) FROM raw_billing)`).Scan(&customers, &bills); err != nil {
		t.Fatal(err)
	}
	if totals != 2 || customers != 2 || bills != 4 {
		t.Errorf("%d totals warnings, %d customers, %d bills: the totals rows must be left out", totals, customers, bills)
	}

	// The rescale the warning offers: a 0–100 survey read with the scale set to 100.
	r, err := Open(Options{Threads: 1, SatisfactionScale: 100})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Load(context.Background(), dir+"/s.csv"); err != nil {
		t.Fatal(err)
	}
	var top float64
	if err := r.DB().QueryRow(`SELECT max(satisfaction) FROM raw_survey`).Scan(&top); err != nil || top != 8.5 {
		t.Errorf("rescaled max %v, want 8.5 (%v)", top, err)
	}
}

// A customer master missing two required columns, beside a billing export, is refused with
// the export it resembles, the columns found, and for each missing column the closest header.
func TestNearMissNamesBothMissingColumns(t *testing.T) {
	s := newSession(t)
	dir := t.TempDir()
	p := writeFile(t, dir, "档案.csv", []byte("户号,用电类别,所在区域,行业代码,电压等级,合同容量,立户日期时间\n1000000001,居民生活,东部,,220V,8,2015-03-01\n"))
	writeFile(t, dir, "账单.csv", []byte(billingCN))
	writeFile(t, dir, "other.csv", []byte("x,y\n1,2\n"))
	_, err := s.Load(context.Background(), dir)
	var ie *inputerr.Error
	if !errors.As(err, &ie) || ie.File != p {
		t.Fatalf("want an input error about %s, got %v", p, err)
	}
	for _, want := range []string{"most resembles the customers export (客户档案)", "5 of 7 required columns",
		`missing region (区域): "所在区域" looks like region`, `missing open_date (立户日期): "立户日期时间" looks like open date`, "seglab exports"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not say %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "other.csv") {
		t.Errorf("a file like no export is blamed: %v", err)
	}
	// Alone, with no export beside it, the same file is taken for a table of its own, and the
	// near miss is there for the caller.
	ts := mustLoad(t, newSession(t), p)
	if ts[0].NearMiss == nil || ts[0].NearMiss.Kind != Customers || len(ts[0].NearMiss.Missing) != 2 {
		t.Errorf("near miss %+v", ts[0].NearMiss)
	}
}

// Monthly billing with an empty or unreadable year is refused with the line and column.
func TestMonthlyBillingNeedsItsYear(t *testing.T) {
	s := newSession(t)
	p := writeFile(t, t.TempDir(), "monthly.csv", []byte("户号,年份,1月电量,1月峰时电量,1月电费,1月缴费截止日期\n1,2024,1,1,1,2024-02-20\n2,,1,1,1,2024-02-20\n3,二〇二四,1,1,1,2024-02-20\n"))
	_, err := s.Load(context.Background(), p)
	for _, want := range []string{"monthly.csv:3:2: column \"年份\": year is empty", `monthly.csv:4:2: column "年份": "二〇二四" is not a whole number`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v does not say %q", err, want)
		}
	}
}

// A wide table beside exports, or alone, is no near miss of the customers export it shares
// columns with.
func TestWideTableIsNoNearMiss(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "wide.csv", []byte("customer_id,customer_class,region,industry_code,voltage_kv,contract_capacity_kva,annual_kwh,credit_score,outages_12m\n1,居民生活,东部,,0.22,8,1000,90,1\n"))
	writeFile(t, dir, "bill.csv", []byte(billingCN))
	ts := mustLoad(t, newSession(t), dir)
	if ts[1].Kind != "" || ts[1].NearMiss != nil {
		t.Errorf("wide table: kind %q, near miss %v", ts[1].Kind, ts[1].NearMiss)
	}
}
