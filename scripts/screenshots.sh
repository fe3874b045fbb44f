#!/usr/bin/env bash
# The screenshots of the README: a step page and a savings calculator of the sample site, at a
# desktop width, in headless Chromium through the browser tests' driver (tests/browser/driver.js).
# Builds the sample site for the served address, serves it on loopback and writes
# docs/images/step-page.png and docs/images/calculator.png. Needs Chromium and the node packages
# of tests/browser (scripts/install-test-tools.sh) and python3.
#   scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."

WIDTH=1280
HEIGHT=900
STEP_PAGE=steps/evaluate-alternatives/
CALCULATOR=savings-calculators/invoice-processing-cost/

source scripts/lib/serve-sample-site.sh
serve_sample_site --today 2026-12-01

images="$PWD/docs/images"
mkdir -p "$images"
# One command a line; the driver answers each in turn, and stops when its input ends.
answers=$(node tests/browser/driver.js <<EOF
{"id": 1, "cmd": "open", "url": "$base$STEP_PAGE", "width": $WIDTH, "height": $HEIGHT}
{"id": 2, "cmd": "screenshot", "path": "$images/step-page.png"}
{"id": 3, "cmd": "open", "url": "$base$CALCULATOR", "width": $WIDTH, "height": $HEIGHT}
{"id": 4, "cmd": "eval", "script": "document.querySelector('.calc-results').scrollIntoView({block: 'end'})"}
{"id": 5, "cmd": "screenshot", "path": "$images/calculator.png"}
EOF
)
if grep -q '"ok":false' <<<"$answers"; then
  echo "the browser driver failed:" >&2
  echo "$answers" >&2
  exit 1
fi
echo "wrote docs/images/step-page.png and docs/images/calculator.png"
