# Sourced by test.sh: starts the portal (scripts/start.sh) in its own process group for the
# end-to-end tests, unless one already answers on :3000, and stops the whole group afterwards.

portal_group=""
portal_frontend="http://localhost:${PORTAL_FRONTEND_PORT:-3000}"
portal_backend="http://localhost:${PORTAL_BACKEND_PORT:-7007}"
export PORTAL_URL="$portal_frontend"
export PORTAL_BACKEND_URL="$portal_backend"

start_portal_under_test() {
  if curl -sf -o /dev/null $portal_frontend && curl -sf -o /dev/null $portal_backend/.backstage/health/v1/readiness; then
    echo "==> Reusing the portal already running at $portal_frontend"
    return
  fi
  mkdir -p "$portal_root/test-results"
  local log="$portal_root/test-results/portal.log"
  setsid bash "$portal_root/scripts/start.sh" > "$log" 2>&1 &
  portal_group=$!
  local started=$SECONDS
  echo "==> Waiting for the portal (log: ${log#$portal_root/})"
  until curl -sf -o /dev/null $portal_backend/.backstage/health/v1/readiness && curl -sf -o /dev/null $portal_frontend; do
    if ! kill -0 "$portal_group" 2>/dev/null; then
      echo "error: the portal exited during start-up; its log:" >&2
      tail -50 "$log" >&2
      exit 1
    fi
    if [ $((SECONDS - started)) -ge 600 ]; then
      echo "error: the portal did not answer within 600 s; its log:" >&2
      tail -50 "$log" >&2
      exit 1
    fi
    sleep 2
  done
  echo "==> Portal up after $((SECONDS - started)) s"
}

stop_portal_under_test() {
  if [ -n "$portal_group" ]; then
    kill -TERM -- "-$portal_group" 2>/dev/null || true
    sleep 2
    kill -KILL -- "-$portal_group" 2>/dev/null || true
    portal_group=""
  fi
}
