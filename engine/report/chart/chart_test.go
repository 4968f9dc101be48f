package chart

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/png"
	"io"
	"os"
	"strings"
	"testing"
)

// wellFormed parses s to the end with encoding/xml in strict mode.
func wellFormed(t *testing.T, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = true
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, s)
		}
	}
}

func sample() *Canvas {
	c := New(200, 120, `title <with> "quotes" & ampersands`)
	c.Rect(Rect{X: 10, Y: 10, W: 80, H: 40, Fill: "#d55e00", Stroke: "#222222", StrokeWidth: 1})
	c.Line(Line{X1: 0, Y1: 100, X2: 200, Y2: 100, Stroke: "#555555", Width: 1.5, Dash: 6})
	c.Circle(Circle{CX: 150, CY: 40, R: 20, Fill: "#0072b2", Opacity: 0.5, Stroke: "#0072b2", StrokeWidth: 1.5})
	c.Polyline(Polyline{Points: []float64{10, 110, 60, 80, 110, 90}, Stroke: "#009e73", Width: 2})
	c.Text(Text{X: 100, Y: 70, S: `<script>alert("x")</script> & 分群`, Size: 12, Anchor: Middle, Halo: true})
	return c
}

func TestSVGIsWellFormedAndEscapesText(t *testing.T) {
	for _, s := range []string{sample().SVG(), sample().InlineSVG()} {
		wellFormed(t, s)
		if strings.Contains(s, "<script") {
			t.Errorf("text was not escaped: %s", s)
		}
		if !strings.Contains(s, "&lt;script&gt;") || !strings.Contains(s, "分群") {
			t.Errorf("escaped text missing: %s", s)
		}
	}
	if strings.Contains(sample().InlineSVG(), "http") {
		t.Error("inline SVG holds a URL")
	}
	// Control characters and invalid UTF-8 from data cannot break the XML.
	c := New(10, 10, "")
	c.Text(Text{S: "a\x01b\xffc", Size: 10})
	wellFormed(t, c.SVG())
}

// variance is the variance of the pixels' grey levels.
func variance(img image.Image) float64 {
	b := img.Bounds()
	var sum, sum2, n float64
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
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

func TestPNGIsDrawn(t *testing.T) {
	fonts, err := LoadFonts()
	if err != nil {
		t.Fatal(err)
	}
	// A blank canvas has no variance: the check below can fail.
	blank, err := New(50, 50, "").PNG(fonts, 1)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(blank))
	if err != nil {
		t.Fatal(err)
	}
	if v := variance(img); v != 0 {
		t.Fatalf("blank canvas has variance %v", v)
	}

	c := sample()
	if !fonts.CanDraw(c) && fonts.CJK == nil {
		// Without a CJK font the Chinese text cannot be drawn; draw the Latin part only.
		c = New(200, 120, "")
		c.Rect(Rect{X: 10, Y: 10, W: 80, H: 40, Fill: "#d55e00"})
		c.Text(Text{X: 100, Y: 70, S: "Segment 1", Size: 12, Anchor: Middle})
	}
	b, err := c.PNG(fonts, 2)
	if err != nil {
		t.Fatal(err)
	}
	img, err = png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dx() != 400 || img.Bounds().Dy() != 240 {
		t.Errorf("size %v, want 400×240 at scale 2", img.Bounds())
	}
	if v := variance(img); v < 100 {
		t.Errorf("PNG looks blank: grey-level variance %.1f", v)
	}
	// The filled rectangle is where it was drawn, in its colour.
	r, g, bl, _ := img.At(40, 40).RGBA()
	if r>>8 != 0xd5 || g>>8 != 0x5e || bl>>8 != 0x00 {
		t.Errorf("pixel in the rectangle is %x %x %x, want d5 5e 00", r>>8, g>>8, bl>>8)
	}
	// Text puts dark pixels around its anchor.
	dark := 0
	for y := 120; y < 145; y++ {
		for x := 150; x < 250; x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r>>8 < 0x80 {
				dark++
			}
		}
	}
	if dark < 20 {
		t.Errorf("only %d dark pixels where the text is", dark)
	}
}

func TestCanDrawNeedsCJKForChinese(t *testing.T) {
	c := New(10, 10, "")
	c.Text(Text{S: "Segment 1", Size: 10})
	noCJK := &Fonts{}
	if !noCJK.CanDraw(c) {
		t.Error("Latin text needs no CJK font")
	}
	c.Text(Text{S: "分群1", Size: 10})
	if noCJK.CanDraw(c) {
		t.Error("Chinese text cannot be drawn without a CJK font")
	}
}

func TestTextWidthCountsWideCharacters(t *testing.T) {
	if w := TextWidth("分群", 10); w != 20 {
		t.Errorf("two wide characters at 10 px: %v, want 20", w)
	}
	if w := TextWidth("ab", 10); w >= 20 {
		t.Errorf("two Latin letters at 10 px: %v, want under 20", w)
	}
}

// TestChinesePNGDrawsCJKGlyphs draws two Chinese characters with the CJK font found on the
// machine and checks that each is drawn (dark pixels) and that they differ: a missing glyph
// would be drawn as the same empty box for both. CI installs a CJK font, so there the test
// fails without one.
func TestChinesePNGDrawsCJKGlyphs(t *testing.T) {
	fonts, err := LoadFonts()
	if err != nil {
		t.Fatal(err)
	}
	if fonts.CJK == nil {
		if os.Getenv("CI") != "" {
			t.Fatal("no CJK font found (CI installs fonts-droid-fallback)")
		}
		t.Skip("no CJK font on this machine")
	}
	glyph := func(s string) *image.RGBA {
		c := New(40, 40, "")
		c.Text(Text{X: 20, Y: 30, S: s, Size: 28, Anchor: Middle})
		if !fonts.CanDraw(c) {
			t.Fatalf("the CJK font cannot draw %q", s)
		}
		img, err := c.Raster(fonts, 1)
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	a, b := glyph("分"), glyph("群")
	darkA, differ := 0, 0
	for i := 0; i+3 < len(a.Pix); i += 4 {
		if a.Pix[i] < 0x80 {
			darkA++
		}
		if (a.Pix[i] < 0x80) != (b.Pix[i] < 0x80) {
			differ++
		}
	}
	if darkA < 30 {
		t.Errorf("分 drew only %d dark pixels", darkA)
	}
	if differ < 30 {
		t.Errorf("分 and 群 differ in only %d pixels: the glyphs look like the same missing-glyph box", differ)
	}
}
