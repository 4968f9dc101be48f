{{/* The read_csv call for a CSV file seglab has checked; its two bound parameters are the
path and the delimiter. Every column is text, or with .Typed each takes its type from a
third parameter, a list of type names in column order. */ -}}
read_csv(?, delim = ?, header = true, quote = '"', escape = '"', strict_mode = true, null_padding = false, hive_partitioning = false, {{if .Typed}}types = ?{{else}}all_varchar = true{{end}})
