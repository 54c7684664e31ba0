#!/usr/bin/env bash
# The whole thing on a fresh machine: build, start the embedded dev server, seed it, run the
# analytics suite for 2024, print what was written and write the HTML report.
#
#   submit/quickstart.sh            (QUICKSTART_ORDERS=100000 by default)
#
# The dev server keeps running afterwards so that you can look at the data
# (mongosh mongodb://127.0.0.1:27017/shop); stop it with: submit/dev-mongo.sh stop
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
ORDERS="${QUICKSTART_ORDERS:-100000}"
PORT="${DEV_MONGO_PORT:-27017}"
export MONGODB_URI="mongodb://127.0.0.1:$PORT"

echo "==> Building (mvn package, tests skipped; run 'mvn -B verify' for the tests)"
mvn -q -B -DskipTests package

echo "==> Starting the embedded dev server on 127.0.0.1:$PORT"
submit/dev-mongo.sh start

echo "==> Seeding $ORDERS orders (loader)"
submit/spark-submit.sh load --drop --orders "$ORDERS"

echo "==> Running all analytics for 2024 (as of 2024-12-31)"
mkdir -p target
submit/spark-submit.sh all --from 2024-01 --to 2024-12 --as-of 2024-12-31 --summary-file target/quickstart-summary.json

echo "==> What was written"
submit/spark-submit.sh show

echo "==> Writing the report (charts of the analytics collections, one self-contained page)"
REPORT="$ROOT/target/report/index.html"
submit/spark-submit.sh report --output "$REPORT"

echo
echo "Run summary: target/quickstart-summary.json. The dev server is still running: submit/dev-mongo.sh stop"
echo "Report: $REPORT (open it in a browser: it needs no server and no network)"
