package roles

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/textsafe"
)

// Mapping is what the user said about the columns of their data: for a role, the column that
// holds it, and where the header does not say it, the unit of its values. It is data only; a
// mapping file is untrusted on load (ParseMapping).
type Mapping struct {
	Columns map[string]string `yaml:"columns,omitempty" json:"columns,omitempty"` // role → header
	Units   map[string]string `yaml:"units,omitempty" json:"units,omitempty"`     // role → unit of its values, e.g. 小时
}

// Bounds on a mapping file.
const (
	MaxMappingBytes = 64 << 10 // the largest mapping file read
	MaxMappingRunes = 200      // the longest header or unit
)

// Empty reports whether m says nothing.
func (m Mapping) Empty() bool { return len(m.Columns) == 0 && len(m.Units) == 0 }

// Clone returns a deep copy of m.
func (m Mapping) Clone() Mapping {
	out := Mapping{}
	if m.Columns != nil {
		out.Columns = make(map[string]string, len(m.Columns))
		for k, v := range m.Columns {
			out.Columns[k] = v
		}
	}
	if m.Units != nil {
		out.Units = make(map[string]string, len(m.Units))
		for k, v := range m.Units {
			out.Units[k] = v
		}
	}
	return out
}

// Overlay returns m with the entries of o added, o's winning where both name a role.
func (m Mapping) Overlay(o Mapping) Mapping {
	out := m.Clone()
	for _, part := range []struct{ from, to *map[string]string }{{&o.Columns, &out.Columns}, {&o.Units, &out.Units}} {
		for k, v := range *part.from {
			if *part.to == nil {
				*part.to = map[string]string{}
			}
			(*part.to)[k] = v
		}
	}
	return out
}

// Validate refuses a role that is not in queries/roles.tsv, an empty header or unit, one
// longer than MaxMappingRunes, one with a control or bidirectional character or invalid
// UTF-8, and a header given to two roles.
func (m Mapping) Validate() error {
	owner := map[string]string{}
	for _, part := range []struct {
		name string
		kv   map[string]string
	}{{"columns", m.Columns}, {"units", m.Units}} {
		for _, role := range sortedKeys(part.kv) {
			v := part.kv[role]
			if _, ok := ByName(role); !ok {
				return fmt.Errorf("%s: %q is not a role seglab knows (seglab roles lists them)", part.name, textsafe.Line(role))
			}
			if err := checkText(v); err != nil {
				return fmt.Errorf("%s.%s: %v", part.name, role, err)
			}
			if part.name != "columns" {
				continue
			}
			// One header may serve roles of different files (amount in billing, paid_amount in
			// payments), not two roles of one table.
			if o, dup := owner[v]; dup && sharesScope(o, role) {
				return fmt.Errorf("columns.%s: column %q is already given to %s", role, textsafe.Line(v), o)
			}
			owner[v] = role
		}
	}
	return nil
}

// sharesScope reports whether two roles occur in one scope, where one column cannot serve both.
func sharesScope(a, b string) bool {
	ra, _ := ByName(a)
	rb, _ := ByName(b)
	return slices.ContainsFunc(ra.Scopes, rb.In)
}

func checkText(s string) error {
	switch {
	case strings.TrimSpace(s) == "":
		return errors.New("empty")
	case !utf8.ValidString(s):
		return errors.New("not valid UTF-8")
	case utf8.RuneCountInString(s) > MaxMappingRunes:
		return fmt.Errorf("longer than %d characters", MaxMappingRunes)
	case strings.ContainsFunc(s, func(r rune) bool { return textsafe.Unsafe(r, false) }):
		return fmt.Errorf("%s holds a control character", textsafe.Line(s))
	}
	return nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// mappingFile is the layout of a mapping file.
type mappingFile struct {
	Seglab  string            `yaml:"seglab_mapping"`
	Columns map[string]string `yaml:"columns,omitempty"`
	Units   map[string]string `yaml:"units,omitempty"`
}

// mappingVersion is the value of seglab_mapping in the files this version writes and reads.
const mappingVersion = "1"

// ParseMapping reads a mapping file's bytes; name is the file, for messages. It refuses more
// than MaxMappingBytes, YAML other than a mapping file's keys, and anything Validate refuses,
// with an *inputerr.Error naming the file (and the line, for YAML faults).
func ParseMapping(name string, b []byte) (Mapping, error) {
	if len(b) > MaxMappingBytes {
		return Mapping{}, inputerr.New(name, "a mapping file holds at most %d bytes; this one has %d", MaxMappingBytes, len(b))
	}
	var f mappingFile
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return Mapping{}, inputerr.New(name, "not a seglab mapping file: %s", textsafe.Line(err.Error()))
	}
	if f.Seglab != mappingVersion {
		return Mapping{}, inputerr.New(name, "not a seglab mapping file: it must start with seglab_mapping: %s", mappingVersion)
	}
	m := Mapping{Columns: f.Columns, Units: f.Units}
	if err := m.Validate(); err != nil {
		return Mapping{}, inputerr.New(name, "%v", err)
	}
	return m, nil
}

