-- Creates a table from another, each column cast to its type and keeping its name.
CREATE TABLE {{ident .Table}} AS SELECT {{range $i, $c := .Columns}}{{if $i}}, {{end}}CAST({{ident $c.Name}} AS {{$c.Type}}) AS {{ident $c.Name}}{{end}} FROM {{ident .From}}
