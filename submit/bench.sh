#!/usr/bin/env bash
# The benchmark: loader vs raw insert floor, scan floor, `all` end to end, compute only, DuckDB
# (with a field-by-field check of the suite's results) and the official connector's read, for each
# size; a table on stderr, one JSON line on stdout and under bench/results/.
#
#   submit/bench.sh                                # 100,000, 300,000 and 1,000,000 orders
#   submit/bench.sh --orders 100000 --runs 3       # one size
#   submit/bench.sh --uri mongodb://127.0.0.1:27017 --figures scan,suite   # a running dev server
#   submit/bench.sh --help
#
# Runs through submit/spark-submit.sh with the project's own Spark jars (never $SPARK_HOME: DuckDB
# and the embedded server are on the launcher's class path only), master local[2] and a 2g driver,
# the heap the 1,000,000-order target is set for. Override with BENCH_MASTER / BENCH_DRIVER_MEMORY.
# Without --uri it starts its own embedded server (mongo-java-server, memory backend) in a child JVM
# on 127.0.0.1, which stops with the benchmark. Numbers are for that stand-in, not MongoDB.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
unset SPARK_HOME
export SPARK_MASTER="${BENCH_MASTER:-local[2]}"
export DRIVER_MEMORY="${BENCH_DRIVER_MEMORY:-2g}"

exec "$ROOT/submit/spark-submit.sh" bench \
  --command-line "submit/bench.sh $* (master $SPARK_MASTER, driver -Xmx$DRIVER_MEMORY)" "$@"