// LoadMapping reads and checks the mapping file at path (ParseMapping).
func LoadMapping(path string) (Mapping, error) {
	f, err := os.Open(path)
	if err != nil {
		return Mapping{}, inputerr.New(path, "cannot read the mapping: %v", err)
	}
	defer f.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxMappingBytes+1)); err != nil {
		return Mapping{}, inputerr.New(path, "cannot read the mapping: %v", err)
	}
	return ParseMapping(path, buf.Bytes())
}

// MarshalMapping writes m as a mapping file. Each column line carries a comment with how sure
// the match in ms was and sample values, and each role of ms left unresolved is listed in a
// comment, so the user sees what to check and what to add.
func MarshalMapping(m Mapping, ms []Match) ([]byte, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	doc := &yaml.Node{Kind: yaml.MappingNode}
	doc.HeadComment = "seglab column mapping: for each role, the column of your data that holds it.\n" +
		"Change a column name to correct a match; give it with --mapping FILE to any seglab command."
	add := func(parent *yaml.Node, k, v, comment string) {
		parent.Content = append(parent.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Value: k},
			&yaml.Node{Kind: yaml.ScalarNode, Value: v, Style: yaml.DoubleQuotedStyle, LineComment: comment})
	}
	add(doc, "seglab_mapping", mappingVersion, "")
	for _, part := range []struct {
		key string
		kv  map[string]string
	}{{"columns", m.Columns}, {"units", m.Units}} {
		if len(part.kv) == 0 {
			continue
		}
		node := &yaml.Node{Kind: yaml.MappingNode}
		for _, role := range orderByRoles(part.kv) {
			comment := ""
			if match, ok := Find(ms, role); ok && part.key == "columns" {
				comment = describe(match)
			}
			add(node, role, part.kv[role], comment)
		}
		doc.Content = append(doc.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: part.key}, node)
	}
	var offered, missing []string
	for _, match := range ms {
		switch _, mapped := m.Columns[match.Role]; {
		case mapped || match.Method.Sure():
		case match.Column == "":
			missing = append(missing, match.Role)
		default:
			offered = append(offered, fmt.Sprintf("  %s: %q  # %s", match.Role, match.Column, describe(match)))
		}
	}
	var foot []string
	if len(offered) > 0 {
		foot = append(foot, "to confirm (move a line under columns: if it is right):\n"+strings.Join(offered, "\n"))
	}
	if len(missing) > 0 {
		foot = append(foot, "not found in the data (add a line under columns: if one of yours holds it):\n"+strings.Join(missing, ", "))
	}
	doc.FootComment = strings.Join(foot, "\n\n")
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// describe is the comment of a mapped column: method, confidence and samples.
func describe(m Match) string {
	s := fmt.Sprintf("%s, %.0f%% sure", m.Method, 100*m.Confidence)
	if len(m.Samples) > 0 {
		var vals []string
		for _, v := range m.Samples {
			vals = append(vals, textsafe.Line(v))
		}
		s += "; e.g. " + strings.Join(vals, ", ")
	}
	return s
}

// orderByRoles returns the keys of kv in the order of queries/roles.tsv.
func orderByRoles(kv map[string]string) []string {
	var out []string
	for _, r := range all {
		if _, ok := kv[r.Name]; ok {
			out = append(out, r.Name)
		}
	}
	return out
}

// FromMatches returns the mapping that names, for every resolved match, its column, and its
// unit where the match has one.
func FromMatches(ms []Match) Mapping {
	m := Mapping{Columns: map[string]string{}}
	for _, x := range ms {
		if x.Column == "" {
			continue
		}
		m.Columns[x.Role] = x.Column
		if x.Unit != "" {
			if m.Units == nil {
				m.Units = map[string]string{}
			}
			m.Units[x.Role] = x.Unit
		}
	}
	return m
}
