#!/usr/bin/env bash
# Users-API benchmark, one run, side by side: GET /hub/api/users on EnJoY's gateway and on
# JupyterHub 3.0 (Debian's `jupyterhub`), each with the same USERS users created through its own
# REST API. wrk (keep-alive, admin token) on three queries a control panel and the idle culler
# make. Prints a table with ratios and writes bench/hubapi/RESULTS.md. See bench/hubapi/README.md.
#
# usage: bench/hubapi/run.sh
#   USERS=5000 DURATION=10s CONNS=16 ROUNDS=2 WRK_THREADS=2
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/bench/out/hubapi"
USERS="${USERS:-5000}" DURATION="${DURATION:-10s}" CONNS="${CONNS:-16}" ROUNDS="${ROUNDS:-2}" WRK_THREADS="${WRK_THREADS:-2}"
JH_PORT=18480 JH_HUB_PORT=18481 JH_PROXY_API_PORT=18482

command -v wrk >/dev/null || { echo "error: wrk missing: apt-get install -y wrk" >&2; exit 2; }
command -v jupyterhub >/dev/null || { echo "error: jupyterhub missing: apt-get install -y jupyterhub" >&2; exit 2; }

rm -rf "$OUT"; mkdir -p "$OUT/jupyterhub"
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$OUT/jupyterhub/proxy.pid" ] && kill "$(cat "$OUT/jupyterhub/proxy.pid")" 2>/dev/null || true
  for p in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$p" 2>/dev/null || true
  done
}
trap cleanup EXIT INT TERM

# --- build: the gateway with its test classes (GatewayFixture), through the reactor
if [ ! -f "$ROOT/gateway/target/test-classes/io/enjoy/gateway/GatewayFixture.class" ] || [ ! -f "$ROOT/gateway/target/runtime-classpath.txt" ]; then
  (cd "$ROOT" && mvn -B -q -o -pl gateway -am package -DskipTests)
fi
CP="$HERE/target/classes:$ROOT/gateway/target/classes:$ROOT/gateway/target/test-classes:$(cat "$ROOT/gateway/target/runtime-classpath.txt")"
mkdir -p "$HERE/target/classes"
javac -nowarn -d "$HERE/target/classes" -cp "$CP" $(find "$HERE/src" -name '*.java')

