# Sourced by bench/train-speed.sh and bench/sweep-throughput.sh (NAME set first): installs what they
# need (Debian's dataset-fashion-mnist and python3-torch, GNU time), makes a scratch directory WORK
# removed on exit, and builds the workbench when its sources changed.
DATA=/usr/share/datasets/fashion-mnist
PY=/usr/bin/python3
log() { echo "[$NAME] $*" >&2; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
if [ ! -f "$DATA/train-images-idx3-ubyte.gz" ] || ! "$PY" -c 'import torch' 2>/dev/null || [ ! -x /usr/bin/time ]; then
  log "installing dataset-fashion-mnist, python3-torch and time..."
  $SUDO apt-get install -y -qq dataset-fashion-mnist python3-torch time >/dev/null \
    || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq dataset-fashion-mnist python3-torch time >/dev/null; }
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/workbench-$NAME.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
WORKBENCH_SKIP_BUILD= ./workbench --version >/dev/null   # builds when sources changed
rss_mib() { awk -F: '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
