#!/usr/bin/env sh
# Makes Debian's Chromium available for the browser test (tests/browser). Playwright never
# downloads a browser here: playwright-core drives the system build at /usr/bin/chromium.
# Safe to run again: it only installs when the binary is missing. Needs root or sudo, and
# no standard input (CI).
set -eu

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
  echo "chromium: $("$CHROMIUM" --version 2>/dev/null || echo present) at $CHROMIUM"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo -n"
else
  echo "chromium: missing at $CHROMIUM, and installing it needs root (apt-get install chromium)" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium: missing at $CHROMIUM and this is not a Debian-like system; install Chromium and set CHROMIUM_PATH" >&2
  exit 1
fi

echo "chromium: installing Debian's package (apt-get install chromium) ..."
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium </dev/null
"$CHROMIUM" --version
