#!/usr/bin/env bash
# The console in a real browser (headless Chromium through Selenium, 1366×900): a clerk drafts
# and submits an item, the admin adopts it, and the dashboard ranking moves.
#
# Installs what is missing (chromium, chromium-driver, a Chinese font, selenium), builds
# nothing (run `swift build` first), seeds `tally demo` into a temp folder, starts
# `tally serve` on a free port, runs Tests/browser/console_test.py and stops the server at
# exit. Screenshots and the server's log go to $TALLY_ARTIFACTS (default Tests/browser/artifacts).
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"
tally="$root/.build/debug/tally"
[ -x "$tally" ] || { echo "run.sh: $tally is missing: run swift build first" >&2; exit 1; }

missing=()
for p in chromium chromium-driver fonts-wqy-zenhei; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "run.sh: installing ${missing[*]}" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "run.sh: need root (or sudo) to apt-get install ${missing[*]}" >&2; exit 1; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! python3 -c "import selenium" 2>/dev/null; then
  echo "run.sh: pip installing selenium" >&2
  python3 -m pip install -q --disable-pip-version-check selenium 2>/dev/null \
    || python3 -m pip install -q --disable-pip-version-check --break-system-packages selenium
fi

artifacts="${TALLY_ARTIFACTS:-$root/Tests/browser/artifacts}"
mkdir -p "$artifacts"
work="$(mktemp -d "${TMPDIR:-/tmp}/tally-browser-XXXXXX")"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

cp -r rules schedules "$work/"
options=(--database "$work/tally.sqlite" --rules "$work/rules" --schedules "$work/schedules")
echo "run.sh: seeding the demo (tally demo) in $work" >&2
(cd "$work" && "$tally" demo "${options[@]}") > "$artifacts/demo.log" 2>&1

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
(cd "$work" && exec "$tally" serve "${options[@]}" --port "$port") > "$artifacts/serve.log" 2>&1 &
server=$!
url="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
  if python3 -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1] + '/ready', timeout=2)" "$url" 2>/dev/null; then break; fi
  kill -0 "$server" 2>/dev/null || { echo "run.sh: tally serve exited; see $artifacts/serve.log" >&2; exit 1; }
  sleep 1
done

python3 "$root/Tests/browser/console_test.py" "$url" "$artifacts"
