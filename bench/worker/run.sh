#!/usr/bin/env bash
# Benchmark: EnJoY's worker vs Jupyter Notebook 6.4 + ipykernel, side by side in the same run.
# See bench/worker/README.md for what is measured and how.
#
# usage: bench/worker/run.sh
#   ROUNDS=n         measured rounds per system, alternating the order (default 3)
#   LATENCY_RUNS=n   trivial-cell round trips per round (default 50)
#   SETTLE=s         seconds to let a server settle before its memory is read (default 5)
#   MEM_LIMIT=1g     the memory limit EnJoY's worker is given, as the spawner passes it (default 1g,
#                    spawner.mem_limit's default); both JVMs size themselves from it
#   IMAGE=name[,..]  also measure the worker image as the Docker backend runs it (default
#                    enjoy/worker:latest, built by spawner/image/build-images.sh); several, comma
#                    separated, to compare builds in one run; empty: skip
#   MANY=n           then start n servers of each kind side by side, idle and with a kernel, and
#                    report what each adds to the host (default 8; 0: skip)
#   TIME_LIMIT=s     the whole run is killed after this many seconds (default 900)
# Output: the table on stdout; bench/out/worker/{results.md,raw.json,*.log}
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY=/usr/bin/python3

"$PY" -c 'import notebook, ipykernel, websocket' 2>/dev/null || {
  echo "error: $PY lacks Jupyter Notebook / ipykernel / websocket-client; install:" >&2
  echo "  apt-get install -y jupyter-notebook python3-ipykernel python3-websocket" >&2; exit 2; }
ls "$ROOT"/worker/target/dist/lib/*.jar >/dev/null 2>&1 || {
  echo "error: no worker jars in worker/target/dist/lib; build them with" >&2
  echo "  (cd $ROOT && mvn -B -q -pl worker -am package -DskipTests)" >&2; exit 2; }
command -v java >/dev/null || { echo "error: java (17) is not on PATH" >&2; exit 2; }

# The driver stops every server it starts; the timeout bounds the run even if a step hangs
# (SIGTERM first, so the driver's cleanup runs; SIGKILL 20 s later).
exec timeout -k 20 "${TIME_LIMIT:-900}" "$PY" "$HERE/bench.py"
