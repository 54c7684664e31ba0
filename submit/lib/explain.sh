# explain_run: prints the spark-submit command the wrapper would run and the properties in effect,
# each with the layer it comes from, secrets redacted. Later layers win, as in spark-submit: the
# site's spark-defaults.conf, the project's properties file, --conf, then the command line's own
# options (--master, --name, --queue, ...).
#
#   explain_run <defaults file or ""> <properties file> <N> <spark-submit options (N words)> <jar> <job args...>

# Keys whose values are never printed: Spark's default spark.redaction.regex plus the connection
# strings, as in conf/*.properties.
EXPLAIN_SECRET_KEYS='secret|password|token|access[.]key|connection[.]uri|uri$'

# "layer<TAB>key<TAB>value" for every property of a Java properties file (key, then '=', ':' or blanks).
explain_file() {
  awk -v layer="$1" '
    /^[[:space:]]*([#!]|$)/ { next }
    {
      sub(/^[[:space:]]+/, "")
      if (match($0, /[=:[:space:]]/)) {
        key = substr($0, 1, RSTART - 1); value = substr($0, RSTART)
        sub(/^[[:space:]]*[=:]?[[:space:]]*/, "", value); sub(/[[:space:]]+$/, "", value)
      } else { key = $0; value = "" }
      print layer "\t" key "\t" value
    }' "$2"
}

# The same for spark-submit's arguments: --conf pairs, and the options that stand for a property.
explain_args() {
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --conf) printf '%s\t%s\t%s\n' "--conf" "${2%%=*}" "${2#*=}"; shift 2 ;;
      --master) printf '%s\t%s\t%s\n' "$1" spark.master "$2"; shift 2 ;;
      --deploy-mode) printf '%s\t%s\t%s\n' "$1" spark.submit.deployMode "$2"; shift 2 ;;
      --name) printf '%s\t%s\t%s\n' "$1" spark.app.name "$2"; shift 2 ;;
      --queue) printf '%s\t%s\t%s\n' "$1" spark.yarn.queue "$2"; shift 2 ;;
      --driver-memory) printf '%s\t%s\t%s\n' "$1" spark.driver.memory "$2"; shift 2 ;;
      --jars) printf '%s\t%s\t%s\n' "$1" spark.jars "$2"; shift 2 ;;
      --packages) printf '%s\t%s\t%s\n' "$1" spark.jars.packages "$2"; shift 2 ;;
      --files) printf '%s\t%s\t%s\n' "$1" spark.files "$2"; shift 2 ;;
      *) shift ;;
    esac
  done
}

# Masks the value of a secret key, and the password of any MongoDB connection string.
explain_redact() {
  awk -F'\t' -v OFS='\t' -v secret="$EXPLAIN_SECRET_KEYS" '
    tolower($2) ~ secret { $3 = "*********(redacted)" } { print }' \
    | sed -E 's#(mongodb(\+srv)?://[^:/@[:space:]]*):[^@[:space:]]*@#\1:****@#g'
}

explain_run() {
  local defaults="$1" properties="$2" options="$3"
  shift 3
  echo "spark-submit $(printf '%s\n' "$@" | awk -v secret="$EXPLAIN_SECRET_KEYS" '
      previous == "--conf" && tolower(substr($0, 1, index($0, "=") - 1)) ~ secret {
        $0 = substr($0, 1, index($0, "=")) "*********(redacted)" }
      { previous = $0; printf "%s%s", (NR > 1 ? " " : ""), $0 }')"
  echo "effective properties (key = value  [layer]; later layers win: spark-defaults.conf, properties file, --conf, command line):"
  {
    if [[ -n "$defaults" ]]; then explain_file spark-defaults.conf "$defaults"; fi
    explain_file "$properties" "$properties"
    explain_args "${@:1:$options}"
  } | explain_redact | awk -F'\t' '
      { value[$2] = $3; layer[$2] = $1 }
      END { for (key in value) print "  " key " = " value[key] "  [" layer[key] "]" }' | LC_ALL=C sort
}
