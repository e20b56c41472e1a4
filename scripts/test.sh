#!/usr/bin/env bash
# Runs every test of Replies: installs the repository's own tools (Azurite from npm), checks formatting,
# builds with warnings as errors and runs the unit, integration and crash tests. Each test run starts its own Azurite.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund --loglevel=error
dotnet restore Replies.sln
dotnet format Replies.sln --verify-no-changes --no-restore
dotnet build Replies.sln -c Release --no-restore
dotnet test Replies.sln -c Release --no-build --logger "console;verbosity=normal"
