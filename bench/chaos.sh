#!/usr/bin/env bash
# Chaos test of sweeps (issue 17): real sweeps of bench/chaos/sweep.yaml (8 trials of LeNet-5 x 4
# epochs on 300 images of the shipped Fashion-MNIST sample, 2 workers) while processes die by kill -9,
# then every trial is checked against the database and against the same trial run without interruption.
#
#   reference  the sweep once, uninterrupted, in a home of its own: each configuration's per-epoch
#              metrics (loss, accuracy, val_loss, val_accuracy) and test accuracy
#   round 1    the sweep in a new home (embedded database, served by the sweep process) while a loop
#              seeded by CHAOS_SEED waits until a worker of the sweep process has a trial, then 0-29 s
#              more, and kill -9s a random worker with a trial or, one time in three, the sweep process
#              itself (then `./workbench resume SWEEP_ID`), CHAOS_KILLS times
#              (default 10); then the sweep is let finish (resumed again if it ended unfinished)
#   round 2    a separate `./workbench db serve` process serves a new home, a 4-trial sample of the same
#              grid runs against it (sweep and workers find the server through the home), and once
#              epochs are recorded the server is killed with kill -9 and started again on the same port;
#              the epochs committed before the kill (read just before it) must all still be there,
#              unchanged; the sweep process and its idle workers wait for the server (--db-wait-seconds),
#              and the log says whether the sweep process outlived the outage (one that ended is resumed)
#
# Then, per trial (sweep-status --json, export --sweep): status completed, epochs 1..4 each listed exactly
# once, and the per-epoch metrics equal to the uninterrupted trial with the same parameters (resume is
# deterministic: every epoch re-seeds from the trial's seed and the epoch number). It prints one row per
# trial and, as its last line,
#   kills=K lost_epochs=N duplicate_epochs=N failed_trials=N mismatched_trials=N
# with the numbers measured (notes above it say what differed). Exit code 0 when all four are 0.
#
# Usage: bench/chaos.sh    env: CHAOS_SEED (default 1), CHAOS_KILLS (round 1's kills, default 10),
#        CHAOS_MINUTES (time limit of the whole run, default 20), CHAOS_KEEP=1 keeps the work folder,
#        CHAOS_REFERENCE=HOME takes the uninterrupted trials from an earlier run's home (WORK/reference of a
#        kept work folder, same file and build) instead of running them again.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SEED="${CHAOS_SEED:-1}"
KILLS="${CHAOS_KILLS:-10}"
MINUTES="${CHAOS_MINUTES:-20}"
FILE=bench/chaos/sweep.yaml
CHECK=(python3 bench/chaos/check.py)
WORK="$(mktemp -d "${TMPDIR:-/tmp}/chaos.XXXXXX")"
DEADLINE=$(( $(date +%s) + MINUTES * 60 ))
RANDOM="$SEED"
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

./workbench --version >/dev/null   # builds the distribution if the sources changed
export WORKBENCH_SKIP_BUILD=1
wb() { ./workbench "$@"; }

