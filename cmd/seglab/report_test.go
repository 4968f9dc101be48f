package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/engine/report"
)

// reportFixture builds the sample's wide table and a confirmed definition with k = 3 (the
// sweep recommends another k on this data) whose first segment's name holds HTML.
func reportFixture(t *testing.T) (dir, wide, def, seg string) {
	t.Helper()
	dir = t.TempDir()
	wide = filepath.Join(dir, "wide.csv")
	if status, _, stderr := runSeglab(t, "build", "-i", "../../sample-data", "-o", wide); status != 0 {
		t.Fatal(stderr)
	}
	def = filepath.Join(dir, "res.yaml")
	seg = filepath.Join(dir, "seg.csv")
	status, _, stderr := runSeglab(t, "cluster", "-i", wide, "--filter", "customer_type=residential",
		"--dims", "annual_kwh:log1p,peak_share,outages_12m,late_payment_count:winsorize,tickets_12m,region::0.7",
		"--k", "3", "--seed", "3", "--out", seg, "--save", def)
	if status != 0 {
		t.Fatalf("cluster: %s", stderr)
	}
	d, err := definition.Load(def)
	if err != nil {
		t.Fatal(err)
	}
	d.Segments[0].Name = definition.Text{EN: `<b>"Basic" & co</b>`, ZH: `<i>基本服务</i>`}
	d.Segments[0].Description = definition.Text{EN: "Wants only basic service.", ZH: "只需要基本服务。"}
	if _, err := definition.Save(def, d); err != nil {
		t.Fatal(err)
	}
	if _, _, err := definition.Confirm(def, "Wang <ops>", "agreed in the June workshop", time.Date(2025, 6, 3, 10, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	return dir, wide, def, seg
}

// svgRe finds every <svg> element of a page (they do not nest).
var svgRe = regexp.MustCompile(`(?s)<svg.*?</svg>`)

func checkWellFormed(t *testing.T, what, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = true
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", what, err)
		}
	}
}

// checkOffline fails when the page refers to anything outside itself.
func checkOffline(t *testing.T, page string) {
	t.Helper()
	lower := strings.ToLower(page)
	for _, bad := range []string{"http://", "https://", "src=", "<script", "@import", "<link", "//fonts."} {
		if strings.Contains(lower, bad) {
			i := strings.Index(lower, bad)
			t.Errorf("the page holds %q: …%s…", bad, page[max(0, i-60):min(len(page), i+60)])
		}
	}
	for _, m := range regexp.MustCompile(`url\(\s*['"]?([^)'"]*)`).FindAllStringSubmatch(lower, -1) {
		if !strings.HasPrefix(m[1], "data:") {
			t.Errorf("the page loads url(%s)", m[1])
		}
	}
}

// attr returns the value of attribute name in the first tag matching the regexp prefix.
func attr(t *testing.T, page, tagPattern, name string) string {
	t.Helper()
	tag := regexp.MustCompile(tagPattern + `[^>]*>`).FindString(page)
	if tag == "" {
		t.Fatalf("no tag %s in the page", tagPattern)
	}
	m := regexp.MustCompile(name + `="([^"]*)"`).FindStringSubmatch(tag)
	if m == nil {
		t.Fatalf("tag %s has no %s: %s", tagPattern, name, tag)
	}
	return m[1]
}

