// Package chart is a small drawing model for the report's charts: a Canvas holds rectangles,
// lines, circles and text in pixel coordinates (origin top left), and renders the same
// picture as SVG (for the HTML page and for slides) and as PNG (rasterised in Go with
// golang.org/x/image/vector and an OpenType font).
//
// Text is never rotated, so the raster renderer needs no transforms; colours are opaque
// "#rrggbb" strings with a separate opacity where one is needed.
package chart

import (
	"encoding/xml"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// Anchor is the horizontal alignment of a text at its x coordinate.
type Anchor string

// Text anchors (SVG's text-anchor values).
const (
	Start  Anchor = "start"
	Middle Anchor = "middle"
	End    Anchor = "end"
)

// Rect is a filled and optionally stroked rectangle.
type Rect struct {
	X, Y, W, H  float64
	Fill        string // "" for none
	Stroke      string // "" for none
	StrokeWidth float64
	Opacity     float64 // of the fill; 0 means 1
}

// Line is a straight stroke; Dash > 0 draws dashes and gaps of that length.
type Line struct {
	X1, Y1, X2, Y2 float64
	Stroke         string
	Width          float64
	Dash           float64
}

// Circle is a filled and optionally stroked circle.
type Circle struct {
	CX, CY, R   float64
	Fill        string
	Opacity     float64 // of the fill; 0 means 1
	Stroke      string
	StrokeWidth float64
}

// Polyline is an open stroked path through Points (x0, y0, x1, y1, …).
type Polyline struct {
	Points []float64
	Stroke string
	Width  float64
}

// Text is one line of text; Y is its baseline.
type Text struct {
	X, Y   float64
	S      string
	Size   float64
	Anchor Anchor
	Bold   bool
	Fill   string // "" for the default dark grey
	// Halo draws a white outline behind the glyphs so that a label stays readable over lines
	// and bubbles.
	Halo bool
}

// Canvas is a picture of W × H pixels. Shapes are drawn in the order they were added.
type Canvas struct {
	W, H   float64
	Title  string // accessible title (SVG <title>)
	shapes []any
	// plots are the plot areas opened with BeginPlot.
	plots []plotRange
}

// Box is a rectangle in pixels: left, top, right, bottom.
type Box struct{ X0, Y0, X1, Y1 float64 }

// Contains reports whether b lies inside the box, allowing slack pixels for anti-aliasing.
func (a Box) Contains(b Box, slack float64) bool {
	return b.X0 >= a.X0-slack && b.Y0 >= a.Y0-slack && b.X1 <= a.X1+slack && b.Y1 <= a.Y1+slack
}

// plotRange is a plot area with the shapes drawn in it: shapes[start:end].
type plotRange struct {
	area       Box
	start, end int
}

// Plot is a plot area and the marks drawn in it, which must lie inside the area.
type Plot struct {
	Area  Box
	Marks []any // Rect, Line, Circle, Polyline or Text values
}

// BeginPlot opens a plot area: the shapes added until EndPlot are its marks. Renderers draw
// them like any other shape; Plots lets a test check that they stay inside.
func (c *Canvas) BeginPlot(area Box) {
	c.plots = append(c.plots, plotRange{area: area, start: len(c.shapes), end: -1})
}

// EndPlot closes the plot area opened last.
func (c *Canvas) EndPlot() { c.plots[len(c.plots)-1].end = len(c.shapes) }

// Plots returns the canvas's plot areas with their marks.
func (c *Canvas) Plots() []Plot {
	out := make([]Plot, 0, len(c.plots))
	for _, p := range c.plots {
		end := p.end
		if end < 0 {
			end = len(c.shapes)
		}
		out = append(out, Plot{Area: p.area, Marks: append([]any(nil), c.shapes[p.start:end]...)})
	}
	return out
}

// Bounds is the box a shape covers, with text measured by TextWidth (baseline at Y, ascent
// 0.8 and descent 0.2 of its size) and strokes counted (lines have butt caps, as in SVG).
func Bounds(shape any) Box {
	switch s := shape.(type) {
	case Rect:
		h := s.StrokeWidth / 2
		return Box{s.X - h, s.Y - h, s.X + s.W + h, s.Y + s.H + h}
	case Line:
		// Butt caps: the stroke widens the line across its direction only.
		dx, dy := s.X2-s.X1, s.Y2-s.Y1
		hx, hy := s.Width/2, s.Width/2
		if l := math.Hypot(dx, dy); l > 0 {
			hx, hy = hx*math.Abs(dy)/l, hy*math.Abs(dx)/l
		}
		return Box{math.Min(s.X1, s.X2) - hx, math.Min(s.Y1, s.Y2) - hy, math.Max(s.X1, s.X2) + hx, math.Max(s.Y1, s.Y2) + hy}
	case Circle:
		r := s.R + s.StrokeWidth/2
		return Box{s.CX - r, s.CY - r, s.CX + r, s.CY + r}
	case Polyline:
		b := Box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
		for i := 0; i+1 < len(s.Points); i += 2 {
			b = Box{math.Min(b.X0, s.Points[i]), math.Min(b.Y0, s.Points[i+1]), math.Max(b.X1, s.Points[i]), math.Max(b.Y1, s.Points[i+1])}
		}
		h := s.Width / 2
		return Box{b.X0 - h, b.Y0 - h, b.X1 + h, b.Y1 + h}
	case Text:
		w := TextWidth(s.S, s.Size)
		x0 := s.X
		switch s.Anchor {
		case Middle:
			x0 -= w / 2
		case End:
			x0 -= w
		}
		return Box{x0, s.Y - 0.8*s.Size, x0 + w, s.Y + 0.2*s.Size}
	}
	panic(fmt.Sprintf("chart: Bounds of %T", shape))
}

// New returns an empty canvas.
func New(w, h float64, title string) *Canvas { return &Canvas{W: w, H: h, Title: title} }

// Rect adds a rectangle.
func (c *Canvas) Rect(r Rect) { c.shapes = append(c.shapes, r) }

// Line adds a line.
func (c *Canvas) Line(l Line) { c.shapes = append(c.shapes, l) }

// Circle adds a circle.
func (c *Canvas) Circle(ci Circle) { c.shapes = append(c.shapes, ci) }

// Polyline adds a polyline.
func (c *Canvas) Polyline(p Polyline) { c.shapes = append(c.shapes, p) }

// Text adds a text.
func (c *Canvas) Text(t Text) { c.shapes = append(c.shapes, t) }

// Texts returns every text on the canvas, in drawing order (for tests and label checks).
func (c *Canvas) Texts() []Text {
	var out []Text
	for _, s := range c.shapes {
		if t, ok := s.(Text); ok {
			out = append(out, t)
		}
	}
	return out
}

// TextWidth estimates the width of s at size px: East Asian wide characters take a full em,
// digits and Latin letters a little over half. Good enough to place labels; the SVG and PNG
// renderers draw with real fonts.
func TextWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case isWide(r):
			w += 1.0
		case r == ' ' || r == '.' || r == ',' || r == ':' || r == 'i' || r == 'l' || r == '|':
			w += 0.3
		case r >= 'A' && r <= 'Z' || r == 'm' || r == 'w' || r == 'M' || r == 'W':
			w += 0.68
		default:
			w += 0.56
		}
	}
	return w * size
}

