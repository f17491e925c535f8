# Shared by the bench scripts (sourced, not run): where the distribution is (DIST, JAR), a scratch
# folder, building the distribution when it is missing, and a frozen copy of it to run from. The
# sourcing script sets ROOT (the repository) first, and a log function for the messages.
DIST="$ROOT/app/target"
JAR="$DIST/workbench-app.jar"

# make_work NAME: WORK, a new folder under $TMPDIR (workbench-NAME.XXXXXX), removed when the script exits.
make_work() {
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/workbench-$1.XXXXXX")"
  trap 'rm -rf "$WORK"' EXIT
}

# build_if_missing [plugins]: runs `mvn install -DskipTests` (offline first) unless the app jar and
# app/target/lib exist, and app/target/plugins too when the script runs plugins.
build_if_missing() {
  if [ ! -f "$JAR" ] || { [ "${1:-}" = plugins ] && [ ! -d "$DIST/plugins" ]; } || [ ! -d "$DIST/lib" ]; then
    if declare -F log >/dev/null; then log "building the workbench (mvn install -DskipTests)..."; fi
    mvn -q -B -o install -DskipTests >&2 || mvn -q -B install -DskipTests >&2
  fi
}

# freeze_dist [GLOB...]: copies the launcher and app/target (jar, lib, plugins) to SNAP=$WORK/dist, so
# that a rebuild in the working tree while the benchmark runs cannot swap jars under it. The copy
# must hold the engine jar, a plugin and a file for every GLOB (relative to app/target); a copy
# taken while a build is writing is retried every 20 s, six times in all, before the script exits 1.
freeze_dist() {
  SNAP="$WORK/dist"
  local attempt
  for attempt in 1 2 3 4 5 6; do
    snapshot_dist "$@" && return 0
    [ "$attempt" = 6 ] && { log "error: could not copy a complete build from $DIST (is a build running?)"; exit 1; }
    log "the build in $DIST looks incomplete (a build running?); retrying in 20 s..."
    sleep 20
  done
}

snapshot_dist() {
  local glob
  rm -rf "$SNAP" && mkdir -p "$SNAP/app/target"
  cp "$ROOT/workbench" "$SNAP/" &&
    cp -r "$DIST/lib" "$DIST/plugins" "$JAR" "$SNAP/app/target/" 2>/dev/null || return 1
  for glob in 'lib/workbench-engine-*.jar' 'plugins/*' "$@"; do
    compgen -G "$SNAP/app/target/$glob" >/dev/null || return 1
  done
}
