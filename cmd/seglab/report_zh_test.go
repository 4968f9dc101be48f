package main

import (
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/report/chart"
)

// englishDataWords are the English words of the wide table's coded values (queries'
// vocabulary): under zh none of them may reach the page.
var englishDataWords = regexp.MustCompile(`\b(east|central|west|owner|owners|renter|renters|residential|business|electric|gas|elderly|disabled|low income|low_income)\b`)

// TestChineseReportSpeaksChinese renders the sample's report in Chinese and fails on any
// English word of the data's vocabulary in its visible text, SVG labels included.
func TestChineseReportSpeaksChinese(t *testing.T) {
	dir, wide, def, _ := reportFixture(t)
	out := filepath.Join(dir, "zh.html")
	charts := filepath.Join(dir, "charts")
	if status, _, stderr := runSeglab(t, "report", "--definition", def, "--input", wide, "--out", out, "--lang", "zh", "--charts", charts); status != 0 {
		t.Fatal(stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	body := page[strings.Index(page, "<body"):]
	text := regexp.MustCompile(`(?s)<style.*?</style>|<[^>]*>`).ReplaceAllString(body, " ")
	for _, m := range englishDataWords.FindAllStringIndex(text, -1) {
		t.Errorf("English data word %q in the Chinese report: …%s…", text[m[0]:m[1]], text[max(0, m[0]-80):min(len(text), m[1]+40)])
	}
	for _, want := range []string{"客户类型 = 居民", "东部", "自有住房"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Chinese report does not say %q", want)
		}
	}

	// Every mark of every chart, on the page and in the chart files, lies inside its plot.
	svgs := svgRe.FindAllString(page, -1)
	files, _ := filepath.Glob(filepath.Join(charts, "*.svg"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		svgs = append(svgs, string(b))
	}
	plots := 0
	for i, s := range svgs {
		plots += checkPlotMarks(t, "chart "+strconv.Itoa(i), s)
	}
	if plots < 6 {
		t.Errorf("only %d plot areas in the page and the files: the check proves little", plots)
	}
}

// checkPlotMarks parses an SVG and fails for each circle, rectangle or text inside a
// <g class="plot" data-area="x0 y0 x1 y1"> that leaves the area. It returns the plot areas seen.
func checkPlotMarks(t *testing.T, name, svg string) int {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	var area *chart.Box
	plots := 0
	f := func(e xml.StartElement, n string) float64 {
		for _, a := range e.Attr {
			if a.Name.Local == n {
				v, _ := strconv.ParseFloat(a.Value, 64)
				return v
			}
		}
		return 0
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return plots
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			var b chart.Box
			switch e.Name.Local {
			case "g":
				for _, a := range e.Attr {
					if a.Name.Local == "data-area" {
						var x [4]float64
						for i, s := range strings.Fields(a.Value) {
							x[i], _ = strconv.ParseFloat(s, 64)
						}
						area = &chart.Box{X0: x[0], Y0: x[1], X1: x[2], Y1: x[3]}
						plots++
					}
				}
				continue
			case "circle":
				r := f(e, "r") + f(e, "stroke-width")/2
				b = chart.Box{X0: f(e, "cx") - r, Y0: f(e, "cy") - r, X1: f(e, "cx") + r, Y1: f(e, "cy") + r}
			case "rect":
				b = chart.Box{X0: f(e, "x"), Y0: f(e, "y"), X1: f(e, "x") + f(e, "width"), Y1: f(e, "y") + f(e, "height")}
			case "text":
				var s string
				if err := d.DecodeElement(&s, &e); err != nil {
					t.Fatal(err)
				}
				tb := chart.Bounds(chart.Text{X: f(e, "x"), Y: f(e, "y"), S: s, Size: f(e, "font-size"), Anchor: chart.Anchor(attrOf(e, "text-anchor"))})
				if area != nil && !area.Contains(tb, 1) {
					t.Errorf("%s: text %q at %+v leaves the plot %+v", name, s, tb, *area)
				}
				continue
			default:
				continue
			}
			if area != nil && !area.Contains(b, 1) {
				t.Errorf("%s: <%s> at %+v leaves the plot %+v", name, e.Name.Local, b, *area)
			}
		case xml.EndElement:
			if e.Name.Local == "g" {
				area = nil
			}
		}
	}
}

func attrOf(e xml.StartElement, n string) string {
	for _, a := range e.Attr {
		if a.Name.Local == n {
			return a.Value
		}
	}
	return ""
}
