#!/usr/bin/env bash
# Roster benchmark harness. Not part of `mvn verify`. See benchmarks/README.md.
#
#   benchmarks/run.sh [--postgres [JDBC_URL] | --both] [--with-keycloak | --keycloak-results FILE] [--jfr] [--plain-jar]
#                     [--build] [--out DIR] [--quick]
#
# --both: Roster on H2, then on a throw-away PostgreSQL cluster, then (with --with-keycloak) Keycloak once,
# and one table with a column for each, in <out>/results.md.
#
# Starts the runnable jar on 127.0.0.1:$PORT (H2 in a fresh data dir, or PostgreSQL), seeds two accounts
# (10,000 and 100,000 members) straight into the database, drives bounded load from a separate JVM
# (benchmarks/src/BenchLoad.java), samples the server's CPU from /proc/<pid>/stat around each measured phase,
# and writes results.json + results.md (medians of $REPS repetitions) into the output directory.
# Every process it starts is stopped by its PID on exit.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
PORT=${PORT:-8390}
SMTP_PORT=${SMTP_PORT:-3990}
PG_PORT=${PG_PORT:-5491}
REPS=${REPS:-3}
START_REPS=${START_REPS:-3}
N_INVITE1=${N_INVITE1:-300}; N_INVITE8=${N_INVITE8:-600}
N_READ1=${N_READ1:-300};     N_READ8=${N_READ8:-1000}
N_ROLE8=${N_ROLE8:-600}
N_LOGIN1=${N_LOGIN1:-50};    N_LOGIN8=${N_LOGIN8:-200}
N_HASH=${N_HASH:-20}
MEMBERS_SMALL=${MEMBERS_SMALL:-10000}
MEMBERS_LARGE=${MEMBERS_LARGE:-100000}
JAVA=${JAVA:-java}
PW='bench owner passphrase 1'

POSTGRES=""; PG_URL=""; KEYCLOAK=""; KC_RESULTS=""; JFR=""; PLAIN_JAR=""; BUILD=""; OUT=""; BOTH=""; PASS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) POSTGRES=1; if [ $# -gt 1 ] && [[ "$2" == jdbc:* ]]; then PG_URL=$2; shift; fi ;;
    --both) BOTH=1 ;;
    --with-keycloak) KEYCLOAK=run ;;
    --keycloak-results) KEYCLOAK=file; KC_RESULTS=$2; shift ;;
    --jfr) JFR=1; PASS+=(--jfr) ;;
    --plain-jar) PLAIN_JAR=1; PASS+=(--plain-jar) ;;
    --build) BUILD=1 ;;
    --out) OUT=$2; shift ;;
    --quick) PASS+=(--quick); REPS=1; START_REPS=1; N_INVITE1=100; N_INVITE8=200; N_READ1=100; N_READ8=300; N_ROLE8=200; N_LOGIN1=20; N_LOGIN8=60
             MEMBERS_LARGE=${MEMBERS_LARGE_QUICK:-100000} ;;
    -h|--help) sed -n 2,12p "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

JAR=${ROSTER_JAR:-$ROOT/bootstrap/target/roster.jar}
LAUNCHER=$ROOT/bin/roster
if [ -n "$BUILD" ] || [ ! -f "$JAR" ]; then
  (cd "$ROOT" && mvn -B -q -DskipTests package)
fi
OUT=${OUT:-$HERE/results/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)

# Keycloak's invitation row (create + execute-actions-email) needs an SMTP sink in Python (aiosmtpd);
# without it Keycloak's bench.sh skips the row, so get it first (as .ci/run gets Chromium) or stop.
if [ "$KEYCLOAK" = run ] && ! /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -q python3-aiosmtpd >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q python3-aiosmtpd >/dev/null; }
  fi
  /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || {
    echo "--with-keycloak needs Python's aiosmtpd for Keycloak's invitation mail: apt-get install python3-aiosmtpd" >&2; exit 2; }
fi

