#!/usr/bin/env bash
# What the browser tests need beyond Python: Debian's Chromium, and axe-core from npm.
# Installs only what is missing; without root it says what to install and goes on
# (the browser tests then skip, unless REQUIRE_BROWSER=1 makes them fail).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium for the browser tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  else
    echo "note: no chromium; install Debian's 'chromium' package to run the browser tests" >&2
  fi
fi

if [ ! -f node_modules/axe-core/axe.min.js ]; then
  if command -v npm >/dev/null 2>&1; then
    npm ci --silent --no-audit --no-fund
  else
    echo "note: no npm; the accessibility tests need axe-core (npm ci)" >&2
  fi
fi
