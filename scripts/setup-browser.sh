#!/usr/bin/env bash
# Installs what the web UI's browser tests need from Debian's packages: Chromium and its ChromeDriver
# (/usr/bin/chromium, /usr/bin/chromedriver), and a CJK font for the screenshots. Idempotent; no browser is downloaded
# from anywhere else.
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  exit 0
fi
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "setup-browser: run as root or install sudo (needs apt-get install chromium chromium-driver)" >&2; exit 1; }
  SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-droid-fallback >/dev/null
command -v chromium >/dev/null && command -v chromedriver >/dev/null
