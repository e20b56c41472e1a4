#!/usr/bin/env bash
# Runs Replies locally: installs Azurite if needed, starts it unless something already listens on its ports
# (an existing Azurite is left alone), then runs the local host (the Functions app's functions and the engine) on http://localhost:5080.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
azurite_pid=""
if listening 10000 && listening 10001 && listening 10002; then
  echo "Azurite (or another storage emulator) already listens on 10000-10002; using it."
else
  mkdir -p .azurite
  node_modules/.bin/azurite --silent --skipApiVersionCheck --location .azurite \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >.azurite/azurite.log 2>&1 &
  azurite_pid=$!
  trap '[ -n "$azurite_pid" ] && kill "$azurite_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do listening 10000 && listening 10001 && listening 10002 && break; sleep 0.1; done
  echo "Started Azurite (data in .azurite/)."
fi

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
dotnet run --project local -c Release -- --urls "${REPLIES_URLS:-http://localhost:5080}"
