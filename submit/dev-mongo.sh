#!/usr/bin/env bash
# Runs the embedded development server (devserver/, io.shopanalytics.devserver.DevMongoServer) in the background.
#
#   submit/dev-mongo.sh start|stop|status
#
# Environment:
#   DEV_MONGO_PORT           port on 127.0.0.1 (default 27017)
#   DEV_MONGO_DIR            data directory: H2 file, log, pid file (default .dev-mongo/ at the repo root)
#   DEV_MONGO_BACKEND        memory (default: fast, kept until stop) or h2 (on disk, survives restarts;
#                            slow to open, and H2 2.3 has corrupted its file under load here)
#   DEV_MONGO_HEAP           JVM -Xmx (default 2g for h2; 4g for memory, which holds every document on the heap)
#   DEV_MONGO_START_TIMEOUT  seconds to wait for the port to accept connections (default 180: the H2
#                            backend reads its whole file when it opens, which takes a while when it is large)
#   DEV_MONGO_STOP_TIMEOUT   seconds to wait for a clean exit before SIGKILL (default 30)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${DEV_MONGO_PORT:-27017}"
DATA_DIR="${DEV_MONGO_DIR:-$ROOT/.dev-mongo}"
BACKEND="${DEV_MONGO_BACKEND:-memory}"
if [[ "$BACKEND" == memory ]]; then DEFAULT_HEAP=4g; else DEFAULT_HEAP=2g; fi
HEAP="${DEV_MONGO_HEAP:-$DEFAULT_HEAP}"
START_TIMEOUT="${DEV_MONGO_START_TIMEOUT:-180}"
STOP_TIMEOUT="${DEV_MONGO_STOP_TIMEOUT:-30}"
MAIN_CLASS="io.shopanalytics.devserver.DevMongoServer"
SERVER_JAR="$ROOT/devserver/target/shop-analytics-devserver.jar"
SERVER_CLASSPATH="$ROOT/devserver/target/classpath.txt"
PID_FILE="$DATA_DIR/dev-mongo.pid"
LOG_FILE="$DATA_DIR/dev-mongo.log"
NOTICE="dev-mongo: an embedded MongoDB wire-protocol stand-in (mongo-java-server) without replication or sharding, not MongoDB."

die() {
  echo "dev-mongo: ERROR: $*" >&2
  exit 1
}

# shellcheck source=lib/daemons.sh
source "$ROOT/submit/lib/daemons.sh"

# The pid of the server this script started, if it still runs.
running_pid() {
  daemon_pid "$PID_FILE" "$MAIN_CLASS"
}

# The port a running server was started with (it may differ from today's DEV_MONGO_PORT).
port_of() {
  option_of "$1" --port
}

start() {
  echo "$NOTICE"
  local pid
  if pid="$(running_pid)"; then
    echo "dev-mongo: already running (pid $pid, port $(port_of "$pid"), data $DATA_DIR)"
    return 0
  fi
  [[ "$PORT" =~ ^[0-9]+$ ]] || die "DEV_MONGO_PORT must be a number, got '$PORT'"
  [[ "$BACKEND" == h2 || "$BACKEND" == memory ]] || die "DEV_MONGO_BACKEND must be h2 or memory, got '$BACKEND'"
  if accepts_connections "$PORT"; then
    die "127.0.0.1:$PORT is already in use by another process (set DEV_MONGO_PORT)"
  fi
  build_if_missing dev-mongo "$SERVER_JAR" "$SERVER_CLASSPATH"
  mkdir -p "$DATA_DIR"
  rm -f "$PID_FILE"
  echo "--- $(date -u +%Y-%m-%dT%H:%M:%SZ) start: port $PORT, backend $BACKEND, heap $HEAP" >>"$LOG_FILE"
  # setsid: the server outlives this shell and its terminal; stop ends it through the pid file
  # a heap too small for the data ends the server (see the log) instead of leaving it thrashing in GC
  setsid java -Xmx"$HEAP" -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError \
    -cp "$SERVER_JAR:$(cat "$SERVER_CLASSPATH")" "$MAIN_CLASS" \
    --port "$PORT" --data-dir "$DATA_DIR" --backend "$BACKEND" \
    >>"$LOG_FILE" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PID_FILE"
  local waited=0
  until accepts_connections "$PORT"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      echo "dev-mongo: ERROR: the server exited during start-up; last lines of $LOG_FILE:" >&2
      tail -n 30 "$LOG_FILE" >&2
      exit 1
    fi
    if ((waited >= START_TIMEOUT * 5)); then
      kill "$pid" 2>/dev/null || true
      rm -f "$PID_FILE"
      echo "dev-mongo: ERROR: 127.0.0.1:$PORT did not accept connections within ${START_TIMEOUT}s; last lines of $LOG_FILE:" >&2
      tail -n 30 "$LOG_FILE" >&2
      exit 1
    fi
    if ((waited == 25)); then
      echo "dev-mongo: waiting for 127.0.0.1:$PORT (a large H2 file takes a while to open; up to ${START_TIMEOUT}s)"
    fi
    sleep 0.2
    waited=$((waited + 1))
  done
  echo "dev-mongo: running (pid $pid) on mongodb://127.0.0.1:$PORT, backend $BACKEND, data $DATA_DIR, log $LOG_FILE"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    echo "dev-mongo: not running"
    return 0
  fi
  terminate "$pid" "$STOP_TIMEOUT" \
    "dev-mongo: WARNING: pid $pid did not exit within ${STOP_TIMEOUT}s, killing it (writes since the H2 store last committed are lost)"
  rm -f "$PID_FILE"
  echo "dev-mongo: stopped (pid $pid)"
}

status() {
  echo "$NOTICE"
  local pid
  if pid="$(running_pid)"; then
    echo "dev-mongo: running (pid $pid, port $(port_of "$pid"), data $DATA_DIR)"
    return 0
  fi
  echo "dev-mongo: not running"
  return 1
}

dispatch "$@"
