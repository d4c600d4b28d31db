#!/usr/bin/env bash
# Runs the conformance CLI against the taskwire fixture: starts the fixture on free ports, runs
# `npx taskwire conformance`, stops the fixture. Exits non-zero on any MUST failure, on any MUST left
# unjudged, or if the fixture does not start. Used by .ci/run; works alone from the repository root
# after `npm install`. With a directory argument the CLI runs there instead (scripts/check-package.sh
# passes a project that installed the packed tarball, to run the compiled CLI).
set -euo pipefail
cli_dir=${1:+$(cd "$1" && pwd)}
cd "$(dirname "$0")/.."
cli_dir=${cli_dir:-$(pwd)}

log=$(mktemp)
node --import tsx conformance/fixtures/taskwire-server.ts >"$log" 2>&1 &
fixture=$!
trap 'kill "$fixture" 2>/dev/null || true; rm -f "$log"' EXIT

for _ in $(seq 1 100); do
  grep -q '"noTasksUrl"' "$log" && break
  kill -0 "$fixture" 2>/dev/null || break
  sleep 0.1
done
if ! grep -q '"noTasksUrl"' "$log"; then
  echo "the taskwire fixture did not start:" >&2
  cat "$log" >&2
  exit 1
fi

urls=$(node -e '
  const line = require("node:fs").readFileSync(process.argv[1], "utf8").split("\n").find((l) => l.includes("noTasksUrl"))
  const { url, noTasksUrl } = JSON.parse(line)
  console.log(url, noTasksUrl)' "$log")
read -r url no_tasks_url <<<"$urls"

cd "$cli_dir"
npx --no-install taskwire conformance --url "$url" --no-tasks-url "$no_tasks_url"
