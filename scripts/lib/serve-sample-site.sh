# Sourced by the scripts that look at the sample site in a browser (lighthouse.sh,
# screenshots.sh): `serve_sample_site [BUILD FLAG…]` builds the sample site for a loopback
# address into a temporary folder and serves it there until the script exits. It sets `work`
# (the temporary folder, removed at the exit) and `base` (the site's address, ending in `/`).
# Needs python3. Run from the repository's folder.

serve_sample_site() {
  work=$(mktemp -d)
  server=""
  trap '[ -n "$server" ] && kill "$server"; rm -rf "$work"' EXIT
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  base="http://127.0.0.1:$port/"
  cargo run --quiet --release -- build --output-dir "$work/site" --base-url "$base" "$@" >/dev/null
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/site" >/dev/null 2>&1 &
  server=$!
  until python3 -c "import urllib.request; urllib.request.urlopen('$base')" 2>/dev/null; do
    sleep 0.1
  done
}
