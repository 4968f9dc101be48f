// Package definition saves, reopens and confirms a segment definition: one YAML file that
// holds everything needed to reproduce a segmentation and to give every customer of a new
// export exactly one segment id without refitting. It scores rows held in memory
// (Definition.ScoreTable) and writes the scoring as portable SQL (SQL), but runs no SQL itself:
// scoring the session's data, writing the scores, fingerprinting and verifying the sources
// and refitting are in engine/definition/definitiondb, so that front ends can show a
// definition without reaching database/sql.
//
// # File format (schema_version 1)
//
// The file is YAML written with gopkg.in/yaml.v3; its top-level keys are:
//
//	schema_version  1; a file with a larger number was written by a newer seglab and is refused
//	written_by      "seglab"
//	created         RFC 3339 time of the fit
//	notes           free text
//	sources         the data fitted on: file (as the user named it), path (relative to the
//	                definition's folder, only when the file lies in or under it), rows, bytes,
//	                sha256 of the file's bytes
//	id_column       the column that identifies a customer ("" = row numbers)
//	population      prep.Filter: the customers that were clustered (column/equals, AND)
//	routes          pre-classification (DOMAIN.md): when (a prep.Filter), segment, name,
//	                description; applied before clustering and before scoring, first match wins
//	outside_name    name of segment 0, given to customers outside the population that no
//	                route covers ("outside population" / "未纳入分群")
//	preprocessing   prep.Fitted: scaling and, per dimension, column, kind, transform, winsor
//	                quantiles and cut points, centre, scale, weight, categories
//	algorithm       name kmeans, method lloyd (computed with Hamerly's bounds: same result),
//	                seeding k-means++, seed, n_init, max_iter, tol
//	k               number of clustered segments, ids 1..k (1 = largest at fit time)
//	segments        per segment: id, name {en, zh}, description {en, zh}, size and share at fit
//	                time, centroid (k-means space, preprocessing width values) and original
//	                (the centroid in the data's units, see Original; informational only, it is
//	                recomputed on every save and never used for scoring)
//	metrics         fit-time measures: population, fitted, left_out_missing, inertia,
//	                silhouette (+ exact / sample rows), calinski_harabasz, davies_bouldin,
//	                stability, sizes, fit_seconds
//	confirmation    status draft|confirmed, by, at, note (the workshop sign-off)
//	continuity      optional: the previous definition this one was matched to, and how
//
// # Segment ids
//
// Every customer gets exactly one id: a route's segment when a route matches (routes are
// checked in order), else, inside the population, the nearest centroid 1..k (nearest over the
// coordinates present when values are missing, ties to the lowest id: prep.NearestPresent),
// else 0, "outside population" / "未纳入分群". Route ids must be above k.
//
// # Safety
//
// A definition is data, never code: nothing in it is executed as SQL. Column names are
// validated (ValidColumnName) and always double-quoted; values are bound as parameters when
// seglab runs SQL, and written as escaped literals only in the SQL text that seglab sql prints.
// A source path that is absolute or climbs out of the definition's folder is refused.
package definition

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/seglab/seglab/engine/profile"

	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/roles"
)

// SchemaVersion is the version of the file format this package writes and reads.
const SchemaVersion = 1

// Status of the workshop confirmation.
const (
	Draft     = "draft"
	Confirmed = "confirmed"
)

// OutsideID is the segment of customers outside the population that no route covers.
const OutsideID = 0

// Text is a text in both languages.
type Text struct {
	EN string `yaml:"en" json:"en"`
	ZH string `yaml:"zh" json:"zh"`
}

