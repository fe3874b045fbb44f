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

work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server"; rm -rf "$work"; }
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port/"
cargo run --quiet --release -- build --output-dir "$work/site" --base-url "$base" --today 2026-12-01 >/dev/null
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/site" >/dev/null 2>&1 &
server=$!
until python3 -c "import urllib.request; urllib.request.urlopen('$base')" 2>/dev/null; do sleep 0.1; done

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
