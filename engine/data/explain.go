package data

import (
	"errors"
	"regexp"
	"strings"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/seglab/seglab/engine/inputerr"
)

// Explain returns err in the user's terms when it carries an error of DuckDB: the message is
// cut to its first line (DuckDB appends the statement, "LINE 1: SELECT …"), its class
// ("Conversion Error:", "Out of Range Error:") is dropped, and the common faults are worded
// for a reader of the data: a value that is not a number, a date or a whole number; numbers
// too large to compute with. The text around DuckDB's message (which names the file or step)
// is kept. Other errors are returned as they are.
func Explain(err error) error {
	var de *duckdb.Error
	if err == nil || !errors.As(err, &de) {
		return err
	}
	full := err.Error()
	plain := plainMessage(de.Msg)
	msg := strings.Replace(full, de.Msg, plain, 1)
	if msg == full && full != plain { // wrapped with %v: find DuckDB's text by its first line
		first, _, _ := strings.Cut(de.Msg, "\n")
		if head, _, ok := strings.Cut(full, first); ok {
			msg = head + plain
		}
	}
	var ie *inputerr.Error
	if errors.As(err, &ie) {
		out := *ie
		out.Msg = plainMessage(ie.Msg)
		return &out
	}
	return errors.New(msg)
}

var (
	duckClass    = regexp.MustCompile(`^(?:[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)* )?Error: `)
	convertRe    = regexp.MustCompile(`[Cc]ould not convert string '((?:[^']|'')*)' to '?([A-Z0-9_]+)`)
	outOfRangeRe = regexp.MustCompile(`\b[A-Z_]+ is out of range!?|[Oo]verflow in [a-z]+`)
	castRangeRe  = regexp.MustCompile(`Type [A-Z0-9]+ with value (\S+) can't be cast`)
	badDateRe    = regexp.MustCompile(`(?:date|timestamp) field value out of range: "([^"]*)"|invalid date field format: "([^"]*)"`)
)

// plainMessage words one DuckDB message (or a message that quotes one) for a reader of the
// data; see Explain.
func plainMessage(msg string) string {
	msg, _, _ = strings.Cut(msg, "\n")
	msg = strings.TrimSpace(msg)
	if m := convertRe.FindStringSubmatch(msg); m != nil {
		value := strings.ReplaceAll(m[1], "''", "'")
		return `the value "` + value + `" is not ` + typeWords(m[2]) + ` (write plain numbers such as 1234.5, or leave the cell empty)`
	}
	if m := badDateRe.FindStringSubmatch(msg); m != nil {
		return `the value "` + m[1] + m[2] + `" is not a date (YYYY-MM-DD)`
	}
	if outOfRangeRe.MatchString(msg) {
		return "a number is too large to compute with (beyond about 1e150, or infinite); check the column for such values"
	}
	if m := castRangeRe.FindStringSubmatch(msg); m != nil {
		return "the value " + m[1] + " is too large"
	}
	// "data: reading: Binder Error: …" — drop the class wherever it stands.
	if i := strings.Index(msg, " Error: "); i >= 0 {
		if j := strings.LastIndex(msg[:i], ": "); j >= 0 && duckClass.MatchString(msg[j+2:]) {
			return msg[:j+2] + duckClass.ReplaceAllString(msg[j+2:], "")
		}
	}
	return duckClass.ReplaceAllString(msg, "")
}

// typeWords names a DuckDB type for a reader.
func typeWords(t string) string {
	switch {
	case strings.HasPrefix(t, "INT"), strings.HasPrefix(t, "BIGINT"), strings.HasPrefix(t, "UINT"), t == "HUGEINT", t == "SMALLINT", t == "TINYINT":
		return "a whole number"
	case t == "DATE":
		return "a date (YYYY-MM-DD)"
	case strings.HasPrefix(t, "TIMESTAMP"):
		return "a date and time (YYYY-MM-DD HH:MM:SS)"
	case t == "BOOLEAN":
		return "true or false"
	}
	return "a number"
}
