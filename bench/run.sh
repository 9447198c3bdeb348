#!/usr/bin/env bash
# Latchkey's benchmark: wrk scenarios against a running Latchkey on loopback, and the hash and signing limits.
# Usage: bench/run.sh [BASE]   (default http://127.0.0.1:8080). Start the server with THROTTLE_ENABLED=false.
# Env: DURATION (s, 30), WARMUP (s, 10), USERS (64), SEED (42), CONCURRENCY (32: login, me),
#      REFRESH_CONCURRENCY (16: refresh, mixed), SCENARIOS ("hash login refresh me mixed"; also "ceiling": `me`
#      without a token, the 401 of the same request path with nothing to verify, read or answer).
# Needs wrk (apt-get install -y wrk) and python3. Prints one line per scenario, with the server's and PostgreSQL's
# CPU microseconds per request of the measured run (server_cpu_us, db_cpu_us; PostgreSQL on this machine only).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
BASE=${1:-http://127.0.0.1:8080}
DURATION=${DURATION:-30}; WARMUP=${WARMUP:-10}; USERS=${USERS:-64}; SEED=${SEED:-42}
CONCURRENCY=${CONCURRENCY:-32}; REFRESH_CONCURRENCY=${REFRESH_CONCURRENCY:-16}
SCENARIOS=${SCENARIOS:-hash login refresh me mixed}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export BENCH_DIR=$here SEED USERS_FILE=$work/users.txt COOKIES_FILE=$work/cookies.txt TOKENS_FILE=$work/tokens.txt

prepare() { python3 "$here/prepare.py" "$BASE" "$USERS" "$work" "$SEED"; }

# CPU time, in clock ticks, of the server (the process listening on BASE's port) and of PostgreSQL's processes, as
# ../shared/bench/keycloak/bench.sh counts it: rates drift with the machine, CPU per request much less.
port=$(echo "$BASE" | sed -E 's#^[a-z]+://[^:/]+:?([0-9]*).*#\1#'); port=${port:-80}
server=$(ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2 || true)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() { local sum=0 p; for p in $(pgrep -x postgres); do sum=$((sum + $(ticks "$p"))); done; echo "$sum"; }
hz=$(getconf CLK_TCK)

prepare
for scenario in $SCENARIOS; do
  case $scenario in
    hash)
      # Two limits, with the service's own code: Argon2id hashes (login) and RS256 signatures (login, refresh).
      (cd "$root" && ./mvnw -q -Phash-cost) | grep '^RESULT' | sed -e 's/^RESULT hash/hash hash/' -e 's/^RESULT sign/sign sign/'
      continue;;
    login|me|ceiling) threads=2; connections=$CONCURRENCY;;
    refresh|mixed) threads=$REFRESH_CONCURRENCY; connections=$REFRESH_CONCURRENCY;;
    *) echo "unknown scenario $scenario" >&2; exit 2;;
  esac
  wrk -t "$threads" -c "$connections" -d "${WARMUP}s" --timeout 10s -s "$here/$scenario.lua" "$BASE" > /dev/null
  # Rotation moved every session on during the warm-up: fresh sessions for the measured run.
  prepare
  s0=$(ticks "$server"); p0=$(pg_ticks)
  line=$(wrk -t "$threads" -c "$connections" -d "${DURATION}s" --timeout 10s --latency -s "$here/$scenario.lua" "$BASE" | grep '^RESULT')
  s1=$(ticks "$server"); p1=$(pg_ticks)
  requests=$(echo "$line" | grep -o 'requests=[0-9]*' | cut -d= -f2)
  cpu=$(awk -v s="$((s1 - s0))" -v p="$((p1 - p0))" -v n="$requests" -v hz="$hz" \
    'BEGIN {printf "server_cpu_us=%.0f db_cpu_us=%.0f", s * 1e6 / hz / n, p * 1e6 / hz / n}')
  echo "$scenario c=$connections ${line#RESULT } $cpu"
done
