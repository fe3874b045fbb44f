#!/usr/bin/env bash
# Benchmark of `stepwise serve` (not a test): on the generated 1,000- and 10,000-asset sites, on
# tmpfs, edits one asset's title EDITS times, a sentence at the end of its body EDITS times and a
# template EDITS times, and measures from the
# file write (a) to the reload message on the event stream, whatever pages it names (an edit that
# changes over 100 pages names "all"), and (b) to the new text served over HTTP on the asset's own
# page; prints the medians, and the server's resident memory against the build's peak.
#
#   bench/serve.sh                       # N = 1,000 and 10,000; 20 edits each
#   SIZES=10000 EDITS=10 bench/serve.sh
#
# With HUGO set to a `hugo` binary, runs `hugo server` on the same generated twin site too and
# measures (b), save to the new title served over HTTP, for the same asset (Hugo's reload goes
# over its own LiveReload socket, which is not read here).
#
# Environment: SIZES (default "1000 10000"), EDITS (default 20), STEPWISE (default
# target/release/stepwise, built first), TMPBASE (default /dev/shm), HUGO (default: no peer).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIZES=${SIZES:-"1000 10000"}
EDITS=${EDITS:-20}
TMPBASE=${TMPBASE:-/dev/shm}

SCRATCH=$(mktemp -d -p "$TMPBASE" stepwise-serve-bench.XXXXXX)
SERVER=
cleanup() {
    if [[ -n "$SERVER" ]]; then kill -INT "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
    rm -rf -- "$SCRATCH"
}
trap cleanup EXIT

(cd "$ROOT" && cargo build --release --quiet --bin stepwise --example generate) >&2
STEPWISE=${STEPWISE:-$ROOT/target/release/stepwise}
GENERATE=$ROOT/target/release/examples/generate

# Measures one kind of edit of the file FILE against a running server, polling the page at
# PAGE for the new text; prints "message_ms served_ms" medians. With "peer" as a sixth argument
# the server is a peer's: nothing is read from stepwise's event stream (message_ms is "-").
measure() {
    python3 - "$@" <<'PYTHON'
import http.client, json, socket, statistics, sys, time

port, kind, path, edits = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
page = sys.argv[5]
peer = len(sys.argv) > 6 and sys.argv[6] == "peer"
http_conn = http.client.HTTPConnection("127.0.0.1", port)

def get(url):
    global http_conn
    try:
        http_conn.request("GET", url)
        response = http_conn.getresponse()
        return response.status, response.read()
    except (http.client.HTTPException, OSError):
        # A page cut short while the server rebuilds: ask again.
        http_conn = http.client.HTTPConnection("127.0.0.1", port)
        return None, b""

def served(url, text):
    status, body = get(url)
    if status not in (None, 200):
        sys.exit(f"{url} answered {status}")
    return text.encode() in body

if not peer:
    events = socket.create_connection(("127.0.0.1", port))
    events.sendall(b"GET /__stepwise/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
    stream = events.makefile("rb")

def message():
    while True:
        line = stream.readline()
        if not line:
            sys.exit("the event stream ended")
        if line.startswith(b"data: "):
            return json.loads(line[6:])

def rebuilds():
    return json.loads(get("/__stepwise/status")[1])["rebuilds"]

def reload_after(before):
    """The first message of a rebuild after `before`, a reload of any pages ("all" too); an
    earlier one is no answer."""
    reply = message()
    while reply.get("rebuild", 0) <= before:
        reply = message()
    if reply.get("type") != "reload":
        sys.exit(f"expected a reload, got {reply}")
    return reply

if peer:
    served(page, "")
else:
    message()  # the greeting
time.sleep(0.5)  # the save that ended the run before is rebuilt by now
original = open(path, encoding="utf-8").read()
to_message, to_served = [], []
for n in range(edits):
    if kind == "asset":
        marker = f"Benchmark title {n}"
        text = original.replace('title = "', f'title = "{marker} ', 1)
    elif kind == "body":
        # A sentence at the end of the body: what a writer does most, seen on the asset's page
        # alone (its summary, the first paragraph, stays as it is).
        marker = f"Benchmark sentence {n}."
        text = original.rstrip("\n") + f"\n\n{marker}\n"
    else:
        marker = f'<meta name="benchmark" content="{n}">'
        text = original.replace("</head>", marker + "</head>", 1)
    before = None if peer else rebuilds()
    started = time.perf_counter()
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)
    if not peer:
        reload_after(before)
        to_message.append(time.perf_counter() - started)
    while not served(page, marker):
        time.sleep(0.001)
    to_served.append(time.perf_counter() - started)
    time.sleep(0.3)
with open(path, "w", encoding="utf-8") as file:
    file.write(original)
median = lambda times: f"{statistics.median(times) * 1000:.1f}" if times else "-"
print(median(to_message), median(to_served))
PYTHON
}

