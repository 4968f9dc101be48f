package chart

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// Fonts are the typefaces the PNG renderer draws text with: Go's own fonts for Latin text and,
// when one was found, a CJK font for the characters Go's fonts lack.
type Fonts struct {
	Regular, Bold *opentype.Font
	CJK           *opentype.Font // nil when no CJK font was found
	CJKPath       string         // where CJK came from
}

// LoadFonts returns Go's fonts and the first CJK font found on the system (see FindCJK).
func LoadFonts() (*Fonts, error) {
	reg, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, fmt.Errorf("chart: Go regular font: %w", err)
	}
	bold, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return nil, fmt.Errorf("chart: Go bold font: %w", err)
	}
	f := &Fonts{Regular: reg, Bold: bold}
	for _, path := range FindCJK() {
		if cjk, err := loadFont(path); err == nil {
			f.CJK, f.CJKPath = cjk, path
			break
		}
	}
	return f, nil
}

// loadFont reads a TrueType/OpenType font or the first font of a collection that has a glyph
// for 中.
func loadFont(path string) (*opentype.Font, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	coll, err := opentype.ParseCollection(b)
	if err != nil {
		return nil, err
	}
	var buf sfnt.Buffer
	for i := range coll.NumFonts() {
		f, err := coll.Font(i)
		if err != nil {
			continue
		}
		if g, err := f.GlyphIndex(&buf, '中'); err == nil && g != 0 {
			return f, nil
		}
	}
	return nil, fmt.Errorf("%s has no Chinese glyphs", path)
}

// cjkDirs and cjkNames are where and under which names FindCJK looks for a CJK font.
var (
	cjkDirs  = []string{"/usr/share/fonts", "/usr/local/share/fonts", "/System/Library/Fonts", "/Library/Fonts", `C:\Windows\Fonts`}
	cjkNames = []string{"notosanscjk", "notoserifcjk", "sourcehansans", "wqy", "wenquanyi", "droidsansfallback",
		"arplumingcn", "arplukaicn", "uming", "ukai", "pingfang", "stheiti", "msyh", "simhei", "simsun", "notosanssc"}
)

// FindCJK lists candidate CJK font files: fontconfig's match for Chinese first (fc-match,
// when installed), then files under the usual font folders whose names say CJK.
func FindCJK() []string {
	var out []string
	if fc, err := exec.LookPath("fc-match"); err == nil {
		if b, err := exec.Command(fc, "-f", "%{file}", ":lang=zh-cn").Output(); err == nil {
			if p := strings.TrimSpace(string(b)); p != "" && matchesCJK(p) {
				out = append(out, p)
			}
		}
	}
	for _, dir := range cjkDirs {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			ext := strings.ToLower(filepath.Ext(path))
			if (ext == ".ttf" || ext == ".ttc" || ext == ".otf" || ext == ".otc") && matchesCJK(path) {
				out = append(out, path)
			}
			return nil
		})
	}
	return out
}

func matchesCJK(path string) bool {
	base := strings.ToLower(strings.NewReplacer("-", "", "_", "", " ", "").Replace(filepath.Base(path)))
	for _, n := range cjkNames {
		if strings.Contains(base, n) {
			return true
		}
	}
	return false
}

// CanDraw reports whether every character of the canvas's texts has a glyph in fonts.
func (f *Fonts) CanDraw(c *Canvas) bool {
	if f.CJK != nil {
		return true
	}
	for _, t := range c.Texts() {
		if HasWide(t.S) {
			return false
		}
	}
	return true
}

