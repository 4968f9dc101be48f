package data

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// writeBook writes a workbook with one sheet per entry of sheets (name → rows) at path; cells
// that are time.Time get the built-in short date format, as Excel gives typed-in dates.
func writeBook(t *testing.T, path string, names []string, sheets map[string][][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range names {
		if i == 0 {
			f.SetSheetName("Sheet1", name)
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if v == nil {
					continue
				}
				f.SetCellValue(name, cell, v)
				if _, ok := v.(time.Time); ok {
					f.SetCellStyle(name, cell, cell, date)
				}
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func day(s string) time.Time {
	d, _ := time.Parse("2006-01-02", s)
	return d
}

// Each sheet of a workbook is a file of its own, recognised by its header; Chinese sheet names
// work, typed dates and numbers come through, and book.xlsx#sheet loads one sheet.
func TestLoadXLSX(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "营销导出.xlsx")
	sheets := map[string][][]any{
		"客户档案": {
			{"户号", "用电类别", "区域", "行业代码", "电压等级", "合同容量", "立户日期"},
			{"1000000001", "居民生活", "东部", nil, "220V", 8, day("2015-03-01")},
			{"1000000002", "一般工商业", "西部", "C3130", "10kV", 315.5, "2009/11/20"},
		},
		"电费账单": {
			{"户号", "账期", "抄见电量", "峰时电量", "应收电费", "缴费截止日期"},
			{"1000000001", "202401", 210.5, 80, 115.3, day("2024-02-20")},
			{"1000000002", "2024-01", 98, 30.5, "1,052.10", day("2024-02-20")},
		},
		"说明": {},
	}
	writeBook(t, book, []string{"客户档案", "电费账单", "说明"}, sheets)
	s := newSession(t)
	ts := mustLoad(t, s, book)
	if len(ts) != 2 || ts[0].Kind != Customers || ts[1].Kind != Billing || ts[0].Source != book+"#客户档案" || ts[1].Name != "营销导出_电费账单" {
		t.Fatalf("tables %+v", ts)
	}
	var open, due, month string
	var capacity, amount float64
	err := s.DB().QueryRow(`SELECT (SELECT CAST(open_date AS VARCHAR) FROM raw_customers WHERE customer_id = '1000000001'),
		(SELECT contract_capacity_kva FROM raw_customers WHERE customer_id = '1000000002'),
		(SELECT CAST(due_date AS VARCHAR) FROM raw_billing WHERE customer_id = '1000000001'),
		(SELECT bill_month FROM raw_billing WHERE customer_id = '1000000001'),
		(SELECT amount FROM raw_billing WHERE customer_id = '1000000002')`).Scan(&open, &capacity, &due, &month, &amount)
	if err != nil || open != "2015-03-01" || capacity != 315.5 || due != "2024-02-20" || month != "2024-01" || amount != 1052.1 {
		t.Fatalf("values %s %v %s %s %v (%v)", open, capacity, due, month, amount, err)
	}

	one := mustLoad(t, newSession(t), book+"#电费账单")
	if len(one) != 1 || one[0].Kind != Billing {
		t.Fatalf("one sheet: %+v", one)
	}
	_, err = newSession(t).Load(context.Background(), book+"#没有")
	wantInputErr(t, err, book, 0, 0, `no sheet "没有"`, "客户档案, 电费账单, 说明")

	// A fault names the sheet, the row and the column.
	sheets["电费账单"][2][4] = "十块"
	bad := filepath.Join(dir, "bad.xlsx")
	writeBook(t, bad, []string{"电费账单"}, sheets)
	_, err = newSession(t).Load(context.Background(), bad)
	wantInputErr(t, err, bad+"#电费账单", 3, 5, `"十块" is not a number`)
	if strings.Contains(err.Error(), "sheet-") {
		t.Errorf("the temporary file shows: %v", err)
	}
}
