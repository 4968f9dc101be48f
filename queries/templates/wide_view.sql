-- Makes the one wide-table file given the relation wide. Each of .Columns is a column of .From
-- shown under the name .As: a column that holds a role takes the role's canonical name, its
-- coded words (东部 → east) mapped by .Values and its unit converted by .Scale; any other
-- column keeps its name.
CREATE OR REPLACE VIEW wide AS SELECT
{{- range $i, $c := .Columns}}{{if $i}},{{end}}
  {{if $c.Values}}CASE {{ident $c.From}}{{range $c.Values}} WHEN {{literal .Word}} THEN {{literal .Code}}{{end}} ELSE {{ident $c.From}} END
  {{- else if $c.Scale}}{{ident $c.From}} * {{$c.Scale}}
  {{- else}}{{ident $c.From}}{{end}} AS {{ident $c.As}}
{{- end}}
FROM {{ident .From}}
