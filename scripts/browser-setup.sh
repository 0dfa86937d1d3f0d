#!/usr/bin/env bash
# Debian's Chromium and ChromeDriver for the browser tests (src/test/java/org/yidan/settlement/browser/).
# `mvn verify` runs this before the tests: it installs the two packages when they are missing and the build runs
# as root with apt-get (a fresh CI machine); otherwise it says what to install and the browser tests fail saying so.
set -uo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "[browser-setup] installing Debian's chromium and chromium-driver for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  if apt-get install -y -q chromium chromium-driver >/tmp/browser-setup.log 2>&1 \
     || { apt-get update -q >>/tmp/browser-setup.log 2>&1 && apt-get install -y -q chromium chromium-driver >>/tmp/browser-setup.log 2>&1; }; then
    echo "[browser-setup] $(chromium --version 2>/dev/null); $(chromedriver --version 2>/dev/null | cut -d' ' -f1-2)"
    exit 0
  fi
  echo "[browser-setup] apt-get failed (log: /tmp/browser-setup.log); the browser tests will fail" >&2
  exit 0
fi
echo "[browser-setup] chromium and chromedriver are missing: install Debian's chromium and chromium-driver" \
     "(apt-get install chromium chromium-driver); the browser tests will fail until then" >&2
exit 0
