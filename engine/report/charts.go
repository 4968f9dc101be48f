package report

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/engine/report/chart"
)

// Colours of the charts: light enough to print, dark enough to read on white paper.
const (
	ink       = "#222222"
	grey      = "#6b6b6b"
	gridGrey  = "#e3e3e3"
	axisGrey  = "#9a9a9a"
	accent    = "#d55e00" // the chosen k
	secondary = "#0072b2" // the recommended k and other series
)

// palette colours the segments (Okabe–Ito, colour-blind safe, printable).
var palette = []string{"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#999933", "#882255", "#44aa99", "#661100"}

func segColour(i int) string { return palette[i%len(palette)] }

// Chart is one chart of the report with the file name it gets in --charts.
type Chart struct {
	Name   string // file name without extension
	Canvas *chart.Canvas
}

// Charts returns the report's charts drawn with labels in lang: elbow, silhouette, heat map
// and, when the data allow them, satisfaction versus outage and the segment map.
func (r *Report) Charts(lang string) []Chart {
	out := []Chart{
		{"elbow", r.elbowChart(lang)},
		{"silhouette", r.silhouetteChart(lang)},
		{"heatmap", r.heatmapChart(lang)},
	}
	if c := r.outageChart(lang); c != nil {
		out = append(out, Chart{"satisfaction-outage", c})
	}
	if c := r.mapChart(lang); c != nil {
		out = append(out, Chart{"segment-map", c})
	}
	return out
}

// segName is the name of clustered segment id in lang; its number where it has none, or
// where the charts are drawn latinOnly and the name is Chinese.
func (r *Report) segName(id int, lang string) string {
	n := r.Def.SegmentName(id, lang)
	if r.latinOnly && chart.HasWide(n) {
		return trf(lang, "segment.n", strconv.Itoa(id))
	}
	if n != "" {
		return n
	}
	return strconv.Itoa(id)
}

// niceTicks returns about n round tick values that lie inside [lo, hi]. The axis itself
// spans [lo, hi], which the caller pads around the data (see axisRange): the ticks never
// decide where an axis ends, so no mark can fall outside it.
func niceTicks(lo, hi float64, n int) []float64 {
	if !(hi > lo) {
		hi = lo + 1
	}
	step := tickStep(lo, hi, n)
	var out []float64
	for i := math.Ceil(lo/step - 1e-9); i*step <= hi+step*1e-9; i++ {
		out = append(out, i*step)
	}
	return out
}

// tickStep is the round step (1, 2, 2.5 or 5 × a power of ten) that cuts [lo, hi] into about
// n intervals.
func tickStep(lo, hi float64, n int) float64 {
	raw := (hi - lo) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5} {
		if m*mag >= raw {
			return m * mag
		}
	}
	return 10 * mag
}

