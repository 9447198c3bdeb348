#!/usr/bin/env bash
# CPU profiles of a running Latchkey under load: for each scenario, a warm-up, then async-profiler (attached with
# jcmd, no restart) during a measured wrk run; writes a flame graph (HTML) and the collapsed stacks, and prints the
# server's CPU microseconds per request split by layer (bench/layers.py).
# Usage: bench/profile.sh OUT_DIR [BASE]   (BASE default http://127.0.0.1:8080; start it with THROTTLE_ENABLED=false)
# Env: DURATION (20), WARMUP (60: after 15 s the JIT still took a sixth of me's CPU), USERS (64),
# SCENARIOS ("me refresh login"), INTERVAL (ns of CPU per sample, 1000000), PROFILER (the async-profiler jar;
# fetched by ./mvnw dependency:copy when unset).
# Needs wrk, python3, unzip and the JDK's jcmd; the server must run as this user.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
OUT=${1:?output directory}; BASE=${2:-http://127.0.0.1:8080}
DURATION=${DURATION:-20}; WARMUP=${WARMUP:-60}; USERS=${USERS:-64}; SEED=${SEED:-42}
SCENARIOS=${SCENARIOS:-me refresh login}; INTERVAL=${INTERVAL:-1000000}
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export BENCH_DIR=$here SEED USERS_FILE=$work/users.txt COOKIES_FILE=$work/cookies.txt TOKENS_FILE=$work/tokens.txt

# One place for the library: a JVM keeps the first copy it loaded, and a second copy cannot drive its profiler.
agent=$root/target/profiler
if [ ! -f "$agent/linux-x64/libasyncProfiler.so" ]; then
  if [ -z "${PROFILER:-}" ]; then
    (cd "$root" && ./mvnw -q dependency:copy -Dartifact=tools.profiler:async-profiler:4.1 -DoutputDirectory="$agent")
    PROFILER=$agent/async-profiler-4.1.jar
  fi
  mkdir -p "$agent" && (cd "$agent" && unzip -q -o "$PROFILER" 'linux-x64/*')
fi
lib=$agent/linux-x64/libasyncProfiler.so

port=$(echo "$BASE" | sed -E 's#^[a-z]+://[^:/]+:?([0-9]*).*#\1#'); port=${port:-80}
server=$(ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
# jcmd reads name=value pairs: the agent's options go as one quoted value.
agent() {
  if ! jcmd "$server" JVMTI.agent_load "$lib" "\"$1\"" | grep -q 'return code: 0'; then
    echo "the profiler refused: $1" >&2
    exit 1
  fi
}
# perf events where the kernel allows them, else the CPU timer of the process: both sample CPU time.
event=cpu; [ "$(cat /proc/sys/kernel/perf_event_paranoid)" -le 2 ] || event=itimer

for scenario in $SCENARIOS; do
  case $scenario in
    login|me) threads=2; connections=32;;
    refresh) threads=16; connections=16;;
    *) echo "unknown scenario $scenario" >&2; exit 2;;
  esac
  python3 "$here/prepare.py" "$BASE" "$USERS" "$work" "$SEED"
  wrk -t "$threads" -c "$connections" -d "${WARMUP}s" --timeout 10s -s "$here/$scenario.lua" "$BASE" > /dev/null
  python3 "$here/prepare.py" "$BASE" "$USERS" "$work" "$SEED"
  agent "start,event=$event,interval=$INTERVAL,cstack=vm"
  s0=$(ticks "$server")
  line=$(wrk -t "$threads" -c "$connections" -d "${DURATION}s" --timeout 10s -s "$here/$scenario.lua" "$BASE" \
    | grep '^RESULT')
  s1=$(ticks "$server")
  agent "stop,collapsed,file=$OUT/$scenario.collapsed"
  agent "dump,flamegraph,file=$OUT/$scenario.html,title=Latchkey-$scenario"
  requests=$(echo "$line" | grep -o 'requests=[0-9]*' | cut -d= -f2)
  cpu=$(awk -v s="$((s1 - s0))" -v n="$requests" -v hz="$hz" 'BEGIN {printf "%.0f", s * 1e6 / hz / n}')
  echo "$scenario ${line#RESULT } server_cpu_us=$cpu"
  python3 "$here/layers.py" "$OUT/$scenario.collapsed" "$cpu"
done