func isWide(r rune) bool {
	return r >= 0x1100 && (r <= 0x115f || (r >= 0x2e80 && r <= 0xa4cf) || (r >= 0xac00 && r <= 0xd7a3) ||
		(r >= 0xf900 && r <= 0xfaff) || (r >= 0xfe30 && r <= 0xfe4f) || (r >= 0xff00 && r <= 0xff60) ||
		(r >= 0xffe0 && r <= 0xffe6) || (r >= 0x20000 && r <= 0x3fffd))
}

// HasWide reports whether s holds an East Asian wide character.
func HasWide(s string) bool {
	for _, r := range s {
		if isWide(r) {
			return true
		}
	}
	return false
}

// FontFamily is the CSS font stack of the charts: system sans-serif fonts with CJK fallbacks.
const FontFamily = `system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif`

// SVG renders the canvas as a standalone SVG document element, with the SVG namespace (for
// .svg files). All text is escaped; the result parses as XML. The marks of each plot area
// are grouped in <g class="plot" data-area="x0 y0 x1 y1">, so that a reader of the file can
// check that they stay inside it.
func (c *Canvas) SVG() string { return c.svg(` xmlns="http://www.w3.org/2000/svg"`) }

// InlineSVG renders the canvas as an <svg> element for embedding in HTML, where the namespace
// is implied and the page holds no URL at all.
func (c *Canvas) InlineSVG() string { return c.svg("") }

