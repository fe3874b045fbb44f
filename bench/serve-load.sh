#!/usr/bin/env bash
# Benchmark of `stepwise serve` under load (not a test): the sample site served on loopback,
# CONNECTIONS concurrent connections sending REQUESTS requests in all to one page of every type,
# with a load tool; prints the p50 and p99 latency, the requests that failed and the server's
# resident memory before and after (and its peak). The test `tests/serve_faults.rs` proves the
# same without timing: a thousand connections at once, every one answered, memory bounded.
#
#   bench/serve-load.sh                          # 1,000 connections, 100,000 requests
#   CONNECTIONS=200 REQUESTS=20000 bench/serve-load.sh
#
# The load tool is oha (`cargo install oha --locked --root /tmp/oha`, then OHA=/tmp/oha/bin/oha),
# or, when no oha is found, hey (Debian's package `hey`): both open every connection at once and
# report the latency distribution.
#
# Environment: CONNECTIONS (default 1000), REQUESTS (default 100000), STEPWISE (default
# target/release/stepwise, built first), OHA (default `oha` on the PATH), HEY (default `hey`).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONNECTIONS=${CONNECTIONS:-1000}
REQUESTS=${REQUESTS:-100000}
OHA=${OHA:-oha}
HEY=${HEY:-hey}
PAGES=(/ /steps/key-facts/ /case-studies/brightwater-foods/ /style.css)

# shellcheck source=bench/serve-lib.sh
source "$ROOT/bench/serve-lib.sh" "${TMPDIR:-/tmp}"
# Both sides need a descriptor per connection, and a few more.
ulimit -n $((CONNECTIONS * 2 + 256))

"$STEPWISE" serve --root "$ROOT" --port 0 >"$SCRATCH/serve.log" 2>&1 &
SERVER=$!
until grep -q '^serving ' "$SCRATCH/serve.log"; do sleep 0.05; done
port=$(sed -n 's|^serving .* at http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$SCRATCH/serve.log")
memory() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$SERVER/status"; }
before=$(memory VmRSS)

per_page=$((REQUESTS / ${#PAGES[@]}))
printf 'stepwise serve, %d connections, %d requests per page\n' "$CONNECTIONS" "$per_page"
printf '%-34s %10s %10s %8s %8s\n' page p50_ms p99_ms failed req/s
for page in "${PAGES[@]}"; do
    url="http://127.0.0.1:$port$page"
    if command -v "$OHA" >/dev/null; then
        tool=oha
        "$OHA" --no-tui --output-format json -n "$per_page" -c "$CONNECTIONS" "$url" >"$SCRATCH/run.json"
        read -r p50 p99 failed rate < <(python3 - "$SCRATCH/run.json" <<'PYTHON'
import json, sys
run = json.load(open(sys.argv[1]))
latency = run["latencyPercentiles"]
codes = run.get("statusCodeDistribution", {})
failed = sum(n for code, n in codes.items() if code != "200") + sum(run.get("errorDistribution", {}).values())
print(f'{latency["p50"] * 1000:.2f} {latency["p99"] * 1000:.2f} {failed} {run["summary"]["requestsPerSec"]:.0f}')
PYTHON
)
    else
        tool=hey
        "$HEY" -n "$per_page" -c "$CONNECTIONS" "$url" >"$SCRATCH/run.txt"
        read -r p50 p99 failed rate < <(python3 - "$SCRATCH/run.txt" <<'PYTHON'
import re, sys
text = open(sys.argv[1]).read()
percentile = lambda p: float(re.search(rf"{p}% in ([0-9.]+) secs", text).group(1)) * 1000
codes = dict((int(c), int(n)) for c, n in re.findall(r"\[(\d+)\]\s+(\d+) responses", text))
failed = sum(n for c, n in codes.items() if c != 200) + len(re.findall(r"^\s+\[\d+\]\s+Get ", text, re.M))
rate = float(re.search(r"Requests/sec:\s+([0-9.]+)", text).group(1))
print(f"{percentile(50):.2f} {percentile(99):.2f} {failed} {rate:.0f}")
PYTHON
)
    fi
    printf '%-34s %10s %10s %8s %8s\n' "$page" "$p50" "$p99" "$failed" "$rate"
done
after=$(memory VmRSS)
peak=$(memory VmHWM)
printf 'load tool: %s; server memory: %d MB before, %d MB after, %d MB at its peak\n' \
    "$tool" $((before / 1024)) $((after / 1024)) $((peak / 1024))