# --- JupyterHub 3.0: dummy authenticator (no spawns happen), a service token with admin:users
JH_TOKEN="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
cat > "$OUT/jupyterhub/jupyterhub_config.py" <<CONF
c.JupyterHub.ip = '127.0.0.1'
c.JupyterHub.port = $JH_PORT
c.JupyterHub.hub_ip = '127.0.0.1'
c.JupyterHub.hub_port = $JH_HUB_PORT
c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:$JH_PROXY_API_PORT'
c.ConfigurableHTTPProxy.pid_file = '$OUT/jupyterhub/proxy.pid'
c.JupyterHub.db_url = 'sqlite:///$OUT/jupyterhub/jupyterhub.sqlite'
c.JupyterHub.cookie_secret_file = '$OUT/jupyterhub/cookie_secret'
c.JupyterHub.authenticator_class = 'dummy'
c.JupyterHub.services = [{'name': 'bench', 'api_token': '$JH_TOKEN'}]
c.JupyterHub.load_roles = [{'name': 'bench', 'scopes': ['admin:users'], 'services': ['bench']}]
c.JupyterHub.log_level = 'WARN'
CONF
# Debian's CHP keeps its modules in /usr/share/nodejs, which a non-Debian node does not search
(cd "$OUT/jupyterhub" && NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs" exec jupyterhub -f jupyterhub_config.py) > "$OUT/jupyterhub.log" 2>&1 &
PIDS+=($!); JH_PID=$!

# --- EnJoY's gateway (creates its users through its own API while JupyterHub starts)
java -cp "$CP" io.enjoy.gateway.UsersApiBenchGateway "$USERS" "$OUT/gateway.env" > "$OUT/gateway.log" 2>&1 &
PIDS+=($!); GW_PID=$!

for _ in $(seq 120); do curl -sf -o /dev/null "http://127.0.0.1:$JH_HUB_PORT/hub/api/" && break; kill -0 "$JH_PID" 2>/dev/null || break; sleep 1; done
curl -sf -o /dev/null "http://127.0.0.1:$JH_HUB_PORT/hub/api/" || { echo "error: JupyterHub did not start, see $OUT/jupyterhub.log" >&2; exit 1; }
echo "[jupyterhub] creating $USERS users through its API"
start=$(date +%s)
python3 - "$JH_HUB_PORT" "$JH_TOKEN" "$USERS" <<'PY'
import json, sys, urllib.request
port, token, users = sys.argv[1], sys.argv[2], int(sys.argv[3])
for first in range(0, users, 500):
    names = ["student%04d" % i for i in range(first, min(users, first + 500))]
    req = urllib.request.Request(f"http://127.0.0.1:{port}/hub/api/users", data=json.dumps({"usernames": names}).encode(),
                                 method="POST", headers={"Authorization": "token " + token, "Content-Type": "application/json"})
    urllib.request.urlopen(req, timeout=600).read()
PY
echo "[jupyterhub] created in $(( $(date +%s) - start )) s"
for _ in $(seq 600); do [ -s "$OUT/gateway.env" ] && break; kill -0 "$GW_PID" 2>/dev/null || break; sleep 1; done
[ -s "$OUT/gateway.env" ] || { echo "error: the gateway did not start, see $OUT/gateway.log" >&2; tail -20 "$OUT/gateway.log" >&2; exit 1; }
grep created "$OUT/gateway.log" | sed 's/^/[enjoy] /'

declare -A BASE AUTH
BASE[enjoy]="$(sed -n 's/^URL=//p' "$OUT/gateway.env")/hub/api"; AUTH[enjoy]="$(sed -n 's/^TOKEN=//p' "$OUT/gateway.env")"
# JupyterHub's API directly on the hub's port, not through its proxy: the proxy would only slow it down
BASE[jupyterhub]="http://127.0.0.1:$JH_HUB_PORT/hub/api"; AUTH[jupyterhub]="$JH_TOKEN"
QUERIES=("users" "users?offset=2500&limit=200" "users?name_filter=student42")
PAGED="application/jupyterhub-pagination+json"

# sanity: both answer each query with the same number of users
for q in "${QUERIES[@]}"; do
  for t in enjoy jupyterhub; do
    n=$(curl -sk -H "Authorization: token ${AUTH[$t]}" -H "Accept: $PAGED" "${BASE[$t]}/$q" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
    echo "[$t] $q -> $n users"; echo -e "$t\t$q\t$n" >> "$OUT/counts.tsv"
  done
done

printf "round\ttarget\tquery\trps\tp50_ms\tp99_ms\terrors\n" > "$OUT/results.tsv"
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'; }
for round in $(seq "$ROUNDS"); do
  order="enjoy jupyterhub"; [ $(( round % 2 )) -eq 0 ] && order="jupyterhub enjoy"
  for t in $order; do
    for q in "${QUERIES[@]}"; do
      log="$OUT/wrk-$round-$t-$(echo "$q" | tr -c 'a-z0-9\n' '_').log"
      wrk -t"$WRK_THREADS" -c"$CONNS" -d3s -H "Authorization: token ${AUTH[$t]}" -H "Accept: $PAGED" "${BASE[$t]}/$q" > /dev/null 2>&1
      echo "[round $round $t] $q"
      wrk -t"$WRK_THREADS" -c"$CONNS" -d"$DURATION" --latency --timeout 10s -H "Authorization: token ${AUTH[$t]}" -H "Accept: $PAGED" "${BASE[$t]}/$q" > "$log" 2>&1
      rps=$(awk '/^Requests\/sec/ {print $2}' "$log")
      p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$log")"); p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$log")")
      errs=$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(/,/, ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$log")
      printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$round" "$t" "$q" "${rps:-0}" "$p50" "$p99" "$errs" >> "$OUT/results.tsv"
    done
  done
done
python3 "$HERE/report.py" "$OUT" "$HERE/RESULTS.md" "$USERS" "$DURATION" "$CONNS"
