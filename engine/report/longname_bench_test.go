package report

import (
	"strings"
	"testing"
)

// BenchmarkReportWith2MName draws every chart in both languages and the HTML page of a report
// whose first segment is named with 2,000,000 characters (the loader refuses such a name; this
// is the report's own cost should one reach it): truncating names for the charts is linear in
// the text, so this takes well under the 5 s bound (60,000 characters took 14.6 s when it
// was quadratic).
func BenchmarkReportWith2MName(b *testing.B) {
	r := handMade()
	r.Def.Segments[0].Name.EN = strings.Repeat("n", 2_000_000)
	r.Def.Segments[0].Name.ZH = strings.Repeat("名", 2_000_000)
	for b.Loop() {
		for _, lang := range []string{EN, ZH} {
			r.Lang = lang
			if len(r.Charts(lang)) == 0 {
				b.Fatal("no charts")
			}
			page, err := r.HTML()
			if err != nil {
				b.Fatal(err)
			}
			if len(page) < 2_000_000 {
				b.Fatalf("the page holds %d bytes, less than the name", len(page))
			}
		}
	}
}
