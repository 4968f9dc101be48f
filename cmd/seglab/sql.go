package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/engine/sqlgen"
	"github.com/seglab/seglab/engine/widetable"
)

func newSQLCmd() *cobra.Command {
	var defPath, table, dialect, lang, refMonth string
	var wide bool
	cmd := &cobra.Command{
		Use:   "sql (--definition FILE.yaml [--table NAME] | --wide-table [--ref-month YYYY-MM]) [--dialect " + sqlgen.Names() + "]",
		Short: "Print the SQL that scores customers, or builds the wide table, inside a database",
		Long: `With --definition, print one SQL SELECT that reproduces seglab score inside a database:
routes, transforms (log1p as ln(1 + x), winsorize as least/greatest with the stored cut
points), scaling, weights, one-hot categories (a category unseen at fit time counts as
missing), and the nearest centroid with the same tie rule (lowest id) and the same
missing-value policy (distance over the coordinates present). Each customer's distance to
each centre is computed once. Customers outside the population that no route covers get
segment 0. The result has the id column, segment and segment_name.

With --wide-table, print one SELECT that builds the customer wide table (one row per
customer, the columns of seglab features) from the raw exports, as the tables raw_customers,
raw_billing, raw_payments, raw_outages, raw_tickets and raw_survey with the canonical column
names of queries/EXPORTS.md (all six must exist; an export you lack can be an empty table).
The reference month is --ref-month, or the last bill month in raw_billing. Dialects duckdb,
postgres and clickhouse.

Dialects: duckdb, postgres (also Greenplum and GaussDB), clickhouse (18.16 or later; run it
on a Distributed table to score across shards), sqlite (3.35 or later), spark (Spark SQL 3,
Hive) and trino. Each has its own types, float literals, string escapes, function names and
identifier quoting. duckdb, postgres, clickhouse and sqlite are executed by seglab's tests
on the real engines and agree with seglab score on every customer; spark and trino are
written from their documented grammar and are NOT executed here.`,
		Example: `  seglab sql --definition residential.yaml --table customer_wide --dialect postgres > score.sql
  seglab sql --wide-table --dialect clickhouse > wide.sql`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			dl, err := sqlgen.Parse(dialect)
			if err != nil {
				return usagef("--dialect: %v", err)
			}
			if wide == (defPath != "") {
				return usagef("sql needs either --definition FILE.yaml or --wide-table")
			}
			var q string
			if wide {
				if q, err = sqlgen.WideTable(dl, refMonth, widetable.DefaultRules()); err != nil {
					return usagef("%v", err)
				}
			} else {
				if lang != "en" && lang != "zh" {
					return usagef("--lang %q: use zh or en", lang)
				}
				d, err := definition.Load(defPath)
				if err != nil {
					return err
				}
				if q, err = definition.SQL(d, table, dl, lang); err != nil {
					return fmt.Errorf("%s: %w", defPath, err)
				}
			}
			_, err = fmt.Fprintln(cmd.OutOrStdout(), q+";")
			return err
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&defPath, "definition", "d", "", "segment definition (FILE.yaml) to score with")
	fl.StringVar(&table, "table", "wide", "table or view to score (schema.table allowed)")
	fl.StringVar(&dialect, "dialect", "duckdb", "SQL dialect: "+sqlgen.Names())
	fl.StringVar(&lang, "lang", "zh", "language of segment_name: zh or en")
	fl.BoolVar(&wide, "wide-table", false, "print the SQL that builds the wide table from the raw exports")
	fl.StringVar(&refMonth, "ref-month", "", "reference bill month YYYY-MM of --wide-table (default: the last in raw_billing)")
	return cmd
}
