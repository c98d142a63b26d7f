#!/usr/bin/env bash
# Benchmarks efficacy-model-svc (figures only):
#   bench/run-efficacy-bench.sh [--train-sizes 10000,50000] [--patients 5000] [--samples 2000]
# 1. in-process training time for each simulated cohort size (B = 20);
# 2. in-process predict latency, one patient x 10 regimens with intervals and explanations;
# 3. the services for real: throw-away databases, patient-profile-svc (ports 18201/19201) loaded with
#    --patients simulated patients, efficacy-model-svc (18202/19202) trained over gRPC and activated, then
#    PredictTreatmentOutcomes latency over gRPC and StreamPredictions throughput. Everything is stopped and
#    dropped at the end.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
TRAIN_SIZES=10000,50000
PATIENTS=5000
SAMPLES=2000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --train-sizes) TRAIN_SIZES=$2; shift 2 ;;
    --patients) PATIENTS=$2; shift 2 ;;
    --samples) SAMPLES=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
mvn -B -q -ntp install -DskipTests -pl patient-profile-svc,efficacy-model-svc,cohort-sim,bench,local-postgres -am
mvn -B -q -ntp -pl local-postgres dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
LPG="$ROOT/local-postgres/target/classes:$(cat local-postgres/target/classpath.txt)"
BENCH=(java -Xmx6g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.oncopredict.bench.EfficacyBench)

"${BENCH[@]}" --mode train --patients "$TRAIN_SIZES"
"${BENCH[@]}" --mode predict --patients 10000 --samples "$SAMPLES"

STAMP=$(date +%s)
PDB="bench_profiles_$STAMP"
EDB="bench_efficacy_$STAMP"
PURL=$(java -cp "$LPG" org.oncopredict.localpg.LocalPostgresMain ensure-db "$PDB" | tail -n 1)
EURL=$(java -cp "$LPG" org.oncopredict.localpg.LocalPostgresMain ensure-db "$EDB" | tail -n 1)
PLOG=$(mktemp /tmp/efficacy-bench-profiles.XXXXXX.log)
ELOG=$(mktemp /tmp/efficacy-bench-svc.XXXXXX.log)
# The services run without token verification (AUTH_ENABLED=false): this measures their own work; the gateway
# benchmark measures the authenticated path end to end.
DB_URL=$PURL HTTP_PORT=18201 GRPC_PORT=19201 LOG_JSON=false AUTH_ENABLED=false java -jar patient-profile-svc/target/quarkus-app/quarkus-run.jar >"$PLOG" 2>&1 &
PSVC=$!
# The gate is relaxed: this measures speed, and a model trained on a few thousand patients may miss the
# default calibration band by chance.
DB_URL=$EURL HTTP_PORT=18202 GRPC_PORT=19202 PROFILE_GRPC_PORT=19201 LOG_JSON=false AUTH_ENABLED=false \
  ONCOPREDICT_GATE_MIN_AUROC=0.5 ONCOPREDICT_GATE_CALIBRATION_SLOPE_MIN=0.3 ONCOPREDICT_GATE_CALIBRATION_SLOPE_MAX=3 \
  java -Xmx4g -jar efficacy-model-svc/target/quarkus-app/quarkus-run.jar >"$ELOG" 2>&1 &
ESVC=$!
cleanup() {
  kill "$PSVC" "$ESVC" 2>/dev/null || true
  wait "$PSVC" "$ESVC" 2>/dev/null || true
  java -cp "$LPG" org.oncopredict.localpg.LocalPostgresMain drop-db "$PDB" >/dev/null || true
  java -cp "$LPG" org.oncopredict.localpg.LocalPostgresMain drop-db "$EDB" >/dev/null || true
}
trap cleanup EXIT
for port in 18201 18202; do
  for _ in $(seq 1 90); do curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break; sleep 1; done
  curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null || { echo "service on $port did not start; see $PLOG $ELOG"; exit 1; }
done
java -jar cohort-sim/target/cohort-sim.jar load -n "$PATIENTS" --seed 1 --target 127.0.0.1:19201 --concurrency 8 | tail -n 1
"${BENCH[@]}" --mode prepare --target 127.0.0.1:19202
"${BENCH[@]}" --mode grpc --target 127.0.0.1:19202 --samples "$SAMPLES" --stream-patients "$PATIENTS"
