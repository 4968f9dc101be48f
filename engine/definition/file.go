package definition

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/outfile"
	"github.com/seglab/seglab/engine/prep"
)

// Load reads and checks the definition file at path. Every fault is an *inputerr.Error that
// names the file and, where it can be found, the YAML line: a file written by a newer seglab
// ("written by a newer seglab (schema N)"), bad YAML, unknown or missing keys, values of the
// wrong shape (a centroid whose length is not the preprocessing width, segments that are not
// 1..k), an unknown transform, scaling or algorithm, a column name seglab refuses, a
// source path that is absolute or climbs out of the definition's folder, and everything
// checkUntrusted refuses (control characters, non-finite numbers, sizes beyond MaxK and the
// other bounds). A file larger than MaxFileBytes, or one that is not a regular file (a named
// pipe, a device), is refused before it is read. Loading reads path and nothing else.
func Load(path string) (*Definition, error) {
	info, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, inputerr.New(path, "no such file")
		}
		return nil, inputerr.New(path, "cannot read: %v", err)
	}
	switch {
	case !info.Mode().IsRegular():
		return nil, inputerr.New(path, "not a regular file (a folder, pipe or device); a definition is a YAML file")
	case info.Size() > MaxFileBytes:
		return nil, inputerr.New(path, "%d bytes; a definition is at most %d bytes", info.Size(), MaxFileBytes)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, inputerr.New(path, "cannot read: %v", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, inputerr.New(path, "cannot read: %v", err)
	}
	if len(b) > MaxFileBytes {
		return nil, inputerr.New(path, "more than %d bytes; a definition is at most %d bytes", MaxFileBytes, MaxFileBytes)
	}
	return Parse(path, b)
}

// Parse is Load on the bytes of a file; name is used in error messages.
func Parse(name string, b []byte) (*Definition, error) {
	if len(b) > MaxFileBytes {
		return nil, inputerr.New(name, "%d bytes; a definition is at most %d bytes", len(b), MaxFileBytes)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, yamlErr(name, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		line := 0
		if len(doc.Content) > 0 {
			line = doc.Content[0].Line
		}
		return nil, inputerr.At(name, line, 0, "", "not a segment definition: expected a YAML mapping with schema_version, preprocessing, k and segments")
	}
	root := doc.Content[0]
	// The version first, so that a newer file is refused for what it is rather than for the
	// keys this version does not know.
	vnode := child(root, "schema_version")
	if vnode == nil {
		return nil, inputerr.At(name, root.Line, 0, "", "not a segment definition: schema_version is missing")
	}
	v, err := strconv.Atoi(vnode.Value)
	if err != nil || vnode.Kind != yaml.ScalarNode {
		return nil, inputerr.At(name, vnode.Line, vnode.Column, "", "schema_version %q is not a whole number", vnode.Value)
	}
	if v > SchemaVersion {
		return nil, inputerr.At(name, vnode.Line, vnode.Column, "", "written by a newer seglab (schema %d); this seglab reads schema %d and older — update seglab", v, SchemaVersion)
	}
	if v < 1 {
		return nil, inputerr.At(name, vnode.Line, vnode.Column, "", "schema_version %d is not a valid version", v)
	}
	for _, key := range []string{"preprocessing", "algorithm", "k", "segments", "confirmation"} {
		if child(root, key) == nil {
			return nil, inputerr.At(name, root.Line, 0, "", "%s is missing", key)
		}
	}
	var d Definition
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&d); err != nil {
		return nil, yamlErr(name, err)
	}
	if err := d.check(); err != nil {
		var fe *fieldError
		if errors.As(err, &fe) {
			n := locate(root, fe.path)
			return nil, inputerr.At(name, n.Line, n.Column, "", "%s: %s", pathString(fe.path), fe.msg)
		}
		return nil, inputerr.New(name, "%v", err)
	}
	return &d, nil
}

var yamlLine = regexp.MustCompile(`line (\d+): `)

// yamlErr turns a yaml.v3 error ("yaml: line 7: …" or "yaml: unmarshal errors:\n  line 7: …")
// into an input error at its first line.
func yamlErr(name string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n")
	msg = strings.TrimSpace(strings.SplitN(msg, "\n", 2)[0])
	line := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = strings.Replace(msg, m[0], "", 1)
	}
	return inputerr.At(name, line, 0, "", "damaged definition: %s", msg)
}

// fieldError is a fault at a path of keys (string) and indices (int) in the document.
type fieldError struct {
	path []any
	msg  string
}

func (e *fieldError) Error() string { return pathString(e.path) + ": " + e.msg }

func fieldErr(path []any, format string, args ...any) error {
	return &fieldError{path: path, msg: fmt.Sprintf(format, args...)}
}

