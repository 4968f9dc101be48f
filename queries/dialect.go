package queries

import _ "embed"

// ScoreTemplate is the text/template of the SELECT that scores a table with a segment
// definition in any SQL dialect; engine/definition.SQL fills it in.
//
//go:embed dialect/score.sql
var ScoreTemplate string

// WideTablePostgres is the text/template of the wide-table SELECT in PostgreSQL;
// engine/sqlgen.WideTable fills in the reference month and the rules.
//
//go:embed dialect/wide_table.postgres.sql
var WideTablePostgres string

// WideTableClickHouse is the text/template of the wide-table SELECT in ClickHouse;
// engine/sqlgen.WideTable fills in the reference month and the rules.
//
//go:embed dialect/wide_table.clickhouse.sql
var WideTableClickHouse string
