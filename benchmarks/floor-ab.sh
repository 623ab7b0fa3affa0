#!/usr/bin/env bash
# The runtime's floor, A/B: server CPU per request of the no-op endpoint and /health/live on Payara Micro with
# bin/roster's JVM flags, for the jar's own pre-boot commands (variant "as-shipped") and for each given file of
# extra pre-boot commands, one start per variant and round, variants interleaved (docs/adr/0066).
#
#   benchmarks/floor-ab.sh ROUNDS [extra-pre-boot-commands.txt ...]
#
# Environment: PORT (8393), ROSTER_JAR (bootstrap/target/roster.jar), OUT (benchmarks/results/floor-<time>).
# Prints one RESULT line per measured pass; the second pass of each start is the warm one.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$HERE/.." && pwd)
ROUNDS=${1:?rounds}; shift
PORT=${PORT:-8393}
JAR=${ROSTER_JAR:-$ROOT/bootstrap/target/roster.jar}
OUT=${OUT:-$HERE/results/floor-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT/classes" "$OUT/lib"; OUT=$(cd "$OUT" && pwd)
unzip -p "$JAR" MICRO-INF/runtime/h2.jar > "$OUT/lib/h2.jar"
unzip -p "$JAR" MICRO-INF/deploy/ROOT.war > "$OUT/lib/ROOT.war"
unzip -p "$OUT/lib/ROOT.war" "$(unzip -Z1 "$OUT/lib/ROOT.war" | grep 'WEB-INF/lib/adapters-security' | head -1)" > "$OUT/lib/bcprov.jar"  # Bouncy Castle's Argon2id, shaded into it (ADR 0077)
javac -cp "$OUT/lib/bcprov.jar:$OUT/lib/h2.jar" -d "$OUT/classes" "$HERE"/src/*.java
# the runtime directory bin/roster prepares (one training start), stopped again once ready
ROSTER_JAR="$JAR" ROSTER_RUNTIME_DIR="$OUT/rt0" ROSTER_TRAINING_PORT=$((PORT + 1)) ROSTER_DATA_DIR="$OUT/data0" \
  "$ROOT/bin/roster" --port "$PORT" > "$OUT/prepare.log" 2>&1 &
pid=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health/ready")" = 200 ]; do
  kill -0 "$pid" 2>/dev/null || { echo "prepare failed: $OUT/prepare.log" >&2; exit 1; }; sleep 1
done
kill "$pid"; wait "$pid" 2>/dev/null || true
RT0=$(ls -d "$OUT"/rt0/*/)
# the JVM flags bin/roster uses (without the class-data archive, which is tied to the runtime directory's path)
defaults=$(sed -n 's/^defaults="\(.*\)"$/\1/p' "$ROOT/bin/roster")
variants=(as-shipped)
cp "$RT0/pre-boot-commands.txt" "$OUT/as-shipped.txt"
for f in "$@"; do
  v=$(basename "$f" .txt); variants+=("$v")
  cat "$RT0/pre-boot-commands.txt" "$f" > "$OUT/$v.txt"
done
for v in "${variants[@]}"; do cp -a "$RT0" "$OUT/rt-$v"; mkdir -p "$OUT/data-$v"; done
LG=(java -Xmx256m -XX:+UseSerialGC -Dclk.tck="$(getconf CLK_TCK)" -cp "$OUT/classes" BenchLoad)
B="http://127.0.0.1:$PORT"
for r in $(seq 1 "$ROUNDS"); do
  for v in "${variants[@]}"; do
    # shellcheck disable=SC2086
    ROSTER_DATA_DIR="$OUT/data-$v" ROSTER_BENCH_NOOP_ENDPOINT=true ROSTER_PUBLIC_URL="$B" \
      java $defaults -jar "$OUT/rt-$v/launch-micro.jar" --nocluster --disablephonehome \
      --prebootcommandfile "$OUT/$v.txt" --port "$PORT" > "$OUT/server-$v-$r.log" 2>&1 &
    pid=$!
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "$B/health/ready")" = 200 ]; do
      kill -0 "$pid" 2>/dev/null || { echo "start failed: $OUT/server-$v-$r.log" >&2; exit 1; }; sleep 0.2
    done
    "${LG[@]}" --label warm --url "$B/api/v1/ops/noop" --n 4000 --c 8 --warmup 500 --server-pid "$pid" >/dev/null 2>&1
    for pass in 1 2; do
      for row in "noop $B/api/v1/ops/noop 4000" "live $B/health/live 3000"; do
        set -- $row
        "${LG[@]}" --label "$v-r$r-pass$pass-$1" --url "$2" --n "$3" --c 8 --warmup 200 --server-pid "$pid" 2>&1 \
          | grep '^RESULT' | sed "s/^/load=$(cut -d' ' -f1 /proc/loadavg) /" | tee -a "$OUT/results.txt"
      done
    done
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
