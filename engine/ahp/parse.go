package ahp

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/seglab/seglab/engine/inputerr"
)

// Matrix is a pairwise comparison matrix with the names of its criteria.
type Matrix struct {
	Criteria []string    // criterion names; "C1", "C2", … when the file names none
	Values   [][]float64 // Values[i][j]: importance of criterion i over criterion j
}

// ReadMatrixFile reads a comparison matrix from a CSV file. The file holds n rows of n
// judgements, written as numbers or fractions ("1/3"). A first row of names and a first
// column of names are optional (when both are present the top-left cell is ignored). A UTF-8
// BOM is skipped. Errors are *inputerr.Error values naming the line and column at fault.
func ReadMatrixFile(path string) (Matrix, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return Matrix{}, inputerr.New(path, "no such file")
		}
		return Matrix{}, inputerr.New(path, "cannot read: %v", err)
	}
	return ParseMatrix(path, raw)
}

// ParseMatrix parses the CSV text of a comparison matrix; name is used in error messages.
func ParseMatrix(name string, raw []byte) (Matrix, error) {
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(raw))
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	var rows [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return Matrix{}, inputerr.At(name, pe.Line, pe.Column, "", "%v", pe.Err)
			}
			return Matrix{}, inputerr.New(name, "%v", err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		rows = append(rows, rec)
	}
	if len(rows) == 0 {
		return Matrix{}, inputerr.New(name, "the file is empty; expected a square matrix of judgements")
	}

	firstLine := 1
	var header []string
	if _, ok := parseJudgement(rows[0][len(rows[0])-1]); !ok {
		header, rows = rows[0], rows[1:]
		firstLine = 2
	}
	n := len(rows)
	if n == 0 {
		return Matrix{}, inputerr.New(name, "the file has names but no judgements")
	}
	labelled := len(rows[0]) == n+1
	m := Matrix{Criteria: make([]string, n), Values: make([][]float64, n)}
	for i, rec := range rows {
		line := firstLine + i
		offset := 0
		if labelled {
			offset = 1
		}
		if len(rec) != n+offset {
			return Matrix{}, inputerr.At(name, line, 0, "", "%d values on this line; a matrix of %d criteria needs %d", len(rec)-offset, n, n)
		}
		m.Values[i] = make([]float64, n)
		for j := 0; j < n; j++ {
			cell := rec[j+offset]
			v, ok := parseJudgement(cell)
			if !ok {
				return Matrix{}, inputerr.At(name, line, j+offset+1, "", "%q is not a number or fraction", cell)
			}
			m.Values[i][j] = v
		}
		switch {
		case labelled:
			m.Criteria[i] = strings.TrimSpace(rec[0])
		case len(header) >= n:
			m.Criteria[i] = strings.TrimSpace(header[len(header)-n+i])
		default:
			m.Criteria[i] = "C" + strconv.Itoa(i+1)
		}
	}
	return m, nil
}

// parseJudgement reads "3", "0.2" or "1/5".
func parseJudgement(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if num, den, ok := strings.Cut(s, "/"); ok {
		a, err1 := strconv.ParseFloat(strings.TrimSpace(num), 64)
		b, err2 := strconv.ParseFloat(strings.TrimSpace(den), 64)
		if err1 != nil || err2 != nil || b == 0 {
			return 0, false
		}
		return a / b, true
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}
