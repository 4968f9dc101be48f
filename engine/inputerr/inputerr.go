// Package inputerr describes faults in data or files that a user handed to seglab.
//
// An *Error names the file and, where known, the line and column at fault, so that the
// command line can print one clear message without a stack trace. Engine packages return
// *Error for bad input and plain errors for everything else.
package inputerr

import (
	"errors"
	"fmt"
	"strings"
)

// Error is a fault in user input. Line and Column count from 1; zero means unknown.
// Column may name the column instead of numbering it.
type Error struct {
	File       string // the file at fault, as the user named it; empty if not a file
	Line       int    // 1-based line, 0 when unknown
	Column     int    // 1-based column number, 0 when unknown
	ColumnName string // column header, when known
	Msg        string // what is wrong, in plain words
}

// Error formats as "file:line:col (column NAME): msg", leaving out what is unknown.
func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
			if e.Column > 0 {
				fmt.Fprintf(&b, ":%d", e.Column)
			}
		}
		b.WriteString(": ")
	}
	if e.ColumnName != "" {
		fmt.Fprintf(&b, "column %q: ", e.ColumnName)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// New returns an *Error for file with a formatted message.
func New(file string, format string, args ...any) *Error {
	return &Error{File: file, Msg: fmt.Sprintf(format, args...)}
}

// At returns an *Error for a position in file. Line and column count from 1.
func At(file string, line, column int, columnName string, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Column: column, ColumnName: columnName, Msg: fmt.Sprintf(format, args...)}
}

// Is reports whether err is or wraps an *Error.
func Is(err error) bool {
	var e *Error
	return errors.As(err, &e)
}
