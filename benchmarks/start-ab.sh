#!/usr/bin/env bash
# Start-up, A/B: warm starts of bin/roster (runtime directory and class-data archive prepared), variants
# interleaved (A B A B ...), per start the wall time from launch to /health/ready answering 200, the CPU
# seconds the process used until then (utime+stime), and its RSS 5 s after ready (docs/adr/0073).
#
#   benchmarks/start-ab.sh ROUNDS [variant.env ...]
#
# Variant "as-shipped" is bin/roster as it is; each variant.env is a bash file sourced before a start, which
# may set ROSTER_JAVA_OPTS, ROSTER_JAR (another build), ROSTER_LAUNCHER (another copy of bin/roster) or any
# ROSTER_* setting. Every variant has its own runtime directory and database, prepared (and migrated) by one
# start before the rounds, so every measured start is a warm one on an up-to-date schema.
#
# Environment: PORT (8395), TRAINING_PORT (8396), ROSTER_JAR (bootstrap/target/roster.jar),
# OUT (benchmarks/results/start-<time>), PG=1 for PostgreSQL (one database roster_start_<variant> per
# variant on PG_HOST 127.0.0.1:5432, user postgres, trust auth; dropped and created anew),
# NOOP=N to also send N requests at c=8 to /api/v1/ops/noop after the RSS reading (server CPU ms per request
# and req/s, for flags that may cost throughput).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$HERE/.." && pwd)
ROUNDS=${1:?rounds}; shift
PORT=${PORT:-8395}
TRAINING_PORT=${TRAINING_PORT:-8396}
JAR=${ROSTER_JAR:-$ROOT/bootstrap/target/roster.jar}
OUT=${OUT:-$HERE/results/start-$(date -u +%Y%m%dT%H%M%SZ)}
PG=${PG:-}; PG_HOST=${PG_HOST:-127.0.0.1:5432}
NOOP=${NOOP:-0}
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
TCK=$(getconf CLK_TCK)
B="http://127.0.0.1:$PORT"

variants=(as-shipped); : > "$OUT/as-shipped.env"
for f in "$@"; do v=$(basename "$f" .env); variants+=("$v"); cp "$f" "$OUT/$v.env"; done

if [ "$NOOP" -gt 0 ]; then
  mkdir -p "$OUT/classes" "$OUT/lib"
  unzip -p "$JAR" MICRO-INF/runtime/h2.jar > "$OUT/lib/h2.jar"
  unzip -p "$JAR" MICRO-INF/deploy/ROOT.war > "$OUT/lib/ROOT.war"
  unzip -p "$OUT/lib/ROOT.war" "$(unzip -Z1 "$OUT/lib/ROOT.war" | grep 'WEB-INF/lib/adapters-security' | head -1)" > "$OUT/lib/bcprov.jar"  # Bouncy Castle's Argon2id, shaded into it (ADR 0077)
  javac -cp "$OUT/lib/bcprov.jar:$OUT/lib/h2.jar" -d "$OUT/classes" "$HERE"/src/*.java
fi
LG=(java -Xmx256m -XX:+UseSerialGC -Dclk.tck="$TCK" -cp "$OUT/classes" BenchLoad)

# one start of variant $1 into log $2, in the background; sets $pid
launch() {
  local v=$1 log=$2
  (
    export ROSTER_JAR="$JAR"
    export ROSTER_RUNTIME_DIR="$OUT/rt-$v" ROSTER_DATA_DIR="$OUT/data-$v" ROSTER_TRAINING_PORT="$TRAINING_PORT"
    export ROSTER_PUBLIC_URL="$B" ROSTER_BENCH_NOOP_ENDPOINT=true
    if [ -n "$PG" ]; then
      export ROSTER_DATASOURCE_URL="jdbc:postgresql://$PG_HOST/roster_start_${v//-/_}"
      export ROSTER_DATASOURCE_CLASS_NAME=org.postgresql.ds.PGSimpleDataSource
      export ROSTER_DATASOURCE_USER=postgres ROSTER_DATASOURCE_PASSWORD=unused
    fi
    set -a
    # shellcheck disable=SC1090
    . "$OUT/$v.env"
    set +a
    exec "${ROSTER_LAUNCHER:-$ROOT/bin/roster}" --port "$PORT"
  ) > "$log" 2>&1 &
  pid=$!
}

# waits for /health/ready; sets $ready_ns
await_ready() {
  local log=$1
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$B/health/ready")" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "start failed: $log" >&2; exit 1; }
    sleep 0.05
  done
  ready_ns=$(date +%s%N)
}

cpu_s() { awk -v t="$TCK" '{ sub(/^.*\) /, ""); print ($12 + $13) / t }' "/proc/$1/stat"; }

stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; }

for v in "${variants[@]}"; do
  if [ -n "$PG" ]; then
    psql -h "${PG_HOST%:*}" -p "${PG_HOST#*:}" -U postgres -qc "DROP DATABASE IF EXISTS roster_start_${v//-/_}" postgres
    psql -h "${PG_HOST%:*}" -p "${PG_HOST#*:}" -U postgres -qc "CREATE DATABASE roster_start_${v//-/_}" postgres
  fi
  # the first start prepares the runtime directory (training start, archive) and migrates the database
  launch "$v" "$OUT/prepare-$v.log"; await_ready "$OUT/prepare-$v.log"; stop
done

for r in $(seq 1 "$ROUNDS"); do
  for v in "${variants[@]}"; do
    log="$OUT/server-$v-$r.log"
    load=$(cut -d' ' -f1 /proc/loadavg)
    t0=$(date +%s%N)
    launch "$v" "$log"
    await_ready "$log"
    cpu=$(cpu_s "$pid")
    # AB_GC_AFTER_READY=1 in a variant's file: one full collection right after ready, from outside (jcmd), to
    # see what a collection at the end of the start would do to the idle RSS
    if grep -q '^AB_GC_AFTER_READY=1' "$OUT/$v.env"; then jcmd "$pid" GC.run > /dev/null; fi
    sleep 5
    rss=$(awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$pid/status")
    extra=""
    if [ "$NOOP" -gt 0 ]; then
      "${LG[@]}" --label warm --url "$B/api/v1/ops/noop" --n 5000 --c 8 --warmup 500 --server-pid "$pid" >/dev/null 2>&1
      extra=" $("${LG[@]}" --label noop --url "$B/api/v1/ops/noop" --n "$NOOP" --c 8 --warmup 200 --server-pid "$pid" 2>&1 \
        | grep '^RESULT' | grep -o 'rps=[0-9.]*\|cpu_ms_per_req=[0-9.]*' | tr '\n' ' ')"
    fi
    stop
    printf 'RESULT variant=%s round=%d wall_s=%.2f cpu_s=%.2f rss_mb=%d load=%s%s\n' "$v" "$r" \
      "$(echo "($ready_ns - $t0) / 1000000000" | bc -l)" "$cpu" "$rss" "$load" "$extra" | tee -a "$OUT/results.txt"
  done
done

# medians per variant
echo "median over $ROUNDS round(s):"
for v in "${variants[@]}"; do
  med() { grep "variant=$v " "$OUT/results.txt" | grep -o "$1=[0-9.]*" | cut -d= -f2 | sort -n \
          | awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
  printf '%-24s wall_s %s  cpu_s %s  rss_mb %s  noop_rps %s  noop_cpu_ms %s\n' "$v" "$(med wall_s)" "$(med cpu_s)" \
    "$(med rss_mb)" "$(med rps)" "$(med cpu_ms_per_req)" | tee -a "$OUT/summary.txt"
done
