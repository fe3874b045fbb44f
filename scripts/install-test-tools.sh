#!/usr/bin/env bash
# Installs what the tests need beyond Rust: for the browser tests, Debian's Chromium and a Java
# runtime (for the Nu Html Checker), then the pinned node packages of tests/browser
# (playwright-core, axe-core, vnu-jar); for the calculators' workbooks, the independent formula
# engine (scripts/install-formulas.sh).
# Run it as root on Debian; CI runs it on every clean clone. No browser is ever downloaded: the
# tests drive /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null || ! command -v java >/dev/null; then
  apt-get update
  apt-get install -y chromium default-jre-headless
fi

# --ignore-scripts: vnu-jar's install script would fetch a Java runtime; Debian's is used.
(cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund)

scripts/install-formulas.sh