func pathString(path []any) string {
	var b strings.Builder
	for i, p := range path {
		switch p := p.(type) {
		case int:
			fmt.Fprintf(&b, "[%d]", p)
		default:
			if i > 0 {
				b.WriteByte('.')
			}
			fmt.Fprint(&b, p)
		}
	}
	return b.String()
}

func child(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// locate returns the deepest node of path that exists: a scalar value itself, or the key
// of a mapping or sequence value (the line a reader looks for).
func locate(root *yaml.Node, path []any) *yaml.Node {
	n, at := root, root
	for _, p := range path {
		var next, key *yaml.Node
		switch p := p.(type) {
		case string:
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == p {
						key, next = n.Content[i], n.Content[i+1]
					}
				}
			}
		case int:
			if n.Kind == yaml.SequenceNode && p < len(n.Content) {
				next = n.Content[p]
			}
		}
		if next == nil {
			return at
		}
		n, at = next, next
		if key != nil && next.Kind != yaml.ScalarNode {
			at = key
		}
	}
	return at
}

func p(elems ...any) []any { return elems }

// Validate checks a definition built in memory the way Load checks a file.
func (d *Definition) Validate() error { return d.check() }

// check validates everything scoring relies on and fills in harmless defaults (names).
func (d *Definition) check() error {
	if d.SchemaVersion != SchemaVersion {
		return fieldErr(p("schema_version"), "version %d; this seglab writes %d", d.SchemaVersion, SchemaVersion)
	}
	if err := d.checkBounds(); err != nil {
		return err
	}
	for i, s := range d.Sources {
		if err := CheckSourcePath(s.Path); err != nil {
			return fieldErr(p("sources", i, "path"), "%v", err)
		}
		if strings.ContainsFunc(s.File, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			return fieldErr(p("sources", i, "file"), "file name holds a control character")
		}
	}
	if d.IDColumn != "" {
		if err := ValidColumnName(d.IDColumn); err != nil {
			return fieldErr(p("id_column"), "%v", err)
		}
	}
	if d.Mapping != nil {
		if err := d.Mapping.Validate(); err != nil {
			return fieldErr(p("mapping"), "%v", err)
		}
	}
	if err := checkFilter(d.Population, p("population")); err != nil {
		return err
	}
	// Preprocessing: each dimension on its own, so that the error points at it.
	f := d.Preprocessing
	if len(f.Dims) == 0 {
		return fieldErr(p("preprocessing", "dims"), "no dimensions")
	}
	seen := map[string]bool{}
	for i, dim := range f.Dims {
		if err := ValidColumnName(dim.Column); err != nil {
			return fieldErr(p("preprocessing", "dims", i, "column"), "%v", err)
		}
		if seen[dim.Column] {
			return fieldErr(p("preprocessing", "dims", i, "column"), "column %q is listed twice", dim.Column)
		}
		seen[dim.Column] = true
		if err := (prep.Fitted{Scaling: f.Scaling, Dims: []prep.Dim{dim}}).Validate(); err != nil {
			path := p("preprocessing", "dims", i)
			msg := err.Error()
			switch {
			case strings.Contains(msg, "unknown scaling"):
				path = p("preprocessing", "scaling")
			case strings.Contains(msg, "transform"):
				path = append(path, "transform")
			case strings.Contains(msg, "kind"):
				path = append(path, "kind")
			case strings.Contains(msg, "weight"):
				path = append(path, "weight")
			case strings.Contains(msg, "categories"):
				path = append(path, "categories")
			case strings.Contains(msg, "cut points"):
				path = append(path, "cut_low")
			case strings.Contains(msg, "scaling parameters"):
				path = append(path, "scale")
			}
			return fieldErr(path, "%v", err)
		}
	}
	a := d.Algorithm
	switch {
	case a.Name != "kmeans":
		return fieldErr(p("algorithm", "name"), "unknown algorithm %q (this seglab knows kmeans)", a.Name)
	case a.Method != "lloyd" && a.Method != "hamerly":
		return fieldErr(p("algorithm", "method"), "unknown method %q (want lloyd or hamerly, which give the same result)", a.Method)
	case a.NInit < 1 || a.MaxIter < 1 || !(a.Tol >= 0) || math.IsInf(a.Tol, 0):
		return fieldErr(p("algorithm"), "n_init and max_iter must be at least 1 and tol a number ≥ 0")
	}
	if d.K < 1 {
		return fieldErr(p("k"), "k = %d; there must be at least one segment", d.K)
	}
	if len(d.Segments) != d.K {
		return fieldErr(p("segments"), "%d segments for k = %d", len(d.Segments), d.K)
	}
	w := f.Width()
	for i := range d.Segments {
		s := &d.Segments[i]
		if s.ID != i+1 {
			return fieldErr(p("segments", i, "id"), "id %d; segments must be numbered 1..k in order", s.ID)
		}
		if len(s.Centroid) != w {
			return fieldErr(p("segments", i, "centroid"), "%d values; the preprocessing has %d columns (centroids must be k × %d)", len(s.Centroid), w, w)
		}
		for j, v := range s.Centroid {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fieldErr(p("segments", i, "centroid"), "value %d is %v; centroids must be finite", j+1, v)
			}
		}
		if s.Name.EN == "" && s.Name.ZH == "" {
			s.Name = DefaultName(s.ID)
		}
	}
	routeNames := map[int]Text{}
	for i, r := range d.Routes {
		if len(r.When) == 0 {
			return fieldErr(p("routes", i, "when"), "a route needs at least one condition")
		}
		if err := checkFilter(r.When, p("routes", i, "when")); err != nil {
			return err
		}
		if r.Segment <= d.K {
			return fieldErr(p("routes", i, "segment"), "segment %d; route segments must be above k = %d (0 is outside the population, 1..k are clustered)", r.Segment, d.K)
		}
		if r.Name.EN == "" && r.Name.ZH == "" {
			return fieldErr(p("routes", i, "name"), "a route's segment needs a name")
		}
		if prev, ok := routeNames[r.Segment]; ok && prev != r.Name {
			return fieldErr(p("routes", i, "name"), "segment %d is named %q/%q by an earlier route", r.Segment, prev.EN, prev.ZH)
		}
		routeNames[r.Segment] = r.Name
	}
	if d.OutsideName.EN == "" && d.OutsideName.ZH == "" {
		d.OutsideName = DefaultOutsideName
	}
	c := d.Confirmation
	switch c.Status {
	case Draft:
	case Confirmed:
		if c.By == "" || c.At == nil {
			return fieldErr(p("confirmation"), "a confirmed definition names who confirmed it (by) and when (at)")
		}
	default:
		return fieldErr(p("confirmation", "status"), "status %q; want draft or confirmed", c.Status)
	}
	if h := c.ContentSHA256; h != "" && !isSHA256Hex(h) {
		return fieldErr(p("confirmation", "content_sha256"), "not a SHA-256 in hexadecimal (64 characters 0-9, a-f)")
	}
	if d.Continuity != nil && len(d.Continuity.Matched) != d.K {
		return fieldErr(p("continuity", "matched"), "%d entries for k = %d", len(d.Continuity.Matched), d.K)
	}
	return d.checkUntrusted()
}

