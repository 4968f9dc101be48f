package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/seglab/seglab/engine/definition"
)

func newSQLCmd() *cobra.Command {
	var defPath, table, dialect, lang string
	cmd := &cobra.Command{
		Use:   "sql --definition FILE.yaml [--table NAME] [--dialect duckdb|ansi]",
		Short: "Print one SELECT that scores a table with a saved definition",
		Long: `Print one SQL SELECT that reproduces seglab score inside a database: routes, transforms
(log1p as LN(1 + x), winsorize as LEAST/GREATEST with the stored cut points), scaling,
weights, one-hot categories, and the nearest centroid with the same tie rule (lowest id) and
the same missing-value policy (distance over the coordinates present). Customers outside the
population that no route covers get segment 0. The result has the id column, segment and
segment_name.

--dialect ansi writes only standard SQL that warehouses share (Spark SQL with ANSI mode and
double-quoted identifiers, Trino, PostgreSQL); duckdb uses DuckDB's :: casts. Numbers carry
full precision; column names are validated and double-quoted.`,
		Example: `  seglab sql --definition residential.yaml --table customer_wide --dialect ansi > score.sql`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if defPath == "" {
				return usagef("sql needs --definition FILE.yaml")
			}
			if dialect != string(definition.DuckDB) && dialect != string(definition.ANSI) {
				return usagef("--dialect %q: use duckdb or ansi", dialect)
			}
			if lang != "en" && lang != "zh" {
				return usagef("--lang %q: use zh or en", lang)
			}
			d, err := definition.Load(defPath)
			if err != nil {
				return err
			}
			q, err := definition.SQL(d, table, definition.Dialect(dialect), lang)
			if err != nil {
				return fmt.Errorf("%s: %w", defPath, err)
			}
			_, err = fmt.Fprintln(cmd.OutOrStdout(), q+";")
			return err
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&defPath, "definition", "d", "", "segment definition (FILE.yaml)")
	fl.StringVar(&table, "table", "wide", "table or view to score (schema.table allowed)")
	fl.StringVar(&dialect, "dialect", "duckdb", "SQL dialect: duckdb or ansi")
	fl.StringVar(&lang, "lang", "zh", "language of segment_name: zh or en")
	return cmd
}