func (c *Canvas) svg(ns string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg%s width="%s" height="%s" viewBox="0 0 %s %s" role="img" font-family="%s">`,
		ns, num(c.W), num(c.H), num(c.W), num(c.H), esc(FontFamily))
	if c.Title != "" {
		b.WriteString("<title>" + esc(c.Title) + "</title>")
	}
	for i, s := range c.shapes {
		for _, p := range c.plots {
			if p.start == i && p.end != p.start {
				fmt.Fprintf(&b, `<g class="plot" data-area="%s %s %s %s">`, num(p.area.X0), num(p.area.Y0), num(p.area.X1), num(p.area.Y1))
			}
		}
		switch s := s.(type) {
		case Rect:
			fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"%s%s/>`,
				num(s.X), num(s.Y), num(s.W), num(s.H), colour(s.Fill), opacity("fill-opacity", s.Opacity), stroke(s.Stroke, s.StrokeWidth))
		case Line:
			dash := ""
			if s.Dash > 0 {
				dash = fmt.Sprintf(` stroke-dasharray="%s %s"`, num(s.Dash), num(s.Dash))
			}
			fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s"%s%s/>`,
				num(s.X1), num(s.Y1), num(s.X2), num(s.Y2), stroke(s.Stroke, s.Width), dash)
		case Circle:
			fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="%s" fill="%s"%s%s/>`,
				num(s.CX), num(s.CY), num(s.R), colour(s.Fill), opacity("fill-opacity", s.Opacity), stroke(s.Stroke, s.StrokeWidth))
		case Polyline:
			pts := make([]string, 0, len(s.Points)/2)
			for i := 0; i+1 < len(s.Points); i += 2 {
				pts = append(pts, num(s.Points[i])+","+num(s.Points[i+1]))
			}
			fmt.Fprintf(&b, `<polyline points="%s" fill="none"%s stroke-linejoin="round"/>`, strings.Join(pts, " "), stroke(s.Stroke, s.Width))
		case Text:
			weight := ""
			if s.Bold {
				weight = ` font-weight="bold"`
			}
			halo := ""
			if s.Halo {
				halo = ` stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"`
			}
			anchor := s.Anchor
			if anchor == "" {
				anchor = Start
			}
			fill := s.Fill
			if fill == "" {
				fill = "#222222"
			}
			fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="%s" text-anchor="%s" fill="%s"%s%s>%s</text>`,
				num(s.X), num(s.Y), num(s.Size), anchor, colour(fill), weight, halo, esc(s.S))
		}
		for _, p := range c.plots {
			if end := p.end; (end == i+1 || (end < 0 && i == len(c.shapes)-1)) && p.start <= i {
				b.WriteString("</g>")
			}
		}
	}
	b.WriteString("</svg>")
	return b.String()
}

func stroke(c string, w float64) string {
	if c == "" || w <= 0 {
		return ""
	}
	return fmt.Sprintf(` stroke="%s" stroke-width="%s"`, colour(c), num(w))
}

func opacity(attr string, o float64) string {
	if o <= 0 || o >= 1 {
		return ""
	}
	return fmt.Sprintf(` %s="%s"`, attr, num(o))
}

func colour(c string) string {
	if c == "" {
		return "none"
	}
	return esc(c)
}

func num(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "0"
	}
	s := fmt.Sprintf("%.2f", x)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
}

// esc escapes s for XML text and attribute values, replacing invalid UTF-8 and characters
// XML cannot hold.
func esc(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
			return -1
		}
		return r
	}, s)
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// Stray lists the marks that leave their plot area, and the texts outside every plot area
// (titles, legends, axis labels) that a mark covers, one line each; nil when the canvas is
// clean. Lines may cross a label's edge (grid and reference lines are drawn under text).
func (c *Canvas) Stray() []string {
	var out []string
	inPlot := map[Text]bool{}
	for _, p := range c.Plots() {
		for _, m := range p.Marks {
			if b := Bounds(m); !p.Area.Contains(b, 0.5) {
				out = append(out, fmt.Sprintf("%T %+v covers %+v, outside the plot %+v", m, m, b, p.Area))
			}
			if tx, ok := m.(Text); ok {
				inPlot[tx] = true
			}
		}
	}
	for _, tx := range c.Texts() {
		if inPlot[tx] {
			continue
		}
		tb := Bounds(tx)
		for _, p := range c.Plots() {
			for _, m := range p.Marks {
				if _, isLine := m.(Line); isLine {
					continue
				}
				mb := Bounds(m)
				if mb.X0 < tb.X1 && tb.X0 < mb.X1 && mb.Y0 < tb.Y1 && tb.Y0 < mb.Y1 {
					out = append(out, fmt.Sprintf("%T %+v covers the text %q", m, m, tx.S))
				}
			}
		}
	}
	return out
}
