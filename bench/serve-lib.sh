# Sourced by the serve benchmarks: a scratch folder in $1 (made with mktemp -d -p), removed at
# exit with the server (SERVER, its process id, stopped by Ctrl-C), and the release binary built
# (STEPWISE, unless given). Needs ROOT set to the repository.
SCRATCH=$(mktemp -d -p "$1" stepwise-bench.XXXXXX)
SERVER=
cleanup() {
    if [[ -n "$SERVER" ]]; then kill -INT "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
    rm -rf -- "$SCRATCH"
}
trap cleanup EXIT

(cd "$ROOT" && cargo build --release --quiet --bin stepwise) >&2
STEPWISE=${STEPWISE:-$ROOT/target/release/stepwise}