// ParseName reads a segment name as the user typed it: "Comfortable / 舒适型" (or "舒适型 /
// Comfortable") gives an English and a Chinese name, the part written in Chinese characters
// being the Chinese one (the first part is English when neither or both are); a name without
// " / " is the name in both languages. Surrounding spaces are trimmed.
func ParseName(s string) Text {
	a, b, ok := strings.Cut(s, " / ")
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if !ok || a == "" || b == "" {
		n := strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "/"))
		return Text{EN: n, ZH: n}
	}
	if hasHan(a) && !hasHan(b) {
		a, b = b, a
	}
	return Text{EN: a, ZH: b}
}

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// In returns the text in lang ("en" or "zh"), falling back to the other language when empty.
func (t Text) In(lang string) string {
	if lang == "en" {
		if t.EN != "" {
			return t.EN
		}
		return t.ZH
	}
	if t.ZH != "" {
		return t.ZH
	}
	return t.EN
}

// DefaultOutsideName names segment 0.
var DefaultOutsideName = Text{EN: "outside population", ZH: "未纳入分群"}

// DefaultName is the name of clustered segment id before anyone names it.
func DefaultName(id int) Text {
	return Text{EN: fmt.Sprintf("Segment %d", id), ZH: fmt.Sprintf("分群%d", id)}
}

// Source fingerprints one data file the segmentation was fitted on.
type Source struct {
	File   string `yaml:"file" json:"file"`                     // as the user named it; never opened from the definition
	Path   string `yaml:"path,omitempty" json:"path,omitempty"` // relative to the definition's folder, when inside it
	Rows   int64  `yaml:"rows" json:"rows"`
	Bytes  int64  `yaml:"bytes" json:"bytes"`
	SHA256 string `yaml:"sha256" json:"sha256"`
}

// Route is a pre-classification rule: customers matching When get Segment, before clustering.
type Route struct {
	When        prep.Filter `yaml:"when" json:"when"`
	Segment     int         `yaml:"segment" json:"segment"`
	Name        Text        `yaml:"name" json:"name"`
	Description Text        `yaml:"description" json:"description"`
}

// Algorithm records how the centroids were fitted.
type Algorithm struct {
	Name    string  `yaml:"name" json:"name"`       // "kmeans"
	Method  string  `yaml:"method" json:"method"`   // "lloyd" (Hamerly's bounds give the same result)
	Seeding string  `yaml:"seeding" json:"seeding"` // "k-means++"
	Seed    uint64  `yaml:"seed" json:"seed"`
	NInit   int     `yaml:"n_init" json:"n_init"`
	MaxIter int     `yaml:"max_iter" json:"max_iter"`
	Tol     float64 `yaml:"tol" json:"tol"`
}

// Coordinate is one dimension of a centroid in the data's units: Value for a numeric
// dimension, Shares (category → share of the segment) for a categorical one.
type Coordinate struct {
	Column string             `yaml:"column" json:"column"`
	Value  *float64           `yaml:"value,omitempty" json:"value,omitempty"`
	Shares map[string]float64 `yaml:"shares,omitempty" json:"shares,omitempty"`
}

// Segment is one clustered segment.
type Segment struct {
	ID          int          `yaml:"id" json:"id"`
	Name        Text         `yaml:"name" json:"name"`
	Description Text         `yaml:"description" json:"description"`
	Size        int          `yaml:"size" json:"size"`
	Share       float64      `yaml:"share" json:"share"`
	Centroid    []float64    `yaml:"centroid,flow" json:"centroid"`
	Original    []Coordinate `yaml:"original" json:"original"`
}

// Metrics are the measures of the fit when it was made.
type Metrics struct {
	Population       int     `yaml:"population" json:"population"`
	Fitted           int     `yaml:"fitted" json:"fitted"`
	LeftOutMissing   int     `yaml:"left_out_missing" json:"left_out_missing"`
	Inertia          float64 `yaml:"inertia" json:"inertia"`
	Silhouette       float64 `yaml:"silhouette" json:"silhouette"`
	SilhouetteExact  bool    `yaml:"silhouette_exact" json:"silhouette_exact"`
	SilhouetteRows   int     `yaml:"silhouette_rows" json:"silhouette_rows"`
	CalinskiHarabasz float64 `yaml:"calinski_harabasz" json:"calinski_harabasz"`
	DaviesBouldin    float64 `yaml:"davies_bouldin" json:"davies_bouldin"`
	Stability        float64 `yaml:"stability" json:"stability"`
	Sizes            []int   `yaml:"sizes,flow" json:"sizes"`
	FitSeconds       float64 `yaml:"fit_seconds" json:"fit_seconds"`
}

