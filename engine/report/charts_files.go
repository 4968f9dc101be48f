package report

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/report/chart"
)

// PNGScale is the resolution of the PNG charts relative to their SVG size (2 = sharp on
// slides and high-density screens).
const PNGScale = 2

// WriteCharts writes every chart of r to dir as NAME.svg (labels in r.Lang) and NAME.png,
// each file atomically, creating dir when needed. It returns the files written and warnings:
// when the PNG of a chart cannot be drawn because no CJK font was found, its labels are drawn
// in English, names that exist only in Chinese by number ("segment 3"), and a warning says so.
func WriteCharts(r *Report, dir string, fonts *chart.Fonts) (files, warnings []string, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, inputerr.New(dir, "cannot create the charts folder: %v", err)
	}
	if fonts == nil {
		if fonts, err = chart.LoadFonts(); err != nil {
			return nil, nil, err
		}
	}
	english := map[string]*chart.Canvas{}
	warned := false
	for _, c := range r.Charts(r.Lang) {
		svgPath := filepath.Join(dir, c.Name+".svg")
		if err := writeAtomic(svgPath, []byte(xmlHeader+c.Canvas.SVG()+"\n")); err != nil {
			return files, warnings, err
		}
		files = append(files, svgPath)
		canvas := c.Canvas
		if !fonts.CanDraw(canvas) {
			if len(english) == 0 {
				latin := *r
				latin.latinOnly = true
				for _, e := range latin.Charts(EN) {
					english[e.Name] = e.Canvas
				}
			}
			canvas = english[c.Name]
			if !warned {
				warned = true
				warnings = append(warnings, "no Chinese (CJK) font found on this system (looked with fc-match and for Noto CJK, WenQuanYi, Droid Sans Fallback… under the font folders); the PNG charts are labelled in English, with segments and columns that have only a Chinese name shown by number — install one Go can read (e.g. Debian's fonts-droid-fallback) for Chinese labels")
			}
		}
		b, err := canvas.PNG(fonts, PNGScale)
		if err != nil {
			return files, warnings, fmt.Errorf("drawing %s.png: %w", c.Name, err)
		}
		pngPath := filepath.Join(dir, c.Name+".png")
		if err := writeAtomic(pngPath, b); err != nil {
			return files, warnings, err
		}
		files = append(files, pngPath)
	}
	return files, warnings, nil
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"
