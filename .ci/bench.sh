#!/usr/bin/env bash
# Speed benchmarks against the scikit-learn peer, measured in the same run, alternating the
# two so that both see the same machine load. Not part of CI (it takes minutes and needs a
# quiet machine); run it by hand and quote its medians:
#
#   bash .ci/bench.sh [REPEATS]        # default 5
#   SEGLAB_BENCH_FIT_ONLY=1 bash .ci/bench.sh 5   # only the k-means fit of the customers
#
# Two kinds of data, 1,000,000 rows each, generated deterministically (engine/benchdata) and
# written as CSV for the peer:
#   customers  9 skewed, z-scored columns shaped like a residential wide table (log-normal kWh
#              and bills, Poisson counts), six overlapping segments: tens of Lloyd iterations
#   blobs      10 columns of well-separated Gaussian clusters, unscaled: a few iterations
# It reports, per kind: the k-means fit, k = 6, n_init 3, tol 1e-4 (seglab's BenchmarkFit
# against sklearn KMeans(algorithm="lloyd") on the same rows: wall seconds, ratio) and the
# inertia each reaches — run i seeds both with i − 1, because on overlapping data the three
# restarts of one seed may all land in the same local optimum, and which one is luck —
# and the peak memory of seglab's benchmark process; then, each in its own process with its
# peak memory, the k = 2..7 sweep with every measure and n_init 10 on the stratified sample,
# and the fit of the recommended k (6) on every row.
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-5}
peer=../shared/peers/sklearn_kmeans.py
dir=${SEGLAB_BENCH_DIR:-/tmp}
blobs=$dir/seglab-bench-blobs1m.csv
customers=$dir/seglab-bench-customers1m.csv
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go test -c -o "$work/kmeans.test" ./engine/kmeans
go test -c -o "$work/sweep.test" ./engine/sweep
# The CSVs are regenerated only when missing; the generator is deterministic.
[ -s "$blobs" ] && [ -s "$customers" ] ||
  SEGLAB_WRITE_BENCH_CSV="$blobs" SEGLAB_WRITE_CUSTOMERS_CSV="$customers" "$work/kmeans.test" -test.run '^TestWriteBenchCSV$' >/dev/null

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# metric UNIT FILE: the value before UNIT on the benchmark line of FILE.
metric() { awk -v u="$1" '/^Benchmark/ {for (i=2;i<=NF;i++) if ($i==u) print $(i-1)}' "$2"; }

declare -A csv=([customers]=$customers [blobs]=$blobs)
declare -A dims=([customers]=$(head -1 "$customers") [blobs]=$(head -1 "$blobs"))
declare -A bench=([customers]='Fit/customers-1Mx9-k6-ninit3$' [blobs]='Fit/blobs-1Mx10-k6-ninit3$')
declare -A sweep=([customers]='Sweep/customers-1Mx9/' [blobs]='Sweep/blobs-1Mx10/')
kinds="customers blobs"
steps="sample fit6"
if [ -n "${SEGLAB_BENCH_FIT_ONLY:-}" ]; then
  kinds=customers steps=""
fi

for i in $(seq "$repeats"); do
  for kind in $kinds; do
    SEGLAB_BENCH_SEED=$((i - 1)) /usr/bin/time -f '%M' -o "$work/rss" "$work/kmeans.test" -test.run '^$' -test.bench "${bench[$kind]}" -test.benchtime 1x >"$work/out"
    metric ns/op "$work/out" | awk '{print $1/1e9}' >>"$work/$kind.ours"
    metric inertia "$work/out" >>"$work/$kind.inertia"
    cat "$work/rss" >>"$work/$kind.rss"
    /usr/bin/python3 "$peer" fit "${csv[$kind]}" --dims "${dims[$kind]}" --k 6 --scale none --n-init 3 --seed $((i - 1)) --no-quality >"$work/peer.json"
    /usr/bin/python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); print(a["seconds"], a["inertia"])' "$work/peer.json" >>"$work/$kind.peer"
    for step in $steps; do
      /usr/bin/time -f '%M' -o "$work/rss" "$work/sweep.test" -test.run '^$' -test.bench "${sweep[$kind]}$step\$" -test.benchtime 1x >"$work/out"
      metric ns/op "$work/out" | awk '{print $1/1e9}' >>"$work/$kind.$step"
      cat "$work/rss" >>"$work/$kind.$step.rss"
    done
    echo "run $i $kind: fit seglab $(tail -1 "$work/$kind.ours") s, scikit-learn $(tail -1 "$work/$kind.peer" | cut -d' ' -f1) s" >&2
    [ -z "$steps" ] || echo "run $i $kind: sweep $(tail -1 "$work/$kind.sample") s, k = 6 on every row $(tail -1 "$work/$kind.fit6") s" >&2
  done
done

echo "median of $repeats alternating runs, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), scikit-learn $(/usr/bin/python3 -c 'import sklearn; print(sklearn.__version__)')"
for kind in $kinds; do
  ours=$(median <"$work/$kind.ours"); theirs=$(cut -d' ' -f1 "$work/$kind.peer" | median)
  d=$(head -1 "${csv[$kind]}" | tr ',' '\n' | wc -l)
  echo "$kind 1,000,000 x $d (data $((8 * d)) MB as float64):"
  echo "  k-means k = 6, n_init 3: seglab ${ours} s, scikit-learn ${theirs} s, ratio $(awk -v a="$ours" -v b="$theirs" 'BEGIN {printf "%.2f", a/b}')"
  echo "  inertia by seed 0..$((repeats - 1)): seglab $(paste -sd' ' "$work/$kind.inertia"), scikit-learn $(cut -d' ' -f2 "$work/$kind.peer" | xargs printf '%.0f ')"
  echo "  median inertia: seglab $(median <"$work/$kind.inertia"), scikit-learn $(cut -d' ' -f2 "$work/$kind.peer" | median)"
  echo "  peak memory of the fit process: $(($(median <"$work/$kind.rss") / 1024)) MB"
  [ -n "$steps" ] || continue
  echo "  sweep k = 2..7, every measure, n_init 10, on a stratified sample of 100,000: $(median <"$work/$kind.sample") s," \
    "peak memory $(($(median <"$work/$kind.sample.rss") / 1024)) MB"
  echo "  then k = 6 (what it recommends) on every row, n_init 10, every measure: $(median <"$work/$kind.fit6") s," \
    "peak memory $(($(median <"$work/$kind.fit6.rss") / 1024)) MB"
done
