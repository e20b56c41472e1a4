#!/usr/bin/env bash
# Runs every test of Replies: installs the repository's own tools (Azurite and OpenCC's data from npm; Debian's
# Chromium and CJK fonts for the browser tests), checks formatting, builds with warnings as errors and runs the unit,
# integration, crash and end-to-end tests. Each test run starts its own Azurite.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund --loglevel=error
if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
fi
dotnet restore Replies.sln
dotnet format Replies.sln --verify-no-changes --no-restore
dotnet build Replies.sln -c Release --no-restore
dotnet test Replies.sln -c Release --no-build --logger "console;verbosity=normal"
