package report

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/engine/kmeans"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/engine/report/chart"
	"github.com/seglab/seglab/engine/sweep"
)

// handMade is a small report with known numbers: three segments, a sweep over k = 2..4.
func handMade() *Report {
	d := &definition.Definition{K: 3, Preprocessing: prep.Fitted{Scaling: prep.ZScore,
		Dims: []prep.Dim{{Column: "outages_12m", Kind: prep.Numeric, Weight: 1}}},
		Confirmation: definition.Confirmation{Status: definition.Draft}}
	for i, n := range []string{"Basic", "Affluent", "Stressed"} {
		d.Segments = append(d.Segments, definition.Segment{ID: i + 1, Name: definition.Text{EN: n, ZH: []string{"基本服务", "富裕者", "财务欠佳"}[i]}, Size: 100 * (3 - i)})
	}
	sw := &sweep.Result{Recommended: 3, SilhouetteExact: true}
	for _, k := range []int{2, 3, 4} {
		sw.Ks = append(sw.Ks, sweep.KResult{K: k, Fit: &kmeans.Result{Inertia: 1200 / float64(k)}, Silhouette: 0.2 + 0.05*float64(k%3), Stability: 0.9, Qualifies: true})
	}
	p := &profile.Result{Customers: 600}
	for i := range 3 {
		p.Segments = append(p.Segments, profile.Segment{ID: i + 1, Customers: 100 * (3 - i), Share: profile.Number(float64(3-i) / 6)})
	}
	np := profile.NumericProfile{Column: "outages_12m", LabelEN: "outages in 12 months", LabelZH: "年停电次数"}
	for i, idx := range []float64{50, 100, math.NaN()} {
		np.Segments = append(np.Segments, profile.SegmentSummary{Segment: i + 1, Index: profile.Number(idx)})
	}
	p.Numeric = []profile.NumericProfile{np}
	p.SatisfactionOutage = &profile.SatisfactionOutage{
		Reference: profile.Reference{OutageRatio: 1.9, Satisfaction: 7.5},
		Points: []profile.OutagePoint{
			{Segment: 1, Customers: 300, OutageRatio: 0.5, Satisfaction: 8.1},
			{Segment: 2, Customers: 200, OutageRatio: 2.5, Satisfaction: 6.9},
			{Segment: 3, Customers: 100, OutageRatio: 3.1, Satisfaction: profile.Number(math.NaN())},
		},
	}
	return &Report{Lang: EN, Def: d, Sweep: sw, Profile: p}
}

func TestChartsAreLabelledInTheirLanguage(t *testing.T) {
	r := handMade()
	for _, lang := range []string{EN, ZH} {
		charts := r.Charts(lang)
		if len(charts) != 4 {
			t.Fatalf("%s: %d charts", lang, len(charts))
		}
		var outage *chart.Canvas
		for _, c := range charts {
			if c.Name == "satisfaction-outage" {
				outage = c.Canvas
			}
		}
		var texts []string
		for _, tx := range outage.Texts() {
			texts = append(texts, tx.S)
		}
		all := strings.Join(texts, "|")
		want := map[string][]string{
			EN: {"Basic", "Affluent", "few outages, satisfied", "many outages, satisfied", "few outages, unsatisfied", "many outages, unsatisfied", "average 7.50", "average 1.90"},
			ZH: {"基本服务", "富裕者", "停电少·满意", "停电多·满意", "停电少·不满意", "停电多·不满意", "平均 7.50", "平均 1.90"},
		}[lang]
		for _, w := range want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: the outage chart lacks %q: %s", lang, w, all)
			}
		}
		// A segment without survey answers is not drawn.
		if strings.Contains(all, r.segName(3, lang)) {
			t.Errorf("%s: segment 3 has no satisfaction but is labelled", lang)
		}
	}
}

