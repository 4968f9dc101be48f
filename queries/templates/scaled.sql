{{/* The expression .Expr multiplied by each of the numbers .Factors (unit conversion,
rescaling), written by the engine. */ -}}
({{.Expr}}){{range .Factors}} * {{.}}{{end}}
