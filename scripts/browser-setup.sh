#!/usr/bin/env bash
# What the browser tests (src/test/java/org/yidan/settlement/browser/) need on a bare machine: Debian's Chromium and
# ChromeDriver, and a Chinese font (Debian's fonts-noto-cjk: without one the page, its print and its screenshots are
# rows of empty boxes). `mvn verify` runs this before the tests: it installs what is missing when the build runs as
# root with apt-get (a fresh CI machine); otherwise it says what to install and the browser tests fail saying so.
set -uo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh family 2>/dev/null)" ]; then
  missing+=(fonts-noto-cjk)
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "[browser-setup] installing Debian's ${missing[*]} for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  if apt-get install -y -q "${missing[@]}" >/tmp/browser-setup.log 2>&1 \
     || { apt-get update -q >>/tmp/browser-setup.log 2>&1 && apt-get install -y -q "${missing[@]}" >>/tmp/browser-setup.log 2>&1; }; then
    echo "[browser-setup] $(chromium --version 2>/dev/null); $(chromedriver --version 2>/dev/null | cut -d' ' -f1-2);" \
         "Chinese fonts: $(fc-list :lang=zh family 2>/dev/null | wc -l)"
    exit 0
  fi
  echo "[browser-setup] apt-get failed (log: /tmp/browser-setup.log); the browser tests will fail" >&2
  exit 0
fi
echo "[browser-setup] missing for the browser tests: ${missing[*]} (as root: apt-get install ${missing[*]});" \
     "the browser tests will fail until then" >&2
exit 0
