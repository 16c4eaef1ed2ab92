#!/usr/bin/env bash
# Installs what the tests need outside npm: Debian's Chromium (real-browser tests), Firefox ESR and
# WebKitGTK (the pages of `*.page.test.ts`: WebKitGTK's MiniBrowser on Xvfb, GStreamer's H.264/AAC decoders
# for its media) and ffmpeg (only to regenerate media). Idempotent; a no-op when all are present.
set -euo pipefail
need=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need+=(chromium)
[ -x "${FIREFOX_PATH:-/usr/bin/firefox-esr}" ] || need+=(firefox-esr)
arch="$(uname -m)-linux-gnu"
[ -x "${MINIBROWSER_PATH:-/usr/lib/$arch/webkit2gtk-4.1/MiniBrowser}" ] || need+=(libwebkit2gtk-4.1-0)
command -v xvfb-run >/dev/null 2>&1 || need+=(xvfb)
# What WebKitGTK plays H.264/AAC with (plugins-good and -bad: MP4/TS demuxers, MSE parsers; libav: decoders).
for plugin in gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-libav; do
  dpkg -s "$plugin" >/dev/null 2>&1 || need+=("$plugin")
done
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} from Debian's packages…"
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi
