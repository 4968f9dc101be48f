package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// The contract is printed by the binary itself, with the accepted headers, optional columns
// and value forms; its JSON lists every export.
func TestExportsCommand(t *testing.T) {
	status, stdout, _ := runSeglab(t, "exports")
	if status != 0 {
		t.Fatalf("status %d", status)
	}
	for _, want := range []string{"customers — 客户档案 (view raw_customers)", "用户编号", "电费金额", "实收电费", "工单类型",
		"no: housing empty", "小时 ×60", "2024年3月5日", "2025年1月", "1,234.5", "monthly billing"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("seglab exports does not show %q", want)
		}
	}
	status, stdout, _ = runSeglab(t, "exports", "--json")
	var got []struct {
		Kind    string `json:"kind"`
		Columns []struct {
			Name     string   `json:"name"`
			Also     []string `json:"also"`
			Required bool     `json:"required"`
		} `json:"columns"`
	}
	if status != 0 || json.Unmarshal([]byte(stdout), &got) != nil || len(got) != 6 || got[0].Columns[0].Name != "customer_id" ||
		!got[0].Columns[0].Required || got[0].Columns[7].Required || len(got[0].Columns[0].Also) == 0 {
		t.Errorf("exports --json: %d exports, %s", len(got), stdout[:min(300, len(stdout))])
	}
}

// build prints the plausibility warnings and names, for a file that is not recognised, what it
// lacks and where the contract is; --encoding gbk writes GBK.
func TestBuildWarningsNearMissAndGBK(t *testing.T) {
	src := "../../sample-data"
	dir := t.TempDir()
	for _, f := range []string{"customers.csv", "billing.csv", "survey.csv"} {
		b, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			t.Fatal(err)
		}
		if f == "survey.csv" { // a 0–100 survey
			b = []byte(strings.Replace(string(b), ",9\n", ",90\n", -1))
		}
		os.WriteFile(filepath.Join(dir, f), b, 0o644)
	}
	out := filepath.Join(t.TempDir(), "wide.csv")
	status, stdout, stderr := runSeglab(t, "build", "--input", dir, "--out", out, "--encoding", "gbk")
	if status != 0 {
		t.Fatalf("build: %s", stderr)
	}
	if !strings.Contains(stdout, "warning: "+filepath.Join(dir, "survey.csv")+": ") || !strings.Contains(stdout, "--satisfaction-scale 100") {
		t.Errorf("no satisfaction warning:\n%s", stdout)
	}
	// The rescale the warning offers: no warning, and every score back on 0–10.
	scaled := filepath.Join(t.TempDir(), "scaled.parquet")
	status, stdout, stderr = runSeglab(t, "build", "--input", dir, "--out", scaled, "--satisfaction-scale", "100")
	if status != 0 || strings.Contains(stdout, "outside 0–10") {
		t.Errorf("--satisfaction-scale 100: status %d, %s%s", status, stdout, stderr)
	}
	status, stdout, _ = runSeglab(t, "describe", "--input", scaled, "--json")
	if status != 0 || !strings.Contains(stdout, `"name": "satisfaction"`) || !strings.Contains(stdout, `"max": "9.0"`) {
		t.Errorf("rescaled satisfaction: %.3000s", stdout)
	}
	b, _ := os.ReadFile(out)
	if text, err := simplifiedchinese.GBK.NewDecoder().Bytes(b); err != nil || !strings.HasPrefix(string(text), "customer_id,") || !strings.Contains(string(text), "居民生活") {
		t.Errorf("the output is not GBK (%v)", err)
	}

	// A customer master whose headers lack two required columns, beside the billing export.
	cust, _ := os.ReadFile(filepath.Join(dir, "customers.csv"))
	head, rest, _ := strings.Cut(string(cust), "\n")
	head = strings.NewReplacer("区域", "所在区域", "立户日期", "立户日期时间").Replace(head)
	os.WriteFile(filepath.Join(dir, "customers.csv"), []byte(head+"\n"+rest), 0o644)
	status, _, stderr = runSeglab(t, "build", "--input", dir, "--out", out)
	for _, want := range []string{"customers.csv", "most resembles the customers export", `"所在区域" looks like region`,
		`"立户日期时间" looks like open date`, "seglab exports"} {
		if status != 1 || !strings.Contains(stderr, want) {
			t.Errorf("status %d; %q does not say %q", status, stderr, want)
		}
	}
	if strings.Contains(stderr, "EXPORTS.md") {
		t.Errorf("the message points to a file not in the binary: %s", stderr)
	}
	if status, _, stderr := runSeglab(t, "build", "--input", dir, "--out", out, "--encoding", "latin1"); status != 2 {
		t.Errorf("--encoding latin1: status %d %s", status, stderr)
	}
}
