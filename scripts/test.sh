#!/usr/bin/env bash
# Runs every test of Replies: installs the repository's own tools (Azurite and OpenCC's data from npm; Debian's
# Chromium and CJK fonts for the browser tests), checks formatting, builds with warnings as errors, publishes the
# Functions app and compiles infra/ with the Bicep CLI (into artifacts/, for the deployment tests), and runs the unit,
# integration, crash, deployment, real-host and end-to-end tests, then the long runs under faults. Each test assembly
# starts its own Azurite.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund --loglevel=error
# Debian packages of the browser and letter tests: Chromium and the CJK fonts, LibreOffice (headless) and poppler's
# pdftotext/pdffonts to print letters to PDF and read them back.
if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk libreoffice-writer-nogui poppler-utils >/dev/null
fi
dotnet restore Replies.sln --locked-mode
dotnet format Replies.sln --verify-no-changes --no-restore
dotnet build Replies.sln -c Release --no-restore
rm -rf artifacts && mkdir -p artifacts/infra
dotnet publish functions -c Release --no-restore --no-build -o artifacts/functions >/dev/null
# The real Functions host for tests/Replies.Host.Tests: built from ../shared/functions-host (cached; about a minute the
# first time). Without that folder the suite uses func from the Core Tools, or fails saying how to get a host.
if [ -x ../shared/functions-host/build.sh ]; then
  started=$SECONDS
  # CI=true (as CI services set it) turns on the upstream projects' SourceLink, which asks git for the remote of a
  # folder that is no repository and fails the first, uncached build.
  UseSourceLink=false ../shared/functions-host/build.sh >artifacts/functions-host-build.log 2>&1 || { tail -n 40 artifacts/functions-host-build.log; exit 1; }
  echo "Functions host: $(tail -n 1 artifacts/functions-host-build.log) ($((SECONDS - started)) s)"
elif ! command -v func >/dev/null; then
  echo "No Azure Functions host: put ../shared (with functions-host/) beside this repository, or install the Core Tools (npm install -g azure-functions-core-tools@4) on a machine with internet access." >&2
  exit 1
fi
bicep="$(dotnet msbuild tests/Replies.Deployment.Tests -getProperty:PkgAzure_Bicep_CommandLine_linux-x64)/tools/bicep"
chmod +x "$bicep"
# A warning of the linter fails the run as a compiler warning does.
"$bicep" build infra/main.bicep --outfile artifacts/infra/main.json 2>artifacts/infra/bicep.log || { cat artifacts/infra/bicep.log; exit 1; }
if [ -s artifacts/infra/bicep.log ]; then cat artifacts/infra/bicep.log; exit 1; fi
dotnet test Replies.sln -c Release --no-build --filter "Category!=Long" --logger "console;verbosity=normal"
# The long runs (hundreds of lifecycles with worker processes killed, or under injected storage faults) take both
# cores for minutes: they run after the rest, one assembly after the other, so that they slow no test past its waits.
dotnet test tests/Replies.Local.IntegrationTests -c Release --no-build --filter "Category=Long" --logger "console;verbosity=normal"
# The runs under the real Functions host: 200 lifecycles each with 5 % of every client's storage requests failing, with
# 2 % of storage answers lost after the write, and with the host killed at random moments (about 5 min each), one
# after the other.
dotnet test tests/Replies.Host.Tests -c Release --no-build --filter "Category=Long" --logger "console;verbosity=detailed" -- xUnit.ParallelizeTestCollections=false