func TestWriteChartsFallsBackToEnglishWithoutCJKFont(t *testing.T) {
	r := handMade()
	r.Lang = ZH
	fonts, err := chart.LoadFonts()
	if err != nil {
		t.Fatal(err)
	}
	fonts.CJK = nil // as on a machine without a CJK font
	dir := t.TempDir()
	files, warnings, err := WriteCharts(r, dir, fonts)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 8 {
		t.Errorf("%d files: %v", len(files), files)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "English") {
		t.Errorf("warnings %q", warnings)
	}
	// The SVG keeps Chinese labels (the browser has fonts); the PNG was drawn in English.
	svg, err := os.ReadFile(filepath.Join(dir, "satisfaction-outage.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(svg), "停电多·满意") {
		t.Error("the SVG lost its Chinese labels")
	}
	if _, err := os.Stat(filepath.Join(dir, "satisfaction-outage.png")); err != nil {
		t.Error(err)
	}

	// With Latin text only no warning is given.
	r.Lang = EN
	if _, warnings, err = WriteCharts(r, t.TempDir(), fonts); err != nil || len(warnings) != 0 {
		t.Errorf("English charts: %v %q", err, warnings)
	}
}

func TestHeatColourDiverges(t *testing.T) {
	if c := heatColour(100); c != "#ffffff" {
		t.Errorf("index 100 is %s, want white", c)
	}
	lo, hi := heatColour(50), heatColour(200)
	if lo == hi || lo[1:3] >= lo[5:7] || hi[1:3] <= hi[5:7] {
		t.Errorf("50 → %s should be blue, 200 → %s orange", lo, hi)
	}
	if heatColour(400) != heatColour(200) || heatColour(10) != heatColour(50) {
		t.Error("the scale saturates at half and double")
	}
	if heatColour(math.NaN()) != "#eeeeee" {
		t.Error("a missing index is grey")
	}
}

func TestRuleTextInBothLanguages(t *testing.T) {
	r := handMade()
	// Silhouettes 0.3, 0.2, 0.25 for k = 2, 3, 4.
	r.Sweep.Recommended = 2
	r.Sweep.Votes = []sweep.Vote{{Index: sweep.BySilhouette, K: 2}, {Index: sweep.ByCalinskiHarabasz, K: 2},
		{Index: sweep.ByDaviesBouldin, K: 3}, {Index: sweep.ByStability, K: 4}}
	en, zh := r.Sweep.Explain(EN), r.Sweep.Explain(ZH)
	for _, want := range []string{"(k = 2, 3, 4)", "k = 2 has 2 of 4 votes (silhouette → 2, Calinski–Harabasz → 2, Davies–Bouldin → 3, stability → 4)",
		"silhouette 0.300 shows a weak structure"} {
		if !strings.Contains(en, want) {
			t.Errorf("English rule does not say %q:\n%s", want, en)
		}
	}
	for _, want := range []string{"k = 2 获得 2 票（共 4 票：轮廓系数 → 2，CH 指数 → 2，DB 指数 → 3，稳定性 → 4）", "结构较弱"} {
		if !strings.Contains(zh, want) {
			t.Errorf("Chinese rule does not say %q:\n%s", want, zh)
		}
	}
	r.Sweep.Votes[3].K = 3 // 2 against 2: a tie
	if en := r.Sweep.Explain(EN); !strings.Contains(en, "Tied with k = 3") {
		t.Errorf("a tie is not said: %s", en)
	}
	if strings.Contains(en+zh, "%!") {
		t.Errorf("format mistake:\n%s\n%s", en, zh)
	}
}

// TestEnglishFallbackDrawsChineseOnlyNamesByNumber: names and column labels that exist only
// in Chinese cannot be drawn without a CJK font; the fallback charts show them by number, so
// every text of every fallback chart can be drawn with Go's Latin fonts.
func TestEnglishFallbackDrawsChineseOnlyNamesByNumber(t *testing.T) {
	r := handMade()
	r.Lang = ZH
	for i := range r.Def.Segments {
		r.Def.Segments[i].Name.EN = "" // named in the workshop, in Chinese only
	}
	r.Profile.Numeric[0].LabelEN = "停电次数" // a user's own column: its label is its header
	fonts := &chart.Fonts{}               // Latin only: CanDraw needs no font data
	latin := *r
	latin.latinOnly = true
	var texts []string
	for _, c := range latin.Charts(EN) {
		if !fonts.CanDraw(c.Canvas) {
			t.Errorf("the fallback %s chart still holds Chinese text", c.Name)
		}
		for _, tx := range c.Canvas.Texts() {
			texts = append(texts, tx.S)
		}
	}
	all := strings.Join(texts, "|")
	for _, want := range []string{"segment 1", "segment 3", "column 1"} {
		if !strings.Contains(all, want) {
			t.Errorf("fallback charts do not say %q: %s", want, all)
		}
	}
	// Drawn normally, the Chinese names stay.
	for _, c := range r.Charts(EN) {
		if strings.Contains(c.Canvas.SVG(), "segment 1") {
			t.Errorf("%s: a Chinese name was replaced outside the fallback", c.Name)
		}
	}
}

// TestChangedAfterConfirmationIsShown: a confirmed definition whose content no longer has
// the signed hash carries the "changed" badge and says so, in both languages.
func TestChangedAfterConfirmationIsShown(t *testing.T) {
	r := handMade()
	hash, err := r.Def.ContentHash()
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2025, 6, 3, 10, 0, 0, 0, time.UTC)
	r.Def.Confirmation = definition.Confirmation{Status: definition.Confirmed, By: "王经理", At: &at, ContentSHA256: hash}
	if v := r.view(); v.Status != definition.Confirmed {
		t.Fatalf("signed and unchanged: status %q", v.Status)
	}
	r.Def.Segments[0].Name.ZH = "改过" // edited after the workshop
	for _, lang := range []string{EN, ZH} {
		r.Lang = lang
		v := r.view()
		if v.Status != "changed" || !strings.Contains(v.Confirm, definition.StateChanged.Text(lang)) {
			t.Errorf("%s: status %q, %q", lang, v.Status, v.Confirm)
		}
	}
}
