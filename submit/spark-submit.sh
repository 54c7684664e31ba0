#!/usr/bin/env bash
# Runs one job of the application with spark-submit.
#
#   submit/spark-submit.sh [--properties-file FILE] [--conf KEY=VALUE]... <job> [job options]
#
# Uses $SPARK_HOME/bin/spark-submit when SPARK_HOME is set; otherwise Spark's own SparkSubmit
# from the project's resolved Spark jars, so that it works on a machine without Spark installed.
# The master comes from SPARK_MASTER (default local[*]). Connection strings with credentials go in
# MONGODB_URI or a file (--uri-file), never on this command line.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR="$ROOT/jobs/target/shop-analytics-jobs.jar"
PROVIDED_CP="$ROOT/jobs/target/provided-classpath.txt"
MAIN_CLASS=io.shopanalytics.jobs.cli.ShopAnalytics
MASTER="${SPARK_MASTER:-local[*]}"
PROPERTIES="$ROOT/conf/local.properties"
CONFS=()

# shellcheck source=lib/java17.sh
source "$ROOT/submit/lib/java17.sh"

usage() {
  cat <<USAGE
Usage: submit/spark-submit.sh [script options] <job> [job options]

Script options (before the job):
  --properties-file FILE  Spark properties (default: conf/local.properties)
  --conf KEY=VALUE        Extra Spark property, repeatable (no credentials here)
  -h, --help              This help; '<job> --help' lists a job's options with their defaults

Environment:
  SPARK_HOME     use this Spark installation's spark-submit (default: the project's Spark jars)
  SPARK_MASTER   master URL (default: local[*])
  MONGODB_URI    connection string, may hold credentials (default: mongodb://127.0.0.1:27017)
  MONGODB_URI_FILE  file holding the connection string
  DRIVER_MEMORY  driver heap (default: 2g)

Jobs:
  load                 seed users, products and orders (sharding and indexes on a real cluster)
  product-analytics    product_analytics for --period / --from --to
  sales-analytics      sales_analytics for --period / --from --to
  customer-analytics   customer_analytics with RFM scores for --as-of
  all                  the three, reading orders once and computing them concurrently
USAGE
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --properties-file) PROPERTIES="$2"; shift 2 ;;
    --conf)
      if [[ "$2" =~ mongodb(\+srv)?://[^/@]*:[^@]*@ ]]; then
        echo "ERROR: --conf $(echo "${2%%=*}")=... holds a password; pass the connection string in MONGODB_URI or --uri-file" >&2
        exit 2
      fi
      CONFS+=(--conf "$2"); shift 2 ;;
    -*) echo "ERROR: unknown script option $1 (see --help)" >&2; exit 2 ;;
    *) break ;;
  esac
done
if [[ $# -eq 0 ]]; then
  usage >&2
  exit 2
fi
if [[ ! -f "$PROPERTIES" ]]; then
  echo "ERROR: properties file $PROPERTIES not found" >&2
  exit 2
fi

if [[ ! -f "$JAR" || ! -f "$PROVIDED_CP" ]]; then
  echo "Building the application jar (first run)..." >&2
  (cd "$ROOT" && mvn -q -B -DskipTests package) >&2
fi

SPARK_ARGS=(--master "$MASTER" --class "$MAIN_CLASS" --properties-file "$PROPERTIES"
  --conf "spark.executor.extraJavaOptions=$JAVA17_OPENS"
  --conf "spark.scheduler.allocation.file=$ROOT/conf/fairscheduler.xml"
  --driver-memory "${DRIVER_MEMORY:-2g}"
  "${CONFS[@]}")
LOG_CONF="-Dlog4j2.configurationFile=$ROOT/conf/log4j2.properties"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

if [[ -n "${SPARK_HOME:-}" ]]; then
  exec "$SPARK_HOME/bin/spark-submit" "${SPARK_ARGS[@]}" \
    --driver-java-options "$JAVA17_OPENS $LOG_CONF" "$JAR" "$@"
fi
# Client mode in this JVM: the driver's options are this java command's own.
# shellcheck disable=SC2086
exec java $JAVA17_OPENS $LOG_CONF -Xmx"${DRIVER_MEMORY:-2g}" \
  -cp "$JAR:$(cat "$PROVIDED_CP")" org.apache.spark.deploy.SparkSubmit "${SPARK_ARGS[@]}" "$JAR" "$@"
