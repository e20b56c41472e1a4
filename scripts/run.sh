#!/usr/bin/env bash
# Runs Replies locally: installs Azurite if needed, starts it unless something already listens on its ports
# (an existing Azurite is left alone), builds, then runs the local host (the Functions app's functions, its timer
# functions and the engine) on http://localhost:5080. Ctrl-C stops the app first (it hands back its task hub
# partitions), then the Azurite this script started.
set -euo pipefail
cd "$(dirname "$0")/.."
# Job control: the app and Azurite run in their own process groups, so Ctrl-C reaches this script alone and it stops
# them in order.
set -m

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
azurite_pid=""
app_pid=""
cleanup() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill -INT "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  if [ -n "$azurite_pid" ]; then
    # Azurite saves its data and closes on SIGTERM, but 3.37 then hangs ("Cannot close server in status Closed").
    kill "$azurite_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$azurite_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$azurite_pid" 2>/dev/null || true
    wait "$azurite_pid" 2>/dev/null || true
    echo "Stopped Azurite."
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if listening 10000 && listening 10001 && listening 10002; then
  echo "Azurite (or another storage emulator) already listens on 10000-10002; using it."
else
  mkdir -p .azurite
  node_modules/.bin/azurite --silent --skipApiVersionCheck --location .azurite \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >.azurite/azurite.log 2>&1 &
  azurite_pid=$!
  for _ in $(seq 1 100); do listening 10000 && listening 10001 && listening 10002 && break; sleep 0.1; done
  echo "Started Azurite (data in .azurite/)."
fi

echo "Building…"
dotnet build local -c Release -nologo -v:minimal
url="${REPLIES_URLS:-http://localhost:5080}"
echo "Starting Replies on $url (sample data on first start; Ctrl-C stops it)."
ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}" local/bin/Release/net10.0/Replies.Local --urls "$url" &
app_pid=$!
wait "$app_pid"
