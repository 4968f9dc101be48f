#!/usr/bin/env bash
# Speed benchmarks against the scikit-learn peer, measured in the same run, alternating the
# two so that both see the same machine load. Not part of CI (it takes minutes and needs a
# quiet machine); run it by hand and quote its medians:
#
#   bash .ci/bench.sh [REPEATS]        # default 5
#
# It reports: the k-means fit on 1,000,000 × 10, k = 6, n_init 10, tol 1e-4 (seglab's
# BenchmarkFit1Mx10K6NInit10 against sklearn KMeans(algorithm="lloyd") on the same rows), its
# peak memory, and the whole k = 2..7 sweep with every metric on the same shape.
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-5}
peer=../shared/peers/sklearn_kmeans.py
data=${SEGLAB_BENCH_CSV:-/tmp/seglab-bench1m.csv}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -s "$data" ] || SEGLAB_WRITE_BENCH_CSV="$data" go test -count=1 -run '^TestWriteBenchCSV$' ./engine/kmeans >/dev/null
go test -c -o "$work/kmeans.test" ./engine/kmeans
go test -c -o "$work/sweep.test" ./engine/sweep

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

: >"$work/ours"; : >"$work/peer"; : >"$work/rss"; : >"$work/sweep1"; : >"$work/sweep3"
for i in $(seq "$repeats"); do
  /usr/bin/time -f '%M' -o "$work/rss1" "$work/kmeans.test" -test.run '^$' -test.bench 'Fit1Mx10K6NInit10$' -test.benchtime 1x >"$work/out"
  awk '/^BenchmarkFit1Mx10K6NInit10/ {for (i=1;i<=NF;i++) if ($(i+1)=="ns/op") print $i/1e9}' "$work/out" >>"$work/ours"
  cat "$work/rss1" >>"$work/rss"
  /usr/bin/python3 "$peer" fit "$data" --dims x0,x1,x2,x3,x4,x5,x6,x7,x8,x9 --k 6 --scale none --n-init 10 --no-quality |
    /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["seconds"])' >>"$work/peer"
  "$work/sweep.test" -test.run '^$' -test.bench 'Sweep1Mx10' -test.benchtime 1x >"$work/out"
  for n in 1 3; do
    awk -v n="$n" '$1 ~ "^BenchmarkSweep1Mx10/ninit="n {for (i=1;i<=NF;i++) if ($(i+1)=="ns/op") print $i/1e9}' "$work/out" >>"$work/sweep$n"
  done
  echo "run $i: seglab $(tail -1 "$work/ours") s, scikit-learn $(tail -1 "$work/peer") s, sweep $(tail -1 "$work/sweep1") s / $(tail -1 "$work/sweep3") s" >&2
done

ours=$(median <"$work/ours"); theirs=$(median <"$work/peer"); rss=$(median <"$work/rss")
echo "k-means 1,000,000 x 10, k = 6, n_init 10 (median of $repeats, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)):"
echo "  seglab ${ours} s, scikit-learn ${theirs} s, ratio $(awk -v a="$ours" -v b="$theirs" 'BEGIN {printf "%.2f", a/b}')"
echo "  peak memory of the benchmark process: $((rss / 1024)) MB (data: 80 MB as float64)"
echo "sweep k = 2..7 with every metric, 1,000,000 x 10: n_init 1 $(median <"$work/sweep1") s, n_init 3 $(median <"$work/sweep3") s"
