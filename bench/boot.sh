#!/usr/bin/env bash
# Boot time of Latchkey on Payara Micro: from the launch of the JVM to the first 200 from /health/ready (database
# connected, schema migrated, signing key loaded), alternately
#   plain: java -jar payara-micro.jar --deploy latchkey.war ... on a fresh root (the README's production command);
#   cds:   the same server from a prepared root with a class data sharing archive (README, "Faster start").
# Usage: bench/boot.sh [REPEATS]   (default 5). Needs ./mvnw -q package -DskipTests first, and a database in
# DB_URL, DB_USER, DB_PASSWORD (e.g. the benchmark's: see the README). Prints one line per boot and the medians.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
REPEATS=${1:-5}
PORT=${BOOT_PORT:-8090}
: "${DB_URL:?set DB_URL, DB_USER and DB_PASSWORD}"
runtime=$root/target/runtime
war=$root/target/latchkey.war
work=$(mktemp -d); trap 'pkill -f "$work" || true; rm -rf "$work"' EXIT
export MALLOC_ARENA_MAX=2 SMTP_HOST=${SMTP_HOST:-127.0.0.1} SMTP_PORT=${SMTP_PORT:-2525}
jvm=(-Xms224m -Xmx224m -XX:+AlwaysPreTouch -XX:+UseSerialGC "-Djava.io.tmpdir=$work")
server=(--nocluster --port "$PORT" --prebootcommandfile "$root/server-config/payara-micro-preboot.asadmin" --postbootcommandfile "$root/server-config/payara-micro.asadmin"
  --postdeploycommandfile "$root/server-config/payara-micro-postdeploy.asadmin")

# Seconds from now until the first 200 from readiness; the server is stopped afterwards.
time_to_ready() {
  # The previous server's port must be free, or the new one boots without its HTTP listener.
  while ss -ltn "sport = :$PORT" | grep -q LISTEN; do sleep 0.2; done
  local start; start=$(date +%s%N)
  "$@" > "$work/boot.log" 2>&1 &
  local pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/health/ready"; do
    if ! kill -0 "$pid" 2>/dev/null || [ $(( ($(date +%s%N) - start) / 1000000000 )) -gt 120 ]; then
      echo "no ready server after 120 s; its log:" >&2; tail -20 "$work/boot.log" >&2; kill "$pid" 2>/dev/null; exit 1
    fi
    sleep 0.05
  done
  echo "scale=2; ($(date +%s%N) - $start) / 1000000000" | bc
  kill "$pid"; wait "$pid" || true
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

# The prepared root: a launcher whose class path names the runtime's jars (so the JVM can share their classes), the
# application deployed into it, and the archive of the classes a boot loaded, written when the warm-up boot exits.
java -jar "$runtime/payara-micro.jar" --rootdir "$work/root" --addLibs "$runtime/postgresql.jar" --outputlauncher \
  > "$work/prepare.log" 2>&1
java -XX:ArchiveClassesAtExit="$work/latchkey.jsa" "${jvm[@]}" -jar "$work/root/launch-micro.jar" \
  --deploy "$war" "${server[@]}" --warmup >> "$work/prepare.log" 2>&1
[ -s "$work/latchkey.jsa" ] || { echo "no archive was written; see the log:" >&2; tail -20 "$work/prepare.log" >&2; exit 1; }

plain=(); cds=()
for i in $(seq 1 "$REPEATS"); do
  p=$(time_to_ready java "${jvm[@]}" -jar "$runtime/payara-micro.jar" --deploy "$war" "${server[@]}" \
        --addLibs "$runtime/postgresql.jar" --rootdir "$work/plain-$i")
  c=$(time_to_ready java -XX:SharedArchiveFile="$work/latchkey.jsa" -Xshare:on "${jvm[@]}" \
        -jar "$work/root/launch-micro.jar" "${server[@]}")
  echo "boot $i plain_s=$p cds_s=$c"
  plain+=("$p"); cds+=("$c")
done
echo "RESULT boot plain_median_s=$(printf '%s\n' "${plain[@]}" | median) cds_median_s=$(printf '%s\n' "${cds[@]}" | median) repeats=$REPEATS"
