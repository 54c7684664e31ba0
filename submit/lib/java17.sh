# JAVA17_OPENS: the JVM options Spark needs on Java 17, read from conf/java17.properties (their one home).
# Expects ROOT to be the repository root.
JAVA17_OPENS="$(sed -n 's/^spark\.java17\.opens=//p' "$ROOT/conf/java17.properties")"
if [[ -z "$JAVA17_OPENS" ]]; then
  echo "ERROR: spark.java17.opens missing from $ROOT/conf/java17.properties" >&2
  exit 1
fi
