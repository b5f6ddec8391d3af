#!/usr/bin/env bash
# Stops the redis-server start.sh started under <dir> (by its pid file). Usage: stop.sh <dir>
set -euo pipefail

dir=$(realpath -m "${1:?usage: stop.sh <dir>}")
if [[ -f "$dir/redis.pid" ]]; then
  pid=$(cat "$dir/redis.pid")
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || exit 0
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
fi
