#!/usr/bin/env bash
# Proxy benchmark, one run, side by side: direct to the backend, EnJoY's gateway, configurable-
# http-proxy (CHP) and nginx. wrk (keep-alive) on 1 KiB and 100 KiB responses at 64 and 512
# connections, plus a WebSocket echo round trip (median/p99) through each. Prints a table and
# writes bench/proxy/RESULTS.md. Loopback only. See bench/proxy/README.md.
#
# usage: bench/proxy/run.sh
#   DURATION=10s   each wrk measurement
#   WARMUP=15s     before every target/size: 3 s at 8 connections, then WARMUP at 64 (the gateway and the
#                  backend are JVMs: with 3 s on a busy machine the JIT was still compiling the proxy
#                  path during the measured rows; nginx and CHP get the same warm-up)
#   CONNS="64 512" SIZES="1k 100k" TARGETS="direct gateway chp nginx"
#   WS_COUNT=5000  recorded WebSocket round trips per target (after 2000 unrecorded)
#   WRK_THREADS=2
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/bench/out/proxy"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-15s}"
CONNS="${CONNS:-64 512}"
SIZES="${SIZES:-1k 100k}"
TARGETS="${TARGETS:-direct gateway chp nginx}"
WS_COUNT="${WS_COUNT:-5000}"
WRK_THREADS="${WRK_THREADS:-2}"
BACKEND_PORT=18380 GATEWAY_ENV="$OUT/gateway.env" CHP_PORT=18381 CHP_API_PORT=18382 NGINX_PORT=18383

command -v wrk >/dev/null || { echo "error: wrk missing: apt-get install -y wrk" >&2; exit 2; }
command -v java >/dev/null || { echo "error: java missing" >&2; exit 2; }

rm -rf "$OUT"; mkdir -p "$OUT"
PIDS=()
cleanup() { # every process this script started, by its own pid (nginx: the master stops its workers)
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$p" 2>/dev/null || true
  done
}
trap cleanup EXIT INT TERM

# --- build: the gateway (with its test classes: GatewayFixture) and the three small Java tools
if [ ! -f "$ROOT/gateway/target/test-classes/io/enjoy/gateway/GatewayFixture.class" ] || [ ! -f "$ROOT/gateway/target/runtime-classpath.txt" ]; then
  (cd "$ROOT" && mvn -B -q -o -pl gateway -am verify -DskipTests) # builds test classes too; nothing goes to ~/.m2
fi
CP="$HERE/target/classes:$ROOT/gateway/target/classes:$ROOT/gateway/target/test-classes:$(cat "$ROOT/gateway/target/runtime-classpath.txt")"
mkdir -p "$HERE/target/classes"
javac -nowarn -d "$HERE/target/classes" -cp "$CP" $(find "$HERE/src" -name '*.java')

