package source

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/outfile"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// encode rewrites the staged UTF-8 CSV file in encoding e: with a byte-order mark in front
// (UTF8), or transcoded to GB18030 (GBK). The rewrite goes to a second temporary file that
// replaces the first.
func (s *Staged) encode(e Encoding) error {
	in, err := os.Open(s.tmp)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := outfile.CreateTemp(s.Path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(out, 1<<20)
	var w io.Writer = bw
	switch e {
	case GBK:
		w = transform.NewWriter(bw, simplifiedchinese.GB18030.NewEncoder())
	default:
		_, err = bw.Write(utf8BOM)
	}
	if err == nil {
		_, err = io.Copy(w, in)
	}
	if c, ok := w.(io.Closer); ok && err == nil {
		err = c.Close()
	}
	if err == nil {
		err = bw.Flush()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(out.Name(), s.tmp)
	}
	if err != nil {
		os.Remove(out.Name())
	}
	return err
}

// xlsxMaxRows is the most rows an Excel sheet holds, the header included.
const xlsxMaxRows = 1 << 20

// exportXLSX stages the rows of query as an Excel workbook of one sheet for path: a header
// row, then one row per result row; numbers as numbers, text as text (never a formula),
// dates as 2024-03-05 and times as 2024-03-05 14:30:00, NULL and non-finite numbers as empty
// cells. More rows than a sheet holds is an *inputerr.Error, and nothing is left behind.
func exportXLSX(ctx context.Context, db *sql.DB, query, path string) (*Staged, error) {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Sheet1"
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = c
	}
	if err := sw.SetRow("A1", header); err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	vals := make([]any, len(cols))
	dest := make([]any, len(cols))
	for i := range vals {
		dest[i] = &vals[i]
	}
	n := 1
	for rows.Next() {
		if n++; n > xlsxMaxRows {
			return nil, inputerr.New(path, "more rows than an Excel sheet holds (%d); write .csv or .parquet instead", xlsxMaxRows-1)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("writing %s: %w", path, err)
		}
		row := make([]any, len(cols))
		for i, v := range vals {
			row[i] = xlsxCell(v)
		}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		if err := sw.SetRow(cell, row); err != nil {
			return nil, fmt.Errorf("writing %s: %w", path, err)
		}
	}
	if err := rows.Err(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	if err := sw.Flush(); err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	return stageWorkbook(f, path)
}

// Sheet is one table of a workbook WriteSheets writes.
type Sheet struct {
	Name   string // sheet name, at most 31 characters
	Header []string
	Rows   [][]any // text, numbers, bools, times; nil and non-finite numbers are empty cells
}

// WriteSheets writes sheets to path as an Excel workbook (.xlsx), one sheet each, in order.
// The file appears whole or not at all (staged beside path, then renamed). A path not ending
// in .xlsx or a sheet too long for Excel is an *inputerr.Error.
func WriteSheets(path string, sheets []Sheet) error {
	if f, err := OutputFormat(path); err != nil || f != "xlsx" {
		return inputerr.New(path, "name the file .xlsx: it holds several tables, one per sheet")
	}
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range sheets {
		if len(sh.Rows)+1 > xlsxMaxRows {
			return inputerr.New(path, "table %s has more rows than an Excel sheet holds (%d)", sh.Name, xlsxMaxRows-1)
		}
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.Name); err != nil {
				return fmt.Errorf("writing %s: %w", path, err)
			}
		} else if _, err := f.NewSheet(sh.Name); err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
		sw, err := f.NewStreamWriter(sh.Name)
		if err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
		header := make([]any, len(sh.Header))
		for j, h := range sh.Header {
			header[j] = h
		}
		if err := sw.SetRow("A1", header); err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
		for r, row := range sh.Rows {
			cells := make([]any, len(row))
			for j, v := range row {
				cells[j] = xlsxCell(v)
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+2)
			if err := sw.SetRow(cell, cells); err != nil {
				return fmt.Errorf("writing %s: %w", path, err)
			}
		}
		if err := sw.Flush(); err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
	}
	return commitNow(stageWorkbook(f, path))
}

// stageWorkbook writes f to a temporary file beside path, synced.
func stageWorkbook(f *excelize.File, path string) (*Staged, error) {
	tmp, err := outfile.CreateTemp(path)
	if err != nil {
		return nil, err
	}
	st := &Staged{Path: path, tmp: tmp.Name()}
	_, err = f.WriteTo(tmp)
	err = errors.Join(err, tmp.Sync(), tmp.Close())
	if err != nil {
		st.Discard()
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	return st, nil
}

// xlsxCell turns a value scanned from DuckDB into what the sheet holds.
func xlsxCell(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
		return x
	case float32:
		return xlsxCell(float64(x))
	case []byte:
		return string(x)
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format("2006-01-02")
		}
		return x.Format("2006-01-02 15:04:05")
	case string, bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return x
	case interface{ Float64() float64 }: // DuckDB's DECIMAL
		return xlsxCell(x.Float64())
	}
	return fmt.Sprint(v)
}