// axisRange returns an axis domain that holds every finite value of vs with padPx pixels to
// spare at both ends of an axis lenPx pixels long, so that a mark of radius padPx centred on
// an extreme value is still drawn inside the plot. Equal values get a span of a fifth of
// their size (1 around zero); no finite value gives (0, 1).
func axisRange(lenPx, padPx float64, vs ...float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range vs {
		if finite(v) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if lo > hi {
		return 0, 1
	}
	span := hi - lo
	if !(span > 0) || span < math.Abs(hi)*1e-12 {
		span = math.Abs(hi) * 0.2
		if span == 0 {
			span = 1
		}
		mid := (lo + hi) / 2
		lo, hi = mid-span/2, mid+span/2
	}
	frac := padPx / lenPx
	if frac > 0.45 {
		frac = 0.45
	}
	pad := span * frac / (1 - 2*frac)
	return lo - pad, hi + pad
}

// tickFormat formats ticks that are step apart: compact for large values (1.2M, 35k), with
// enough decimals to tell neighbouring ticks apart for small ones.
func tickFormat(step float64) func(float64) string {
	return func(v float64) string {
		if math.Abs(v) < step*1e-6 {
			return "0"
		}
		a := math.Abs(v)
		switch {
		case a >= 1e12:
			return strconv.FormatFloat(v, 'g', 3, 64)
		case a >= 1e6 && step >= 1e4:
			return trimZeros(fmt.Sprintf("%.2f", v/1e6)) + "M"
		case a >= 1e4 && step >= 100:
			return trimZeros(fmt.Sprintf("%.1f", v/1e3)) + "k"
		case step >= 1:
			return strconv.FormatFloat(math.Round(v), 'f', -1, 64)
		case step < 1e-4:
			return strconv.FormatFloat(v, 'g', 3, 64)
		}
		dec := int(math.Ceil(-math.Log10(step) - 1e-9))
		if step*math.Pow(10, float64(dec)) != math.Round(step*math.Pow(10, float64(dec))) {
			dec++
		}
		return trimZeros(strconv.FormatFloat(v, 'f', dec, 64))
	}
}

func trimZeros(s string) string {
	for len(s) > 1 && s[len(s)-1] == '0' && containsDot(s) {
		s = s[:len(s)-1]
	}
	if len(s) > 0 && s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	return s
}

func containsDot(s string) bool {
	for i := range len(s) {
		if s[i] == '.' {
			return true
		}
	}
	return false
}

// frame is a plot area with linear scales.
type frame struct {
	x0, y0, x1, y1        float64 // pixel box: left, top, right, bottom
	xlo, xhi, ylo, yhi    float64
	xticks, yticks        []float64
	xCategorical          bool
	categories            []string
	xlabel, ylabel, title string
	xTickFormat, yTickFmt func(float64) string
}

// setX makes [lo, hi] the x axis, with about n round ticks inside it.
func (f *frame) setX(lo, hi float64, n int) {
	f.xlo, f.xhi = lo, hi
	f.xticks = niceTicks(lo, hi, n)
	f.xTickFormat = tickFormat(tickStep(lo, hi, n))
}

// setY makes [lo, hi] the y axis, with about n round ticks inside it.
func (f *frame) setY(lo, hi float64, n int) {
	f.ylo, f.yhi = lo, hi
	f.yticks = niceTicks(lo, hi, n)
	f.yTickFmt = tickFormat(tickStep(lo, hi, n))
}

// plot is the frame's plot area.
func (f *frame) plot() chart.Box { return chart.Box{X0: f.x0, Y0: f.y0, X1: f.x1, Y1: f.y1} }

func (f *frame) px(x float64) float64 { return f.x0 + (x-f.xlo)/(f.xhi-f.xlo)*(f.x1-f.x0) }
func (f *frame) py(y float64) float64 { return f.y1 - (y-f.ylo)/(f.yhi-f.ylo)*(f.y1-f.y0) }

// axes draws the title, grid, ticks and axis labels.
func (f *frame) axes(c *chart.Canvas) {
	if f.title != "" {
		c.Text(chart.Text{X: f.x0 - 40, Y: 18, S: f.title, Size: 14, Bold: true})
	}
	yf := f.yTickFmt
	for _, v := range f.yticks {
		y := f.py(v)
		c.Line(chart.Line{X1: f.x0, Y1: y, X2: f.x1, Y2: y, Stroke: gridGrey, Width: 1})
		c.Text(chart.Text{X: f.x0 - 6, Y: y + 4, S: yf(v), Size: 11, Anchor: chart.End, Fill: grey})
	}
	xf := f.xTickFormat
	for _, v := range f.xticks {
		x := f.px(v)
		if !f.xCategorical {
			c.Line(chart.Line{X1: x, Y1: f.y0, X2: x, Y2: f.y1, Stroke: gridGrey, Width: 1})
		}
		c.Line(chart.Line{X1: x, Y1: f.y1, X2: x, Y2: f.y1 + 4, Stroke: axisGrey, Width: 1})
		c.Text(chart.Text{X: x, Y: f.y1 + 17, S: xf(v), Size: 11, Anchor: chart.Middle, Fill: grey})
	}
	c.Line(chart.Line{X1: f.x0, Y1: f.y1, X2: f.x1, Y2: f.y1, Stroke: axisGrey, Width: 1})
	c.Line(chart.Line{X1: f.x0, Y1: f.y0, X2: f.x0, Y2: f.y1, Stroke: axisGrey, Width: 1})
	if f.xlabel != "" {
		c.Text(chart.Text{X: (f.x0 + f.x1) / 2, Y: f.y1 + 36, S: f.xlabel, Size: 12, Anchor: chart.Middle, Fill: ink})
	}
	if f.ylabel != "" {
		c.Text(chart.Text{X: f.x0 - 40, Y: f.y0 - 10, S: f.ylabel, Size: 12, Fill: ink})
	}
}

// kFrame is the frame of a chart over the sweep's k whose y axis holds ys with padPx pixels
// to spare at either end.
func (r *Report) kFrame(w, h, padPx float64, ys []float64, title, ylabel string) *frame {
	ks := r.Sweep.Ks
	f := &frame{x0: 64, y0: 52, x1: w - 20, y1: h - 48, title: title, ylabel: ylabel, xlabel: "k", xCategorical: true,
		xlo: float64(ks[0].K) - 0.5, xhi: float64(ks[len(ks)-1].K) + 0.5}
	for _, k := range ks {
		f.xticks = append(f.xticks, float64(k.K))
	}
	f.xTickFormat = func(v float64) string { return strconv.Itoa(int(v)) }
	lo, hi := axisRange(f.y1-f.y0, padPx, ys...)
	f.setY(lo, hi, 5)
	return f
}

// legend draws the chosen/recommended legend at the top right.
func (r *Report) kLegend(c *chart.Canvas, lang string, x float64) {
	y := 18.0
	c.Circle(chart.Circle{CX: x, CY: y - 4, R: 5, Fill: accent})
	c.Text(chart.Text{X: x + 9, Y: y, S: tr(lang, "chosen") + " k = " + strconv.Itoa(r.Def.K), Size: 11, Fill: ink})
	x2 := x + 24 + chart.TextWidth(tr(lang, "chosen")+" k = 10", 11)
	c.Circle(chart.Circle{CX: x2, CY: y - 4, R: 6, Fill: "#ffffff", Stroke: secondary, StrokeWidth: 2})
	c.Text(chart.Text{X: x2 + 10, Y: y, S: tr(lang, "recommended") + " k = " + strconv.Itoa(r.Sweep.Recommended), Size: 11, Fill: ink})
}

func (r *Report) elbowChart(lang string) *chart.Canvas {
	const w, h = 500.0, 300.0
	c := chart.New(w, h, tr(lang, "elbow.title"))
	var ys []float64
	for _, k := range r.Sweep.Ks {
		ys = append(ys, k.Fit.Inertia)
	}
	// The recommended k's ring has a radius of 8 pixels and a 2-pixel stroke.
	f := r.kFrame(w, h, 12, ys, tr(lang, "elbow.title"), tr(lang, "inertia"))
	f.axes(c)
	r.kLegend(c, lang, w-240)
	c.BeginPlot(f.plot())
	defer c.EndPlot()
	var pts []float64
	for _, k := range r.Sweep.Ks {
		if finite(k.Fit.Inertia) {
			pts = append(pts, f.px(float64(k.K)), f.py(k.Fit.Inertia))
		}
	}
	c.Polyline(chart.Polyline{Points: pts, Stroke: secondary, Width: 2})
	for _, k := range r.Sweep.Ks {
		if !finite(k.Fit.Inertia) {
			continue
		}
		x, y := f.px(float64(k.K)), f.py(k.Fit.Inertia)
		if k.K == r.Sweep.Recommended {
			c.Circle(chart.Circle{CX: x, CY: y, R: 8, Fill: "#ffffff", Stroke: secondary, StrokeWidth: 2})
		}
		fill := secondary
		if k.K == r.Def.K {
			fill = accent
		}
		c.Circle(chart.Circle{CX: x, CY: y, R: 4.5, Fill: fill})
	}
	return c
}

func (r *Report) silhouetteChart(lang string) *chart.Canvas {
	const w, h = 500.0, 300.0
	c := chart.New(w, h, tr(lang, "sil.title"))
	ys := []float64{0} // the bars start at zero
	for _, k := range r.Sweep.Ks {
		ys = append(ys, k.Silhouette)
	}
	// Each bar carries its value in 11-pixel text 5 pixels above its top (below a negative
	// bar's zero line): 20 pixels to spare.
	f := r.kFrame(w, h, 20, ys, tr(lang, "sil.title"), tr(lang, "silhouette"))
	f.axes(c)
	r.kLegend(c, lang, w-240)
	c.BeginPlot(f.plot())
	defer c.EndPlot()
	bw := (f.x1 - f.x0) / float64(len(r.Sweep.Ks)) * 0.55
	for _, k := range r.Sweep.Ks {
		if !finite(k.Silhouette) {
			continue
		}
		x := f.px(float64(k.K))
		y0, y1 := f.py(0), f.py(k.Silhouette)
		fill := "#9ecae1"
		if k.K == r.Def.K {
			fill = accent
		}
		stroke, sw := "", 0.0
		if k.K == r.Sweep.Recommended {
			stroke, sw = secondary, 2.5
		}
		c.Rect(chart.Rect{X: x - bw/2, Y: math.Min(y0, y1), W: bw, H: math.Abs(y1 - y0), Fill: fill, Stroke: stroke, StrokeWidth: sw})
		ty := math.Min(y0, y1) - 5
		if k.Silhouette < 0 {
			ty = y1 + 15
		}
		c.Text(chart.Text{X: x, Y: ty, S: fmt.Sprintf("%.3f", k.Silhouette), Size: 11, Anchor: chart.Middle, Fill: ink})
	}
	return c
}

// heatRows orders the numeric profiles: the definition's dimensions first, then the others.
func (r *Report) heatRows() []profile.NumericProfile {
	var first, rest []profile.NumericProfile
	dims := map[string]bool{}
	for _, d := range r.Def.Preprocessing.Dims {
		dims[d.Column] = true
	}
	for _, np := range r.Profile.Numeric {
		if dims[np.Column] {
			first = append(first, np)
		} else {
			rest = append(rest, np)
		}
	}
	return append(first, rest...)
}

// heatColour maps an index (100 = as the population) to a diverging colour: blue below,
// white at 100, orange above, saturating at half and at double.
func heatColour(index float64) string {
	if !finite(index) {
		return "#eeeeee"
	}
	return heatTone(math.Log2(math.Max(index, 1) / 100))
}

// heatColourStd maps a standardised difference to the same scale, saturating at ±1 σ.
func heatColourStd(d float64) string {
	if !finite(d) {
		return "#eeeeee"
	}
	return heatTone(d)
}

// heatTone is the diverging colour of t in [-1, 1] (clamped): blue below 0, white at 0,
// orange above; light enough that dark numbers stay readable and it prints.
func heatTone(t float64) string {
	t = math.Max(-1, math.Min(1, t))
	to := [3]float64{0xf0, 0x8a, 0x4b} // orange
	if t < 0 {
		to = [3]float64{0x5b, 0x9b, 0xd5} // blue
		t = -t
	}
	t *= 0.85
	mix := func(c float64) int { return int(math.Round(255 + (c-255)*t)) }
	return fmt.Sprintf("#%02x%02x%02x", mix(to[0]), mix(to[1]), mix(to[2]))
}

// heatCell is a heat-map cell's colour and text: the ratio index where the column is on a
// ratio scale, else the standardised difference in σ.
func heatCell(np profile.NumericProfile, ss profile.SegmentSummary) (colour, text string) {
	if !np.RatioScale() {
		d := float64(ss.StdDiff)
		if !finite(d) {
			return heatColourStd(d), "–"
		}
		if math.Abs(d) < 0.05 {
			return heatColourStd(d), "0σ" // not "-0.0σ"
		}
		return heatColourStd(d), fmt.Sprintf("%+.1fσ", d)
	}
	idx := float64(ss.Index)
	if !finite(idx) {
		return heatColour(idx), "–"
	}
	return heatColour(idx), strconv.Itoa(int(math.Round(idx)))
}

// numLabel is a numeric column's label in lang; drawn latinOnly, a Chinese label becomes the
// column's position in the heat map ("column 3").
func (r *Report) numLabel(np profile.NumericProfile, i int, lang string) string {
	l := np.Column
	switch {
	case lang == ZH && np.LabelZH != "":
		l = np.LabelZH
	case np.LabelEN != "":
		l = np.LabelEN
	}
	if r.latinOnly && chart.HasWide(l) {
		return trf(lang, "column.n", strconv.Itoa(i+1))
	}
	return l
}

func (r *Report) heatmapChart(lang string) *chart.Canvas {
	rows := r.heatRows()
	segs := r.Profile.Segments
	labelW := 120.0
	for i, np := range rows {
		labelW = math.Max(labelW, 1.1*chart.TextWidth(r.numLabel(np, i, lang), 12)+20)
	}
	labelW = math.Min(labelW, 300)
	cellW, cellH := 78.0, 24.0
	headH := 74.0
	w := labelW + cellW*float64(len(segs)) + 10
	anyStd := false
	for _, np := range rows {
		anyStd = anyStd || !np.RatioScale()
	}
	h := headH + cellH*float64(len(rows)) + 44
	if anyStd {
		h += 14 // the legend's second line, in σ
	}
	c := chart.New(w, h, tr(lang, "heat.title"))
	c.Text(chart.Text{X: 4, Y: 18, S: tr(lang, "heat.title"), Size: 14, Bold: true})
	for j, s := range segs {
		x := labelW + cellW*float64(j) + cellW/2
		name := truncate(r.segName(s.ID, lang), cellW-6, 11)
		c.Rect(chart.Rect{X: labelW + cellW*float64(j) + 4, Y: headH - 14, W: cellW - 8, H: 4, Fill: segColour(j)})
		c.Text(chart.Text{X: x, Y: headH - 22, S: name, Size: 11, Anchor: chart.Middle, Bold: true})
		c.Text(chart.Text{X: x, Y: headH - 36, S: strconv.Itoa(s.ID), Size: 10, Anchor: chart.Middle, Fill: grey})
	}
	dims := map[string]bool{}
	for _, d := range r.Def.Preprocessing.Dims {
		dims[d.Column] = true
	}
	for i, np := range rows {
		y := headH + cellH*float64(i)
		label := r.numLabel(np, i, lang)
		if !np.RatioScale() {
			label += " σ"
		}
		label = truncate(label, (labelW-20)/1.1, 12)
		c.Text(chart.Text{X: labelW - 8, Y: y + cellH/2 + 4, S: label, Size: 12, Anchor: chart.End, Bold: dims[np.Column]})
		for j, ss := range np.Segments {
			x := labelW + cellW*float64(j)
			fill, txt := heatCell(np, ss)
			c.Rect(chart.Rect{X: x, Y: y, W: cellW, H: cellH, Fill: fill, Stroke: "#ffffff", StrokeWidth: 1})
			c.Text(chart.Text{X: x + cellW/2, Y: y + cellH/2 + 4, S: txt, Size: 11, Anchor: chart.Middle, Fill: ink})
		}
	}
	// Scale legend.
	ly := headH + cellH*float64(len(rows)) + 16
	lx := labelW
	// The index and the standardised difference share the colours: 50 and −1 σ are the same blue.
	sigma := []string{"−1σ", "−0.5σ", "0", "+0.5σ", "+1σ"}
	for i, v := range []float64{50, 71, 100, 141, 200} {
		c.Rect(chart.Rect{X: lx + float64(i)*44, Y: ly, W: 44, H: 12, Fill: heatColour(v)})
		c.Text(chart.Text{X: lx + float64(i)*44 + 22, Y: ly + 26, S: strconv.Itoa(int(v)), Size: 10, Anchor: chart.Middle, Fill: grey})
		if anyStd {
			c.Text(chart.Text{X: lx + float64(i)*44 + 22, Y: ly + 40, S: sigma[i], Size: 10, Anchor: chart.Middle, Fill: grey})
		}
	}
	c.Rect(chart.Rect{X: lx, Y: ly, W: 220, H: 12, Stroke: axisGrey, StrokeWidth: 0.5})
	return c
}

// truncate shortens s with an ellipsis to fit width at size.
func truncate(s string, width, size float64) string {
	if chart.TextWidth(s, size) <= width {
		return s
	}
	// Widths add up rune by rune, so one pass finds the longest prefix that fits with the
	// ellipsis (at least one rune): linear in the text, however long a name is.
	ellipsis := chart.TextWidth("…", 1)
	units, end := 0.0, 0
	for i, r := range s {
		units += chart.TextWidth(string(r), 1)
		if i > 0 && (units+ellipsis)*size > width {
			break
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		end = i + n
	}
	return s[:end] + "…"
}

// box is a rectangle for label placement.
type box struct{ x0, y0, x1, y1 float64 }

func (a box) overlap(b box) float64 {
	w := math.Min(a.x1, b.x1) - math.Max(a.x0, b.x0)
	h := math.Min(a.y1, b.y1) - math.Max(a.y0, b.y0)
	if w <= 0 || h <= 0 {
		return 0
	}
	return w * h
}

// quadrantLabel is the name of a quadrant in lang, from the profile's names.
func quadrantLabel(key, lang string) string {
	names := map[string][2]string{
		profile.ManyOutagesSatisfied:   {"many outages, satisfied", "停电多·满意"},
		profile.FewOutagesUnsatisfied:  {"few outages, unsatisfied", "停电少·不满意"},
		profile.FewOutagesSatisfied:    {"few outages, satisfied", "停电少·满意"},
		profile.ManyOutagesUnsatisfied: {"many outages, unsatisfied", "停电多·不满意"},
		profile.QuadrantUnknown:        {"no survey answers", "无调查数据"},
	}[key]
	if lang == ZH {
		return names[1]
	}
	return names[0]
}

// outageChart is DOMAIN.md's chart; nil when the profile has no satisfaction-outage part or
// no segment has survey answers.
func (r *Report) outageChart(lang string) *chart.Canvas {
	so := r.Profile.SatisfactionOutage
	if so == nil {
		return nil
	}
	refX, refY := float64(so.Reference.OutageRatio), float64(so.Reference.Satisfaction)
	type pt struct {
		x, y float64
		n    int
		j    int
		id   int
	}
	var pts []pt
	maxN := 0
	xs, ys := []float64{0, refX}, []float64{refY}
	for j, p := range so.Points {
		x, y := float64(p.OutageRatio), float64(p.Satisfaction)
		if !finite(x) || !finite(y) {
			continue
		}
		pts = append(pts, pt{x, y, p.Customers, j, p.Segment})
		maxN = max(maxN, p.Customers)
		xs, ys = append(xs, x), append(ys, y)
	}
	if len(pts) == 0 || !finite(refX) || !finite(refY) {
		return nil
	}
	const w, h = 760.0, 520.0
	c := chart.New(w, h, tr(lang, "outage.title"))
	f := &frame{x0: 64, y0: 56, x1: w - 96, y1: h - 56, title: tr(lang, "outage.title"),
		xlabel: tr(lang, "outage.x"), ylabel: tr(lang, "outage.y")}
	// The largest bubble has a radius of 30 pixels and a 1.5-pixel stroke.
	const bubblePad = 32
	lo, hi := axisRange(f.x1-f.x0, bubblePad, xs...)
	f.setX(lo, hi, 6)
	lo, hi = axisRange(f.y1-f.y0, bubblePad, ys...)
	f.setY(lo, hi, 6)
	f.axes(c)

	// The averages' values, outside the plot: above it and to its right.
	rx, ry := f.px(refX), f.py(refY)
	xl := trf(lang, "outage.avg", fmt.Sprintf("%.2f", refX))
	c.Text(chart.Text{X: rx + 4, Y: f.y0 - 6, S: xl, Size: 11, Fill: "#555555"})
	yl := trf(lang, "outage.avg", fmt.Sprintf("%.2f", refY))
	c.Text(chart.Text{X: f.x1 + 6, Y: ry + 4, S: yl, Size: 11, Fill: "#555555"})

	c.BeginPlot(f.plot())
	defer c.EndPlot()

	// Quadrant names in the corners of the plot area.
	var placed []box
	corner := func(key string, right, top bool) {
		s := quadrantLabel(key, lang)
		tw := chart.TextWidth(s, 12)
		x, anchor := f.x0+8, chart.Start
		if right {
			x, anchor = f.x1-8, chart.End
		}
		y := f.y1 - 10
		if top {
			y = f.y0 + 18
		}
		c.Text(chart.Text{X: x, Y: y, S: s, Size: 12, Anchor: anchor, Fill: "#8a5a00", Bold: true, Halo: true})
		bx := box{x, y - 13, x + tw, y + 3}
		if right {
			bx = box{x - tw, y - 13, x, y + 3}
		}
		placed = append(placed, bx)
	}
	corner(profile.FewOutagesSatisfied, false, true)
	corner(profile.ManyOutagesSatisfied, true, true)
	corner(profile.FewOutagesUnsatisfied, false, false)
	corner(profile.ManyOutagesUnsatisfied, true, false)

	// Reference lines at the population's averages.
	c.Line(chart.Line{X1: rx, Y1: f.y0, X2: rx, Y2: f.y1, Stroke: "#555555", Width: 1.5, Dash: 6})
	c.Line(chart.Line{X1: f.x0, Y1: ry, X2: f.x1, Y2: ry, Stroke: "#555555", Width: 1.5, Dash: 6})

	// Bubbles, largest first so small ones stay visible.
	var bubbles []box
	radius := func(n int) float64 { return math.Max(6, 30*math.Sqrt(float64(n)/float64(maxN))) }
	order := make([]pt, len(pts))
	copy(order, pts)
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && order[j].n > order[j-1].n; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	for _, p := range order {
		x, y, rad := f.px(p.x), f.py(p.y), radius(p.n)
		c.Circle(chart.Circle{CX: x, CY: y, R: rad, Fill: segColour(p.j), Opacity: 0.55, Stroke: segColour(p.j), StrokeWidth: 1.5})
		bubbles = append(bubbles, box{x - rad, y - rad, x + rad, y + rad})
	}
	// Labels: the first candidate position that overlaps nothing placed, else the least bad.
	plot := box{f.x0, f.y0, f.x1, f.y1}
	for _, p := range pts {
		x, y, rad := f.px(p.x), f.py(p.y), radius(p.n)
		s := r.segName(p.id, lang)
		tw := chart.TextWidth(s, 12)
		type cand struct {
			x, y   float64
			anchor chart.Anchor
		}
		d := rad + 4
		cands := []cand{
			{x + d, y + 4, chart.Start}, {x - d, y + 4, chart.End},
			{x, y - d - 3, chart.Middle}, {x, y + d + 12, chart.Middle},
			{x + d*0.7, y - d*0.7, chart.Start}, {x - d*0.7, y - d*0.7, chart.End},
			{x + d*0.7, y + d*0.7 + 10, chart.Start}, {x - d*0.7, y + d*0.7 + 10, chart.End},
			{x + d + 14, y + 18, chart.Start}, {x - d - 14, y - 14, chart.End},
		}
		best, bestCost := cands[0], math.Inf(1)
		var bestBox box
		for _, cd := range cands {
			bx := box{cd.x, cd.y - 12, cd.x + tw, cd.y + 3}
			switch cd.anchor {
			case chart.Middle:
				bx.x0, bx.x1 = cd.x-tw/2, cd.x+tw/2
			case chart.End:
				bx.x0, bx.x1 = cd.x-tw, cd.x
			}
			cost := 0.0
			for _, o := range placed {
				cost += o.overlap(bx)
			}
			for _, o := range bubbles {
				cost += 0.5 * o.overlap(bx)
			}
			out := (bx.x1-bx.x0)*(bx.y1-bx.y0) - plot.overlap(bx)
			cost += 4 * out
			if cost < bestCost {
				best, bestCost, bestBox = cd, cost, bx
			}
			if cost == 0 {
				break
			}
		}
		// No candidate inside the plot: move the least bad one in.
		dx := math.Max(0, plot.x0+2-bestBox.x0) - math.Max(0, bestBox.x1-(plot.x1-2))
		dy := math.Max(0, plot.y0+2-bestBox.y0) - math.Max(0, bestBox.y1-(plot.y1-2))
		bestBox = box{bestBox.x0 + dx, bestBox.y0 + dy, bestBox.x1 + dx, bestBox.y1 + dy}
		placed = append(placed, bestBox)
		c.Text(chart.Text{X: best.x + dx, Y: best.y + dy, S: s, Size: 12, Anchor: best.anchor, Bold: true, Fill: ink, Halo: true})
	}
	return c
}

// mapChart draws the segments on the plane of the first two principal components: the
// sample's customers as small dots in their segment's colour, each centre as a numbered
// ring. Nil without a map.
func (r *Report) mapChart(lang string) *chart.Canvas {
	if r.Views == nil || r.Views.Map == nil {
		return nil
	}
	m := r.Views.Map
	const w, h = 640.0, 460.0
	c := chart.New(w, h, tr(lang, "map.title"))
	f := &frame{x0: 64, y0: 52, x1: w - 24, y1: h - 56, title: tr(lang, "map.title"),
		xlabel: trf(lang, "map.x", pctText(m.Explained[0])), ylabel: trf(lang, "map.y", pctText(m.Explained[1]))}
	var xs, ys []float64
	for _, p := range m.Points {
		xs, ys = append(xs, p.X), append(ys, p.Y)
	}
	for _, ce := range m.Centres {
		xs, ys = append(xs, ce.X), append(ys, ce.Y)
	}
	// A centre's ring has a radius of 11 pixels and a 2-pixel stroke.
	const pad = 13
	lo, hi := axisRange(f.x1-f.x0, pad, xs...)
	f.setX(lo, hi, 6)
	lo, hi = axisRange(f.y1-f.y0, pad, ys...)
	f.setY(lo, hi, 6)
	f.axes(c)
	colour := map[int]string{}
	for j, s := range r.Profile.Segments {
		colour[s.ID] = segColour(j)
	}
	c.BeginPlot(f.plot())
	defer c.EndPlot()
	for _, p := range m.Points {
		c.Circle(chart.Circle{CX: f.px(p.X), CY: f.py(p.Y), R: 1.6, Fill: colour[p.Segment], Opacity: 0.45})
	}
	for _, ce := range m.Centres {
		x, y := f.px(ce.X), f.py(ce.Y)
		c.Circle(chart.Circle{CX: x, CY: y, R: 11, Fill: "#ffffff", Stroke: colour[ce.Segment], StrokeWidth: 2})
		c.Text(chart.Text{X: x, Y: y + 4, S: strconv.Itoa(ce.Segment), Size: 11, Anchor: chart.Middle, Bold: true})
	}
	return c
}
