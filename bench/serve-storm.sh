#!/usr/bin/env bash
# Benchmark of `stepwise serve` through a storm of saves (not a test): a copy of the sample site
# is served while one asset is saved SAVES times, INTERVAL_MS apart (100 saves a second for 10
# seconds by default), and two readers fetch its page without pause. Prints how many requests
# were answered during the storm with their p50 and p99 latency, how many rebuilds the storm
# made, and the time from the last save to its page being served. The test
# `tests/serve_faults.rs` proves the same without timing: every page served is one whole save,
# and the last save is what stays.
#
#   bench/serve-storm.sh
#   SAVES=300 INTERVAL_MS=5 bench/serve-storm.sh
#
# Environment: SAVES (default 1000), INTERVAL_MS (default 10), STEPWISE (default
# target/release/stepwise, built first), TMPBASE (default /dev/shm).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SAVES=${SAVES:-1000}
INTERVAL_MS=${INTERVAL_MS:-10}
TMPBASE=${TMPBASE:-/dev/shm}

# shellcheck source=bench/serve-lib.sh
source "$ROOT/bench/serve-lib.sh" "$TMPBASE"
site=$SCRATCH/site
mkdir -p "$site"
cp -r "$ROOT/stepwise.toml" "$ROOT/content" "$ROOT/themes" "$site/"

"$STEPWISE" serve --root "$site" --port 0 >"$SCRATCH/serve.log" 2>&1 &
SERVER=$!
until grep -q '^serving ' "$SCRATCH/serve.log"; do sleep 0.05; done
port=$(sed -n 's|^serving .* at http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$SCRATCH/serve.log")

python3 - "$port" "$site/content/guides/measuring-your-ap-baseline.md" "$SAVES" "$INTERVAL_MS" <<'PYTHON'
import http.client, re, statistics, sys, threading, time

port, asset, saves, interval = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4]) / 1000
page = "/guides/measuring-your-ap-baseline/"
original = open(asset, encoding="utf-8").read()
title = re.search(r'^title = "(.*)"$', original, re.M).group(1)

def save(n):
    with open(asset, "w", encoding="utf-8") as file:
        file.write(original.replace(f'title = "{title}"', f'title = "Save {n}"', 1))

def fetch():
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    started = time.perf_counter()
    connection.request("GET", page)
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    return time.perf_counter() - started, response.status, body

latencies, statuses, storming = [], [], True
def reader():
    while storming:
        took, status, _ = fetch()
        latencies.append(took)
        statuses.append(status)

readers = [threading.Thread(target=reader) for _ in range(2)]
for thread in readers:
    thread.start()
started = time.perf_counter()
for n in range(1, saves + 1):
    save(n)
    time.sleep(interval)
last_save = time.perf_counter()
storming = False
for thread in readers:
    thread.join()
while f"<title>Save {saves} " not in fetch()[2]:
    time.sleep(0.001)
settled = time.perf_counter() - last_save
open(asset, "w", encoding="utf-8").write(original)
latencies.sort()
p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
print(f"{saves} saves in {last_save - started:.1f} s; {len(latencies)} requests answered during the storm "
      f"({sum(s != 200 for s in statuses)} not 200), p50 {p(0.50):.1f} ms, p99 {p(0.99):.1f} ms; "
      f"the last save served {settled * 1000:.0f} ms after it was written")
PYTHON
rebuilds=$(grep -c '^rebuild ' "$SCRATCH/serve.log" || true)
failed=$(grep -c '^error: rebuild ' "$SCRATCH/serve.log" || true)
echo "rebuilds during the storm: $rebuilds ($failed of them of a file caught half-written)"