// Confirmation is the workshop sign-off.
type Confirmation struct {
	Status string     `yaml:"status" json:"status"` // draft or confirmed
	By     string     `yaml:"by,omitempty" json:"by,omitempty"`
	At     *time.Time `yaml:"at,omitempty" json:"at,omitempty"`
	Note   string     `yaml:"note,omitempty" json:"note,omitempty"`
	// ContentSHA256 is the ContentHash of the definition when it was confirmed: any later
	// change to what was confirmed shows as StateChanged.
	ContentSHA256 string `yaml:"content_sha256,omitempty" json:"content_sha256,omitempty"`
}

// Continuity records how this definition's segments were matched to a previous one.
type Continuity struct {
	Previous string `yaml:"previous" json:"previous"` // the previous definition file, as named
	// Matched[i] is the previous segment id matched to segment i+1 (0 = no match).
	Matched []int `yaml:"matched,flow" json:"matched"`
}

// Definition is a whole segment definition. See the package documentation for the meaning
// of each field and the file format.
type Definition struct {
	SchemaVersion int          `yaml:"schema_version" json:"schema_version"`
	WrittenBy     string       `yaml:"written_by" json:"written_by"`
	Created       time.Time    `yaml:"created" json:"created"`
	Notes         string       `yaml:"notes" json:"notes"`
	Sources       []Source     `yaml:"sources" json:"sources"`
	IDColumn      string       `yaml:"id_column" json:"id_column"`
	Population    prep.Filter  `yaml:"population" json:"population"`
	Routes        []Route      `yaml:"routes" json:"routes"`
	OutsideName   Text         `yaml:"outside_name" json:"outside_name"`
	Preprocessing prep.Fitted  `yaml:"preprocessing" json:"preprocessing"`
	Algorithm     Algorithm    `yaml:"algorithm" json:"algorithm"`
	K             int          `yaml:"k" json:"k"`
	Segments      []Segment    `yaml:"segments" json:"segments"`
	Metrics       Metrics      `yaml:"metrics" json:"metrics"`
	Confirmation  Confirmation `yaml:"confirmation" json:"confirmation"`
	Continuity    *Continuity  `yaml:"continuity,omitempty" json:"continuity,omitempty"`

	// Mapping is the user's mapping of roles to the columns of the data the definition was
	// fitted on (nil when the names were recognised without one). Scoring applies it, so
	// next quarter's exports with the same headers need nothing more.
	Mapping *roles.Mapping `yaml:"mapping,omitempty" json:"mapping,omitempty"`
}

// New returns a draft definition for k centroids (k × f.Width(), row-major, in the k-means
// space of f) with default names, the given fit-time sizes (nil for unknown) and the
// original-unit centroids filled in. The caller fills in sources, population, algorithm and
// metrics.
func New(f prep.Fitted, k int, centroids []float64, sizes []int) *Definition {
	d := &Definition{
		SchemaVersion: SchemaVersion, WrittenBy: "seglab", Created: time.Now().UTC().Truncate(time.Second),
		OutsideName: DefaultOutsideName, Preprocessing: f, K: k,
		Algorithm:    Algorithm{Name: "kmeans", Method: "lloyd", Seeding: "k-means++", NInit: 10, MaxIter: 300, Tol: 1e-4},
		Confirmation: Confirmation{Status: Draft},
	}
	w := f.Width()
	total := 0
	for _, s := range sizes {
		total += s
	}
	for c := range k {
		seg := Segment{ID: c + 1, Name: DefaultName(c + 1), Centroid: append([]float64(nil), centroids[c*w:(c+1)*w]...)}
		if c < len(sizes) {
			seg.Size = sizes[c]
			if total > 0 {
				seg.Share = float64(sizes[c]) / float64(total)
			}
		}
		d.Segments = append(d.Segments, seg)
	}
	d.fillOriginal()
	return d
}

