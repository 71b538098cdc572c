# kill_tree PID: stops a process and all its descendants (the dev servers start children of
# their own, which a plain kill would leave running and holding :3000 and :7007).
kill_tree() {
  local pid="$1" child
  for child in $(pgrep -P "$pid" 2>/dev/null); do
    kill_tree "$child"
  done
  kill "$pid" 2>/dev/null || true
}
