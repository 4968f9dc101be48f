package workspace

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/seglab/seglab/queries"
)

// Rows is a block of table rows as text.
type Rows struct {
	Columns []string
	Values  [][]string
}

// Preview returns the first limit rows of the session's table (or view) as text: numbers
// in their shortest form, dates as 2006-01-02, missing values empty.
func (w *Workspace) Preview(ctx context.Context, table string, limit int) (Rows, error) {
	rows, err := w.s.DB().QueryContext(ctx, queries.Template("preview", map[string]string{"Table": table}), limit)
	if err != nil {
		return Rows{}, fmt.Errorf("previewing %s: %w", table, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return Rows{}, err
	}
	out := Rows{Columns: cols}
	vals := make([]any, len(cols))
	dest := make([]any, len(cols))
	for i := range vals {
		dest[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return Rows{}, fmt.Errorf("previewing %s: %w", table, err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = text(v)
		}
		out.Values = append(out.Values, row)
	}
	return out, rows.Err()
}

// text writes a value read from DuckDB as a preview shows it.
func text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case []byte:
		return string(v)
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(v), 'f', -1, 32)
	case time.Time:
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Nanosecond() == 0 {
			return v.Format("2006-01-02")
		}
		return v.Format("2006-01-02 15:04:05")
	}
	return fmt.Sprint(v)
}
