# Sourced by start.sh and test.sh: starts the demo cluster in the background and writes the
# portal config that points the Kubernetes plugin (and ours) at it.

demo_cluster_pid=""

start_demo_cluster() {
  local state_dir="$1"
  mkdir -p "$state_dir"
  rm -f "$state_dir/endpoints.json"
  echo "==> Starting the demo cluster (state in ${state_dir#$portal_root/})"
  # PORTAL_DEMO_SCALE (small or large) picks the demo topology; the cluster's default is small.
  node "$portal_root/packages/demo-cluster/bin/demo-cluster.js" up --state-dir "$state_dir" \
    ${PORTAL_DEMO_SCALE:+--scale "$PORTAL_DEMO_SCALE"} \
    > "$state_dir/demo-cluster.log" 2>&1 &
  demo_cluster_pid=$!
  local waited=0
  until [ -f "$state_dir/endpoints.json" ]; do
    if ! kill -0 "$demo_cluster_pid" 2>/dev/null; then
      echo "error: the demo cluster exited; its log:" >&2
      cat "$state_dir/demo-cluster.log" >&2
      exit 1
    fi
    if [ "$waited" -ge 600 ]; then
      echo "error: the demo cluster did not start within 60 s; see $state_dir/demo-cluster.log" >&2
      exit 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  node "$portal_root/scripts/lib/demo-app-config.mjs" "$state_dir"
  echo "==> Demo cluster up: $(node -p "require('$state_dir/endpoints.json').kubernetesApiUrl")"
}

stop_demo_cluster() {
  if [ -n "$demo_cluster_pid" ]; then
    kill_tree "$demo_cluster_pid"
    demo_cluster_pid=""
  fi
}