func TestReportCommand(t *testing.T) {
	dir, wide, def, seg := reportFixture(t)
	d, err := definition.Load(def)
	if err != nil {
		t.Fatal(err)
	}

	// The independent figures: scores per segment and the profile of the same population.
	status, stdout, stderr := runSeglab(t, "score", "--definition", def, "--input", wide, "--out", filepath.Join(dir, "scored.csv"), "--json")
	if status != 0 {
		t.Fatal(stderr)
	}
	var scored scoreReport
	if err := json.Unmarshal([]byte(stdout), &scored); err != nil {
		t.Fatal(err)
	}
	status, stdout, stderr = runSeglab(t, "profile", "--input", wide, "--assignments", seg, "--json")
	if status != 0 {
		t.Fatal(stderr)
	}
	var prof struct {
		SatisfactionOutage struct {
			Points []struct {
				Segment      int     `json:"segment"`
				Customers    int     `json:"customers"`
				OutageRatio  float64 `json:"outage_ratio"`
				Satisfaction float64 `json:"satisfaction"`
			} `json:"points"`
		} `json:"satisfaction_outage"`
	}
	if err := json.Unmarshal([]byte(stdout), &prof); err != nil {
		t.Fatal(err)
	}

	pages := map[string]string{}
	for _, lang := range []string{"en", "zh"} {
		out := filepath.Join(dir, "report-"+lang+".html")
		args := []string{"report", "--definition", def, "--input", wide, "--out", out, "--lang", lang}
		if lang == "en" {
			args = append(args, "--charts", filepath.Join(dir, "charts"))
		}
		status, stdout, stderr := runSeglab(t, args...)
		if status != 0 || !strings.Contains(stdout, "wrote "+out) {
			t.Fatalf("report --lang %s: %d\n%s\n%s", lang, status, stdout, stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		pages[lang] = string(b)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".report*")); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}

	for lang, page := range pages {
		t.Run("structure-"+lang, func(t *testing.T) {
			for _, id := range report.SectionIDs {
				if !strings.Contains(page, `<section id="`+id+`">`) {
					t.Errorf("section %s missing", id)
				}
			}
			checkOffline(t, page)
			svgs := svgRe.FindAllString(page, -1)
			if len(svgs) != 5 {
				t.Errorf("%d charts in the page, want elbow, silhouette, segment map, heat map and satisfaction-outage", len(svgs))
			}
			for i, s := range svgs {
				checkWellFormed(t, fmt.Sprintf("svg %d", i), s)
			}
			if strings.Contains(page, "%!") {
				i := strings.Index(page, "%!")
				t.Errorf("a format mistake: …%s…", page[max(0, i-80):i+20])
			}
			if strings.Contains(page, "ZgotmplZ") {
				t.Error("html/template refused a value (ZgotmplZ)")
			}
			// Text from data is escaped everywhere, in the HTML and in the SVG.
			if strings.Contains(page, "<b>\"Basic\"") || strings.Contains(page, "<i>基本服务") || strings.Contains(page, "Wang <ops>") {
				t.Error("a name from the data reached the page unescaped")
			}
			wantName := map[string]string{"en": "&lt;b&gt;", "zh": "&lt;i&gt;基本服务"}[lang]
			if !strings.Contains(page, wantName) {
				t.Errorf("the escaped segment name %q is missing", wantName)
			}
			// The chosen and recommended k, the seed, the confirmation.
			if got := attr(t, page, `<p id="k-choice"`, "data-k"); got != strconv.Itoa(d.K) {
				t.Errorf("k %s, want %d", got, d.K)
			}
			rec := attr(t, page, `<p id="k-choice"`, "data-recommended")
			if rec == strconv.Itoa(d.K) {
				t.Errorf("the fixture should make the sweep recommend another k than %d", d.K)
			}
			differs := map[string]string{"en": "They differ", "zh": "二者不同"}[lang]
			if !strings.Contains(page, differs) {
				t.Errorf("the page does not say that k = %d and the recommended k = %s differ", d.K, rec)
			}
			if attr(t, page, `<tr class="chosen"`, "data-k") != strconv.Itoa(d.K) {
				t.Errorf("the chosen row of the k table is not k = %d", d.K)
			}
			if n := strings.Count(page, `<tr class="chosen"`); n != 1 {
				t.Errorf("%d chosen rows", n)
			}
			if !regexp.MustCompile(`<dd>` + strconv.FormatUint(d.Algorithm.Seed, 10) + `</dd>`).MatchString(page) {
				t.Error("the seed is not shown")
			}
			if attr(t, page, `<p id="confirmation"`, "data-status") != "confirmed" || !strings.Contains(page, "Wang &lt;ops&gt;") ||
				!strings.Contains(page, "2025-06-03") || !strings.Contains(page, "agreed in the June workshop") {
				t.Error("the confirmation (who, when, note) is not shown")
			}
			// Customers in and out equal score's counts.
			for key, want := range map[string]int{"total": int(scored.InputRows), "clustered": scored.Clustered, "outside": scored.Outside} {
				got := regexp.MustCompile(`data-count="` + key + `">([0-9,]+)<`).FindStringSubmatch(page)
				if got == nil || strings.ReplaceAll(got[1], ",", "") != strconv.Itoa(want) {
					t.Errorf("customers %s: page %v, score %d", key, got, want)
				}
			}
			// One card per segment with score's counts.
			for _, c := range scored.Segments {
				if c.ID < 1 || c.ID > d.K {
					continue
				}
				got := attr(t, page, `<article class="card" id="segment-`+strconv.Itoa(c.ID)+`"`, "data-customers")
				if got != strconv.Itoa(c.Customers) {
					t.Errorf("segment %d card: %s customers, score gives %d", c.ID, got, c.Customers)
				}
			}
			// Satisfaction and outages per segment equal the profile's.
			for _, p := range prof.SatisfactionOutage.Points {
				row := regexp.MustCompile(`(?s)<tr data-segment="` + strconv.Itoa(p.Segment) + `">.*?</tr>`).FindString(page)
				for _, want := range []string{fmt.Sprintf("%.2f", p.Satisfaction), fmt.Sprintf("%.2f", p.OutageRatio)} {
					if !strings.Contains(row, ">"+want+"<") {
						t.Errorf("segment %d: %s not in the outage table row %s", p.Segment, want, row)
					}
				}
			}
		})
	}
	if !strings.Contains(pages["zh"], `lang="zh-CN"`) || !strings.Contains(pages["zh"], "客户分群报告") || !strings.Contains(pages["zh"], "停电多·满意") {
		t.Error("the Chinese page lacks its title or quadrant names")
	}
	if !strings.Contains(pages["en"], `lang="en"`) || !strings.Contains(pages["en"], "Customer segmentation report") || !strings.Contains(pages["en"], "many outages, satisfied") {
		t.Error("the English page lacks its title or quadrant names")
	}
	if strings.Contains(pages["en"], "客户分群报告") || strings.Contains(pages["zh"], "Choosing the number of segments") {
		t.Error("labels of the other language leaked")
	}

	t.Run("charts", func(t *testing.T) {
		for _, name := range []string{"elbow", "silhouette", "heatmap", "satisfaction-outage", "segment-map"} {
			b, err := os.ReadFile(filepath.Join(dir, "charts", name+".svg"))
			if err != nil {
				t.Fatal(err)
			}
			checkWellFormed(t, name+".svg", string(b))
			f, err := os.Open(filepath.Join(dir, "charts", name+".png"))
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(f)
			f.Close()
			if err != nil {
				t.Fatalf("%s.png: %v", name, err)
			}
			if v := greyVariance(img); v < 50 {
				t.Errorf("%s.png looks blank: variance %.1f", name, v)
			}
		}
	})

	t.Run("chromium", func(t *testing.T) {
		shot := screenshot(t, filepath.Join(dir, "report-en.html"))
		if v := greyVariance(shot); v < 200 {
			t.Errorf("the rendered page looks blank: variance %.1f", v)
		}
		// Colour from the charts and cards reached the screen (not only black text).
		if coloured(shot) < 2000 {
			t.Errorf("only %d coloured pixels in the screenshot", coloured(shot))
		}
	})
}

