#!/usr/bin/env bash
# Starts a one-node Ceph (a monitor, one in-memory OSD) and its RADOS Gateway on loopback, everything under <dir>:
# an S3 server for tests and development, gone with its folder. Stop it with stop.sh <dir>.
# Usage: start.sh <dir> <s3-port> [<mon-port>] ; prints "access-key secret-key" (CMS_S3_ACCESS_KEY/_SECRET_KEY or fixed).
set -euo pipefail

dir=$(realpath -m "${1:?usage: start.sh <dir> <s3-port> [<mon-port>]}")
port=${2:?usage: start.sh <dir> <s3-port> [<mon-port>]}
mon_port=${3:-$((port + 1))}
access_key=${CMS_S3_ACCESS_KEY:-cms-access-key}
secret_key=${CMS_S3_SECRET_KEY:-cms-secret-key-for-tests-only}
deadline=${CMS_S3_START_SECONDS:-60}

mkdir -p "$dir"/{mon,osd,run,log}
conf=$dir/ceph.conf
cat >"$conf" <<CONF
[global]
fsid = $(uuidgen)
mon host = v2:127.0.0.1:$mon_port
public addr = 127.0.0.1
cluster addr = 127.0.0.1
# Nothing to protect on loopback; with auth none the monitor client must not ask for a secure connection.
auth cluster required = none
auth service required = none
auth client required = none
ms_mon_client_mode = crc
run dir = $dir/run
admin socket = $dir/run/\$name.asok
pid file = $dir/run/\$name.pid
log file = $dir/log/\$name.log
log to stderr = false
# One OSD: pools of one copy, few placement groups.
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd crush chooseleaf type = 0
mon allow pool size one = true
mon warn on pool no redundancy = false
mon max pg per osd = 1000
# The monitor batches proposals for a second by default, which makes each step of the start wait for it.
paxos propose interval = 0.05

[mon.a]
mon data = $dir/mon

[osd.0]
osd data = $dir/osd
osd objectstore = memstore
memstore device bytes = 268435456

[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:$port
rgw data = $dir/rgw
ms_mon_client_mode = crc
CONF

# On failure, what the daemons said, and none of them left running.
fail() {
  tail -n 20 "$dir"/log/*.log "$dir"/log/*.out >&2 2>/dev/null || true
  "$(dirname "$0")/stop.sh" "$dir"
  exit 1
}
trap fail ERR

# Each writes to a log of its own, not to our output: whoever reads this script's output is not kept waiting by a daemon.
logged() { local name=$1; shift; "$@" </dev/null >"$dir/log/$name.out" 2>&1; }

monmaptool --create --fsid "$(ceph-conf -c "$conf" fsid)" --addv a "[v2:127.0.0.1:$mon_port]" "$dir/monmap" >/dev/null
logged mon.a-mkfs ceph-mon -c "$conf" -i a --mkfs --monmap "$dir/monmap"
logged mon.a ceph-mon -c "$conf" -i a
osd_uuid=$(uuidgen)
timeout "$deadline" ceph -c "$conf" osd new "$osd_uuid" 0 >/dev/null
logged osd.0-mkfs ceph-osd -c "$conf" -i 0 --mkfs --osd-uuid "$osd_uuid"
logged osd.0 ceph-osd -c "$conf" -i 0
# radosgw in the foreground, as our child, so that we know at once when it dies.
radosgw -f -c "$conf" -n client.rgw </dev/null >"$dir/log/client.rgw.out" 2>&1 &
rgw=$!
echo "$rgw" >"$dir/run/client.rgw.pid"
timeout "$deadline" radosgw-admin -c "$conf" user create --uid cms --display-name cms --access-key "$access_key" --secret-key "$secret_key" >/dev/null
# It registers with the service map (naming its frontends) once they listen: that line, or its death, whichever first.
timeout "$deadline" grep -q -m1 "service_daemon_register rgw" <(tail -n +1 -F "$dir/log/client.rgw.log" 2>/dev/null) </dev/null >/dev/null 2>&1 &
ready=$!
status=0
wait -n -p first "$ready" "$rgw" || status=$?
# timeout leads a process group of its own: the tail feeding grep goes with it.
kill -- -"$ready" 2>/dev/null || true
if [[ $first != "$ready" || $status != 0 ]]; then
  echo "radosgw did not start within ${deadline}s (logs in $dir/log)" >&2
  fail
fi
echo "$access_key $secret_key"
