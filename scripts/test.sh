#!/usr/bin/env bash
# Runs the whole test suite: installs what is missing (Node 24, dependencies, Chromium), then
# type-checking, lint and the unit tests of every workspace through turbo (results of unchanged
# workspaces come from turbo's cache), then the end-to-end tests in Chromium against the portal
# on the demo cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-node.sh
source scripts/lib/install-deps.sh
source scripts/lib/ensure-chromium.sh

# Backstage's test runner watches for changes unless CI is set.
export CI="${CI:-true}"
# Database tests run on SQLite, and on PostgreSQL too when a server listens on 127.0.0.1:5432.
if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ] &&
  node -e "require('net').connect(5432, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))"; then
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres@127.0.0.1:5432"
  echo "==> PostgreSQL on 127.0.0.1:5432: database tests run on it as well as on SQLite"
fi
started=$SECONDS
echo "==> Type-check, lint and unit tests of every workspace (turbo)"
npx turbo run tsc lint test test:scripts --concurrency=2 --output-logs=new-only --log-order=grouped
echo "==> Unit stage took $((SECONDS - started)) s"

echo "==> End-to-end tests in Chromium"
source scripts/lib/portal-under-test.sh
start_portal_under_test
trap stop_portal_under_test EXIT
npx playwright test
echo "==> All tests passed in $((SECONDS - started)) s"
