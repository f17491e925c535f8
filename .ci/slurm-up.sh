#!/usr/bin/env bash
# Brings up a single-node Slurm cluster on this machine, as root, without systemd or cgroups:
# munged (as the munge user), slurmctld and slurmd, one partition "debug" with this host's cores
# and two fake GPUs (device files
# only, see below). Idempotent: does nothing when `sinfo` already answers. Used by .ci/run before the
# tests; the Slurm tests skip themselves (with the reason) when no cluster answers.
#
# Usage: sudo bash .ci/slurm-up.sh        (installs slurmctld slurmd slurm-client munge if missing)
set -euo pipefail

if command -v sinfo >/dev/null && timeout 5 sinfo -h >/dev/null 2>&1; then
  echo "slurm: already up"; exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "error: .ci/slurm-up.sh starts daemons and must run as root" >&2; exit 2
fi
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurmctld slurmd slurm-client munge >/dev/null
fi

host="$(hostname -s)"
cpus="$(nproc)"
mem_mb="$(awk '/MemTotal/ {print int($2 / 1024 * 0.9)}' /proc/meminfo)"

# munge: the key comes with the package; the daemon runs as the munge user.
[ -s /etc/munge/munge.key ] || { dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null; }
chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
mkdir -p /run/munge /var/log/munge /var/lib/munge
chown munge:munge /run/munge /var/log/munge /var/lib/munge
chmod 755 /run/munge
if ! pgrep -x munged >/dev/null; then
  runuser -u munge -- /usr/sbin/munged
fi

mkdir -p /etc/slurm /var/lib/slurm/slurmctld /var/lib/slurm/slurmd /var/log/slurm /run/slurm

# Two fake GPUs: Slurm's gpu gres needs device files (character devices with NVIDIA's major
# number 195); nothing opens them, they only let `--gres=gpu:N` be scheduled and make Slurm set
# CUDA_VISIBLE_DEVICES the way it does on a real GPU node.
# Where device nodes cannot be made (no CAP_MKNOD), the node has no GPUs and the GPU tests skip.
gres=""
if { [ -e /dev/nvidia0 ] || mknod /dev/nvidia0 c 195 0 2>/dev/null; } &&
   { [ -e /dev/nvidia1 ] || mknod /dev/nvidia1 c 195 1 2>/dev/null; }; then
  gres="Gres=gpu:2"
  echo "NodeName=$host Name=gpu File=/dev/nvidia[0-1]" > /etc/slurm/gres.conf
else
  echo "slurm: cannot create fake GPU device files here; the node gets no GPUs" >&2
  : > /etc/slurm/gres.conf
fi

cat > /etc/slurm/slurm.conf <<EOF
ClusterName=workbench-ci
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=/var/lib/slurm/slurmctld
SlurmdSpoolDir=/var/lib/slurm/slurmd
SlurmctldPidFile=/run/slurm/slurmctld.pid
SlurmdPidFile=/run/slurm/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
ReturnToService=2
KillWait=30
MpiDefault=none
GresTypes=gpu
NodeName=$host CPUs=$cpus RealMemory=$mem_mb $gres State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=YES
EOF

pgrep -x slurmctld >/dev/null || slurmctld
pgrep -x slurmd >/dev/null || slurmd

for _ in $(seq 1 60); do
  if sinfo -h -o '%T' 2>/dev/null | grep -Eq '^(idle|mixed|allocated)'; then
    echo "slurm: up ($host, $cpus CPUs, partition debug)"
    exit 0
  fi
  sleep 0.5
done
echo "error: Slurm did not come up; logs:" >&2
tail -n 20 /var/log/slurm/slurmctld.log /var/log/slurm/slurmd.log >&2 || true
exit 1