if [ -n "$BOTH" ]; then  # the same rows on H2 and on PostgreSQL, then Keycloak once, one table
  [ -z "$POSTGRES" ] || { echo "--both starts its own PostgreSQL cluster; give no --postgres" >&2; exit 2; }
  echo "[$(date -u +%T)] Roster on H2 -> $OUT/h2" >&2
  "$0" "${PASS[@]}" --out "$OUT/h2"
  echo "[$(date -u +%T)] Roster on PostgreSQL -> $OUT/postgresql" >&2
  "$0" "${PASS[@]}" --postgres --out "$OUT/postgresql"
  KC_FILE=""
  if [ "$KEYCLOAK" = run ]; then
    KC_DIR=${KC_BENCH_DIR:-$ROOT/../shared/bench/keycloak}
    [ -x "$KC_DIR/bench.sh" ] || KC_DIR=/work/shared/bench/keycloak
    echo "[$(date -u +%T)] Keycloak ($KC_DIR/bench.sh) -> $OUT/keycloak" >&2
    mkdir -p "$OUT/keycloak"
    # the same repetitions and counts as Roster's rows (bench.sh reads these names; its own knobs pass through)
    WORK="$OUT/keycloak" REPS="$REPS" N_READ1="$N_READ1" N_READ8="$N_READ8" N_ROLE8="$N_ROLE8" N_ROLE1="${N_ROLE1:-$N_ROLE8}" \
      N_LOGIN1="$N_LOGIN1" N_LOGIN8="$N_LOGIN8" N_CREATE="${N_CREATE:-$N_INVITE8}" N_MAIL1="${N_MAIL1:-$N_INVITE1}" \
      N_MAIL8="${N_MAIL8:-$N_INVITE8}" "$KC_DIR/bench.sh" > "$OUT/keycloak/summary.txt" 2> "$OUT/keycloak/bench.log" \
      || echo "keycloak bench failed (see $OUT/keycloak/bench.log)" >&2
    rm -rf "$OUT/keycloak/keycloak-"*/ "$OUT/keycloak/"*.zip
    KC_FILE="$OUT/keycloak/results.txt"
  elif [ "$KEYCLOAK" = file ]; then
    KC_FILE=$KC_RESULTS
  fi
  python3 "$HERE/report.py" --columns "$OUT" H2="$OUT/h2" PostgreSQL="$OUT/postgresql" ${KC_FILE:+"$KC_FILE"}
  echo "[$(date -u +%T)] results: $OUT/results.md and $OUT/results.json" >&2
  exit 0
fi
RES="$OUT/results.txt"; : > "$RES"
LOG="$OUT/harness.log"
B="http://127.0.0.1:$PORT"
API="$B/api/v1"
CLK_TCK=$(getconf CLK_TCK)
RPID=""; SPID=""; PGDATA_DIR=""

log() { echo "[$(date -u +%T)] $*" | tee -a "$LOG" >&2; }
rec() { echo "$*" | tee -a "$RES" >&2; }

cleanup() {
  declare -F stop_roster >/dev/null && stop_roster
  if [ -n "$SPID" ] && kill -0 "$SPID" 2>/dev/null; then kill "$SPID"; wait "$SPID" 2>/dev/null || true; fi
  if [ -n "$PGDATA_DIR" ]; then pg_stop || true; fi
}
trap cleanup EXIT

