# Sourced by test.sh: makes Debian's Chromium available for Playwright (Playwright cannot
# download its own browsers here). Exports PORTAL_CHROMIUM with the binary's path.

if [ -z "${PORTAL_CHROMIUM:-}" ]; then
  for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
    [ -x "$candidate" ] && PORTAL_CHROMIUM="$candidate" && break
  done
fi
if [ -z "${PORTAL_CHROMIUM:-}" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> Installing Chromium from Debian's packages (about 30 s)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    PORTAL_CHROMIUM=/usr/bin/chromium
  else
    echo "error: Chromium is missing. Install it (Debian: sudo apt-get install -y chromium)" >&2
    echo "       or point PORTAL_CHROMIUM at a Chromium or Chrome binary, then run again." >&2
    exit 1
  fi
fi
export PORTAL_CHROMIUM
echo "==> Using $("$PORTAL_CHROMIUM" --version 2>/dev/null || echo "$PORTAL_CHROMIUM")"