wait_port() { # port seconds
  for _ in $(seq $(( $2 * 5 ))); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.2; done
  echo "error: nothing listens on $1" >&2; return 1
}
rss_kb() { # sum of VmRSS over the given pids and their direct children
  local total=0 p c
  for p in "$@"; do
    for c in "$p" $(cat /proc/"$p"/task/*/children 2>/dev/null); do
      total=$(( total + $(awk '/^VmRSS/ {print $2}' /proc/"$c"/status 2>/dev/null || echo 0) ))
    done
  done
  echo "$total"
}

# --- backend
java -Xmx256m -cp "$CP" io.enjoy.bench.proxy.EchoBackend "$BACKEND_PORT" 2 > "$OUT/backend.log" 2>&1 &
PIDS+=($!); wait_port "$BACKEND_PORT" 30

declare -A URL COOKIE RSS_PIDS
URL[direct]="http://127.0.0.1:$BACKEND_PORT"; RSS_PIDS[direct]="${PIDS[0]}"
TLS_CERT="" TLS_KEY=""
if [[ " $TARGETS " == *" gateway "* || " $TARGETS " == *" chp "* || " $TARGETS " == *" nginx "* ]]; then
  # the gateway is HTTPS-only, so CHP and nginx terminate TLS too, with the gateway's own certificate
  java -cp "$CP" io.enjoy.gateway.ProxyBenchGateway "$BACKEND_PORT" "$GATEWAY_ENV" > "$OUT/gateway.log" 2>&1 &
  PIDS+=($!); GATEWAY_PID=$!
  for _ in $(seq 180); do [ -s "$GATEWAY_ENV" ] && break; kill -0 "$GATEWAY_PID" 2>/dev/null || break; sleep 1; done
  [ -s "$GATEWAY_ENV" ] || { echo "error: the gateway did not start, see $OUT/gateway.log" >&2; tail -20 "$OUT/gateway.log" >&2; exit 1; }
  URL[gateway]="$(sed -n 's/^URL=//p' "$GATEWAY_ENV")"; COOKIE[gateway]="$(sed -n 's/^COOKIE=//p' "$GATEWAY_ENV")"
  RSS_PIDS[gateway]="$GATEWAY_PID"
  TLS_CERT="$(sed -n 's/^CERT=//p' "$GATEWAY_ENV")"; TLS_KEY="$(sed -n 's/^KEY=//p' "$GATEWAY_ENV")"
fi
AVAILABLE="direct gateway"

if [[ " $TARGETS " == *" chp "* ]]; then
  CHP="$(command -v configurable-http-proxy || true)"
  [ -z "$CHP" ] && [ -x "$HERE/node_modules/.bin/configurable-http-proxy" ] && CHP="$HERE/node_modules/.bin/configurable-http-proxy"
  if [ -n "$CHP" ]; then
    # Debian's package keeps its modules in /usr/share/nodejs, which a non-Debian node does not search
    NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs" "$CHP" --ip 127.0.0.1 --port "$CHP_PORT" --api-ip 127.0.0.1 --api-port "$CHP_API_PORT" \
      --ssl-cert "$TLS_CERT" --ssl-key "$TLS_KEY" --default-target "http://127.0.0.1:$BACKEND_PORT" \
      --log-level warn > "$OUT/chp.log" 2>&1 &
    PIDS+=($!); RSS_PIDS[chp]=$!
    wait_port "$CHP_PORT" 30; URL[chp]="https://127.0.0.1:$CHP_PORT"; AVAILABLE+=" chp"
  else
    echo "warning: configurable-http-proxy not installed (apt-get install -y node-configurable-http-proxy); skipped" | tee -a "$OUT/skipped"
  fi
fi

if [[ " $TARGETS " == *" nginx "* ]]; then
  NGINX="$(command -v nginx || ls /usr/sbin/nginx 2>/dev/null || true)"
  if [ -n "$NGINX" ]; then
    N="$OUT/nginx"; mkdir -p "$N/tmp"
    cat > "$N/nginx.conf" <<CONF
worker_processes auto;
error_log $N/error.log warn;
pid $N/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $N/tmp/body; proxy_temp_path $N/tmp/proxy; fastcgi_temp_path $N/tmp/fcgi;
  uwsgi_temp_path $N/tmp/uwsgi; scgi_temp_path $N/tmp/scgi;
  upstream backend { server 127.0.0.1:$BACKEND_PORT; keepalive 256; }
  map \$http_upgrade \$connection_upgrade { default upgrade; '' ''; }
  server {
    listen 127.0.0.1:$NGINX_PORT ssl;
    ssl_certificate $TLS_CERT; ssl_certificate_key $TLS_KEY;
    keepalive_requests 1000000;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Host \$host;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto https;
      proxy_buffer_size 16k; proxy_buffers 8 16k; proxy_max_temp_file_size 0;
      proxy_read_timeout 3600s;
    }
  }
}
CONF
    "$NGINX" -p "$N" -c "$N/nginx.conf" -g 'daemon off;' > "$N/stdout.log" 2>&1 &
    PIDS+=($!); RSS_PIDS[nginx]=$!
    wait_port "$NGINX_PORT" 30; URL[nginx]="https://127.0.0.1:$NGINX_PORT"; AVAILABLE+=" nginx"
  else
    echo "warning: nginx not installed (apt-get install -y nginx); skipped" | tee -a "$OUT/skipped"
  fi
fi

# --- measurements: results.tsv = target size conns rps p50_ms p99_ms errors rss_kb
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'; }
run_wrk() { # target size conns duration logfile
  local t="$1" args=(-t"$WRK_THREADS" -c"$3" -d"$4" --latency --timeout 10s)
  [ -n "${COOKIE[$t]:-}" ] && args+=(-H "Cookie: ${COOKIE[$t]}")
  wrk "${args[@]}" "${URL[$t]}/user/bench/$2" > "$5" 2>&1
}
printf "target\tsize\tconns\trps\tp50_ms\tp99_ms\terrors\trss_kb\n" > "$OUT/results.tsv"
for t in $TARGETS; do
  [[ " $AVAILABLE " == *" $t "* ]] || continue
  for size in $SIZES; do
    # a gentle warm-up first: 64 fresh TLS connections at once to a cold JVM on a busy machine made
    # the gateway's first requests time out waiting for its worker pool, which then skewed the run
    echo "[$t $size] warm-up"; run_wrk "$t" "$size" 8 3s /dev/null; run_wrk "$t" "$size" 64 "$WARMUP" /dev/null
    for c in $CONNS; do
      log="$OUT/wrk-$t-$size-$c.log"
      echo "[$t $size c=$c] $DURATION"
      run_wrk "$t" "$size" "$c" "$DURATION" "$log" & wrk_pid=$!
      max=0
      while kill -0 "$wrk_pid" 2>/dev/null; do
        r=$(rss_kb ${RSS_PIDS[$t]}); [ "$r" -gt "$max" ] && max=$r; sleep 0.5
      done
      wait "$wrk_pid" || true
      rps=$(awk '/^Requests\/sec/ {print $2}' "$log")
      p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$log")")
      p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$log")")
      errs=$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(/,/, ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$log")
      printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$t" "$size" "$c" "${rps:-0}" "$p50" "$p99" "$errs" "$max" >> "$OUT/results.tsv"
    done
  done
done
printf "target\tmedian_us\tp99_us\tcount\n" > "$OUT/websocket.tsv"
for t in $TARGETS; do
  [[ " $AVAILABLE " == *" $t "* ]] || continue
  echo "[$t] WebSocket echo x $WS_COUNT"
  ws="${URL[$t]/http/ws}/user/bench/ws"
  if line=$(java -cp "$CP" io.enjoy.bench.proxy.WebSocketRoundTrip "$ws" "$WS_COUNT" "${COOKIE[$t]:-}" 2> "$OUT/ws-$t.log"); then
    printf "%s\t%s\n" "$t" "$(echo "$line" | tr ' ' '\t')" >> "$OUT/websocket.tsv"
  else
    echo "warning: WebSocket test through $t failed, see $OUT/ws-$t.log" | tee -a "$OUT/skipped"
  fi
done

python3 "$HERE/report.py" "$OUT" "$HERE/RESULTS.md" "$DURATION" "$WRK_THREADS" "$WARMUP"
