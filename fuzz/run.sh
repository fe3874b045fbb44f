#!/usr/bin/env bash
# Fuzzes stepwise's readers of user input with cargo-fuzz (libFuzzer, coverage-guided): the
# front matter of an asset, a calculator's formula, a comparison sheet's CSV file and
# stepwise.toml (the targets under fuzz_targets/, which drive tests/common/readers.rs).
#
#   fuzz/run.sh                                   # every target, 1,000,000 runs each
#   RUNS=100000 TARGETS="formula" fuzz/run.sh     # fewer runs, one target
#
# Environment:
#   RUNS       executions per target (default 1000000)
#   TARGETS    targets to run, one after another (default: all four)
#   SANITIZER  cargo fuzz's --sanitizer (default none: the readers are safe Rust, and a panic
#              is what is looked for; `address` finds more in C code, at a third of the speed)
#   JOBS       cargo build jobs (default 2; run the script with `nice -n 19` on a shared machine)
#
# A stable toolchain runs libFuzzer's nightly flags with RUSTC_BOOTSTRAP=1. Each target starts
# from the sample site's own files (content/, stepwise.toml, the comparison CSV, the formulas of
# its calculators) and keeps what it learns in fuzz/corpus/<target>/ (not committed). Every
# crash found so far is kept in fuzz/regressions/<target>/ and read first, as a second corpus;
# a new crash is written to fuzz/artifacts/<target>/ and stops the run. The table at the end
# gives each target's runs, time and speed.
set -euo pipefail

FUZZ=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$FUZZ")
RUNS=${RUNS:-1000000}
TARGETS=${TARGETS:-"front_matter formula comparison_csv configuration"}
SANITIZER=${SANITIZER:-none}
JOBS=${JOBS:-2}

say() { printf '%s\n' "$*" >&2; }

if ! cargo fuzz --version >/dev/null 2>&1; then
    say "installing cargo-fuzz"
    cargo install cargo-fuzz --locked
fi
export RUSTC_BOOTSTRAP=1 CARGO_BUILD_JOBS=$JOBS

# --- seed corpora from the sample site -----------------------------------------------------------
seed() {
    local target=$1 dir="$FUZZ/corpus/$1"
    mkdir -p "$dir"
    [[ -n "$(ls -A "$dir")" ]] && return
    case $target in
        front_matter) find "$ROOT/content" -name '*.md' -exec cp -t "$dir" {} + ;;
        configuration)
            cp "$ROOT/stepwise.toml" "$dir/sample.toml"
            cp "$ROOT/scaffold/site/stepwise.toml" "$dir/scaffold.toml"
            cp "$ROOT/scaffold/journeys/"*.toml "$dir/"
            ;;
        comparison_csv) find "$ROOT/content" -name '*.csv' -exec cp -t "$dir" {} + ;;
        formula)
            local n=0
            grep -rhoP '^formula = "\K[^"]+' "$ROOT/content" | sort -u | while IFS= read -r formula; do
                n=$((n + 1))
                printf '%s' "$formula" > "$dir/seed-$n"
            done
            ;;
    esac
}

# --- build once, then run the targets one after another ------------------------------------------
cd "$FUZZ"
say "building the fuzz targets (sanitizer: $SANITIZER)"
cargo fuzz build --sanitizer "$SANITIZER" >&2

results=()
for target in $TARGETS; do
    seed "$target"
    mkdir -p "$FUZZ/artifacts/$target"
    log="$FUZZ/artifacts/$target/last-run.log"
    say "fuzzing $target for $RUNS runs (log: $log)"
    started=$(date +%s.%N)
    status=0
    mkdir -p "$FUZZ/regressions/$target"
    cargo fuzz run --sanitizer "$SANITIZER" "$target" "$FUZZ/corpus/$target" "$FUZZ/regressions/$target" -- \
        -runs="$RUNS" -max_len=65536 -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 \
        -artifact_prefix="$FUZZ/artifacts/$target/" >"$log" 2>&1 || status=$?
    ended=$(date +%s.%N)
    executed=$(grep -oP 'stat::number_of_executed_units:\s*\K[0-9]+' "$log" | tail -n 1 || true)
    seconds=$(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.0f", b - a }')
    rate=$(awk -v n="${executed:-0}" -v s="$seconds" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
    outcome=$([[ $status -eq 0 ]] && echo "no crash" || echo "CRASH (exit $status), see $log")
    results+=("$(printf '%-16s %12s %8ss %10s/s   %s' "$target" "${executed:-?}" "$seconds" "$rate" "$outcome")")
    [[ $status -eq 0 ]] || { tail -n 40 "$log" >&2; break; }
done

printf '%-16s %12s %9s %12s   %s\n' target executions time speed result
printf '%s\n' "${results[@]}"