PIDS=()   # every process this script started, ended on exit
cleanup() {
  local p
  for p in ${PIDS[@]+"${PIDS[@]}"}; do kill -9 "$p" 2>/dev/null || true; done
  # Workers whose sweep process was killed end by themselves; end those still here (this run's homes only).
  for p in $(ps -eo pid=,args= | awk -v w="$WORK/" 'index($0, "Main worker") && index($0, w) { print $1 }'); do
    kill -9 "$p" 2>/dev/null || true
  done
  [ "${CHAOS_KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT
time_left() { [ "$(date +%s)" -lt "$DEADLINE" ]; }
alive() { kill -0 "$1" 2>/dev/null; }

# Starts `./workbench ARGS...` in the background, its output appended to OUT; sets BG to its pid, which is
# the Java process's own (the launcher execs java; a shell function here would put a subshell between).
start() {   # OUT ARGS...
  local out="$1"; shift
  ./workbench "$@" >>"$out" 2>&1 &
  BG=$!
  PIDS+=("$BG")
}
status() {   # HOME ID -> HOME/status.json; fails when the CLI does
  wb sweep-status "$2" --json --home "$1" >"$1.status.json" 2>"$1.status.err"
}
wait_id() {   # OUT PID: the sweep id, the first line `sweep` prints
  local i
  for i in $(seq 1 600); do
    if [ -s "$1" ] && head -1 "$1" | grep -qE '^s[0-9]+$'; then head -1 "$1"; return 0; fi
    alive "$2" || break
    sleep 0.5
  done
  log "no sweep id from $1:"; cat "$1" >&2; return 1
}
# Lets the sweep process end; resumes the sweep while it is unfinished (up to 5 times).
finish() {   # HOME ID PID OUT [ARGS...]
  local home="$1" id="$2" pid="$3" out="$4" n
  shift 4
  for n in 1 2 3 4 5; do
    while alive "$pid" && time_left; do sleep 1; done
    time_left || { log "time limit ($MINUTES min) reached; sweep $id of $home unfinished"; return 0; }
    wait "$pid" 2>/dev/null || true
    status "$home" "$id" || { sleep 2; continue; }
    [ "$("${CHECK[@]}" state "$home.status.json")" = completed ] && return 0
    log "sweep $id is $("${CHECK[@]}" state "$home.status.json") with its sweep process gone: resume $id"
    start "$out" resume "$id" --home "$home" --no-progress "$@"; pid=$BG
  done
}
# The live workers of sweep process SP of HOME (their ids are w-SWEEP-SP-N): "PID TRIAL" per line, TRIAL
# read from the worker's log (its last "[ID] Trial N (rX): {...}" line without an end after it), - when idle.
live_workers() {   # HOME SP
  local pid wid line
  ps -eo pid=,args= | awk -v h="--home $1 " -v sp="-$2-" 'index($0, "Main worker") && index($0 " ", h) {
      for (i = 1; i < NF; i++) if ($i == "--worker-id" && index($(i + 1), sp)) print $1, $(i + 1) }' |
  while read -r pid wid; do
    line="$(grep -E "^\[$wid\] Trial [0-9]+ \(r[0-9]+\)" "$1/workers/$wid.log" 2>/dev/null | tail -1 || true)"
    if [[ "$line" =~ \((r[0-9]+)\):\ \{ ]]; then echo "$pid ${BASH_REMATCH[1]}"; else echo "$pid -"; fi
  done
}
# Keeps the sweep's status (sweep-status --json) and its trials with their epochs (export) in DIR.
collect() {   # HOME ID DIR
  mkdir -p "$3"
  status "$1" "$2"
  cp "$1.status.json" "$3/status.json"
  wb export --sweep "$2" --format json --home "$1" -o "$3/export.json" >/dev/null 2>"$3/export.err" \
    || { cat "$3/export.err" >&2; return 1; }
}
: >"$WORK/kills.tsv"

# --- the reference: the same sweep, uninterrupted -----------------------------------------------------
if [ -n "${CHAOS_REFERENCE:-}" ]; then
  # The home of an earlier uninterrupted sweep of the same file and build (a kept work folder's reference/).
  log "reference: the completed sweep in $CHAOS_REFERENCE (CHAOS_REFERENCE; work folder $WORK)"
  ref_id="$(wb sweeps --json --home "$CHAOS_REFERENCE" | python3 -c 'import json, sys; print(json.load(sys.stdin)["sweeps"][0]["id"])')"
  collect "$CHAOS_REFERENCE" "$ref_id" "$WORK/reference"
else
  log "reference: the sweep without interruption (work folder $WORK)"
  wb sweep "$FILE" --home "$WORK/reference" --no-progress >"$WORK/reference.out" 2>&1 \
    || { log "the uninterrupted sweep failed:"; tail -20 "$WORK/reference.out" >&2; exit 1; }
  collect "$WORK/reference" "$(head -1 "$WORK/reference.out")" "$WORK/reference"
fi

# --- round 1: kill -9 of workers and of the sweep process ---------------------------------------------
H="$WORK/r1"; OUT="$WORK/r1.out"
log "round 1: $KILLS kills (seed $SEED)"
start "$OUT" sweep "$FILE" --home "$H" --no-progress; SP=$BG
ID="$(wait_id "$OUT" "$SP")"
kills=0
while [ "$kills" -lt "$KILLS" ] && time_left; do
  sleep 2
  if ! alive "$SP"; then
    wait "$SP" 2>/dev/null || true
    status "$H" "$ID" || continue
    if [ "$("${CHECK[@]}" state "$H.status.json")" = completed ]; then
      log "round 1: the sweep completed after $kills kills"; break
    fi
    start "$OUT" resume "$ID" --home "$H" --no-progress; SP=$BG
    continue
  fi
  # Only while a worker of the sweep process trains a trial: a sweep, resume or worker killed while it starts
  # (a minute on a loaded machine) tests little. Workers that are between trials are not targets.
  mapfile -t workers < <(live_workers "$H" "$SP" | awk '$2 != "-"')
  [ "${#workers[@]}" -gt 0 ] || { sleep 1; continue; }
  # Then a random moment of its trial: start-up, an epoch, a checkpoint, a record (epochs take seconds).
  sleep "$(( RANDOM % 30 ))"
  alive "$SP" || continue
  mapfile -t workers < <(live_workers "$H" "$SP" | awk '$2 != "-"')
  [ "${#workers[@]}" -gt 0 ] || continue
  if [ "$(( RANDOM % 3 ))" = 0 ]; then
    running="$(printf '%s\n' ${workers[@]+"${workers[@]}"} | awk '$2 != "-" { printf "%s%s", s, $2; s = "," }')"
    running="${running:--}"
    kill -9 "$SP" 2>/dev/null || continue
    kills=$((kills + 1))
    printf '1\tsweep\t%s\n' "$running" >>"$WORK/kills.tsv"
    log "kill $kills: the sweep process $SP (running trials: $running)"
    wait "$SP" 2>/dev/null || true
    sleep "$(( RANDOM % 3 ))"
    start "$OUT" resume "$ID" --home "$H" --no-progress; SP=$BG
  else
    read -r wpid trial <<<"${workers[$(( RANDOM % ${#workers[@]} ))]}"
    kill -9 "$wpid" 2>/dev/null || continue
    kills=$((kills + 1))
    printf '1\tworker\t%s\n' "$trial" >>"$WORK/kills.tsv"
    log "kill $kills: worker $wpid (trial $trial)"
  fi
done
finish "$H" "$ID" "$SP" "$OUT"
collect "$H" "$ID" "$WORK/round-1"

# --- round 2: kill -9 of a separate db serve process --------------------------------------------------
H="$WORK/r2"; OUT="$WORK/r2.out"
log "round 2: a sweep on a database served by db serve, which is killed and started again"
serve() {   # PORT: starts db serve on the home of round 2; sets DBPID and URL
  : >"$WORK/serve.out"
  start "$WORK/serve.out" db serve --home "$H" --port "$1"; DBPID=$BG
  local i
  for i in $(seq 1 240); do
    URL="$(awk '/^url: / { print $2 }' "$WORK/serve.out")"
    [ -n "$URL" ] && return 0
    alive "$DBPID" || break
    sleep 0.5
  done
  log "db serve did not start:"; cat "$WORK/serve.out" >&2; return 1
}
serve 0
PORT="${URL##*:}"; PORT="${PORT%%/*}"
start "$OUT" sweep "$FILE" --home "$H" --no-progress --set sweep.trials=4; SP=$BG
ID="$(wait_id "$OUT" "$SP")"
# Wait for some recorded epochs (the server is killed after them, mid-trial).
target=$(( 2 + RANDOM % 3 ))
while time_left; do
  status "$H" "$ID" && [ "$("${CHECK[@]}" epochs "$H.status.json")" -ge "$target" ] && break
  sleep 1
done
sleep "$(( RANDOM % 4 ))"
collect "$H" "$ID" "$WORK/pre-kill"
running="$("${CHECK[@]}" running "$WORK/pre-kill/status.json")"
kill -9 "$DBPID"
printf '2\tdb-serve\t%s\n' "$running" >>"$WORK/kills.tsv"
"${CHECK[@]}" snapshot "$WORK/pre-kill/status.json" >"$WORK/snapshot-2.json"
down=$(( 3 + RANDOM % 8 ))
log "kill: db serve $DBPID (running trials: $running; $(python3 -c 'import json, sys; print(sum(map(len, json.load(open(sys.argv[1])).values())))' "$WORK/snapshot-2.json") epochs recorded before); down for $down s"
sleep "$down"
sweep_alive=no; alive "$SP" && sweep_alive=yes
workers_alive="$(ps -eo args= | awk -v w="$H" 'index($0, "Main worker") && index($0, w)' | wc -l)"
serve "$PORT"
log "db serve started again on port $PORT; after the outage the sweep process was alive: $sweep_alive, workers alive: $workers_alive"
finish "$H" "$ID" "$SP" "$OUT"
collect "$H" "$ID" "$WORK/round-2"
kill "$DBPID" 2>/dev/null || true   # SIGTERM: db serve stops as on Ctrl-C
wait "$DBPID" 2>/dev/null || true

log "what the sweep processes printed on errors:"
grep -h '^error' "$WORK/r1.out" "$WORK/r2.out" | sort | uniq -c | sed 's/^/  /' >&2 || true
pk="$(cat "$WORK"/r1/workers/*.log "$WORK"/r2/workers/*.log 2>/dev/null | grep -ciE 'primary key violation|PK_EPOCH_METRIC' || true)"
log "epoch writes refused as duplicates in the workers' logs: $pk"
[ "${CHAOS_KEEP:-0}" = 1 ] && log "work folder kept: $WORK"
CHAOS_EPOCHS=4 "${CHECK[@]}" report "$WORK" | tee "$WORK/report.txt"
tail -1 "$WORK/report.txt" | grep -q ' lost_epochs=0 duplicate_epochs=0 failed_trials=0 mismatched_trials=0$'
