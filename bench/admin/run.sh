#!/usr/bin/env bash
# The admin search at ten million users (issue 31), not part of CI: loads USERS users (default 10,000,000) with
# sessions, factors, passkeys and audit events into DB_URL's database through SQL (generate.sql), boots the
# quickstart on it, and times every kind of search over HTTP (measure.py), with the query plans.
# Usage: DB_URL=jdbc:postgresql://127.0.0.1:5432/lkadmin DB_USER=... DB_PASSWORD=... bench/admin/run.sh [load|measure]
# Needs psql and python3; port 8080 free. Loading takes a while (about 15 minutes for 10 M here); measure reuses it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$(dirname "$here")")
USERS=${USERS:-10000000}
: "${DB_URL:?}" "${DB_USER:?}" "${DB_PASSWORD:?}"
hostdb=${DB_URL#jdbc:postgresql://}
export PGURL="postgresql://$DB_USER:$DB_PASSWORD@$hostdb"

boot() {   # the quickstart on this database; Flyway migrates it at deployment
  DB_URL=$DB_URL THROTTLE_ENABLED=false setsid bash -c 'cd "$0" && exec ./mvnw -q -Pdev' "$root" > /tmp/latchkey-admin-bench.log 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do curl -sf -o /dev/null http://127.0.0.1:8080/health/ready && return; sleep 0.5; done
  echo "the quickstart did not start: /tmp/latchkey-admin-bench.log" >&2; exit 1
}
stop() { kill -- -"$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
trap stop EXIT

if [ "${1:-all}" != measure ]; then
  boot; stop
  psql "$PGURL" -qX -v users="$USERS" -f "$here/generate.sql"
fi
boot
python3 "$here/measure.py" http://127.0.0.1:8080
