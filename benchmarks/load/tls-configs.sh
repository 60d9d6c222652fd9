#!/usr/bin/env bash
# Issue 5's "pick the fastest configuration": full TLS handshakes per second (`openssl s_time -new`,
# one client) against the device agent's HTTPS server (HandshakeServer = AgentServer as `device run`
# configures it, P-256 key) under several JSSE configurations, each followed in the same run by
# `openssl s_server -www` with a P-256 key: the ratio per configuration. Results in BENCHMARKS.md.
#
# Usage (repository root): ./mvnw -o -q -pl benchmarks -am package -DskipTests; benchmarks/load/tls-configs.sh
# Environment: JAVA, JAR (default benchmarks/target/benchmarks.jar), SECONDS_TLS (10), WARM (30), ROUNDS (2).
# WARM: s_time seconds before each measured window. The JIT needs thousands of handshakes (C2 on two loaded
# cores): after 5 s the agent ran at a fifth of its steady rate, after 30–40 s it levels off.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
JAR="${JAR:-$ROOT/benchmarks/target/benchmarks.jar}"
SECONDS_TLS="${SECONDS_TLS:-10}" WARM="${WARM:-30}"
ADDR=127.0.33.250 PORT=18690 SSERVER=18691
TMP="$(mktemp -d /tmp/tls-configs.XXXXXX)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stime() { # ADDR:PORT SECONDS [s_time options] -> "N connections in T real seconds"
  local target=$1 secs=$2; shift 2
  openssl s_time -connect "$target" -new -time "$secs" "$@" 2>/dev/null | grep -oE '[0-9]+ connections in [0-9.]+ real seconds' | head -1
}
rate() { echo "$1" | awk '{printf "%.1f", $1 / $4}'; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # user + system CPU of a process (all its threads), in clock ticks
HZ="$(getconf CLK_TCK)"
per_cpu() { # "N connections …" TICKS -> handshakes per second of the server's own CPU
  echo "$1" | awk -v t="$2" -v hz="$HZ" '{ if (t > 0) printf "%.0f", $1 / (t / hz); else print "n/a" }'
}

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$TMP/s.key" -out "$TMP/s.pem" \
   -subj /CN=peer -days 1 2>/dev/null
openssl s_server -accept "$SSERVER" -cert "$TMP/s.pem" -key "$TMP/s.key" -www -quiet > /dev/null 2>&1 &
SPID=$!; PIDS+=($SPID)
echo "== machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -1); $(openssl version)"
# Wall-clock rates (what issue 5 asks) and, because a shared machine's load moves them a lot, handshakes per
# second of each server's own CPU time (/proc/PID/stat: the JVM's every thread, JIT and GC included).
printf '%-34s %-7s %9s %10s %6s | %11s %11s %6s\n' "configuration" "client" "agent/s" "openssl/s" "ratio" \
  "agent/cpu-s" "openssl/cpu-s" "ratio"

run() { # NAME CLIENT-OPTS -- JVM-OPTS…
  local name=$1 client=$2; shift 2
  "$JAVA" -XX:+UseSerialGC "$@" -cp "$JAR" io.localtrust.benchmarks.load.HandshakeServer "$ADDR" "$PORT" > "$TMP/server.log" 2>&1 &
  local pid=$!; PIDS+=($pid)
  for _ in $(seq 1 300); do grep -q '^listening' "$TMP/server.log" && break; sleep 0.1; done
  grep -q '^listening' "$TMP/server.log" || { cat "$TMP/server.log"; echo "tls-configs: $name did not start" >&2; exit 1; }
  # shellcheck disable=SC2086
  stime "$ADDR:$PORT" "$WARM" $client > /dev/null   # warms the JIT
  local t0 t1 t2
  t0="$(ticks "$pid")"
  # shellcheck disable=SC2086
  local a; a="$(stime "$ADDR:$PORT" "$SECONDS_TLS" $client)"
  t1="$(ticks "$pid")"; t2="$(ticks "$SPID")"
  # shellcheck disable=SC2086
  local o; o="$(stime "127.0.0.1:$SSERVER" "$SECONDS_TLS" $client)"
  local ca co
  ca="$(per_cpu "$a" $(( t1 - t0 )))"; co="$(per_cpu "$o" $(( $(ticks "$SPID") - t2 )))"
  printf '%-34s %-7s %9s %10s %6s | %11s %11s %6s\n' "$name" "$([[ -n "$client" ]] && echo tls1.2 || echo tls1.3)" "$(rate "$a")" "$(rate "$o")" \
    "$(awk -v a="$(rate "$a")" -v o="$(rate "$o")" 'BEGIN{printf "%.2f", a/o}')" "$ca" "$co" \
    "$(awk -v a="$ca" -v o="$co" 'BEGIN{ if (o > 0) printf "%.2f", a/o; else print "n/a" }')"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

configs() {
  run "agent as configured" ""
  run "stateful tickets" "" -Djdk.tls.server.enableSessionTicketExtension=false
  run "no TLS 1.3 session tickets" "" -Djdk.tls.server.newSessionTicketCount=0
  run "namedGroups=secp256r1 (HRR)" "" -Djdk.tls.namedGroups=secp256r1
  run "agent as configured" "-tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256"
  run "Conscrypt provider (no staple)" "" -Dhandshake.conscrypt=true
}
# Rounds alternate the configurations (ROUNDS, default 2): a noisy minute on a shared machine then hits
# different rows in different rounds; each row is still paired with openssl in the same minute.
for r in $(seq 1 "${ROUNDS:-2}"); do
  echo "-- round $r, load $(cut -d' ' -f1-3 /proc/loadavg)"
  configs
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
