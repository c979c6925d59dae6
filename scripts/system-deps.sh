#!/usr/bin/env bash
# What the tests and downloads need beyond Python: Debian's Chromium (browser tests, and Ace's
# pages), Java (EPUBCheck), jing (validates the TEI download against tei_all), Pango (WeasyPrint,
# the PDF), poppler-utils (the PDF's text, read back by tests), qpdf (the PDF's link annotations,
# read back by tests), Firefox ESR, WebKitGTK's driver and xvfb (the three-engine smoke suite),
# and (through the Makefile's node_modules stamp) the npm packages of package-lock.json.
# Installs only what is missing; without root it says what to install and goes on
# (the browser tests then skip, unless REQUIRE_BROWSER=1 makes them fail).
set -euo pipefail
cd "$(dirname "$0")/.."

# firefox-esr, webkit2gtk-driver (WebKitWebDriver) and xvfb (its display): the three-engine smoke suite
PACKAGES="chromium firefox-esr webkit2gtk-driver xvfb fonts-dejavu-core default-jre-headless jing libpango-1.0-0 libpangoft2-1.0-0 poppler-utils qpdf"
missing=""
for package in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian packages:$missing"
    apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "note: missing Debian packages:$missing (install them to run every test)" >&2
  fi
fi

# The npm packages (package-lock.json) are installed by the Makefile (`make system-deps`,
# node_modules/.installed-from-lock), whenever the lock is newer than the last install.
