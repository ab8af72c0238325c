#!/usr/bin/env bash
# Side-by-side comparison of gateway JVM options: one backend, one gateway per argument (variants
# 1, 2, ...) running at the same time, wrk rows alternating 1, 2, ..., 1, 2, ... so all see the same
# (shared, noisy) machine. Per row:
# req/s, p99 and the gateway process's CPU time per request (utime+stime from /proc/PID/stat).
# usage: bench/proxy/ab.sh "JAVA-OPTS-1" "JAVA-OPTS-2" ...  (ROUNDS=5 WARMUP_ROUNDS=3 DURATION=8s CONNS=64 SIZE=1k)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"; ROOT="$(cd "$HERE/../.." && pwd)"; OUT="$ROOT/bench/out/proxy-ab"
ROUNDS="${ROUNDS:-5}" WARMUP_ROUNDS="${WARMUP_ROUNDS:-3}" DURATION="${DURATION:-8s}" CONNS="${CONNS:-64}" SIZE="${SIZE:-1k}" BACKEND_PORT=18390
rm -rf "$OUT"; mkdir -p "$OUT"
PIDS=()
cleanup() { local p; for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done; kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM
CP="$HERE/target/classes:$ROOT/gateway/target/classes:$ROOT/gateway/target/test-classes:$(cat "$ROOT/gateway/target/runtime-classpath.txt")"
mkdir -p "$HERE/target/classes"; javac -nowarn -d "$HERE/target/classes" -cp "$CP" $(find "$HERE/src" -name '*.java')
java -Xmx256m -cp "$CP" io.enjoy.bench.proxy.EchoBackend "$BACKEND_PORT" 2 > "$OUT/backend.log" 2>&1 & PIDS+=($!)
declare -A URL COOKIE GPID
VARIANTS=$(seq $#)
for v in $VARIANTS; do
  opts="${!v}"; echo "$v: options '$opts'"
  # shellcheck disable=SC2086
  java $opts -cp "$CP" io.enjoy.gateway.ProxyBenchGateway "$BACKEND_PORT" "$OUT/$v.env" > "$OUT/gateway-$v.log" 2>&1 & PIDS+=($!); GPID[$v]=$!
done
for v in $VARIANTS; do
  for _ in $(seq 180); do [ -s "$OUT/$v.env" ] && break; sleep 1; done
  URL[$v]="$(sed -n 's/^URL=//p' "$OUT/$v.env")"; COOKIE[$v]="$(sed -n 's/^COOKIE=//p' "$OUT/$v.env")"
  echo "$v: $(grep -h 'network transport' "$OUT/gateway-$v.log" | sed 's/.*network transport/transport/' | head -1)"
done
ticks() { awk '{print $14 + $15}' /proc/"$1"/stat; }
wrk_row() { wrk -t2 -c"$2" -d"$3" --latency --timeout 10s -H "Cookie: ${COOKIE[$1]}" "${URL[$1]}/user/bench/$SIZE"; }
for v in $VARIANTS; do wrk_row "$v" 8 3s >/dev/null; done
for _ in $(seq "$WARMUP_ROUNDS"); do for v in $VARIANTS; do wrk_row "$v" "$CONNS" 10s >/dev/null; done; done # JIT
HZ=$(getconf CLK_TCK)
printf "round\tvariant\trps\tp99\tcpu_us_per_req\n" | tee "$OUT/ab.tsv"
for r in $(seq "$ROUNDS"); do
  for v in $VARIANTS; do
    t0=$(ticks "${GPID[$v]}"); wrk_row "$v" "$CONNS" "$DURATION" > "$OUT/wrk-$r-$v.log"; t1=$(ticks "${GPID[$v]}")
    n=$(awk '/requests in/ {print $1}' "$OUT/wrk-$r-$v.log"); rps=$(awk '/^Requests\/sec/ {print $2}' "$OUT/wrk-$r-$v.log")
    p99=$(awk '$1 == "99%" {print $2}' "$OUT/wrk-$r-$v.log")
    printf "%s\t%s\t%s\t%s\t%s\n" "$r" "$v" "$rps" "$p99" "$(awk -v d=$((t1 - t0)) -v n="$n" -v hz="$HZ" 'BEGIN {printf "%.1f", d * 1e6 / hz / n}')" | tee -a "$OUT/ab.tsv"
  done
done
awk -F'\t' 'NR > 1 {rps[$2] += $3; cpu[$2] += $5; k[$2]++} END {for (v in k) printf "%s mean: %.0f req/s, %.1f us CPU/request\n", v, rps[v] / k[v], cpu[v] / k[v]}' "$OUT/ab.tsv" | sort
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
