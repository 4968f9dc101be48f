package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// From a wide table alone: W1, W2 pay on time online; W3, W4 late at the counter; W5 unknown.
const paymentWideCSV = `customer_id,customer_type,late_payment_count,avg_days_late,main_payment_channel
W1,residential,0,0,手机银行
W2,residential,1,3,网上银行
W3,residential,8,40,营业厅
W4,residential,9,50,走收
W5,residential,,,
B1,business,0,0,银行代收
`

func TestPaymentCommand(t *testing.T) {
	wide := writeFile(t, "wide.csv", paymentWideCSV)
	out := filepath.Join(t.TempDir(), "pay.csv")
	status, stdout, stderr := runSeglab(t, "payment", "--input", wide, "--k", "2", "--out", out, "--json")
	if status != 0 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	var got struct {
		Mode      string `json:"mode"`
		Customers int    `json:"customers"`
		Segments  []struct {
			Name      string `json:"name"`
			Customers int    `json:"customers"`
		} `json:"segments"`
		Profile struct {
			Customers int `json:"customers"`
		} `json:"profile"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err, stdout)
	}
	names := map[string]int{}
	for _, s := range got.Segments {
		names[s.Name] = s.Customers
	}
	// W5 knows nothing and goes to the first (largest) segment.
	if got.Mode != "wide" || got.Customers != 5 || got.Profile.Customers != 5 || len(names) != 2 ||
		names["late payers, counter / cash"] < 2 || names["on-time payers, online / mobile"] < 2 {
		t.Errorf("%+v", got)
	}
	written, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(written)), "\n")
	if len(lines) != 6 || !strings.HasPrefix(lines[0], "\ufeffcustomer_id,segment,segment_name") {
		t.Errorf("--out file:\n%s", written)
	}

	for _, args := range [][]string{{"payment"}, {"payment", "--input", wide, "--k", "1"}, {"payment", "--input", wide, "--early-days", "0"}} {
		if status, _, _ := runSeglab(t, args...); status != 2 {
			t.Errorf("%v: status %d, want 2", args, status)
		}
	}
	noChannel := writeFile(t, "nochannel.csv", "customer_id,customer_type,late_payment_count,avg_days_late\nW1,residential,0,0\n")
	status, _, stderr = runSeglab(t, "payment", "--input", noChannel)
	if status != 1 || !strings.Contains(stderr, `"main_payment_channel"`) {
		t.Errorf("missing column: status %d, %q", status, stderr)
	}
}
