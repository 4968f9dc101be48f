package data

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/seglab/seglab/engine/inputerr"
)

// sheetSep separates a workbook's path from the name of one of its sheets: book.xlsx#客户档案.
const sheetSep = "#"

// splitSheet splits "book.xlsx#sheet" into the workbook and the sheet when path itself is no
// file and the part before the last # is an .xlsx file; otherwise it returns path and "".
func splitSheet(path string) (book, sheet string) {
	if _, err := os.Stat(path); err == nil {
		return path, ""
	}
	i := strings.LastIndex(path, sheetSep)
	if i < 0 || !strings.EqualFold(filepath.Ext(path[:i]), ".xlsx") {
		return path, ""
	}
	if _, err := os.Stat(path[:i]); err != nil {
		return path, ""
	}
	return path[:i], path[i+len(sheetSep):]
}

// sheetFile is one sheet of a workbook written out as a UTF-8 CSV file.
type sheetFile struct {
	source string // book.xlsx#sheet, as messages name it
	name   string // the table name to use: the workbook's stem, or stem_sheet
	csv    string // the CSV file under the session's temporary folder
}

// xlsxSheets writes the sheets of the workbook book — the one called sheet, or every sheet
// that holds a cell when sheet is "" — as CSV files under tempDir, one line per sheet row from
// the first (the header) on, every row as wide as the widest. Cells are read as Excel shows
// them, except that dates and times in the locale's short formats are written 2024-03-05 and
// 14:30:00. A sheet that does not exist, a workbook that does not open, and a row wider than
// the header are *inputerr.Error.
func xlsxSheets(book, sheet, tempDir string) ([]sheetFile, error) {
	f, err := excelize.OpenFile(book, excelize.Options{ShortDatePattern: "yyyy-mm-dd", LongTimePattern: "hh:mm:ss", TmpDir: tempDir})
	if err != nil {
		return nil, inputerr.New(book, "cannot read as an Excel workbook (.xlsx): %v", notExistPlain(err))
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if sheet != "" {
		found := false
		for _, s := range sheets {
			found = found || s == sheet
		}
		if !found {
			return nil, inputerr.New(book, "has no sheet %q; its sheets are %s", sheet, strings.Join(sheets, ", "))
		}
		sheets = []string{sheet}
	}
	var out []sheetFile
	for _, sh := range sheets {
		sf, empty, err := writeSheet(f, book, sh, tempDir)
		if err != nil {
			return nil, err
		}
		if empty {
			continue
		}
		sf.name = stem(book)
		if len(f.GetSheetList()) > 1 {
			sf.name += "_" + sh
		}
		out = append(out, sf)
	}
	if len(out) == 0 {
		return nil, inputerr.New(book, "the workbook holds no data")
	}
	return out, nil
}

// writeSheet writes sheet sh of f as a CSV file under tempDir; empty reports a sheet without
// a cell (no file is then left).
func writeSheet(f *excelize.File, book, sh, tempDir string) (sf sheetFile, empty bool, err error) {
	sf.source = book + sheetSep + sh
	rows, err := f.Rows(sh)
	if err != nil {
		return sf, false, inputerr.New(sf.source, "cannot read the sheet: %v", err)
	}
	defer rows.Close()
	var table [][]string
	width := 0
	for rows.Next() {
		cells, err := rows.Columns()
		if err != nil {
			return sf, false, inputerr.At(sf.source, len(table)+1, 0, "", "cannot read the row: %v", err)
		}
		table = append(table, cells)
		width = max(width, len(cells))
	}
	if err := rows.Error(); err != nil {
		return sf, false, inputerr.New(sf.source, "cannot read the sheet: %v", err)
	}
	for len(table) > 0 && len(table[len(table)-1]) == 0 {
		table = table[:len(table)-1]
	}
	if len(table) == 0 {
		return sf, true, nil
	}
	header := len(table[0])
	for i, r := range table[1:] {
		if len(r) > header {
			return sf, false, inputerr.At(sf.source, i+2, header+1, "", "this row has a value beyond the last column of the header (%d columns)", header)
		}
	}
	tmp, err := os.CreateTemp(tempDir, "sheet-*.csv")
	if err != nil {
		return sf, false, fmt.Errorf("data: writing a sheet of %s: %w", book, err)
	}
	bw := bufio.NewWriter(tmp)
	w := csv.NewWriter(bw)
	for _, r := range table {
		for len(r) < width {
			r = append(r, "")
		}
		w.Write(r)
	}
	w.Flush()
	err = errors.Join(w.Error(), bw.Flush(), tmp.Close())
	if err != nil {
		os.Remove(tmp.Name())
		return sf, false, fmt.Errorf("data: writing a sheet of %s: %w", book, err)
	}
	sf.csv = tmp.Name()
	return sf, false, nil
}

// renameFile replaces the file name from in the input errors of err with to: a sheet's errors
// name the sheet, not its temporary CSV file.
func renameFile(err error, from, to string) error {
	var joined interface{ Unwrap() []error }
	if errors.As(err, &joined) {
		for _, e := range joined.Unwrap() {
			renameFile(e, from, to)
		}
		return err
	}
	var ie *inputerr.Error
	if errors.As(err, &ie) && ie.File == from {
		ie.File = to
		ie.Msg = strings.ReplaceAll(ie.Msg, from, to)
	}
	return err
}
