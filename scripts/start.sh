#!/usr/bin/env bash
# Starts the portal: installs what is missing, starts the demo cluster (unless
# PORTAL_DEMO_CLUSTER=off), then the backend on :7007 and the frontend on :3000
# (PORTAL_BACKEND_PORT and PORTAL_FRONTEND_PORT move them).
# PORTAL_STATE_DIR moves the demo cluster's state (default .demo-cluster), so two portals can
# run from one checkout; PORTAL_DEMO_SCALE=large starts the large demo topology.
# Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-node.sh
source scripts/lib/install-deps.sh
source scripts/lib/demo-cluster.sh
source scripts/lib/kill-tree.sh

state_dir="${PORTAL_STATE_DIR:-$portal_root/.demo-cluster}"
config_args=(--config "$portal_root/app-config.yaml")
if [ "${PORTAL_DEMO_CLUSTER:-on}" != "off" ]; then
  start_demo_cluster "$state_dir"
  config_args+=(--config "$state_dir/app-config.demo.yaml")
fi
[ -f app-config.local.yaml ] && config_args+=(--config "$portal_root/app-config.local.yaml")
if [ -n "${PORTAL_FRONTEND_PORT:-}${PORTAL_BACKEND_PORT:-}" ]; then
  mkdir -p "$state_dir"
  node scripts/lib/ports-app-config.mjs "$state_dir/app-config.ports.yaml"
  config_args+=(--config "$state_dir/app-config.ports.yaml")
fi

echo "==> Checking configuration"
node scripts/lib/check-config.mjs "${config_args[@]}"

mkdir -p data/sqlite
echo "==> Starting the portal: frontend http://localhost:${PORTAL_FRONTEND_PORT:-3000}, backend http://localhost:${PORTAL_BACKEND_PORT:-7007}"
"$portal_root/node_modules/.bin/backstage-cli" repo start "${config_args[@]}" &
portal_pid=$!
trap 'kill_tree $portal_pid; stop_demo_cluster' INT TERM EXIT
wait $portal_pid
