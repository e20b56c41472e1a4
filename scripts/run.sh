#!/usr/bin/env bash
# Runs Replies locally on http://localhost:5080 with sample data, on Azurite (installed from the repository's npm lock
# file if needed, started on its default ports unless something already listens there; an existing one is left alone).
#
# The app runs under the real Azure Functions host when one is available: the host built from ../shared/functions-host
# (built on first use, cached), or func from the Azure Functions Core Tools on the PATH. The Durable extension's own
# engine runs the lifecycles. Without a host it runs local/ (our imitation of the host, with the same functions, timers
# and engine) and says why. REPLIES_HOST=local chooses local/ anyway.
#
# Notices: mail goes to smtp4dev (the .NET tool Rnwood.Smtp4dev 3.15.0, installed into .tools/ on first use), whose
# inbox is at http://localhost:5081; SMS go to the development gateway, read at http://localhost:5080/dev/sms.
#
# Ctrl-C or SIGTERM stops the app (the host stops its worker), then smtp4dev and the Azurite this script started,
# leaving no process behind.
set -euo pipefail
cd "$(dirname "$0")/.."
# Job control: the app and Azurite run in their own process groups, so a signal reaches this script alone and it stops
# them in order.
set -m

url="${REPLIES_URLS:-http://localhost:5080}"
port="${url##*:}"
port="${port%%/*}"

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
azurite_pid=""
mail_pid=""
app_pid=""
step_pid=""
watch_pid=""
stop_group() {
  # SIGTERM to the process group, then up to $2 seconds, then SIGKILL: nothing of it may outlive the script.
  local pid="$1" patience="$2"
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((patience * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  trap - INT TERM
  [ -n "$step_pid" ] && stop_group "$step_pid" 5
  [ -n "$watch_pid" ] && stop_group "$watch_pid" 1
  if [ -n "$app_pid" ]; then
    # The app hands back its task hub partitions before it exits.
    stop_group "$app_pid" 30
    echo "Stopped Replies."
  fi
  if [ -n "$mail_pid" ]; then
    stop_group "$mail_pid" 5
    echo "Stopped smtp4dev."
  fi
  if [ -n "$azurite_pid" ]; then
    # Azurite saves its data and closes on SIGTERM, but 3.37 then hangs ("Cannot close server in status Closed").
    stop_group "$azurite_pid" 5
    echo "Stopped Azurite."
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A long step in the background, so that a signal is handled at once rather than when the step ends.
step() {
  "$@" &
  step_pid=$!
  wait "$step_pid"
  step_pid=""
}

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

# A mail catcher for the notices, unless something already listens on its SMTP port.
mail_smtp="${REPLIES_MAIL_PORT:-2525}"
mail_web="${REPLIES_MAIL_WEB:-http://localhost:5081}"
if listening "$mail_smtp"; then
  echo "Something already listens on $mail_smtp; notices are mailed to it."
else
  if [ ! -x .tools/smtp4dev ]; then
    echo "Installing smtp4dev (mail catcher) into .tools/…"
    step dotnet tool install Rnwood.Smtp4dev --version 3.15.0 --tool-path .tools >/dev/null
  fi
  mkdir -p .azurite
  .tools/smtp4dev --urls="$mail_web" --smtpport="$mail_smtp" --hostname=localhost --db="" --imapport="" --pop3port="" >.azurite/smtp4dev.log 2>&1 &
  mail_pid=$!
  echo "Started smtp4dev: mail of notices at $mail_web."
fi
export Replies__Mail__Host=127.0.0.1 Replies__Mail__Port="$mail_smtp" Replies__Mail__Security=None
export Replies__Notices__BaseUrl="$url"
echo "SMS of notices (development gateway): $url/dev/sms."

host=""
why=""
shared_host="../shared/functions-host"
if [ "${REPLIES_HOST:-}" = local ]; then
  why="REPLIES_HOST=local"
elif [ -x "$shared_host/build.sh" ]; then
  host=shared
elif command -v func >/dev/null; then
  host=func
else
  why="no Azure Functions host here: $shared_host is absent and func (Azure Functions Core Tools) is not on the PATH; on a machine with internet access: npm install -g azure-functions-core-tools@4"
fi

if [ -n "$host" ]; then
  echo "Building and publishing the Functions app…"
  step dotnet publish functions -c Release -nologo -v:minimal -p:RestoreLockedMode=true -o artifacts/run/functions
  # The app settings Azure gets from infra/ (timer schedules, ...), as the Core Tools read them.
  while IFS= read -r -d '' setting; do export "${setting?}"; done < <(node -e '
    const values = require("./functions/local.settings.json").Values;
    for (const [k, v] of Object.entries(values)) process.stdout.write(`${k}=${v}\0`);')
  export AZURE_FUNCTIONS_ENVIRONMENT="${AZURE_FUNCTIONS_ENVIRONMENT:-Development}"
  # The host logs every function it runs; warnings and errors are what a person at the terminal needs.
  export AzureFunctionsJobHost__logging__logLevel__default="${AzureFunctionsJobHost__logging__logLevel__default:-Warning}"
  if [ "$host" = shared ]; then
    echo "Building the Azure Functions host from $shared_host (cached after the first time)…"
    # CI=true in the environment would turn on the upstream projects' SourceLink, which fails outside a git clone.
    UseSourceLink=false step "$shared_host/build.sh" >/dev/null
    mkdir -p .functions-keys
    export FUNCTIONS_SECRETS_PATH="$PWD/.functions-keys"
    echo "Starting Replies under the Azure Functions host on $url (sample data on first start; Ctrl-C stops it)."
    "$shared_host/run-host.sh" artifacts/run/functions "$port" &
  else
    echo "Starting Replies under func (Azure Functions Core Tools) on $url (sample data on first start; Ctrl-C stops it)."
    (cd artifacts/run/functions && exec func start --port "$port") &
  fi
  app_pid=$!
else
  echo "Running local/ instead of the Azure Functions host: $why."
  echo "Building…"
  step dotnet build local -c Release -nologo -v:minimal -p:RestoreLockedMode=true
  echo "Starting Replies on $url (sample data on first start; Ctrl-C stops it)."
  ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}" local/bin/Release/net10.0/Replies.Local --urls "$url" &
  app_pid=$!
fi

# Tell when the home page answers (it sends everyone on with a 302).
home_status() {
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET / HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
  local code=""
  read -r -t 30 _ code _ <&3 || true
  exec 3>&-
  echo "$code"
}
(
  for _ in $(seq 1 600); do
    if [ "$(home_status 2>/dev/null)" = 302 ]; then
      echo "Replies is ready on $url ($SECONDS s after start)."
      exit 0
    fi
    sleep 0.5
  done
) &
watch_pid=$!
wait "$app_pid"
