#!/usr/bin/env bash
# Runs networkPerf.mjs against a portal on the `--scale large` demo cluster: starts one on its
# own ports (3600/7600) with its own demo-cluster state, measures, and stops it again.
# A portal already answering on PORTAL_FRONTEND_PORT is reused (it must be on the large cluster).
set -euo pipefail
cd "$(dirname "$0")/../../../.."
source scripts/lib/ensure-node.sh
source scripts/lib/ensure-chromium.sh
export PORTAL_DEMO_SCALE=large
export PORTAL_FRONTEND_PORT="${PORTAL_FRONTEND_PORT:-3600}"
export PORTAL_BACKEND_PORT="${PORTAL_BACKEND_PORT:-7600}"
export PORTAL_STATE_DIR="${PORTAL_STATE_DIR:-${TMPDIR:-/tmp}/pathway-perf-demo-cluster}"
source scripts/lib/portal-under-test.sh
start_portal_under_test
trap stop_portal_under_test EXIT
node packages/app/e2e-tests/perf/networkPerf.mjs