printf '%-8s %-10s %-16s %-16s %-12s %-12s\n' assets edit "write→message" "write→served" "serve RSS" "build peak"
for n in $SIZES; do
    site=$SCRATCH/site-$n
    "$GENERATE" "$n" "$site" >/dev/null 2>&1
    dir=$site/stepwise
    mkdir -p "$dir/templates"
    cp "$ROOT/themes/default/templates/base.html" "$dir/templates/base.html"
    /usr/bin/time -f "%M" -o "$SCRATCH/build-$n.kb" "$STEPWISE" build --root "$dir" --output-dir "$SCRATCH/out-$n" >/dev/null
    build_peak=$(tail -1 "$SCRATCH/build-$n.kb")
    asset=$(find "$dir/content" -name '*.md' | sort | sed -n 1p)
    # The asset's own page, found in the build by its slug (its file's name).
    built=$(cd "$SCRATCH/out-$n" && find . -path "*/$(basename "$asset" .md)/index.html" | sed -n 1p)
    page=${built#.}
    page=${page%index.html}
    rm -rf -- "$SCRATCH/out-$n"
    "$STEPWISE" serve --root "$dir" --port 0 >"$SCRATCH/serve-$n.log" 2>&1 &
    SERVER=$!
    until grep -q '^serving ' "$SCRATCH/serve-$n.log"; do sleep 0.05; done
    port=$(sed -n 's|^serving .* at http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$SCRATCH/serve-$n.log")
    read -r asset_message asset_served < <(measure "$port" asset "$asset" "$EDITS" "$page")
    read -r body_message body_served < <(measure "$port" body "$asset" "$EDITS" "$page")
    read -r template_message template_served < <(measure "$port" template "$dir/templates/base.html" "$EDITS" "$page")
    rss=$(awk '/VmHWM/ { print $2 }' "/proc/$SERVER/status")
    kill -INT "$SERVER"; wait "$SERVER" || true; SERVER=
    printf '%-8s %-10s %-16s %-16s %-12s %-12s\n' "$n" asset "$asset_message ms" "$asset_served ms" "$((rss / 1024)) MB" "$((build_peak / 1024)) MB"
    printf '%-8s %-10s %-16s %-16s\n' "$n" body "$body_message ms" "$body_served ms"
    printf '%-8s %-10s %-16s %-16s\n' "$n" template "$template_message ms" "$template_served ms"
    if [[ -n "${HUGO:-}" ]]; then
        twin=$site/hugo
        port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        "$HUGO" server --source "$twin" --port "$port" --bind 127.0.0.1 >"$SCRATCH/hugo-$n.log" 2>&1 &
        SERVER=$!
        until grep -q 'Web Server is available' "$SCRATCH/hugo-$n.log"; do sleep 0.1; done
        relative=${asset#"$dir/content/"}
        read -r _ hugo_served < <(measure "$port" asset "$twin/content/$relative" "$EDITS" "/${relative%.md}/" peer)
        rss=$(awk '/VmHWM/ { print $2 }' "/proc/$SERVER/status")
        kill -INT "$SERVER"; wait "$SERVER" || true; SERVER=
        printf '%-8s %-10s %-16s %-16s %-12s\n' "$n" "hugo asset" "-" "$hugo_served ms" "$((rss / 1024)) MB"
    fi
done
