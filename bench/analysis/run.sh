#!/usr/bin/env bash
# Benchmark: the whole top-mass exercise on generated data, Java library vs a pandas version
# written the way the course notebook does it vs a vectorised numpy version (same steps, same data,
# same run). Prints wall time, peak memory and ratios, and checks that the results agree.
#
# usage: bench/analysis/run.sh [TOTAL_EVENTS ...]        default: 100000 1000000
#   TOTAL_EVENTS is split 40 % tt̄ simulation, 40 % W+jets simulation, 20 % data.
#   REPEAT=n       run each implementation n times and record the median wall time (default 1); the
#                  machine may be shared, and a median of 3 is far less noisy than one run
#   PANDAS_MAX=N   skip the (slow) pandas version for sizes above N (default: run it always)
#   IMPLS="java numpy pandas"  which implementations to (re)run; results of the others are kept
#   JAVA_OPTS=...  JVM options for the Java run (default -Xmx512m -XX:+UseSerialGC: the library streams, so a small heap
#                  and one GC thread suffice, and peak memory is not inflated by the default heap sizing)
#   PYTHON=...     interpreter with pandas, scipy, iminuit (default /usr/bin/python3, Debian packages
#                  python3-pandas python3-scipy python3-iminuit)
# Output: bench/out/analysis/<N>/{java,numpy,pandas}.{json,time,log}; data sets are cached there.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/bench/out/analysis"
PYTHON="${PYTHON:-/usr/bin/python3}"
PANDAS_MAX="${PANDAS_MAX:-}"
IMPLS="${IMPLS:-java numpy pandas}"
REPEAT="${REPEAT:-1}"
JAVA_OPTS="${JAVA_OPTS:--Xmx512m -XX:+UseSerialGC}"
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(100000 1000000)

"$PYTHON" -c 'import pandas, scipy, iminuit' 2>/dev/null || {
  echo "error: $PYTHON lacks pandas/scipy/iminuit; install: apt-get install -y python3-pandas python3-scipy python3-iminuit" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "error: /usr/bin/time is needed for peak memory (apt-get install -y time)" >&2; exit 2; }

CM="$HOME/.m2/repository/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar"
if [ ! -d "$ROOT/analysis/target/classes/io/enjoy/analysis/cli" ] || [ ! -f "$CM" ]; then
  (cd "$ROOT" && mvn -B -q -pl analysis -am install -DskipTests)
fi
CP="$ROOT/analysis/target/classes:$CM"

measure() { # name dir command...   → dir/name.time = "median-wall peak-rss-KB" over REPEAT runs
  local name="$1" dir="$2"; shift 2
  local i
  rm -f "$dir/$name".time.*
  for i in $(seq 1 "$REPEAT"); do
    /usr/bin/time -f "%e %M" -o "$dir/$name.time.$i" "$@" > "$dir/$name.log" 2>&1 || {
      echo "error: $name failed, see $dir/$name.log" >&2; tail -5 "$dir/$name.log" >&2; rm -f "$dir/$name".time*; return 0; }
  done
  sort -n "$dir/$name".time.* | awk '{w[NR]=$1; if ($2>m) m=$2} END {print w[int((NR+1)/2)], m}' > "$dir/$name.time"
  rm -f "$dir/$name".time.*
}

for n in "${SIZES[@]}"; do
  d="$OUT/$n"; mkdir -p "$d"
  if [ ! -f "$d/data/data_NJets4.csv" ]; then
    echo "generating $n events into $d/data ..."
    java -cp "$CP" io.enjoy.analysis.cli.AnalysisCli generate --out "$d/data" --seed 42 \
      --ttbar $((n * 2 / 5)) --wjets $((n * 2 / 5)) --data $((n / 5)) > "$d/generate.log"
  fi
  for impl in $IMPLS; do
    rm -f "$d/$impl.time" "$d/$impl.json"
    echo "[$n] $impl"
    case "$impl" in
      java)   # shellcheck disable=SC2086
              measure java "$d" java $JAVA_OPTS -cp "$CP" io.enjoy.analysis.cli.AnalysisCli topmass --data "$d/data" --no-plots --json "$d/java.json" ;;
      numpy)  measure numpy "$d" "$PYTHON" "$HERE/topmass_numpy.py" "$d/data" "$d/numpy.json" ;;
      pandas) if [ -z "$PANDAS_MAX" ] || [ "$n" -le "$PANDAS_MAX" ]; then
                measure pandas "$d" "$PYTHON" "$HERE/topmass_pandas.py" "$d/data" "$d/pandas.json"
              else echo "  skipped (PANDAS_MAX=$PANDAS_MAX)"; fi ;;
      *)      echo "error: unknown implementation '$impl' in IMPLS" >&2; exit 2 ;;
    esac
  done
done
"$PYTHON" "$HERE/compare.py" "$OUT" "${SIZES[@]}" | tee "$OUT/results.txt"
