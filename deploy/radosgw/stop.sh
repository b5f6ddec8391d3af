#!/usr/bin/env bash
# Stops what start.sh <dir> started. Killed outright: the OSD keeps everything in memory, and a clean stop would
# only spend time writing that memory out to <dir>. The folder stays, with the logs; remove it when done.
set -euo pipefail

dir=$(realpath -m "${1:?usage: stop.sh <dir>}")
pids=()
for name in client.rgw osd.0 mon.a; do
  if [[ -f $dir/run/$name.pid ]] && kill -KILL "$(cat "$dir/run/$name.pid")" 2>/dev/null; then
    pids+=("$(cat "$dir/run/$name.pid")")
  fi
done
# Waited for so that ports and memory are free on return; a zombie holds neither (init reaps it when it gets to it).
for pid in "${pids[@]}"; do
  timeout 10 bash -c "while grep -qv '^State:.*Z' <(grep '^State:' /proc/$pid/status 2>/dev/null); do sleep 0.02; done"
done
