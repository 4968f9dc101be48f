package data

import (
	"strings"
	"testing"
)

// TestWarningTextInChinese: every warning code has a Chinese sentence with its file and
// count; English keeps the engine's own message.
func TestWarningTextInChinese(t *testing.T) {
	for _, code := range []string{WarnSatisfactionScale, WarnHoursDuration, WarnTotalsRows, WarnNegativeKWh, WarnRepeatedIDs, WarnSummedBills, WarnUnavailable} {
		w := Warning{Code: code, File: "账单.csv", Count: 37, Msg: "the English message"}
		zh := w.Text("zh")
		if !strings.HasPrefix(zh, "账单.csv：") || !strings.Contains(zh, "37") || strings.Contains(zh, "English") || strings.Contains(zh, "%!") {
			t.Errorf("%s in Chinese: %q", code, zh)
		}
		if en := w.Text("en"); en != "账单.csv: the English message" {
			t.Errorf("%s in English: %q", code, en)
		}
	}
}