// isSHA256Hex reports whether s is 64 lowercase hexadecimal digits.
func isSHA256Hex(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}

func checkFilter(f prep.Filter, path []any) error {
	for i, c := range f {
		if err := ValidColumnName(c.Column); err != nil {
			return fieldErr(append(path, i, "column"), "%v", err)
		}
		if err := (prep.Filter{c}).Validate(); err != nil {
			return fieldErr(append(path, i, "equals"), "%v", err)
		}
		if s, ok := c.Equals.(string); ok && strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			return fieldErr(append(path, i, "equals"), "value holds a control character")
		}
	}
	return nil
}

// CheckSourcePath refuses a source path that could make seglab open a file outside the
// definition's folder: absolute, climbing up with .., or holding control characters.
func CheckSourcePath(path string) error {
	if path == "" {
		return nil
	}
	if strings.ContainsFunc(path, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return fmt.Errorf("source path holds a control character")
	}
	if filepath.IsAbs(path) || strings.HasPrefix(path, "/") || strings.HasPrefix(path, `\`) || filepath.VolumeName(path) != "" {
		return fmt.Errorf("source path %q is absolute; a definition names its data relative to its own folder", path)
	}
	for _, part := range strings.FieldsFunc(filepath.ToSlash(path), func(r rune) bool { return r == '/' }) {
		if part == ".." {
			return fmt.Errorf("source path %q climbs out of the definition's folder", path)
		}
	}
	return nil
}

// Marshal returns the YAML text of d, after checking it.
func Marshal(d *Definition) ([]byte, error) {
	d.fillOriginal()
	if err := d.check(); err != nil {
		return nil, fmt.Errorf("definition: not saved: %w", err)
	}
	var buf bytes.Buffer
	buf.WriteString("# seglab segment definition — data, never code. Edit names, descriptions, notes and routes freely;\n")
	buf.WriteString("# fitted parameters and centroids are what scoring applies. See engine/definition for the format.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(d); err != nil {
		return nil, fmt.Errorf("definition: encoding: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("definition: encoding: %w", err)
	}
	return buf.Bytes(), nil
}

// Save writes d to path atomically: the text goes to a temporary file in the same folder,
// which is synced, then the previous file (if any) is kept as a numbered backup
// PATH.~N~ (N one more than the highest existing backup, as GNU cp --backup=numbered does),
// the temporary file is renamed over path and the folder is synced. A failure at any step
// leaves the previous file as it was and no temporary file behind. It returns the backup's
// name ("" when path did not exist).
func Save(path string, d *Definition) (backup string, err error) {
	st, err := Stage(path, d)
	if err != nil {
		return "", err
	}
	if backup, err = st.Commit(); err != nil {
		st.Discard()
		return "", err
	}
	return backup, outfile.SyncDir(filepath.Dir(path))
}

// Staged is a definition checked and written whole to a temporary file beside Path, not yet
// in place: Commit puts it there (keeping the previous file as a backup), Discard removes it.
type Staged struct {
	Path string
	tmp  string
}

// Stage is Save up to the last step: d is checked and written, synced, to a temporary file
// beside path. On error nothing is left behind.
func Stage(path string, d *Definition) (*Staged, error) {
	return stage(path, d, nil)
}

// stage is Stage with a hook that wraps the temporary file's writer (tests simulate a crash
// midway through the write with it).
func stage(path string, d *Definition, wrap func(io.Writer) io.Writer) (_ *Staged, err error) {
	text, err := Marshal(d)
	if err != nil {
		return nil, err
	}
	tmp, err := outfile.CreateTemp(path)
	if err != nil {
		return nil, err
	}
	tmpName := tmp.Name()
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmpName)
		}
	}()
	mode := os.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		mode = info.Mode().Perm()
	}
	if err = tmp.Chmod(mode); err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	var w io.Writer = tmp
	if wrap != nil {
		w = wrap(tmp)
	}
	if _, err = w.Write(text); err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	return &Staged{Path: path, tmp: tmpName}, nil
}

// Commit keeps the file at Path (if any) as a numbered backup and renames the staged file over
// Path. It returns the backup's name ("" when Path did not exist). The rename is durable once
// the caller has synced the folder (Save does).
func (s *Staged) Commit() (backup string, err error) {
	if _, statErr := os.Lstat(s.Path); statErr == nil {
		if backup, err = keepBackup(s.Path); err != nil {
			return "", fmt.Errorf("keeping the previous %s: %w", s.Path, err)
		}
	}
	if err = os.Rename(s.tmp, s.Path); err != nil {
		return "", fmt.Errorf("writing %s: %w", s.Path, err)
	}
	return backup, nil
}

// Discard removes the staged file; after Commit it does nothing.
func (s *Staged) Discard() { os.Remove(s.tmp) }

// keepBackup makes PATH.~N~ hold the current content of path, without touching path: a hard
// link where the file system allows it, else a synced copy.
func keepBackup(path string) (string, error) {
	n := 0
	matches, _ := filepath.Glob(escapeGlob(path) + ".~*~")
	for _, m := range matches {
		if k, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(m, path+".~"), "~")); err == nil && k > n {
			n = k
		}
	}
	backup := fmt.Sprintf("%s.~%d~", path, n+1)
	if err := os.Link(path, backup); err == nil {
		return backup, nil
	}
	src, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer src.Close()
	dst, err := os.OpenFile(backup, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		os.Remove(backup)
		return "", err
	}
	if err := dst.Sync(); err != nil {
		dst.Close()
		os.Remove(backup)
		return "", err
	}
	return backup, dst.Close()
}

func escapeGlob(s string) string {
	r := strings.NewReplacer(`*`, `\*`, `?`, `\?`, `[`, `\[`, `\`, `\\`)
	return r.Replace(s)
}

// Confirm marks the definition at path confirmed by who, now, with note, and signs its
// content (ContentHash), through Save (the previous version is kept as a backup). Confirming
// again replaces who, when, note and signature. A who or note that the definition cannot hold
// (control characters, too long) is refused naming path, and the file is left as it was.
func Confirm(path, who, note string, now time.Time) (*Definition, string, error) {
	if strings.TrimSpace(who) == "" {
		return nil, "", fmt.Errorf("confirming needs the name of who confirms")
	}
	d, err := Load(path)
	if err != nil {
		return nil, "", err
	}
	at := now.UTC().Truncate(time.Second)
	hash, err := d.ContentHash()
	if err != nil {
		return nil, "", err
	}
	d.Confirmation = Confirmation{Status: Confirmed, By: who, At: &at, Note: note, ContentSHA256: hash}
	if err := d.check(); err != nil {
		return nil, "", inputerr.New(path, "not confirmed: %v", err)
	}
	backup, err := Save(path, d)
	return d, backup, err
}
