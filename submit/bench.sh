#!/usr/bin/env bash
# The benchmark (bench/ module): loader vs raw insert floor, scan floor, `all` end to end, compute
# only, DuckDB (with a field-by-field check of the suite's results) and the official connector's
# read, for each size; a table on stderr, one JSON line on stdout and under bench/results/.
#
#   submit/bench.sh                                # 100,000, 300,000 and 1,000,000 orders
#   submit/bench.sh --orders 100000 --runs 3       # one size
#   submit/bench.sh --uri mongodb://127.0.0.1:27017 --figures scan,suite   # a running dev server
#   submit/bench.sh bench-read [options]           # read throughput per read strategy
#   submit/bench.sh bench-queries [options]        # the report's queries: analytics collections vs orders
#   submit/bench.sh bench-stream [options]         # the stream job's latency, insert to counted, at steady rates
#   submit/bench.sh traffic [options]              # the application: orders placed now at a steady rate
#   submit/bench.sh --help
#
# The harness is a developer tool outside the application jar: it runs with the project's own Spark
# jars through Spark's SparkSubmit (never $SPARK_HOME), master local[2] and a 2g driver, the heap the
# 1,000,000-order target is set for. Override with BENCH_MASTER / BENCH_DRIVER_MEMORY.
# Without --uri it starts its own embedded server (mongo-java-server, memory backend) in a child JVM
# on 127.0.0.1, which stops with the benchmark. Numbers are for that stand-in, not MongoDB.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BENCH_JAR="$ROOT/bench/target/shop-analytics-bench.jar"
BENCH_CLASSPATH="$ROOT/bench/target/classpath.txt"
MASTER="${BENCH_MASTER:-local[2]}"
# the benchmark's driver, UI and stand-in stay on the loopback address
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
DRIVER_MEMORY="${BENCH_DRIVER_MEMORY:-2g}"

# shellcheck source=lib/daemons.sh
source "$ROOT/submit/lib/daemons.sh"
# shellcheck source=lib/java17.sh
source "$ROOT/submit/lib/java17.sh"
build_if_missing bench "$BENCH_JAR" "$BENCH_CLASSPATH"

COMMAND=bench
if [[ "${1:-}" == bench-read || "${1:-}" == bench-queries || "${1:-}" == bench-stream || "${1:-}" == traffic ]]; then
  COMMAND=$1
  shift
fi
ARGS=("$@")
if [[ "$COMMAND" == bench ]]; then
  ARGS=(--command-line "submit/bench.sh $* (master $MASTER, driver -Xmx$DRIVER_MEMORY)" "$@")
fi

# shellcheck disable=SC2086
exec java $JAVA17_OPENS "-Dlog4j2.configurationFile=$ROOT/conf/log4j2.properties" -Xmx"$DRIVER_MEMORY" \
  -cp "$BENCH_JAR:$(cat "$BENCH_CLASSPATH")" org.apache.spark.deploy.SparkSubmit \
  --master "$MASTER" --class io.shopanalytics.bench.BenchMain --properties-file "$ROOT/conf/local.properties" \
  --conf "spark.scheduler.allocation.file=$ROOT/conf/fairscheduler.xml" \
  --driver-memory "$DRIVER_MEMORY" "$BENCH_JAR" "$COMMAND" "${ARGS[@]}"
