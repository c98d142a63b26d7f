#!/bin/bash
# Runs once, when the postgres image initialises an empty data directory (docker-entrypoint-initdb.d).
# One login role per service; each creates and owns its own schema (Flyway), so none can read another's tables.
# Passwords come from the Secret oncopredict-secrets (the same keys the services use).
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v gateway_pw="$GATEWAY_DB_PASSWORD" \
  -v profile_pw="$PATIENT_PROFILE_DB_PASSWORD" \
  -v efficacy_pw="$EFFICACY_DB_PASSWORD" \
  -v db="$POSTGRES_DB" <<'SQL'
CREATE ROLE gateway LOGIN PASSWORD :'gateway_pw';
CREATE ROLE patient_profile LOGIN PASSWORD :'profile_pw';
CREATE ROLE efficacy LOGIN PASSWORD :'efficacy_pw';
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, CREATE, TEMPORARY ON DATABASE :"db" TO gateway, patient_profile, efficacy;
SQL
