{{/* The read_parquet call for one Parquet file, its path the bound parameter. */ -}}
read_parquet(?, hive_partitioning = false)
