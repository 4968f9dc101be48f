// Package roles says what the columns of a user's table mean, whatever they are called. A
// role is one meaning — customer id, region, satisfaction, outages in 12 months, the amount of
// a bill… — with a canonical name (the column name seglab uses inside: in table wide and in
// the raw_<kind> views), a Chinese contract name and the synonyms real marketing-system
// (SG186) and 95598 exports use. The roles and synonyms are data: queries/roles.tsv.
//
// Resolve finds the column of a table for each role, in this order: (a) a mapping the user
// gave, (b) the canonical or the Chinese contract name, (c) a synonym, (d) a header that
// contains a name of the role, offered to the user to confirm. Headers are compared
// normalised (Normalize): letter case, full/half width, spaces and _ - . do not matter, and a
// bracketed unit at the end (停电时长(小时)) is read as the unit, not as part of the name.
//
// The package is pure Go: it reads no data. Callers fill in sample values.
package roles

import (
	"fmt"
	"slices"
	"strings"

	"github.com/seglab/seglab/queries"
)

// Scope is where a role occurs: the customer wide table, or one kind of raw export.
type Scope string

// The scopes: Wide, and the export kinds of queries/EXPORTS.md.
const (
	Wide      Scope = "wide"
	Customers Scope = "customers"
	Billing   Scope = "billing"
	Payments  Scope = "payments"
	Outages   Scope = "outages"
	Tickets   Scope = "tickets"
	Survey    Scope = "survey"
)

var scopes = []Scope{Wide, Customers, Billing, Payments, Outages, Tickets, Survey}

// The canonical names of the roles the workflow itself needs; every other role is reached by
// its name in queries/roles.tsv.
const (
	CustomerID   = "customer_id"
	CustomerType = "customer_type"
	CustomerCls  = "customer_class"
	Region       = "region"
	Satisfaction = "satisfaction"
	Outages12m   = "outages_12m"
)

// Role is one meaning a column can have.
type Role struct {
	Name     string   // canonical name: the column name in wide or raw_<kind>
	Scopes   []Scope  // where it occurs
	Type     string   // text, number, integer, date, timestamp or month
	Unit     string   // unit of the canonical values (minutes, kWh, 元…); "" for none
	Chinese  string   // Chinese contract name
	English  string   // short English label
	Synonyms []string // other headers for it
}

// In reports whether the role occurs in scope s.
func (r Role) In(s Scope) bool { return slices.Contains(r.Scopes, s) }

// Names returns the canonical name, the Chinese name and the synonyms, in that order.
func (r Role) Names() []string {
	return append([]string{r.Name, r.Chinese}, r.Synonyms...)
}

var all = mustParse(queries.RolesTSV())

// All returns every role in the order of queries/roles.tsv. The slice is a fresh copy.
func All() []Role {
	out := make([]Role, len(all))
	for i, r := range all {
		out[i] = r.clone()
	}
	return out
}

// InScope returns the roles that occur in scope s, in table order.
func InScope(s Scope) []Role {
	var out []Role
	for _, r := range all {
		if r.In(s) {
			out = append(out, r.clone())
		}
	}
	return out
}

// ByName returns the role whose canonical name is name.
func ByName(name string) (Role, bool) {
	for _, r := range all {
		if r.Name == name {
			return r.clone(), true
		}
	}
	return Role{}, false
}

func (r Role) clone() Role {
	r.Scopes = slices.Clone(r.Scopes)
	r.Synonyms = slices.Clone(r.Synonyms)
	return r
}

var types = []string{"text", "number", "integer", "date", "timestamp", "month"}

// mustParse parses the embedded table and panics if it is malformed: the file is part of the
// program, so a fault in it is a programming error caught by the tests.
func mustParse(tsv string) []Role {
	rs, err := parse(tsv)
	if err != nil {
		panic("roles: queries/roles.tsv: " + err.Error())
	}
	return rs
}

// parse reads the role table: comment lines start with #, the first other line is the header
// role, scope, type, unit, zh, en, synonyms. Within one scope no two roles may share a
// normalised name.
func parse(tsv string) ([]Role, error) {
	const header = "role\tscope\ttype\tunit\tzh\ten\tsynonyms"
	var out []Role
	seenHeader := false
	owner := map[Scope]map[string]string{} // scope → normalised name → role
	for i, line := range strings.Split(tsv, "\n") {
		n := i + 1
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !seenHeader {
			if line != header {
				return nil, fmt.Errorf("line %d: header must be %q", n, header)
			}
			seenHeader = true
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 7 {
			return nil, fmt.Errorf("line %d: %d fields, want 7", n, len(f))
		}
		r := Role{Name: f[0], Type: f[2], Unit: f[3], Chinese: f[4], English: f[5]}
		if r.Name == "" || r.Chinese == "" || r.English == "" {
			return nil, fmt.Errorf("line %d: role, zh and en must not be empty", n)
		}
		if !slices.Contains(types, r.Type) {
			return nil, fmt.Errorf("line %d: type %q is not one of %s", n, r.Type, strings.Join(types, ", "))
		}
		for _, s := range strings.Split(f[1], ",") {
			if !slices.Contains(scopes, Scope(s)) {
				return nil, fmt.Errorf("line %d: scope %q is not wide or an export kind", n, s)
			}
			r.Scopes = append(r.Scopes, Scope(s))
		}
		if f[6] != "" {
			r.Synonyms = strings.Split(f[6], "|")
		}
		if slices.ContainsFunc(out, func(o Role) bool { return o.Name == r.Name }) {
			return nil, fmt.Errorf("line %d: role %q listed twice", n, r.Name)
		}
		for _, name := range r.Names() {
			key, _ := Normalize(name)
			if key == "" {
				return nil, fmt.Errorf("line %d: role %q has an empty name or synonym", n, r.Name)
			}
			for _, s := range r.Scopes {
				if owner[s] == nil {
					owner[s] = map[string]string{}
				}
				if o, ok := owner[s][key]; ok && o != r.Name {
					return nil, fmt.Errorf("line %d: %q names both %s and %s in scope %s", n, name, o, r.Name, s)
				}
				owner[s][key] = r.Name
			}
		}
		out = append(out, r)
	}
	if !seenHeader {
		return nil, fmt.Errorf("no header line")
	}
	return out, nil
}
