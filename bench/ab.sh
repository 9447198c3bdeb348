#!/usr/bin/env bash
# A/B of two commits on the hot paths, in one sitting: each commit's quickstart (./mvnw -Pdev, throttles off) on a
# PostgreSQL database of its own, booted fresh for each run, base and head alternating (ABBA), measured by this tree's
# bench/run.sh. Prints each round's rates, p99 latencies and server CPU microseconds per request,
# and the head/base ratios of neighbouring runs (the machine drifts; CPU per request much less).
# Usage: bench/ab.sh BASE_REV HEAD_REV [ROUNDS]   (default 2). Env: DB_URL_BASE, DB_URL_HEAD (JDBC URLs of two empty
# or earlier-used databases), DB_USER, DB_PASSWORD; DURATION (20), WARMUP (5), SCENARIOS ("login refresh me").
# Needs wrk and python3, like bench/run.sh; port 8080 free.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
BASE_REV=${1:?base commit}; HEAD_REV=${2:?head commit}; ROUNDS=${3:-2}
: "${DB_URL_BASE:?}" "${DB_URL_HEAD:?}" "${DB_USER:?}" "${DB_PASSWORD:?}"
export DURATION=${DURATION:-20} WARMUP=${WARMUP:-5} SCENARIOS=${SCENARIOS:-login refresh me}
trees=$root/target/ab
mkdir -p "$trees"

tree() {   # the worktree of a commit, built once
  local dir=$trees/$1
  if [ ! -d "$dir" ]; then
    git -C "$root" worktree add --detach "$dir" "$1" > /dev/null
    (cd "$dir" && ./mvnw -q package -DskipTests > /dev/null)
  fi
  echo "$dir"
}

measure() {   # one fresh boot of a commit's quickstart, then the scenarios; prints "scenario rate" lines
  local dir=$1 url=$2 log
  log=$(mktemp)
  # A session of its own (its id is this pid), so that the quickstart and the servers it started stop together.
  DB_URL=$url THROTTLE_ENABLED=false setsid bash -c 'cd "$0" && exec ./mvnw -q -Pdev' "$dir" > "$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 240); do
    curl -sf -o /dev/null http://127.0.0.1:8080/health/ready && break
    sleep 0.5
  done
  "$here/run.sh" http://127.0.0.1:8080 | awk '{rps = ""; p99 = ""; cpu = "";
    for (i = 1; i <= NF; i++) { if ($i ~ /^rps=/) rps = substr($i, 5); if ($i ~ /^p99_ms=/) p99 = substr($i, 8);
      if ($i ~ /^server_cpu_us=/) cpu = substr($i, 15) }
    if (rps != "") print $1, rps, p99, cpu}' | sort
  kill -- -"$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  while ss -ltn "sport = :8080" | grep -q LISTEN; do sleep 0.5; done
  rm -f "$log"
}

base=$(tree "$BASE_REV"); head=$(tree "$HEAD_REV")
for round in $(seq 1 "$ROUNDS"); do
  # Base first in odd rounds, head first in even ones: a machine that drifts within a round favours neither.
  if [ $((round % 2)) -eq 1 ]; then
    measure "$base" "$DB_URL_BASE" > "$trees/base.$round"; measure "$head" "$DB_URL_HEAD" > "$trees/head.$round"
  else
    measure "$head" "$DB_URL_HEAD" > "$trees/head.$round"; measure "$base" "$DB_URL_BASE" > "$trees/base.$round"
  fi
  join "$trees/base.$round" "$trees/head.$round" | awk -v r="$round" \
    '{printf "round %s %-8s base %8.1f/s p99 %s ms %s us  head %8.1f/s p99 %s ms %s us  rate ratio %.2f  cpu ratio %.2f\n",
      r, $1, $2, $3, $4, $5, $6, $7, $5 / $2, $7 / $4}'
done