// fillOriginal recomputes every segment's Original from its Centroid.
func (d *Definition) fillOriginal() {
	for i := range d.Segments {
		if len(d.Segments[i].Centroid) == d.Preprocessing.Width() {
			d.Segments[i].Original = Original(d.Preprocessing, d.Segments[i].Centroid)
		}
	}
}

// Original expresses a centroid of the k-means space of f in the data's units. A numeric
// dimension undoes weight and scaling, t = x/weight·scale + centre, then the transform:
// expm1(t) for log1p (so it is the back-transformed mean of log1p values, a geometric-type
// mean, not the arithmetic mean), t itself for winsorize (a mean of clamped values) and
// none. A categorical dimension gives each category's share of the segment: the centroid is
// the mean of the indicators, whose level is weight/√2, so share = x/(weight/√2) — exactly
// the segment's observed category shares among its fitted customers.
func Original(f prep.Fitted, centroid []float64) []Coordinate {
	var out []Coordinate
	off := 0
	for _, dim := range f.Dims {
		c := Coordinate{Column: dim.Column}
		if dim.Kind == prep.Categorical {
			level := dim.Weight / math.Sqrt2
			c.Shares = map[string]float64{}
			for j, cat := range dim.Categories {
				c.Shares[cat] = centroid[off+j] / level
			}
		} else {
			t := centroid[off]/dim.Weight*dim.Scale + dim.Centre
			if dim.Transform == prep.Log1p {
				t = math.Expm1(t)
			}
			c.Value = &t
		}
		out = append(out, c)
		off += dim.Width()
	}
	return out
}

// SegmentName returns the name of segment id in lang ("en" or "zh"): a clustered segment's,
// a route's, or segment 0's. An unknown id gives "".
func (d *Definition) SegmentName(id int, lang string) string {
	if id == OutsideID {
		return d.OutsideName.In(lang)
	}
	for _, s := range d.Segments {
		if s.ID == id {
			return s.Name.In(lang)
		}
	}
	for _, r := range d.Routes {
		if r.Segment == id {
			return r.Name.In(lang)
		}
	}
	return ""
}

// SegmentIDs lists every id a customer can receive, ascending: 0, 1..k, then the routes'.
func (d *Definition) SegmentIDs() []int {
	ids := []int{OutsideID}
	for _, s := range d.Segments {
		ids = append(ids, s.ID)
	}
	seen := map[int]bool{}
	for _, r := range d.Routes {
		if !seen[r.Segment] {
			seen[r.Segment] = true
			ids = append(ids, r.Segment)
		}
	}
	return ids
}

// Centroids returns the k × width centroids, row-major, in segment order.
func (d *Definition) Centroids() []float64 {
	var out []float64
	for _, s := range d.Segments {
		out = append(out, s.Centroid...)
	}
	return out
}

// ValidColumnName reports why name cannot be a column of a definition: empty, longer than
// 256 bytes, not UTF-8, or holding a control character or one of " ' ` ; \ — characters no
// export header needs and that only serve to break out of a quoted identifier. Any other
// character (Chinese, spaces, parentheses, %) is allowed; names are always double-quoted.
func ValidColumnName(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("a column name is empty")
	case len(name) > 256:
		return fmt.Errorf("column name %.40q… is longer than 256 bytes", name)
	case !utf8.ValidString(name):
		return fmt.Errorf("column name %q is not valid UTF-8", name)
	}
	for _, r := range name {
		if unicode.IsControl(r) || strings.ContainsRune("\"'`;\\", r) {
			return fmt.Errorf("column name %q holds the character %q, which seglab refuses in column names", name, r)
		}
	}
	return nil
}

// Describe sets the description of every segment of d that profile r covers to the one r
// generated for it, in both languages.
func (d *Definition) Describe(r *profile.Result) {
	for _, ps := range r.Segments {
		for i := range d.Segments {
			if d.Segments[i].ID == ps.ID {
				d.Segments[i].Description = Text{EN: ps.DescriptionEN, ZH: ps.DescriptionZH}
			}
		}
	}
}
