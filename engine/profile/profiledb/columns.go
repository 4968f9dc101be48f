package profiledb

import (
	"context"
	"database/sql"
	"strings"

	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/queries"
)

// categoricalIntegers are integer-coded columns of the wide table that are categories.
var categoricalIntegers = map[string]bool{"fee_risk_class": true}

// ColumnsFromTypes lists the columns of relation (a table or view name) with their kinds
// taken from DuckDB types: numeric types are Numeric (except the integer-coded categories of
// the wide table, such as fee_risk_class), VARCHAR, BOOLEAN and ENUM are Categorical, and
// other types get an empty Kind. Labels are left empty. Use it when no feature catalogue
// describes the table.
func ColumnsFromTypes(ctx context.Context, db *sql.DB, relation string) ([]profile.Column, error) {
	types, err := columnTypes(ctx, db, relation)
	if err != nil {
		return nil, err
	}
	cols := make([]profile.Column, 0, len(types))
	for _, t := range types {
		c := profile.Column{Name: t.name}
		typ := strings.ToUpper(t.typ)
		switch {
		case categoricalIntegers[t.name] || typ == "VARCHAR" || typ == "BOOLEAN" || strings.HasPrefix(typ, "ENUM"):
			c.Kind = profile.Categorical
		case isIntegerType(typ):
			c.Kind = profile.Numeric
			c.Countable = strings.HasSuffix(t.name, "_count") || strings.HasSuffix(t.name, "_12m")
		case typ == "DOUBLE" || typ == "FLOAT" || strings.HasPrefix(typ, "DECIMAL"):
			c.Kind = profile.Numeric
		}
		cols = append(cols, c)
	}
	return cols, nil
}

func isIntegerType(typ string) bool {
	switch typ {
	case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
		"UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT":
		return true
	}
	return false
}

// CatalogueColumns lists the columns of relation with kinds and labels from the feature
// catalogue (queries.Features) where it knows the column, and from DuckDB types
// (ColumnsFromTypes) otherwise. A catalogue feature whose unit is "class" (fee_risk_class) is a
// category however it is stored; one whose unit is "count" is described with many/few.
func CatalogueColumns(ctx context.Context, db *sql.DB, relation string) ([]profile.Column, error) {
	cols, err := ColumnsFromTypes(ctx, db, relation)
	if err != nil {
		return nil, err
	}
	for i, c := range cols {
		f, ok := queries.FeatureByName(c.Name)
		if !ok {
			continue
		}
		c.LabelEN, c.LabelZH = strings.ToLower(f.LabelEN), f.LabelZH
		c.Countable = f.Unit == "count"
		switch {
		case f.Kind == queries.KindID:
			c.Kind = ""
		case f.Kind == queries.KindCategorical || f.Unit == "class":
			c.Kind = profile.Categorical
		case f.Kind == queries.KindNumeric:
			c.Kind = profile.Numeric
		}
		cols[i] = c
	}
	return cols, nil
}

type columnType struct{ name, typ string }

// columnTypes returns the name and DuckDB type of every column of relation, in order.
func columnTypes(ctx context.Context, db *sql.DB, relation string) ([]columnType, error) {
	rows, err := query(ctx, db, "columns.sql", sqlParams{Relation: queries.Ident(relation)})
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []columnType
	for rows.Next() {
		var c columnType
		if err := rows.Scan(&c.name, &c.typ); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