# ---------- tools: compile the harness' Java, take H2/PostgreSQL driver and Bouncy Castle out of the jar ----------
mkdir -p "$OUT/classes" "$OUT/lib"
unzip -p "$JAR" MICRO-INF/runtime/h2.jar > "$OUT/lib/h2.jar"
unzip -p "$JAR" MICRO-INF/lib/postgresql.jar > "$OUT/lib/postgresql.jar" 2>/dev/null || true
unzip -p "$JAR" MICRO-INF/deploy/ROOT.war > "$OUT/lib/ROOT.war"
unzip -p "$OUT/lib/ROOT.war" "$(unzip -Z1 "$OUT/lib/ROOT.war" | grep 'WEB-INF/lib/adapters-security' | head -1)" > "$OUT/lib/bcprov.jar"  # Bouncy Castle's Argon2id, shaded into it (ADR 0077)
rm -f "$OUT/lib/ROOT.war"
javac -cp "$OUT/lib/bcprov.jar:$OUT/lib/h2.jar" -d "$OUT/classes" "$HERE"/src/*.java

{
  echo "date: $(date -u +%FT%TZ)"
  echo "git: $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?') $(cd "$ROOT" && git status --porcelain 2>/dev/null | grep -q . && echo '(dirty)')"
  echo "cpu: $(nproc) × $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "memory: $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "java: $("$JAVA" -version 2>&1 | head -1)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "database: $([ -n "$POSTGRES" ] && echo PostgreSQL || echo 'H2 (embedded file)')"
  echo "launch: $([ -z "$PLAIN_JAR" ] && [ -x "$LAUNCHER" ] && echo 'bin/roster (launcher defaults)' || echo 'java -jar roster.jar')"
} > "$OUT/machine.txt"
cat "$OUT/machine.txt" >&2

# ---------- optional PostgreSQL: a throw-away cluster on 127.0.0.1:$PG_PORT unless a URL is given ----------
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_stop() { as_pg pg_ctl -D "$PGDATA_DIR" -m fast stop >/dev/null 2>&1; }
if [ -n "$POSTGRES" ] && [ -z "$PG_URL" ]; then
  PGDATA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/roster-bench-pg.XXXXXX")
  [ "$(id -u)" = 0 ] && chown postgres "$PGDATA_DIR"
  as_pg initdb -D "$PGDATA_DIR" -U postgres -A trust >"$OUT/pg-init.log" 2>&1
  as_pg pg_ctl -D "$PGDATA_DIR" -l "$PGDATA_DIR/pg.log" -o "-h 127.0.0.1 -p $PG_PORT -k $PGDATA_DIR" -w start >/dev/null
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc 'CREATE DATABASE roster_bench' postgres
  PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/roster_bench"
fi
DB_ENV=()
if [ -n "$POSTGRES" ]; then
  DB_ENV=(ROSTER_DATASOURCE_URL="$PG_URL" ROSTER_DATASOURCE_CLASS_NAME=org.postgresql.ds.PGSimpleDataSource
          ROSTER_DATASOURCE_USER="${PG_USER:-postgres}" ROSTER_DATASOURCE_PASSWORD="${PG_PASSWORD:-unused}"
          ROSTER_SECRETS_KEY="${ROSTER_SECRETS_KEY:-$(openssl rand -base64 32)}")  # required off H2 (ADR 0071)
fi

# ---------- SMTP sink, so that invitations really leave through the outbox ----------
"$JAVA" -Xmx32m -XX:+UseSerialGC -cp "$OUT/classes" SmtpSink "$SMTP_PORT" "$OUT/mails.count" >"$OUT/smtp.log" 2>&1 &
SPID=$!

# ---------- Roster start / stop ----------
rss_kb() { awk '/VmRSS/{print $2}' "/proc/$RPID/status"; }
hwm_kb() { awk '/VmHWM/{print $2}' "/proc/$RPID/status"; }
start_roster() {  # $1 = tag
  local t0 t1 i
  local jopts=${BENCH_JAVA_OPTS:-}
  [ -n "$JFR" ] && jopts="$jopts -XX:StartFlightRecording=filename=$OUT/roster-$1.jfr,settings=profile,dumponexit=true"
  t0=$(date +%s.%N)
  if [ -z "$PLAIN_JAR" ] && [ -x "$LAUNCHER" ]; then
    env ROSTER_JAR="$JAR" ROSTER_JAVA_OPTS="$jopts" ROSTER_RUNTIME_DIR="$OUT/runtime" ROSTER_TRAINING_PORT=$((PORT + 1)) "${DB_ENV[@]}" "${BENCH_ENV[@]}" "${MAIL_ENV[@]}" "$LAUNCHER" --port "$PORT" >"$OUT/roster-$1.log" 2>&1 &
  else
    # shellcheck disable=SC2086
    env "${DB_ENV[@]}" "${BENCH_ENV[@]}" "${MAIL_ENV[@]}" "$JAVA" $jopts -jar "$JAR" --port "$PORT" >"$OUT/roster-$1.log" 2>&1 &
  fi
  RPID=$!
  for i in $(seq 1 3000); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$B/health/ready")" = 200 ] && break
    kill -0 "$RPID" 2>/dev/null || { log "roster died"; tail -30 "$OUT/roster-$1.log" >&2; exit 1; }
    sleep 0.1
  done
  t1=$(date +%s.%N)
  [ "$(cat "/proc/$RPID/comm")" = java ] || { log "launcher did not exec java (pid $RPID is $(cat "/proc/$RPID/comm"))"; exit 1; }
  sleep 5
  rec "START tag=$1 wall_to_http_ready_s=$(echo "$t1 - $t0" | bc) rss_idle_mb=$(( $(rss_kb) / 1024 )) cpu_s=$(awk -v t="$CLK_TCK" '{printf "%.1f", ($14+$15)/t}' "/proc/$RPID/stat")"
}
stop_roster() {
  if [ -n "$RPID" ] && kill -0 "$RPID" 2>/dev/null; then
    kill -TERM "$RPID"
    for _ in $(seq 1 600); do kill -0 "$RPID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$RPID" 2>/dev/null && kill -KILL "$RPID"
    wait "$RPID" 2>/dev/null || true
  fi
  RPID=""
}

DATA="$OUT/data"; mkdir -p "$DATA"
# sign-up needs the confirmation link from the mail: the cold start writes mail as .eml files
# (no SMTP host), the warm starts send through the SMTP sink
MAIL_ENV=()
# the load comes from one address: per-source limits (roster.throttle.*) far above what it sends
BENCH_ENV=(ROSTER_DATA_DIR="$DATA" ROSTER_INVITATION_HOURLY_LIMIT=1000000 ROSTER_INVITATIONS_PER_IDENTITY_PER_HOUR=1000000 ROSTER_BENCH_NOOP_ENDPOINT=true ROSTER_PUBLIC_URL="$B"
           ROSTER_THROTTLE_LOGIN_BURST=100000000 ROSTER_THROTTLE_LOGIN_PER_MINUTE=100000000
           ROSTER_THROTTLE_SIGNUP_BURST=100000000 ROSTER_THROTTLE_SIGNUP_PER_MINUTE=100000000
           ROSTER_THROTTLE_INVITATION_BURST=100000000 ROSTER_THROTTLE_INVITATION_PER_MINUTE=100000000
           ROSTER_THROTTLE_SOURCE_BURST=100000000 ROSTER_THROTTLE_SOURCE_PER_MINUTE=100000000
           "${ROSTER_BENCH_EXTRA_ENV[@]}")

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d'+sys.argv[1]))" "$1"; }
mail_token() {  # to kind -> token of the newest link of that kind in the .eml files
  python3 - "$DATA/mail" "$1" "$2" <<'PY'
import email, email.policy, glob, os, re, sys
d, to, kind = sys.argv[1:]
for f in sorted(glob.glob(d + "/*.eml"), key=os.path.getmtime, reverse=True):
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
    hit = re.search(kind + r"#token=([A-Za-z0-9_-]+)", m.get_body(("plain",)).get_content())
    if m["To"] == to and hit:
        print(hit.group(1)); break
PY
}
signup() {  # name email -> account id (sign-up, then confirm with the link from the mail, choosing the password: v1.2)
  local code tok i
  code=$(curl -s -o "$OUT/signup.json" -w '%{http_code}' -X POST "$API/accounts" -H 'Content-Type: application/json' \
    -d "{\"accountName\":\"$1\",\"email\":\"$2\",\"name\":\"Bench Owner\"}")
  case "$code" in
    201) json '["account"]["id"]' < "$OUT/signup.json"; return 0 ;;  # builds before sign-up confirmation
    202) ;;
    *) log "sign-up failed: $code"; return 1 ;;
  esac
  for i in $(seq 1 600); do tok=$(mail_token "$2" confirm-signup); [ -n "$tok" ] && break; sleep 0.2; done
  curl -sf -X POST "$API/signups/confirm" -H 'Content-Type: application/json' -d "{\"token\":\"$tok\",\"password\":\"$PW\"}" | json '["account"]["id"]'
}
login() { curl -sf -X POST "$API/auth/login" -H 'Content-Type: application/json' -d "{\"email\":\"$1\",\"password\":\"$PW\"}" | json '["token"]'; }

log "cold start (empty database: migrations)"
start_roster cold
ACC_A=$(signup "Bench Small" owner-a@bench.test)
ACC_B=$(signup "Bench Large" owner-b@bench.test)
stop_roster
MAIL_ENV=(ROSTER_MAIL_SMTP_HOST=127.0.0.1 ROSTER_MAIL_SMTP_PORT="$SMTP_PORT")

log "seeding $MEMBERS_SMALL + $MEMBERS_LARGE members straight into the database"
if [ -n "$POSTGRES" ]; then
  "$JAVA" -cp "$OUT/lib/postgresql.jar:$OUT/classes" Seed "$PG_URL" "${PG_USER:-postgres}" "${PG_PASSWORD:-unused}" "$OUT" \
    owner-a@bench.test "$ACC_A=$MEMBERS_SMALL" "$ACC_B=$MEMBERS_LARGE" 2>&1 | tee -a "$LOG" >&2
else
  "$JAVA" -cp "$OUT/lib/h2.jar:$OUT/classes" Seed "jdbc:h2:file:$DATA/roster;MAX_COMPACT_TIME=5000" roster roster "$OUT" \
    owner-a@bench.test "$ACC_A=$MEMBERS_SMALL" "$ACC_B=$MEMBERS_LARGE" 2>&1 | tee -a "$LOG" >&2
fi

storage() {  # tag [half <account> | live]: a STORAGE line for the database, Roster stopped
  if [ -n "$POSTGRES" ]; then
    "$JAVA" -cp "$OUT/lib/postgresql.jar:$OUT/classes" Storage "$PG_URL" "${PG_USER:-postgres}" "${PG_PASSWORD:-unused}" "$@"
  else
    "$JAVA" -cp "$OUT/lib/h2.jar:$OUT/classes" Storage "jdbc:h2:file:$DATA/roster" roster roster "$@"
  fi | tee -a "$RES" >&2
}
storage seeded

for r in $(seq 1 "$START_REPS"); do
  [ "$r" -gt 1 ] && stop_roster
  log "warm start $r"
  start_roster "warm$r"
done

TOK_A=$(login owner-a@bench.test); TOK_B=$(login owner-b@bench.test)
AUTH_A="Authorization: Bearer $TOK_A"; AUTH_B="Authorization: Bearer $TOK_B"

# the page 2,000 pages deep (limit 50) in the large account: a cursor made from the seeded order, checked once
{ read -r DEEP_EMAIL; read -r DEEP_ID; read -r expected; } < "$OUT/cursor-$ACC_B.txt"
DEEP_CURSOR=$(printf 'email\n%s\n%s' "$DEEP_EMAIL" "$DEEP_ID" | base64 -w0 | tr '+/' '-_' | tr -d '=')
first=$(curl -sf "$API/accounts/$ACC_B/users?limit=50&cursor=$DEEP_CURSOR" -H "$AUTH_B" | json '["items"][0]["email"]')
[ "$first" = "$expected" ] || { log "deep cursor check failed: first item $first, expected $expected"; exit 1; }
log "deep page (page 2,000 of 50) starts at $first"

lg() {  # label, LoadGen args...
  local label=$1; shift
  "$JAVA" -Xmx256m -XX:+UseSerialGC -Dclk.tck="$CLK_TCK" -cp "$OUT/classes" BenchLoad --label "$label" --server-pid "$RPID" "$@" \
    2>>"$OUT/loadgen.err" | grep '^RESULT' | sed "s/\$/ rss_mb=$(( $(rss_kb) / 1024 ))/" | tee -a "$RES" >&2
}

log "raw Argon2id rate (server idle)"
"$JAVA" -Xms256m -Xmx256m -XX:+AlwaysPreTouch -cp "$OUT/lib/bcprov.jar:$OUT/classes" HashRate 19456 2 1 "$N_HASH" | tee -a "$RES" >&2

inv_next=0
for r in $(seq 1 "$REPS"); do
  log "repetition $r of $REPS"
  lg noop_c8 --url "$API/ops/noop" --n "$N_READ8" --c 8 --warmup 100
  lg health_live_c8 --url "$B/health/live" --n "$N_READ8" --c 8 --warmup 50
  for c in 1 8; do
    n=$([ $c = 1 ] && echo "$N_INVITE1" || echo "$N_INVITE8")
    lg "invite_c$c" --method POST --url "$API/accounts/$ACC_A/users" --header "$AUTH_A" \
      --body '{"email":"inv{n}@bench.test","name":"Invited {n}","roles":["VIEWER"]}' --n "$n" --c "$c" --start "$inv_next" --warmup 10 --expect 201
    inv_next=$((inv_next + n + 10))
  done
  for c in 1 8; do
    n=$([ $c = 1 ] && echo "$N_READ1" || echo "$N_READ8")
    lg "list50_10k_c$c" --url "$API/accounts/$ACC_A/users?limit=50" --header "$AUTH_A" --n "$n" --c "$c" --warmup 50
  done
  lg list50_100k_first_c8 --url "$API/accounts/$ACC_B/users?limit=50" --header "$AUTH_B" --n "$N_READ8" --c 8 --warmup 50
  lg list50_100k_deep2000_c8 --url "$API/accounts/$ACC_B/users?limit=50&cursor=$DEEP_CURSOR" --header "$AUTH_B" --n "$N_READ8" --c 8 --warmup 50
  lg search_c8 --url "$API/accounts/$ACC_A/users?limit=50&q=-m{r}%40bench" --rand "$MEMBERS_SMALL" --header "$AUTH_A" --n "$N_READ8" --c 8 --warmup 50
  lg get_one_c8 --url "$API/accounts/$ACC_A/users/{id}" --ids "$OUT/ids-$ACC_A.txt" --start $((r * 97)) --header "$AUTH_A" --n "$N_READ8" --c 8 --warmup 50
  lg role_change_c8 --method PATCH --url "$API/accounts/$ACC_A/users/{id}" --ids "$OUT/ids-$ACC_A.txt" --start $((r * 600)) \
    --etag-url "$API/accounts/$ACC_A/users/{id}" --header "$AUTH_A" --body '{"roles":["{flip}"]}' --n "$N_ROLE8" --c 8
  lg me_c8 --url "$API/me" --header "$AUTH_A" --n "$N_READ8" --c 8 --warmup 50
  for c in 1 8; do
    n=$([ $c = 1 ] && echo "$N_LOGIN1" || echo "$N_LOGIN8")
    lg "login_c$c" --method POST --url "$API/auth/login" --body "{\"email\":\"a-login{r}@bench.test\",\"password\":\"$PW\"}" \
      --rand 100 --n "$n" --c "$c" --warmup 10 --expect 200
  done
done
rec "RSS final_mb=$(( $(rss_kb) / 1024 )) peak_hwm_mb=$(( $(hwm_kb) / 1024 )) mails_sent=$(cat "$OUT/mails.count" 2>/dev/null || echo 0)"
stop_roster

log "storage: after the load, after deleting half of the large account (a transaction each), live data"
storage after_the_load
if [ -n "$POSTGRES" ]; then
  storage half_deleted half "$ACC_B"
else
  # H2: the harness deletes (Roster stopped), then Roster starts and stops: its stop compacts the file (ADR 0076)
  storage deleting delete-half "$ACC_B"  # prints nothing
  start_roster after_deletes; stop_roster
  storage half_deleted after-half
fi
storage live live

# ---------- Keycloak side (optional) ----------
KC_FILE=""
if [ "$KEYCLOAK" = run ]; then
  log "running ../shared/bench/keycloak/bench.sh (its own counts; override with its env vars)"
  KC_DIR=${KC_BENCH_DIR:-$ROOT/../shared/bench/keycloak}
  [ -x "$KC_DIR/bench.sh" ] || KC_DIR=/work/shared/bench/keycloak
  mkdir -p "$OUT/keycloak"
  WORK="$OUT/keycloak" "$KC_DIR/bench.sh" > "$OUT/keycloak/summary.txt" 2> "$OUT/keycloak/bench.log" || log "keycloak bench failed (see $OUT/keycloak/bench.log)"
  KC_FILE="$OUT/keycloak/results.txt"
elif [ "$KEYCLOAK" = file ]; then
  KC_FILE=$KC_RESULTS
fi

python3 "$HERE/report.py" "$OUT" ${KC_FILE:+"$KC_FILE"}
log "results: $OUT/results.md and $OUT/results.json"
