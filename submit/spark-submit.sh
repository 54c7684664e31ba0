#!/usr/bin/env bash
# Runs one job of the application with spark-submit.
#
#   submit/spark-submit.sh [script and spark-submit options] <job> [job options]
#
# Uses $SPARK_HOME/bin/spark-submit when SPARK_HOME is set; otherwise Spark's own SparkSubmit
# from the project's resolved Spark jars, so that it works on a machine without Spark installed.
# The master comes from --master, else SPARK_MASTER (default local[*]). Connection strings with
# credentials go in MONGODB_URI or a file (--uri-file), never on this command line.
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
  --master URL            Spark master (default: \$SPARK_MASTER, else local[*])
  --deploy-mode MODE      client or cluster, passed to spark-submit
  --name NAME             application name (default: shop-analytics <job>)
  --queue QUEUE           YARN queue
  --jars, --packages, --files LIST   passed to spark-submit
  --verbose               spark-submit prints the properties it uses (secrets redacted)
  --explain               print the spark-submit command and the effective properties, layer by
                          layer, secrets redacted, and run nothing
  -h, --help              This help; '<job> --help' lists a job's options with their defaults

Environment:
  SPARK_HOME     use this Spark installation's spark-submit (default: the project's Spark jars)
  SPARK_MASTER   master URL when --master is not given (default: local[*])
  MONGODB_URI    connection string, may hold credentials (no default off a local master)
  MONGODB_URI_FILE  file holding the connection string
  DRIVER_MEMORY  driver heap (default: spark.driver.memory of the properties, else 2g)
  SPARK_CONF_DIR with SPARK_HOME: where spark-defaults.conf is (default: \$SPARK_HOME/conf); its settings
                 apply under the properties file's

Jobs:
  load                 seed users, products and orders (sharding and indexes on a real cluster)
  product-analytics    product_analytics for --period / --from --to
  sales-analytics      sales_analytics for --period / --from --to
  customer-analytics   customer_analytics with RFM scores for --as-of
  all                  the three, reading orders once and computing them concurrently
  show                 a readable view of what the jobs wrote
  report               the analytics as charts in one self-contained HTML page
  stream               keep the three current from the change stream of orders (--checkpoint DIR)
USAGE
}

SUBMIT_OPTS=()
APP_NAME=""
EXPLAIN=false
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
    --master) MASTER="$2"; shift 2 ;;
    --name) APP_NAME="$2"; shift 2 ;;
    --deploy-mode|--queue|--jars|--packages|--files) SUBMIT_OPTS+=("$1" "$2"); shift 2 ;;
    --verbose) SUBMIT_OPTS+=("$1"); shift ;;
    --explain) EXPLAIN=true; shift ;;
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

# Spark 3.5 reads spark-defaults.conf only when it is given no --properties-file (its launcher and
# SparkSubmitArguments take one or the other). Prints a file holding the installation's defaults ($1)
# followed by the properties file ($2), so that the cluster's own settings (queue, event log, Kerberos, images)
# still apply and the project's win where both set a key. Named by its content in a directory only
# this user can read (the defaults may hold secrets): concurrent runs share it, and it outlives exec.
with_spark_defaults() {
  local defaults="$1"
  local dir="${TMPDIR:-/tmp}/shop-analytics-$(id -u)"
  mkdir -p -m 700 "$dir"
  if [[ ! -O "$dir" ]]; then
    echo "ERROR: $dir belongs to another user" >&2
    exit 1
  fi
  local partial="$dir/.spark-$$.properties" merged
  { cat "$defaults"; echo; cat "$2"; } > "$partial"
  merged="$dir/spark-$(cksum < "$partial" | cut -d' ' -f1).properties"
  mv -f "$partial" "$merged"
  echo "$merged"
}

# No Java 17 options for the executors, nor for the driver that bin/spark-submit launches: Spark 3.5's
# launcher adds its JavaModuleOptions to the driver's command, and SparkContext prepends them to
# spark.driver/executor.extraJavaOptions, so what a properties file sets there is kept.
# The driver's memory is left to spark.driver.memory unless DRIVER_MEMORY is set.
# spark-submit names an application after its main class unless given --name: the job's name instead.
SPARK_ARGS=(--master "$MASTER" --class "$MAIN_CLASS" --name "${APP_NAME:-shop-analytics $1}"
  --conf "spark.scheduler.allocation.file=$ROOT/conf/fairscheduler.xml"
  ${DRIVER_MEMORY:+--driver-memory "$DRIVER_MEMORY"}
  "${SUBMIT_OPTS[@]}" "${CONFS[@]}")
LOG_CONF="-Dlog4j2.configurationFile=$ROOT/conf/log4j2.properties -Dlog4j2.isThreadContextMapInheritable=true"
# The driver binds to, and tells executors to reach it at, 127.0.0.1 only where every JVM is on this
# machine: a local master, or the project's own standalone cluster (submit/local-cluster.sh). On YARN,
# Kubernetes or a remote standalone master the executors must reach the driver's real address.
case "$MASTER" in
  local|local\[*|spark://127.0.0.1:*|spark://localhost:*) export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}" ;;
esac

SITE_DEFAULTS=""
if [[ -n "${SPARK_HOME:-}" && -f "${SPARK_CONF_DIR:-$SPARK_HOME/conf}/spark-defaults.conf" ]]; then
  SITE_DEFAULTS="${SPARK_CONF_DIR:-$SPARK_HOME/conf}/spark-defaults.conf"
fi
if [[ "$EXPLAIN" == true ]]; then
  # shellcheck source=lib/explain.sh
  source "$ROOT/submit/lib/explain.sh"
  echo "SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-(unset)}"
  explain_run "$SITE_DEFAULTS" "$PROPERTIES" "${#SPARK_ARGS[@]}" "${SPARK_ARGS[@]}" "$JAR" "$@"
  exit 0
fi

if [[ ! -f "$JAR" || ! -f "$PROVIDED_CP" ]]; then
  echo "Building the application jar (first run)..." >&2
  (cd "$ROOT" && mvn -q -B -DskipTests package) >&2
fi

if [[ -n "${SPARK_HOME:-}" ]]; then
  # SPARK_SUBMIT_OPTS rather than --driver-java-options, which would replace spark.driver.extraJavaOptions.
  export SPARK_SUBMIT_OPTS="${SPARK_SUBMIT_OPTS:+$SPARK_SUBMIT_OPTS }$LOG_CONF"
  if [[ -n "$SITE_DEFAULTS" ]]; then
    PROPERTIES="$(with_spark_defaults "$SITE_DEFAULTS" "$PROPERTIES")"
  fi
  exec "$SPARK_HOME/bin/spark-submit" --properties-file "$PROPERTIES" "${SPARK_ARGS[@]}" "$JAR" "$@"
fi
# Client mode in this JVM: the driver's options are this java command's own, the Java 17 ones included,
# and its heap cannot follow spark.driver.memory later: DRIVER_MEMORY, else the properties file's, else 2g.
DRIVER_HEAP="${DRIVER_MEMORY:-$(sed -n 's/^[[:space:]]*spark\.driver\.memory[[:space:]]*[=:[:space:]][[:space:]]*//p' "$PROPERTIES" | tail -n 1)}"
# shellcheck disable=SC2086
exec java $JAVA17_OPENS $LOG_CONF -Xmx"${DRIVER_HEAP:-2g}" \
  -cp "$JAR:$(cat "$PROVIDED_CP")" org.apache.spark.deploy.SparkSubmit --properties-file "$PROPERTIES" \
  "${SPARK_ARGS[@]}" "$JAR" "$@"
