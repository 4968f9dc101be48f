package definition

import (
	"math"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/seglab/seglab/engine/textsafe"
)

// Bounds on a definition. A definition is data handed between people, so every size that
// drives work or output is capped; Load refuses a file beyond them.
const (
	// MaxK is the most clustered segments a definition may hold (the domain's rule is 7; this
	// leaves room for hand-made definitions while keeping scoring and SQL small).
	MaxK = 20
	// MaxRoutes is the most routes (pre-classification rules) a definition may hold, and
	// MaxSegmentID the largest segment id a route may give.
	MaxRoutes    = 100
	MaxSegmentID = 9999
	// MaxDims is the most dimensions, and MaxCategories the most categories of one
	// categorical dimension.
	MaxDims       = 200
	MaxCategories = 1000
	// MaxNameRunes bounds a segment or route name, MaxTextRunes a description, note or any
	// other text, in characters.
	MaxNameRunes = 200
	MaxTextRunes = 10000
	// MaxFileBytes is the largest definition file Load reads.
	MaxFileBytes = 4 << 20
)

// checkUntrusted refuses what no definition seglab writes can hold and what could harm the
// reader: a name that a spreadsheet would take for a formula (starting with = + - @); a text
// with a control character (free texts — notes, descriptions — may hold line breaks and
// tabs), a bidirectional-override character or invalid UTF-8; a text longer than its bound;
// a number that is not finite (.inf, .nan) anywhere. It walks every field by its YAML key, so
// a field added later is covered too.
func (d *Definition) checkUntrusted() error {
	return walkUntrusted(reflect.ValueOf(d).Elem(), nil)
}

// checkBounds refuses more segments, routes, dimensions or categories than the bounds allow,
// and route segment ids beyond MaxSegmentID.
func (d *Definition) checkBounds() error {
	switch {
	case d.K > MaxK:
		return fieldErr(p("k"), "k = %d; a definition holds at most %d segments", d.K, MaxK)
	case len(d.Segments) > MaxK:
		return fieldErr(p("segments"), "%d segments; a definition holds at most %d", len(d.Segments), MaxK)
	case len(d.Routes) > MaxRoutes:
		return fieldErr(p("routes"), "%d routes; a definition holds at most %d", len(d.Routes), MaxRoutes)
	case len(d.Preprocessing.Dims) > MaxDims:
		return fieldErr(p("preprocessing", "dims"), "%d dimensions; a definition holds at most %d", len(d.Preprocessing.Dims), MaxDims)
	}
	for i, r := range d.Routes {
		if r.Segment > MaxSegmentID {
			return fieldErr(p("routes", i, "segment"), "segment %d; route segments are at most %d", r.Segment, MaxSegmentID)
		}
	}
	for i, dim := range d.Preprocessing.Dims {
		if len(dim.Categories) > MaxCategories {
			return fieldErr(p("preprocessing", "dims", i, "categories"), "%d categories; a dimension holds at most %d", len(dim.Categories), MaxCategories)
		}
	}
	return nil
}

var timeType = reflect.TypeOf(time.Time{})

func walkUntrusted(v reflect.Value, path []any) error {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return walkUntrusted(v.Elem(), path)
	case reflect.Struct:
		if v.Type() == timeType {
			return nil
		}
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if key == "-" {
				continue
			}
			if key == "" {
				key = strings.ToLower(f.Name)
			}
			if err := walkUntrusted(v.Field(i), append(path[:len(path):len(path)], key)); err != nil {
				return err
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if err := walkUntrusted(v.Index(i), append(path[:len(path):len(path)], i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			k := iter.Key()
			if k.Kind() == reflect.String {
				if err := checkText(k.String(), path, false); err != nil {
					return err
				}
			}
			if err := walkUntrusted(iter.Value(), append(path[:len(path):len(path)], k.String())); err != nil {
				return err
			}
		}
	case reflect.String:
		return checkText(v.String(), path, isFreeText(path))
	case reflect.Float32, reflect.Float64:
		if f := v.Float(); math.IsNaN(f) || math.IsInf(f, 0) {
			return fieldErr(path, "%v is not a finite number", f)
		}
	}
	return nil
}

// isFreeText reports whether the text at path is prose (notes, descriptions, the confirmation
// note), which may run over several lines.
func isFreeText(path []any) bool {
	for _, p := range path {
		if p == "description" || p == "notes" || p == "note" {
			return true
		}
	}
	return false
}

func isName(path []any) bool {
	for _, p := range path {
		if p == "name" || p == "outside_name" {
			return true
		}
	}
	return false
}

// checkText refuses s at path when it is not UTF-8, holds a character that steers a terminal
// or reorders text, or is longer than its bound.
func checkText(s string, path []any, free bool) error {
	if !utf8.ValidString(s) {
		return fieldErr(path, "the text is not valid UTF-8")
	}
	if r, ok := UnsafeRune(s, free); ok {
		return fieldErr(path, "the text holds the control character %U, which seglab refuses (it could steer a terminal or disguise the text)", r)
	}
	limit := MaxTextRunes
	if isName(path) && !free {
		limit = MaxNameRunes
		if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
			return fieldErr(path, "the name %.40q starts with %q, which a spreadsheet would run as a formula; start it with a letter or digit", s, s[0])
		}
	}
	if n := utf8.RuneCountInString(s); n > limit {
		return fieldErr(path, "the text is %d characters long; at most %d are allowed here", n, limit)
	}
	return nil
}

// UnsafeRune returns the first character of s that must not reach a terminal or a
// spreadsheet as data (textsafe.Unsafe; line feed and tab are allowed when multiline).
func UnsafeRune(s string, multiline bool) (rune, bool) {
	for _, r := range s {
		if textsafe.Unsafe(r, multiline) {
			return r, true
		}
	}
	return 0, false
}
