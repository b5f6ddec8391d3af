#!/usr/bin/env bash
# Starts Debian's redis-server on 127.0.0.1:<port>, everything under <dir>: the store the instances of one deployment
# share their per-address rate limits through (Cms:Redis:Configuration). No persistence: a window lost with a restart
# only lets a client start its minute afresh. Stop it with stop.sh <dir>.
# Usage: start.sh <dir> <port>
set -euo pipefail

dir=$(realpath -m "${1:?usage: start.sh <dir> <port>}")
port=${2:?usage: start.sh <dir> <port>}
deadline=${CMS_REDIS_START_SECONDS:-20}

mkdir -p "$dir"
redis-server --bind 127.0.0.1 --port "$port" --protected-mode yes --save '' --appendonly no \
  --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --daemonize yes

for ((i = 0; i < deadline * 10; i++)); do
  if [[ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" == "PONG" ]]; then
    exit 0
  fi
  sleep 0.1
done
echo "redis-server did not answer on 127.0.0.1:$port within ${deadline} s; see $dir/redis.log" >&2
exit 1