// PNG rasterises the canvas at scale (2 gives a 2× image for slides) on a white background.
func (c *Canvas) PNG(fonts *Fonts, scale float64) ([]byte, error) {
	img, err := c.Raster(fonts, scale)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Raster draws the canvas into a new RGBA image at scale.
func (c *Canvas) Raster(fonts *Fonts, scale float64) (*image.RGBA, error) {
	w, h := int(math.Ceil(c.W*scale)), int(math.Ceil(c.H*scale))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	r := &raster{img: img, s: scale, fonts: fonts, faces: map[faceKey]font.Face{}}
	defer r.close()
	for _, s := range c.shapes {
		switch s := s.(type) {
		case Rect:
			if s.Fill != "" {
				r.fill(parseColour(s.Fill, s.Opacity), func(z *vector.Rasterizer) {
					r.poly(z, s.X, s.Y, s.X+s.W, s.Y, s.X+s.W, s.Y+s.H, s.X, s.Y+s.H)
				})
			}
			if s.Stroke != "" && s.StrokeWidth > 0 {
				pts := []float64{s.X, s.Y, s.X + s.W, s.Y, s.X + s.W, s.Y + s.H, s.X, s.Y + s.H, s.X, s.Y}
				r.stroke(pts, s.Stroke, s.StrokeWidth)
			}
		case Line:
			if s.Dash > 0 {
				dx, dy := s.X2-s.X1, s.Y2-s.Y1
				n := math.Hypot(dx, dy)
				for t := 0.0; t < n; t += 2 * s.Dash {
					e := math.Min(t+s.Dash, n)
					r.stroke([]float64{s.X1 + dx*t/n, s.Y1 + dy*t/n, s.X1 + dx*e/n, s.Y1 + dy*e/n}, s.Stroke, s.Width)
				}
			} else {
				r.stroke([]float64{s.X1, s.Y1, s.X2, s.Y2}, s.Stroke, s.Width)
			}
		case Circle:
			if s.Fill != "" {
				r.fill(parseColour(s.Fill, s.Opacity), func(z *vector.Rasterizer) { r.circle(z, s.CX, s.CY, s.R) })
			}
			if s.Stroke != "" && s.StrokeWidth > 0 {
				var pts []float64
				for i := 0; i <= 64; i++ {
					a := 2 * math.Pi * float64(i) / 64
					pts = append(pts, s.CX+s.R*math.Cos(a), s.CY+s.R*math.Sin(a))
				}
				r.stroke(pts, s.Stroke, s.StrokeWidth)
			}
		case Polyline:
			r.stroke(s.Points, s.Stroke, s.Width)
		case Text:
			if err := r.text(s); err != nil {
				return nil, err
			}
		}
	}
	return img, nil
}

type faceKey struct {
	cjk, bold bool
	size      float64
}

type raster struct {
	img   *image.RGBA
	s     float64
	fonts *Fonts
	faces map[faceKey]font.Face
}

func (r *raster) close() {
	for _, f := range r.faces {
		f.Close()
	}
}

func (r *raster) fill(c color.Color, path func(z *vector.Rasterizer)) {
	b := r.img.Bounds()
	z := vector.NewRasterizer(b.Dx(), b.Dy())
	path(z)
	z.Draw(r.img, b, image.NewUniform(c), image.Point{})
}

// poly adds a closed polygon (canvas coordinates) to z.
func (r *raster) poly(z *vector.Rasterizer, pts ...float64) {
	z.MoveTo(float32(pts[0]*r.s), float32(pts[1]*r.s))
	for i := 2; i+1 < len(pts); i += 2 {
		z.LineTo(float32(pts[i]*r.s), float32(pts[i+1]*r.s))
	}
	z.ClosePath()
}

func (r *raster) circle(z *vector.Rasterizer, cx, cy, rad float64) {
	pts := make([]float64, 0, 128)
	for i := range 64 {
		a := 2 * math.Pi * float64(i) / 64
		pts = append(pts, cx+rad*math.Cos(a), cy+rad*math.Sin(a))
	}
	r.poly(z, pts...)
}

// stroke draws a polyline of width w as one quadrilateral per segment plus round joins.
func (r *raster) stroke(pts []float64, col string, w float64) {
	if col == "" || w <= 0 || len(pts) < 4 {
		return
	}
	hw := w / 2
	r.fill(parseColour(col, 1), func(z *vector.Rasterizer) {
		for i := 0; i+3 < len(pts); i += 2 {
			x1, y1, x2, y2 := pts[i], pts[i+1], pts[i+2], pts[i+3]
			n := math.Hypot(x2-x1, y2-y1)
			if n == 0 {
				continue
			}
			nx, ny := -(y2-y1)/n*hw, (x2-x1)/n*hw
			// Same orientation for every quad so overlaps do not cancel.
			r.poly(z, x1+nx, y1+ny, x2+nx, y2+ny, x2-nx, y2-ny, x1-nx, y1-ny)
		}
		if len(pts) > 4 && hw > 0.75 {
			for i := 2; i+3 < len(pts); i += 2 {
				r.circle(z, pts[i], pts[i+1], hw)
			}
		}
	})
}

func (r *raster) face(cjk, bold bool, size float64) (font.Face, error) {
	k := faceKey{cjk, bold, size}
	if f, ok := r.faces[k]; ok {
		return f, nil
	}
	src := r.fonts.Regular
	switch {
	case cjk:
		src = r.fonts.CJK
	case bold:
		src = r.fonts.Bold
	}
	f, err := opentype.NewFace(src, &opentype.FaceOptions{Size: size * r.s, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, fmt.Errorf("chart: font face: %w", err)
	}
	r.faces[k] = f
	return f, nil
}

// run is a piece of text drawn with one face.
type run struct {
	s    string
	face font.Face
}

func (r *raster) runs(t Text) ([]run, error) {
	var out []run
	var cur strings.Builder
	curCJK := false
	flush := func() error {
		if cur.Len() == 0 {
			return nil
		}
		f, err := r.face(curCJK, t.Bold, t.Size)
		if err != nil {
			return err
		}
		out = append(out, run{cur.String(), f})
		cur.Reset()
		return nil
	}
	var buf sfnt.Buffer
	for _, ch := range t.S {
		cjk := false
		if r.fonts.CJK != nil {
			if g, err := r.fonts.Regular.GlyphIndex(&buf, ch); err != nil || g == 0 {
				cjk = true
			}
		}
		if cjk != curCJK {
			if err := flush(); err != nil {
				return nil, err
			}
			curCJK = cjk
		}
		cur.WriteRune(ch)
	}
	return out, flush()
}

func (r *raster) text(t Text) error {
	runs, err := r.runs(t)
	if err != nil {
		return err
	}
	var width fixed.Int26_6
	for _, ru := range runs {
		width += font.MeasureString(ru.face, ru.s)
	}
	x := t.X * r.s
	switch t.Anchor {
	case Middle:
		x -= float64(width) / 64 / 2
	case End:
		x -= float64(width) / 64
	}
	fill := t.Fill
	if fill == "" {
		fill = "#222222"
	}
	drawAll := func(c color.Color, dx, dy float64) {
		dot := fixed.Point26_6{X: fixed.Int26_6((x + dx) * 64), Y: fixed.Int26_6((t.Y*r.s + dy) * 64)}
		for _, ru := range runs {
			d := font.Drawer{Dst: r.img, Src: image.NewUniform(c), Face: ru.face, Dot: dot}
			d.DrawString(ru.s)
			dot = d.Dot
		}
	}
	if t.Halo {
		o := 1.5 * r.s
		for _, d := range [][2]float64{{-o, 0}, {o, 0}, {0, -o}, {0, o}, {-o, -o}, {o, o}, {-o, o}, {o, -o}} {
			drawAll(color.White, d[0], d[1])
		}
	}
	drawAll(parseColour(fill, 1), 0, 0)
	return nil
}

// parseColour reads "#rrggbb" (or "#rgb") with an opacity (0 or ≥ 1 = opaque); anything else
// is black.
func parseColour(s string, opacity float64) color.Color {
	s = strings.TrimPrefix(s, "#")
	if len(s) == 3 {
		s = string([]byte{s[0], s[0], s[1], s[1], s[2], s[2]})
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if len(s) != 6 || err != nil {
		v = 0
	}
	a := 1.0
	if opacity > 0 && opacity < 1 {
		a = opacity
	}
	// Premultiplied alpha.
	return color.RGBA64{R: uint16(float64(v>>16&0xff) * 257 * a), G: uint16(float64(v>>8&0xff) * 257 * a),
		B: uint16(float64(v&0xff) * 257 * a), A: uint16(65535 * a)}
}
