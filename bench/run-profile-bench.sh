#!/usr/bin/env bash
# Benchmarks patient-profile-svc over gRPC on loopback against a throw-away database:
#   bench/run-profile-bench.sh [--patients 50000] [--get-samples 20000] ...   (options of ProfileServiceBench)
# Builds the project, creates a fresh database (DB_URL's server, else 127.0.0.1:5432), starts the service on
# ports 18201/19201, runs the driver, then stops the service and drops the database. Prints figures only.
# BENCH_DB=name keeps (and reuses) a named database instead: load once, then measure with --skip-create.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
mvn -B -q -ntp install -DskipTests -pl patient-profile-svc,bench,local-postgres -am
mvn -B -q -ntp -pl local-postgres dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
LPG="$ROOT/local-postgres/target/classes:$(cat local-postgres/target/classpath.txt)"
DB="${BENCH_DB:-bench_$(date +%s)}"
export DB_URL
DB_URL=$(java -cp "$LPG" org.oncopredict.localpg.LocalPostgresMain ensure-db "$DB" | tail -n 1)
LOG=$(mktemp /tmp/profile-bench-svc.XXXXXX.log)
# Without token verification (AUTH_ENABLED=false): this measures the service's own work.
HTTP_PORT=18201 GRPC_PORT=19201 LOG_JSON=false AUTH_ENABLED=false java -jar patient-profile-svc/target/quarkus-app/quarkus-run.jar >"$LOG" 2>&1 &
SVC=$!
cleanup() {
  kill "$SVC" 2>/dev/null || true
  wait "$SVC" 2>/dev/null || true
  if [[ -z "${BENCH_DB:-}" ]]; then
    DB_URL= java -cp "$LPG" org.oncopredict.localpg.LocalPostgresMain drop-db "$DB" || true
  fi
}
trap cleanup EXIT
for _ in $(seq 1 60); do curl -fsS http://127.0.0.1:18201/q/health/ready >/dev/null 2>&1 && break; sleep 1; done
curl -fsS http://127.0.0.1:18201/q/health/ready >/dev/null || { echo "service did not start; see $LOG"; exit 1; }
java -Xmx2g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.oncopredict.bench.ProfileServiceBench \
  --target 127.0.0.1:19201 "$@"
