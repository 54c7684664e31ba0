#!/usr/bin/env bash
# A Spark standalone cluster on 127.0.0.1 from the project's own Spark jars: one Master and
# LOCAL_CLUSTER_WORKERS Workers, each a JVM of its own; the Workers launch executors in JVMs of
# their own, as on a real cluster. No Spark installation needed.
#
#   submit/local-cluster.sh start|stop|status
#   SPARK_MASTER=spark://127.0.0.1:7077 submit/spark-submit.sh all ...
#
# Environment:
#   LOCAL_CLUSTER_MASTER_PORT     Master port (default 7077)
#   LOCAL_CLUSTER_UI_PORT         Master web UI port (default 8080); the Workers' UIs take free ports
#   LOCAL_CLUSTER_WORKERS         number of Workers (default 2)
#   LOCAL_CLUSTER_WORKER_CORES    cores each Worker offers (default 1)
#   LOCAL_CLUSTER_WORKER_MEMORY   memory each Worker offers to executors (default 2g)
#   LOCAL_CLUSTER_DIR             pid files, logs, work dirs, the throwaway SPARK_HOME (default target/local-cluster)
#   LOCAL_CLUSTER_START_TIMEOUT   seconds to wait for the Master and every Worker (default 90)
#   LOCAL_CLUSTER_STOP_TIMEOUT    seconds to wait for a clean exit before SIGKILL (default 30)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MASTER_PORT="${LOCAL_CLUSTER_MASTER_PORT:-7077}"
UI_PORT="${LOCAL_CLUSTER_UI_PORT:-8080}"
WORKERS="${LOCAL_CLUSTER_WORKERS:-2}"
WORKER_CORES="${LOCAL_CLUSTER_WORKER_CORES:-1}"
WORKER_MEMORY="${LOCAL_CLUSTER_WORKER_MEMORY:-2g}"
DIR="${LOCAL_CLUSTER_DIR:-$ROOT/target/local-cluster}"
START_TIMEOUT="${LOCAL_CLUSTER_START_TIMEOUT:-90}"
STOP_TIMEOUT="${LOCAL_CLUSTER_STOP_TIMEOUT:-30}"
APP_JAR="$ROOT/jobs/target/shop-analytics-jobs.jar"
PROVIDED_CLASSPATH="$ROOT/jobs/target/provided-classpath.txt"
MASTER_CLASS=org.apache.spark.deploy.master.Master
WORKER_CLASS=org.apache.spark.deploy.worker.Worker
SPARK_HOME_DIR="$DIR/spark-home"
MASTER_URL="spark://127.0.0.1:$MASTER_PORT"

# Spark on Java 17 needs these in every JVM (the executors get them from spark-submit.sh).
# shellcheck source=lib/java17.sh
source "$ROOT/submit/lib/java17.sh"

die() {
  echo "local-cluster: ERROR: $*" >&2
  exit 1
}

# shellcheck source=lib/daemons.sh
source "$ROOT/submit/lib/daemons.sh"

# The pid in a pid file if that process still runs and is the daemon this script started there:
# its command line names the class and this cluster's directory.
running_pid() {
  daemon_pid "$1" "$2" "-Dlocal.cluster.dir=$DIR "
}

# The Master's own view, from its web UI's JSON.
alive_workers() {
  curl -fsS --max-time 5 "http://127.0.0.1:$UI_PORT/json/" 2>/dev/null | grep -o '"state" *: *"ALIVE"' | wc -l || true
}

# Workers build each executor's class path from $SPARK_HOME/jars (Spark's launcher library), so
# they get a SPARK_HOME of their own: jars/ links to the resolved Spark jars, conf/ holds the
# project's log4j2.properties (it masks connection strings in executor logs too).
prepare_spark_home() {
  rm -rf "$SPARK_HOME_DIR"
  mkdir -p "$SPARK_HOME_DIR/jars" "$SPARK_HOME_DIR/conf"
  local jar
  while IFS= read -r jar; do
    [[ -n "$jar" ]] && ln -s "$jar" "$SPARK_HOME_DIR/jars/$(basename "$jar")"
  done < <(tr ':' '\n' <"$PROVIDED_CLASSPATH")
  ln -s "$ROOT/conf/log4j2.properties" "$SPARK_HOME_DIR/conf/log4j2.properties"
}

# setsid: the daemons outlive this shell and its terminal; stop ends them through their pid files.
launch() {
  local name="$1" class="$2"
  shift 2
  echo "--- $(date -u +%Y-%m-%dT%H:%M:%SZ) start $name" >>"$DIR/$name.log"
  SPARK_HOME="$SPARK_HOME_DIR" SPARK_CONF_DIR="$SPARK_HOME_DIR/conf" SPARK_SCALA_VERSION=2.12 \
    SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS="$DIR/local" \
    setsid java $JAVA17_OPENS -Xmx512m -Dlocal.cluster.dir="$DIR" \
    -cp "$(cat "$PROVIDED_CLASSPATH")" "$class" "$@" >>"$DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$DIR/$name.pid"
}

