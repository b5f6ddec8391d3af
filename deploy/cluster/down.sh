#!/usr/bin/env bash
# Stops everything up.sh <state-dir> started and waits until none of it runs: nginx, the Cms instances, HAProxy, the
# Patroni nodes with their PostgreSQL, etcd, Redis, radosgw. The folder stays (data, logs); remove it to start afresh.
# Usage: down.sh [<state-dir>]   (default $CMS_CLUSTER_DIR, else /tmp/cms-cluster)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
state=$(realpath -m "${1:-${CMS_CLUSTER_DIR:-/tmp/cms-cluster}}")
[[ -d $state/run ]] || exit 0

pid_of() { [[ -f $state/run/$1.pid ]] && cat "$state/run/$1.pid"; }
# A node's PostgreSQL: its postmaster (whose pid file outlives a killed Patroni) and the postmaster's children.
postmaster_of() { [[ -f $state/$1/data/postmaster.pid ]] && head -n 1 "$state/$1/data/postmaster.pid"; }
gone() { ! kill -0 "$1" 2>/dev/null || grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null; }
family_alive() { local p; for p in "$1" $(pgrep -P "$1"); do gone "$p" || return 0; done; return 1; }

# SIGTERM first, everything at once: instances flush their buffered views, Patroni stops PostgreSQL (fast mode).
pids=()
for name in nginx cms1 cms2 cms3 cms4 cms5 cms6 cms7 cms8 cms9 haproxy pg0 pg1 redis etcd; do
  if pid=$(pid_of "$name") && kill -TERM "$pid" 2>/dev/null; then pids+=("$pid"); fi
done
postmasters=()
for node in pg0 pg1; do
  # SIGINT: PostgreSQL's fast shutdown (Patroni asks the same; this reaches a node whose Patroni is gone).
  if pid=$(postmaster_of "$node") && kill -INT "$pid" 2>/dev/null; then postmasters+=("$pid"); fi
done
until=$((SECONDS + ${CMS_CLUSTER_STOP_SECONDS:-10}))
for pid in "${pids[@]}"; do
  while ! gone "$pid" && ((SECONDS < until)); do sleep 0.05; done
done
# Whatever is left (a Patroni that lost its etcd, a postmaster whose Patroni was killed), outright.
for pid in "${pids[@]}"; do gone "$pid" || kill -KILL "$pid" 2>/dev/null || true; done
for pm in "${postmasters[@]}"; do
  while family_alive "$pm" && ((SECONDS < until)); do sleep 0.05; done
  # shellcheck disable=SC2046
  kill -KILL "$pm" $(pgrep -P "$pm") 2>/dev/null || true
done
for pid in "${pids[@]}"; do
  while ! gone "$pid"; do sleep 0.02; done
done
for pm in "${postmasters[@]}"; do
  while family_alive "$pm"; do sleep 0.02; done
done
rm -f "$state"/run/*.pid

if [[ -d $state/s3 ]]; then
  "$here/../radosgw/stop.sh" "$state/s3"
fi
