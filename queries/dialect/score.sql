{{/*
Scores every row of one table with a segment definition, in one SELECT of nested derived
tables (ClickHouse 18 has no WITH). Filled in by engine/definition.SQL; every identifier in
it is quoted and every value a literal written by engine/sqlgen for the dialect.

  seglab_input     one row per customer: id, the first route that matches (0: none), whether
                   the customer is in the population, and the k-means coordinates x1..xW
                   (NULL where a value is missing or a category was unseen at fit time)
  seglab_distance  the squared distance to each centre, computed once per customer and centre
  seglab_nearest   the smallest of those distances
  seglab_segment   the route's segment, else 0 outside the population, else the first centre
                   whose distance is the smallest (ties go to the lowest id)

.Fence keeps PostgreSQL from inlining a derived table's expressions into every use.
*/ -}}
-- {{.Header}}
SELECT
{{- if .ID}}
  seglab_id AS {{.ID}},
{{- end}}
  segment,
  CASE{{range .Names}} WHEN segment = {{.ID}} THEN {{.Name}}{{end}} END AS segment_name
FROM (
  SELECT
{{- if .ID}}
    seglab_id,
{{- end}}
    CASE
      WHEN seglab_route > 0 THEN seglab_route
      WHEN seglab_in_population = 0 THEN 0
{{- range .Nearest}}
      WHEN seglab_d{{.}} = seglab_dmin THEN {{.}}
{{- end}}
      ELSE {{.K}}
    END AS segment
  FROM (
    SELECT
{{- if .ID}}
      seglab_id,
{{- end}}
      seglab_route,
      seglab_in_population,
{{- range .Segments}}
      seglab_d{{.}},
{{- end}}
      {{.Min}} AS seglab_dmin
    FROM (
      SELECT
{{- if .ID}}
        seglab_id,
{{- end}}
        seglab_route,
        seglab_in_population,
{{- range $i, $d := .Distances}}{{if $i}},{{end}}
        {{$d}}
{{- end}}
      FROM (
        SELECT
{{- if .ID}}
          {{.ID}} AS seglab_id,
{{- end}}
          {{.Route}} AS seglab_route,
          {{.Population}} AS seglab_in_population,
{{- range $i, $x := .Coordinates}}{{if $i}},{{end}}
          {{$x}}
{{- end}}
        FROM {{.Table}}{{.Fence}}
      ) AS seglab_input{{.Fence}}
    ) AS seglab_distance{{.Fence}}
  ) AS seglab_nearest
) AS seglab_segment
