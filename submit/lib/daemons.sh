# Helpers shared by the scripts that start background daemons (dev-mongo.sh, local-cluster.sh).
# Sourced, not run. Expects ROOT (the repository) to be set; defines nothing else global.

# The pid in pid file $1 if that process still runs and its command line contains every further
# argument (a recycled pid is not ours); fails otherwise.
daemon_pid() {
  local file="$1" pid cmdline part
  shift
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  for part in "$@"; do
    [[ "$cmdline" == *"$part"* ]] || return 1
  done
  echo "$pid"
}

# The value that follows option $2 on the command line of process $1 (what a daemon was started with).
option_of() {
  tr '\0' '\n' <"/proc/$1/cmdline" | grep -A1 -x -- "$2" | tail -n 1
}

accepts_connections() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Builds the project when any of the files $2... is missing; $1 names the calling script.
build_if_missing() {
  local caller="$1" file
  shift
  for file in "$@"; do
    if [[ ! -f "$file" ]]; then
      echo "$caller: building the project (mvn -q -B -DskipTests package)"
      (cd "$ROOT" && mvn -q -B -Dstyle.color=never -DskipTests package) || { echo "$caller: ERROR: the build failed" >&2; exit 1; }
      return 0
    fi
  done
}

# Stops process $1 with SIGTERM, waits up to $2 seconds for it to exit, then SIGKILLs it with the
# warning $3 on stderr.
terminate() {
  local pid="$1" timeout="$2" warning="$3" waited=0
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited >= timeout * 5)); then
      echo "$warning" >&2
      kill -KILL "$pid" 2>/dev/null || true
      return 0
    fi
    sleep 0.2
    waited=$((waited + 1))
  done
}

# Runs the calling script's start, stop or status function, as its first argument asks.
dispatch() {
  case "${1:-}" in
    start | stop | status) "$1" ;;
    *)
      echo "usage: $0 start|stop|status" >&2
      exit 2
      ;;
  esac
}
