package queries

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

//go:embed units.tsv
var unitsTSV string

// Unit is a unit a raw-export header may carry in brackets, with the factor that converts a
// value in it to the unit of EXPORTS.md (hours → minutes: 60).
type Unit struct {
	Role   string
	Name   string
	Factor float64
}

// Units lists queries/units.tsv in file order.
var Units = mustParseUnits(unitsTSV)

// tsvRows returns the fields of the non-comment, non-blank lines of an embedded TSV file,
// panicking when a line does not have n fields: the file is part of the binary.
func tsvRows(file, text string, n int) [][]string {
	var rows [][]string
	for i, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != n {
			panic(fmt.Sprintf("queries: %s line %d: want %d fields, got %d", file, i+1, n, len(f)))
		}
		rows = append(rows, f)
	}
	return rows
}

func mustParseUnits(text string) []Unit {
	var out []Unit
	for _, f := range tsvRows("units.tsv", text, 3) {
		factor, err := strconv.ParseFloat(f[2], 64)
		if err != nil || factor <= 0 {
			panic("queries: units.tsv: bad factor " + f[2])
		}
		out = append(out, Unit{Role: f[0], Name: f[1], Factor: factor})
	}
	return out
}