# Waits until a check passes; stops what was started if the daemon dies or time runs out.
await() {
  local what="$1" pid_file="$2" log="$3"
  shift 3
  local waited=0
  until "$@"; do
    # kill -0, not running_pid: just launched, the process may not show java's command line yet
    if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      echo "local-cluster: ERROR: $what exited during start-up; last lines of $log:" >&2
      tail -n 30 "$log" >&2
      stop >&2
      exit 1
    fi
    if ((waited >= START_TIMEOUT * 5)); then
      echo "local-cluster: ERROR: $what not ready within ${START_TIMEOUT}s; last lines of $log:" >&2
      tail -n 30 "$log" >&2
      stop >&2
      exit 1
    fi
    sleep 0.2
    waited=$((waited + 1))
  done
}

workers_registered() {
  (($(alive_workers) >= WORKERS))
}

start() {
  local pid
  if pid="$(running_pid "$DIR/master.pid" "$MASTER_CLASS")"; then
    echo "local-cluster: already running (master pid $pid); see: $0 status"
    return 0
  fi
  for value in "$MASTER_PORT" "$UI_PORT" "$WORKERS" "$WORKER_CORES"; do
    [[ "$value" =~ ^[0-9]+$ ]] || die "ports, LOCAL_CLUSTER_WORKERS and LOCAL_CLUSTER_WORKER_CORES must be numbers, got '$value'"
  done
  for port in "$MASTER_PORT" "$UI_PORT"; do
    if accepts_connections "$port"; then
      die "127.0.0.1:$port is already in use by another process (set LOCAL_CLUSTER_MASTER_PORT / LOCAL_CLUSTER_UI_PORT)"
    fi
  done
  build_if_missing local-cluster "$APP_JAR" "$PROVIDED_CLASSPATH"
  mkdir -p "$DIR/local"
  prepare_spark_home

  launch master "$MASTER_CLASS" --host 127.0.0.1 --port "$MASTER_PORT" --webui-port "$UI_PORT"
  await "the Master" "$DIR/master.pid" "$DIR/master.log" accepts_connections "$MASTER_PORT"
  local i
  for ((i = 1; i <= WORKERS; i++)); do
    mkdir -p "$DIR/work-$i"
    launch "worker-$i" "$WORKER_CLASS" --host 127.0.0.1 --port 0 --webui-port 0 \
      --cores "$WORKER_CORES" --memory "$WORKER_MEMORY" --work-dir "$DIR/work-$i" "$MASTER_URL"
  done
  await "$WORKERS worker(s) registering with the Master" "$DIR/master.pid" "$DIR/master.log" workers_registered
  echo "local-cluster: running: $MASTER_URL ($WORKERS workers x $WORKER_CORES core(s), $WORKER_MEMORY each), UI http://127.0.0.1:$UI_PORT, logs $DIR"
  echo "local-cluster: submit with: SPARK_MASTER=$MASTER_URL submit/spark-submit.sh <job> ..."
}

stop_one() {
  local name="$1" class="$2" pid
  if ! pid="$(running_pid "$DIR/$name.pid" "$class")"; then
    rm -f "$DIR/$name.pid"
    return 0
  fi
  # SIGTERM: a Worker's shutdown hook kills the executors it launched.
  terminate "$pid" "$STOP_TIMEOUT" "local-cluster: WARNING: $name (pid $pid) did not exit within ${STOP_TIMEOUT}s, killing it"
  rm -f "$DIR/$name.pid"
  echo "local-cluster: stopped $name (pid $pid)"
}

stop() {
  local file name
  for file in "$DIR"/worker-*.pid; do
    [[ -e "$file" ]] || continue
    name="$(basename "$file" .pid)"
    stop_one "$name" "$WORKER_CLASS"
  done
  stop_one master "$MASTER_CLASS"
}

status() {
  local pid running=0 file name
  if pid="$(running_pid "$DIR/master.pid" "$MASTER_CLASS")"; then
    MASTER_PORT="$(option_of "$pid" --port)"
    UI_PORT="$(option_of "$pid" --webui-port)"
    echo "local-cluster: master running (pid $pid): spark://127.0.0.1:$MASTER_PORT, UI http://127.0.0.1:$UI_PORT"
    running=1
  else
    echo "local-cluster: master not running"
  fi
  for file in "$DIR"/worker-*.pid; do
    [[ -e "$file" ]] || continue
    name="$(basename "$file" .pid)"
    if pid="$(running_pid "$file" "$WORKER_CLASS")"; then
      echo "local-cluster: $name running (pid $pid)"
    else
      echo "local-cluster: $name not running"
    fi
  done
  if ((running)); then
    echo "local-cluster: $(alive_workers) worker(s) alive according to the Master"
    return 0
  fi
  return 1
}

dispatch "$@"
