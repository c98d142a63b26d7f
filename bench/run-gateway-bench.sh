#!/usr/bin/env bash
# Benchmarks the gateway (figures only):
#   bench/run-gateway-bench.sh [--patients 3000] [--clients 32] [--seconds 20]
# Starts everything for real on throw-away databases and its own ports: Keycloak (18280) with the realm,
# patient-profile-svc (18201/19201) and efficacy-model-svc (18202/19202) with token verification on, the gateway
# (18200); loads --patients simulated patients (service-account token), trains (B = 20) and activates a model as
# the data scientist and admin, then measures authenticated treatment-options through the gateway and the same
# prediction straight to the efficacy service over gRPC. Everything is stopped and dropped at the end.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
PATIENTS=3000
CLIENTS=32
SECONDS_MEASURED=20
while [[ $# -gt 0 ]]; do
  case "$1" in
    --patients) PATIENTS=$2; shift 2 ;;
    --clients) CLIENTS=$2; shift 2 ;;
    --seconds) SECONDS_MEASURED=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
mvn -B -q -ntp install -DskipTests
mvn -B -q -ntp -pl local-postgres dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
LPG="$ROOT/local-postgres/target/classes:$(cat local-postgres/target/classpath.txt)"
LKC="$ROOT/local-keycloak/target/classes:$(cat local-keycloak/target/classpath.txt)"
BENCH=(java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.oncopredict.bench.GatewayBench)
ISSUER=http://127.0.0.1:18280/realms/oncology

STAMP=$(date +%s)
DBS=("bench_gw_profiles_$STAMP" "bench_gw_efficacy_$STAMP" "bench_gw_gateway_$STAMP")
URLS=()
for db in "${DBS[@]}"; do URLS+=("$(java -cp "$LPG" org.oncopredict.localpg.LocalPostgresMain ensure-db "$db" | tail -n 1)"); done
WORK=$(mktemp -d /tmp/gateway-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  for db in "${DBS[@]}"; do java -cp "$LPG" org.oncopredict.localpg.LocalPostgresMain drop-db "$db" >/dev/null || true; done
  echo "logs: $WORK"
}
trap cleanup EXIT
wait_ready() {
  for _ in $(seq 1 "$2"); do curl -fsS "$1" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "not ready: $1 (logs in $WORK)"; exit 1
}

java -cp "$LKC" org.oncopredict.localkc.LocalKeycloakMain serve "$WORK/keycloak" 18280 \
  "$ROOT/deploy/keycloak/oncology-realm.json" >"$WORK/keycloak.log" 2>&1 &
PIDS+=($!)
wait_ready "$ISSUER/.well-known/openid-configuration" 300
AUTH=(AUTH_ENABLED=true OIDC_ISSUER=$ISSUER LOG_JSON=false)
env "${AUTH[@]}" DB_URL="${URLS[0]}" HTTP_PORT=18201 GRPC_PORT=19201 \
  java -jar patient-profile-svc/target/quarkus-app/quarkus-run.jar >"$WORK/profiles.log" 2>&1 &
PIDS+=($!)
# The gate is relaxed: this measures speed, not the model of a few thousand patients.
env "${AUTH[@]}" DB_URL="${URLS[1]}" HTTP_PORT=18202 GRPC_PORT=19202 PROFILE_GRPC_PORT=19201 \
  ONCOPREDICT_GATE_MIN_AUROC=0.5 ONCOPREDICT_GATE_CALIBRATION_SLOPE_MIN=0.3 ONCOPREDICT_GATE_CALIBRATION_SLOPE_MAX=3 \
  java -Xmx3g -jar efficacy-model-svc/target/quarkus-app/quarkus-run.jar >"$WORK/efficacy.log" 2>&1 &
PIDS+=($!)
env "${AUTH[@]}" DB_URL="${URLS[2]}" HTTP_PORT=18200 HTTP_HOST=127.0.0.1 PROFILE_GRPC_PORT=19201 EFFICACY_GRPC_PORT=19202 \
  java -jar gateway/target/quarkus-app/quarkus-run.jar >"$WORK/gateway.log" 2>&1 &
PIDS+=($!)
for port in 18201 18202 18200; do wait_ready "http://127.0.0.1:$port/q/health/ready" 120; done

TOKEN_FILE="$WORK/service-token"
curl -fsS -d grant_type=client_credentials -d client_id=oncopredict-services -d client_secret=dev-services-secret-change-me \
  "$ISSUER/protocol/openid-connect/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' >"$TOKEN_FILE"
java -jar cohort-sim/target/cohort-sim.jar load -n "$PATIENTS" --seed 1 --target 127.0.0.1:19201 --concurrency 8 \
  --token-file "$TOKEN_FILE" | tail -n 1
"${BENCH[@]}" --mode prepare --issuer "$ISSUER" --efficacy 127.0.0.1:19202
"${BENCH[@]}" --mode run --issuer "$ISSUER" --gateway http://127.0.0.1:18200 --efficacy 127.0.0.1:19202 \
  --clients "$CLIENTS" --seconds "$SECONDS_MEASURED" --warmup 60
