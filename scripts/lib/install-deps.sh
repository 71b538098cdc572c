# Sourced after ensure-node.sh. Installs the workspaces' dependencies unless the lockfile and
# the Node version are the same as at the last successful install, then makes sure the native
# SQLite addon loads under this Node.

install_stamp="$portal_root/node_modules/.portal-install-stamp"
lock_file="$portal_root/package-lock.json"

wanted_stamp() {
  { cat "$portal_root/package.json"; [ -f "$lock_file" ] && cat "$lock_file"; node -v; } | sha256sum | cut -d' ' -f1
}

if [ -f "$install_stamp" ] && [ "$(cat "$install_stamp")" = "$(wanted_stamp)" ]; then
  echo "==> Dependencies are up to date (lockfile unchanged); skipping install"
else
  started=$SECONDS
  # --legacy-peer-deps: Backstage's Material UI v4 packages declare React 16/17 peers.
  # `npm install` rather than `npm ci`: the lockfile pins every version, but npm ci refuses it
  # when a registry lacks other platforms' optional binaries (which it then cannot record).
  echo "==> Installing dependencies from package-lock.json (a cold install takes about 6 minutes)"
  (cd "$portal_root" && npm install --legacy-peer-deps --no-audit --no-fund --loglevel=error)
  echo "==> Dependencies installed in $((SECONDS - started)) s"
  wanted_stamp > "$install_stamp"
fi

if ! (cd "$portal_root/packages/backend" && node -e "new (require('better-sqlite3'))(':memory:').close()") 2>/dev/null; then
  echo "==> Building better-sqlite3 for Node $(node -v) (about a minute)"
  (cd "$portal_root" && npm rebuild better-sqlite3 --foreground-scripts --loglevel=error >/dev/null)
  (cd "$portal_root/packages/backend" && node -e "new (require('better-sqlite3'))(':memory:').close()") || {
    echo "error: better-sqlite3 does not load under Node $(node -v); see the output above." >&2
    exit 1
  }
fi
