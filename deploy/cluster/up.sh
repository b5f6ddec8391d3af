#!/usr/bin/env bash
# The whole topology of a site that outgrew one machine, on loopback, as plain processes, under one state folder:
#   etcd ─ Patroni pg0 ┐                      ┌ HAProxy :+2 primary ┐
#          Patroni pg1 ┘ (streaming replica)  └ HAProxy :+3 replica ┴─ Cms instances :+30.. ─ nginx :+6
#   Redis :+5 (rate limits, shared), radosgw :+7 (S3 store for media)
# Usage: up.sh [<state-dir>]   (default $CMS_CLUSTER_DIR, else /tmp/cms-cluster); down.sh <state-dir> stops it all.
# Running again on the same folder starts only what is not running (a node killed by a drill rejoins).
# Settings (environment):
#   CMS_CLUSTER_PORT       first port of the block (default 15400); each daemon is at a fixed offset (cluster.env)
#   CMS_CLUSTER_INSTANCES  Cms instances behind nginx, 1-9 (default 3)
#   CMS_CLUSTER_SYNC       true: Patroni's synchronous_mode, no acknowledged write lost on failover (default true)
#   CMS_CLUSTER_TTL / _LOOP_WAIT / _RETRY_TIMEOUT   Patroni's timeouts (default 30/10/10; the drills use 10/2/4)
#   CMS_CLUSTER_S3         1: media on radosgw (default when radosgw is installed), 0: no S3 store
#   CMS_CLUSTER_API_DLL    the service to run (default: src/Cms.Api built once in Release)
#   CMS_ADMIN_PASSWORD     the first admin's password (default: generated, in <state-dir>/secrets.env)
#   Cms__* and ConnectionStrings__CmsReplica variables are handed to every instance as they are.
# Prints the addresses; <state-dir>/cluster.env holds them for scripts and tests.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
state=$(realpath -m "${1:-${CMS_CLUSTER_DIR:-/tmp/cms-cluster}}")
base=${CMS_CLUSTER_PORT:-15400}
instances=${CMS_CLUSTER_INSTANCES:-3}
sync=${CMS_CLUSTER_SYNC:-true}
ttl=${CMS_CLUSTER_TTL:-30}
loop_wait=${CMS_CLUSTER_LOOP_WAIT:-10}
retry_timeout=${CMS_CLUSTER_RETRY_TIMEOUT:-10}
pg_bin=${CMS_CLUSTER_PG_BIN:-/usr/lib/postgresql/15/bin}
deadline=${CMS_CLUSTER_START_SECONDS:-90}
if [[ -z ${CMS_CLUSTER_S3:-} ]]; then
  if [[ -x /usr/bin/radosgw ]]; then CMS_CLUSTER_S3=1; else CMS_CLUSTER_S3=0; fi
fi
((instances >= 1 && instances <= 9)) || { echo "CMS_CLUSTER_INSTANCES must be 1-9" >&2; exit 2; }

etcd_port=$base etcd_peer_port=$((base + 1))
haproxy_primary_port=$((base + 2)) haproxy_replica_port=$((base + 3)) haproxy_stats_port=$((base + 4))
redis_port=$((base + 5)) nginx_port=$((base + 6)) s3_port=$((base + 7)) s3_mon_port=$((base + 8))
pg_port() { echo $((base + 10 + $1)); }
rest_port() { echo $((base + 20 + $1)); }
cms_port() { echo $((base + 30 + $1)); }

log() { printf '%s %s\n' "$(date +%T.%3N)" "$*" >&2; }
die() { log "$*"; exit 1; }
trap 'log "up.sh failed at line $LINENO: $BASH_COMMAND"' ERR

