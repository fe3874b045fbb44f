#!/usr/bin/env bash
# Lighthouse scores of the sample site (not part of CI: it is slow and needs a pinned download
# of Lighthouse from npm). Builds the site with the served address as its absolute base URL,
# serves it on loopback and prints the four scores of the overview, a step page and an asset
# page. Needs Chromium (scripts/install-test-tools.sh), node and python3.
#   scripts/lighthouse.sh [PAGE_PATH...]   e.g. scripts/lighthouse.sh "" steps/key-facts/
set -euo pipefail
cd "$(dirname "$0")/.."

LIGHTHOUSE=lighthouse@12.8.2   # the last release that runs on node 20
FLAGS="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run \
--disable-background-networking --disable-component-update --disable-sync"
if [ $# -eq 0 ]; then
  set -- "" steps/key-facts/ case-studies/harbourline-logistics/
fi

source scripts/lib/serve-sample-site.sh
serve_sample_site

printf '%-56s %12s %14s %15s %5s\n' page performance accessibility best-practices seo
for path in "$@"; do
  report="$work/report.json"
  CHROME_PATH=/usr/bin/chromium npx --yes "$LIGHTHOUSE" "$base$path" --quiet \
    --chrome-flags="$FLAGS --user-data-dir=$work/profile" \
    --only-categories=performance,accessibility,best-practices,seo \
    --output=json --output-path="$report" >/dev/null
  node -e '
    const { categories: c } = require(process.argv[1]);
    const score = (id) => String(Math.round(c[id].score * 100));
    console.log(process.argv[2].padEnd(56), score("performance").padStart(12),
      score("accessibility").padStart(14), score("best-practices").padStart(15), score("seo").padStart(5));
  ' "$report" "/$path"
done
