#!/usr/bin/env bash
# A drill: kill -9 one part of the cluster up.sh <state-dir> runs, as if its machine died.
#   kill.sh <state-dir> primary|replica|pg0|pg1   Patroni and its PostgreSQL (the postmaster and every child), together
#   kill.sh <state-dir> cms<N>                    one Cms instance
# Prints the node it killed. up.sh <state-dir> starts it again (a PostgreSQL node rejoins as a standby, rewound).
set -euo pipefail

state=$(realpath -m "${1:?usage: kill.sh <state-dir> primary|replica|pg0|pg1|cms<N>}")
target=${2:?usage: kill.sh <state-dir> primary|replica|pg0|pg1|cms<N>}
# shellcheck source=/dev/null
source "$state/cluster.env"
read -r -a rest_ports <<<"$CMS_CLUSTER_PATRONI_PORTS"

role_of() { curl -fs --max-time 1 -o /dev/null "http://127.0.0.1:${rest_ports[$1]}/$2"; }
case $target in
  primary | replica)
    target=
    for node in 0 1; do role_of "$node" "$2" && target=pg$node && break; done
    [[ -n $target ]] || { echo "no node is $2 now" >&2; exit 1; }
    ;;
esac

pids=()
[[ -f $state/run/$target.pid ]] && pids+=("$(cat "$state/run/$target.pid")")
if [[ $target == pg* && -f $state/$target/data/postmaster.pid ]]; then
  postmaster=$(head -n 1 "$state/$target/data/postmaster.pid")
  # The children first in the list, read before the postmaster dies (orphans would be harder to find).
  # shellcheck disable=SC2207
  pids+=($(pgrep -P "$postmaster" || true) "$postmaster")
fi
((${#pids[@]})) || { echo "$target is not running" >&2; exit 1; }
kill -KILL "${pids[@]}" 2>/dev/null || true
echo "$target"
