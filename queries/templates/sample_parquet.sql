-- Converts one generated sample CSV file (bound as ?) to Parquet at the target, each column
-- cast to its type in EXPORTS.md. COPY takes no parameter for its target.
COPY (
    SELECT {{range $i, $c := .Columns}}{{if $i}}, {{end}}CAST({{ident $c.Name}} AS {{$c.Type}}) AS {{ident $c.Name}}{{end}}
    FROM read_csv(?, header = true, all_varchar = true)
) TO {{literal .Target}} (FORMAT parquet)