# Debian's packages, installed when missing (as root; otherwise say what to install).
packages=()
command -v etcd >/dev/null || packages+=(etcd-server)
command -v patroni >/dev/null || packages+=(patroni)
command -v haproxy >/dev/null || [[ -x /usr/sbin/haproxy ]] || packages+=(haproxy)
command -v redis-server >/dev/null || packages+=(redis-server)
[[ -x /usr/sbin/nginx ]] || packages+=(nginx)
[[ -x $pg_bin/postgres ]] || packages+=(postgresql-15 postgresql-contrib)
if ((${#packages[@]})); then
  [[ $(id -u) == 0 ]] || die "Missing: ${packages[*]} (apt-get install --no-install-recommends ${packages[*]})"
  log "installing ${packages[*]}"
  apt-get update -qq
  # The packages' own services stay off (no systemd here, and a policy-rc.d may refuse them anyway): we start our own.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
haproxy_bin=$(command -v haproxy || echo /usr/sbin/haproxy)

mkdir -p "$state"/{run,log,bin,nginx,redis}
chmod 755 "$state"
# Secrets: made once per state folder, so a second run keeps the same database.
if [[ ! -f $state/secrets.env ]]; then
  secret() { head -c 18 /dev/urandom | base64 | tr -d '+/='; }
  umask 077
  cat >"$state/secrets.env" <<EOF
SUPERUSER_PASSWORD=$(secret)
REPLICATION_PASSWORD=$(secret)
REWIND_PASSWORD=$(secret)
CMS_DB_PASSWORD=$(secret)
CMS_ADMIN_PASSWORD=${CMS_ADMIN_PASSWORD:-$(secret)}
EOF
  umask 022
fi
# shellcheck source=/dev/null
source "$state/secrets.env"

# PostgreSQL and Patroni run as postgres when we are root (PostgreSQL refuses root).
if [[ $(id -u) == 0 ]]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  as_postgres=(setpriv --reuid=postgres --regid=postgres --init-groups)
  pg_owner=postgres
else
  as_postgres=()
  pg_owner=$(id -un)
fi

# A daemon runs in a session of its own, with a clean environment (an inherited PGPASSWORD would override Patroni's
# pgpass and make the standby's pg_basebackup fail for ever), its output in log/<name>.log, its pid in run/<name>.pid.
clean_env=(env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME="$state")
alive() { [[ -f $state/run/$1.pid ]] && kill -0 "$(cat "$state/run/$1.pid")" 2>/dev/null; }
daemon() {
  local name=$1; shift
  setsid "$@" </dev/null >>"$state/log/$name.log" 2>&1 &
  echo $! >"$state/run/$name.pid"
}
# Waits for a command to succeed, up to the deadline; on failure, the named logs.
wait_for() {
  local what=$1 logs=$2; shift 2
  local until=$((SECONDS + deadline))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= until)); then
      for f in $logs; do tail -n 30 "$f" >&2 2>/dev/null || true; done
      die "$what did not come up within ${deadline}s (logs in $state/log)"
    fi
    sleep 0.1
  done
}
render() { # template, output, variables to substitute
  local template=$1 output=$2; shift 2
  envsubst "$(printf '${%s} ' "$@")" <"$here/templates/$template" >"$output"
}

started=$SECONDS

# The S3 store starts alongside the database stack (it takes a few seconds of its own).
s3_job=
if [[ $CMS_CLUSTER_S3 == 1 ]] && ! alive s3; then
  rm -rf "$state/s3"
  ( "$repo/deploy/radosgw/start.sh" "$state/s3" "$s3_port" "$s3_mon_port" >"$state/run/s3.keys" 2>"$state/log/s3-start.log" \
    && cp "$state/s3/run/client.rgw.pid" "$state/run/s3.pid" ) &
  s3_job=$!
fi

# etcd: Patroni's consensus store (one member here; three in production, on three machines).
if ! alive etcd; then
  daemon etcd "${clean_env[@]}" etcd --name etcd0 --data-dir "$state/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer_port" \
    --initial-cluster "etcd0=http://127.0.0.1:$etcd_peer_port" --initial-cluster-state new \
    --heartbeat-interval 100 --election-timeout 1000 --log-level warn
fi
wait_for "etcd" "$state/log/etcd.log" curl -fsS "http://127.0.0.1:$etcd_port/health"
log "etcd up"

# Two PostgreSQL nodes under Patroni: whichever takes the initialize key first runs initdb, the other clones it.
cat >"$state/bin/post-bootstrap.sh" <<EOF
#!/bin/sh
# Run by Patroni once, on the new cluster's primary, with a superuser connection string as \$1.
exec psql -v ON_ERROR_STOP=1 "\$1" <<'SQL'
CREATE ROLE cms LOGIN PASSWORD '$CMS_DB_PASSWORD';
CREATE DATABASE cms OWNER cms;
SQL
EOF
chmod 755 "$state/bin/post-bootstrap.sh" "$state/bin"
for node in 0 1; do
  name=pg$node
  mkdir -p "$state/$name" "$state/log/$name"
  NAME=$name STATE=$state REST_PORT=$(rest_port $node) ETCD_PORT=$etcd_port PG_PORT=$(pg_port $node) PG_BIN=$pg_bin \
    TTL=$ttl LOOP_WAIT=$loop_wait RETRY_TIMEOUT=$retry_timeout SYNCHRONOUS_MODE=$sync \
    SUPERUSER_PASSWORD=$SUPERUSER_PASSWORD REPLICATION_PASSWORD=$REPLICATION_PASSWORD REWIND_PASSWORD=$REWIND_PASSWORD \
    render patroni.yml "$state/$name/patroni.yml" NAME STATE REST_PORT ETCD_PORT PG_PORT PG_BIN TTL LOOP_WAIT RETRY_TIMEOUT \
    SYNCHRONOUS_MODE SUPERUSER_PASSWORD REPLICATION_PASSWORD REWIND_PASSWORD
  chmod 600 "$state/$name/patroni.yml"
  chown -R "$pg_owner" "$state/$name" "$state/log/$name"
  if ! alive "$name"; then
    daemon "$name" "${clean_env[@]}" "${as_postgres[@]}" patroni "$state/$name/patroni.yml"
  fi
done
chown "$pg_owner" "$state/log"

# Up means: one primary, and the other node streaming from it (in synchronous mode, as the synchronous standby).
patroni_json() { curl -fsS --max-time 3 "http://127.0.0.1:$(rest_port "$1")/patroni"; }
leader() {
  for node in 0 1; do
    curl -fs --max-time 3 -o /dev/null "http://127.0.0.1:$(rest_port $node)/primary" && { echo $node; return 0; }
  done
  return 1
}
# Sets leader_node when it holds.
replicating() {
  local node
  node=$(leader) || return 1
  patroni_json "$node" | python3 -c '
import json, sys
p = json.load(sys.stdin)
streaming = [r for r in p.get("replication", []) if r.get("state") == "streaming"]
want_sync = sys.argv[1] == "true"
sys.exit(0 if streaming and (not want_sync or any(r.get("sync_state") in ("sync", "quorum") for r in streaming)) else 1)' "$sync" \
    && psql -qAtX "host=127.0.0.1 port=$(pg_port "$node") dbname=cms user=cms password=$CMS_DB_PASSWORD connect_timeout=3" -c 'SELECT 1' \
    && leader_node=$node
}
wait_for "the PostgreSQL pair" "$state/log/pg0.log $state/log/pg1.log $state/log/pg0/patroni.log $state/log/pg1/patroni.log" replicating
log "PostgreSQL up: pg$leader_node primary, pg$((1 - leader_node)) streaming (synchronous_mode: $sync)"

# HAProxy: the primary and replica ports, by Patroni's REST checks.
servers() {
  for node in 0 1; do
    printf '    server pg%s 127.0.0.1:%s check port %s\n' "$node" "$(pg_port $node)" "$(rest_port $node)"
  done
}
STATE=$state HAPROXY_STATS_PORT=$haproxy_stats_port HAPROXY_PRIMARY_PORT=$haproxy_primary_port HAPROXY_REPLICA_PORT=$haproxy_replica_port \
  CHECK_INTERVAL=${CMS_CLUSTER_CHECK_INTERVAL:-1s} CHECK_FAST_INTERVAL=500ms CHECK_FALL=3 CHECK_RISE=2 \
  PRIMARY_SERVERS=$(servers) REPLICA_SERVERS=$(servers) \
  render haproxy.cfg "$state/haproxy.cfg" STATE HAPROXY_STATS_PORT HAPROXY_PRIMARY_PORT HAPROXY_REPLICA_PORT CHECK_INTERVAL \
  CHECK_FAST_INTERVAL CHECK_FALL CHECK_RISE PRIMARY_SERVERS REPLICA_SERVERS
"$haproxy_bin" -q -c -f "$state/haproxy.cfg" >/dev/null
if ! alive haproxy; then
  # -db: in the foreground, as our daemon, so its pid is the one we keep.
  daemon haproxy "${clean_env[@]}" "$haproxy_bin" -db -f "$state/haproxy.cfg"
fi
# HAProxy counts a server up until its checks say otherwise: wait until they have (the leader alone behind the
# primary port, the standby alone behind the replica's), so the first connection goes where it should.
routed() {
  local csv
  csv=$(curl -fsS --max-time 3 "http://127.0.0.1:$haproxy_stats_port/;csv") || return 1
  local l=pg$leader_node r=pg$((1 - leader_node))
  grep -q "^primary,$l,.*,UP," <<<"$csv" && grep -q "^primary,$r,.*,DOWN," <<<"$csv" \
    && grep -q "^standbys,$r,.*,UP," <<<"$csv" && grep -q "^standbys,$l,.*,DOWN," <<<"$csv"
}
wait_for "HAProxy's routing" "$state/log/haproxy.log" routed
log "HAProxy up: primary 127.0.0.1:$haproxy_primary_port, replica 127.0.0.1:$haproxy_replica_port (${SECONDS}s after start)"

# Redis: the shared in-memory service (rate limits across instances). Nothing in it needs to survive a restart.
if ! alive redis; then
  daemon redis "${clean_env[@]}" redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$state/redis" \
    --save '' --appendonly no --daemonize no --logfile ''
fi
wait_for "Redis" "$state/log/redis.log" redis-cli -p "$redis_port" ping

if [[ -n $s3_job ]]; then
  wait "$s3_job" || { tail -n 30 "$state/log/s3-start.log" >&2; die "radosgw did not start"; }
  log "radosgw up: http://127.0.0.1:$s3_port"
fi

# The service: built once (Release), then N instances on the HAProxy ports.
dll=${CMS_CLUSTER_API_DLL:-$repo/src/Cms.Api/bin/Release/net10.0/Cms.Api.dll}
if [[ ! -f $dll ]]; then
  log "building the service (Release)"
  dotnet build -c Release --nologo -v q "$repo/src/Cms.Api" >"$state/log/build.log" 2>&1 || { tail -n 30 "$state/log/build.log" >&2; die "build failed"; }
fi
dotnet_bin=$(command -v dotnet)
database="Host=127.0.0.1;Database=cms;Username=cms;Password=$CMS_DB_PASSWORD;Timeout=3"
instance_env() {
  local n=$1
  local vars=(
    PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$state" LANG=C.UTF-8 DOTNET_CLI_HOME="$state"
    ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$(cms_port "$n")"
    ConnectionStrings__Cms="$database;Port=$haproxy_primary_port"
    ConnectionStrings__CmsReplica="$database;Port=$haproxy_replica_port"
    Cms__Redis__Configuration="127.0.0.1:$redis_port"
    Cms__Bootstrap__AdminUsername=admin Cms__Bootstrap__AdminPassword="$CMS_ADMIN_PASSWORD"
    Cms__Http__KnownProxies__0=127.0.0.1
    Cms__Site__BaseUrl="http://127.0.0.1:$nginx_port"
    Cms__Media__RenditionCachePath="$state/cms$n/renditions" Cms__Media__LocalPath="$state/media"
  )
  if [[ $CMS_CLUSTER_S3 == 1 ]]; then
    read -r access secret_key <"$state/run/s3.keys"
    vars+=(Cms__Media__Store=s3 Cms__Media__S3__ServiceUrl="http://127.0.0.1:$s3_port" Cms__Media__S3__Bucket=cms-media
      Cms__Media__S3__AccessKey="$access" Cms__Media__S3__SecretKey="$secret_key")
  fi
  # The caller's own settings last, so they win.
  vars+=(Logging__LogLevel__Default=Warning)
  while IFS= read -r line; do vars+=("$line"); done < <(env | grep -E '^(Cms__|ConnectionStrings__CmsReplica=|Logging__)' || true)
  printf '%s\n' "${vars[@]}"
}
start_instance() {
  local n=$1
  alive "cms$n" && return 0
  mkdir -p "$state/cms$n"
  local vars=()
  mapfile -t vars < <(instance_env "$n")
  daemon "cms$n" env -i "${vars[@]}" "$dotnet_bin" "$dll"
}
ready() { curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$(cms_port "$1")/health/ready"; }
# The first migrates the database and makes the admin; the others start once it is ready.
start_instance 1
wait_for "Cms instance 1" "$state/log/cms1.log" ready 1
for ((n = 2; n <= instances; n++)); do start_instance "$n"; done
for ((n = 2; n <= instances; n++)); do wait_for "Cms instance $n" "$state/log/cms$n.log" ready "$n"; done
log "Cms up: $instances instance(s) on 127.0.0.1:$(cms_port 1)..$(cms_port "$instances")"

# nginx in front of them.
upstreams=$(for ((n = 1; n <= instances; n++)); do
  printf '        server 127.0.0.1:%s max_fails=1 fail_timeout=%s;\n' "$(cms_port "$n")" "${CMS_CLUSTER_FAIL_TIMEOUT:-5s}"
done)
nginx_user=
if [[ $(id -u) == 0 ]]; then
  nginx_user="user nobody nogroup;"
  chown nobody "$state/nginx"
fi
STATE=$state NGINX_WORKERS=${CMS_CLUSTER_NGINX_WORKERS:-2} NGINX_USER=$nginx_user UPSTREAM_SERVERS=$upstreams NGINX_PORT=$nginx_port \
  render nginx.conf "$state/nginx.conf" STATE NGINX_WORKERS NGINX_USER UPSTREAM_SERVERS NGINX_PORT
if alive nginx; then
  kill -HUP "$(cat "$state/run/nginx.pid")"   # the instance count may have changed
else
  daemon nginx /usr/sbin/nginx -p "$state/nginx" -c "$state/nginx.conf"
fi
wait_for "nginx" "$state/log/nginx-error.log $state/log/nginx.log" curl -fsS -o /dev/null "http://127.0.0.1:$nginx_port/health/live"

# KEY='value' lines: sourced by shells, read by the drills.
{
  printf "%s='%s'\n" \
    CMS_CLUSTER_DIR "$state" \
    CMS_CLUSTER_URL "http://127.0.0.1:$nginx_port" \
    CMS_CLUSTER_INSTANCES "$instances" \
    CMS_CLUSTER_INSTANCE_PORTS "$(for ((n = 1; n <= instances; n++)); do printf '%s ' "$(cms_port "$n")"; done | sed 's/ $//')" \
    CMS_CLUSTER_PRIMARY_PORT "$haproxy_primary_port" \
    CMS_CLUSTER_REPLICA_PORT "$haproxy_replica_port" \
    CMS_CLUSTER_HAPROXY_STATS "http://127.0.0.1:$haproxy_stats_port/" \
    CMS_CLUSTER_PG_PORTS "$(pg_port 0) $(pg_port 1)" \
    CMS_CLUSTER_PATRONI_PORTS "$(rest_port 0) $(rest_port 1)" \
    CMS_CLUSTER_ETCD "http://127.0.0.1:$etcd_port" \
    CMS_CLUSTER_REDIS "127.0.0.1:$redis_port" \
    CMS_CLUSTER_S3 "$([[ $CMS_CLUSTER_S3 == 1 ]] && echo "http://127.0.0.1:$s3_port")" \
    CMS_CLUSTER_SYNC "$sync" \
    CMS_DB_CONNECTION "$database;Port=$haproxy_primary_port" \
    CMS_DB_REPLICA_CONNECTION "$database;Port=$haproxy_replica_port" \
    CMS_ADMIN_USERNAME admin \
    CMS_ADMIN_PASSWORD "$CMS_ADMIN_PASSWORD"
} >"$state/cluster.env"
chmod 600 "$state/cluster.env"
log "up in $((SECONDS - started))s: http://127.0.0.1:$nginx_port (admin's password and every address in $state/cluster.env)"
echo "$state/cluster.env"