// screenshot renders page in headless Chromium at A4-like proportions. Without Chromium the
// test fails under CI and is skipped elsewhere.
func screenshot(t *testing.T, page string) image.Image {
	t.Helper()
	var bin string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed (.ci/run installs it)")
		}
		t.Skip("chromium is not installed")
	}
	abs, err := filepath.Abs(page)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "shot.png")
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--screenshot="+out, "--window-size=1240,1754", "file://"+abs)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, errb.String())
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatalf("no screenshot: %v\n%s", err, errb.String())
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func greyVariance(img image.Image) float64 {
	b := img.Bounds()
	var sum, sum2, n float64
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			v := float64(r+g+bl) / 3 / 257
			sum += v
			sum2 += v * v
			n++
		}
	}
	m := sum / n
	return sum2/n - m*m
}

// coloured counts pixels whose channels differ clearly (not white, grey or black).
func coloured(img image.Image) int {
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			hi, lo := max(r, g, bl)>>8, min(r, g, bl)>>8
			if hi-lo > 60 {
				n++
			}
		}
	}
	return n
}

func TestReportCommandBadUse(t *testing.T) {
	dir := t.TempDir()
	garbage := writeFile(t, "broken.yaml", "schema_version: [\n")
	for _, c := range []struct {
		args   []string
		status int
		want   string
	}{
		{[]string{"report", "--out", filepath.Join(dir, "r.html")}, 2, "--definition"},
		{[]string{"report", "--definition", garbage}, 2, "--out"},
		{[]string{"report", "--definition", garbage, "--out", filepath.Join(dir, "r.pdf")}, 2, "FILE.html"},
		{[]string{"report", "--definition", garbage, "--out", filepath.Join(dir, "r.html"), "--lang", "fr"}, 2, "zh or en"},
		{[]string{"report", "--definition", filepath.Join(dir, "none.yaml"), "--out", filepath.Join(dir, "r.html"), "--lang", "en"}, 1, "none.yaml"},
		{[]string{"report", "--definition", garbage, "--out", filepath.Join(dir, "r.html"), "--lang", "en"}, 1, "broken.yaml"},
	} {
		status, _, stderr := runSeglab(t, c.args...)
		if status != c.status || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: status %d, stderr %q; want %d and %q", c.args, status, stderr, c.status, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "r.html")); err == nil {
		t.Error("a failed report left a file")
	}
}

func TestReportLanguageFromLocale(t *testing.T) {
	for env, want := range map[string]string{"zh_CN.UTF-8": "zh", "en_GB.UTF-8": "en", "": "en", "zh_TW": "zh", "C": "en"} {
		got := report.LangFromEnv(func(name string) string {
			if name == "LANG" {
				return env
			}
			return ""
		})
		if got != want {
			t.Errorf("LANG=%q: %s, want %s", env, got, want)
		}
	}
	if got := report.LangFromEnv(func(name string) string {
		return map[string]string{"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}[name]
	}); got != "en" {
		t.Errorf("LC_ALL comes first: %s", got)
	}
}
