#!/usr/bin/env bash
# Stateful vs stateless TLS 1.3 session tickets on the device agent's HTTPS server, in ONE warm JVM
# (HandshakeServer ADDRESS PORT STATEFUL-PORT: two AgentServers, one context with the JDK's default stateless
# tickets as the agent runs, one made with -Djdk.tls.server.enableSessionTicketExtension=false), so the JIT state, the process and the minute are the same; and
# `openssl s_server -www` with a P-256 key. After a warm-up, PAIRS rounds of `openssl s_time -new` windows
# (WINDOW seconds each) alternate stateful and stateless (in turn first), then openssl: each round gives two ratios against openssl
# measured seconds apart; the script prints every round and the medians. Results in BENCHMARKS.md.
#
# Usage (repository root): ./mvnw -o -q -pl benchmarks -am package -DskipTests; benchmarks/load/tls-tickets.sh
# Environment: JAVA, JAR (default benchmarks/target/benchmarks.jar), WARM (40 s), WINDOW (5 s), PAIRS (8).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
JAR="${JAR:-$ROOT/benchmarks/target/benchmarks.jar}"
WARM="${WARM:-40}" WINDOW="${WINDOW:-5}" PAIRS="${PAIRS:-8}"
ADDR=127.0.33.249 STATELESS=18696 STATEFUL=18697 SSERVER=18698
TMP="$(mktemp -d /tmp/tls-tickets.XXXXXX)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rate() { # ADDR:PORT SECONDS -> full handshakes per wall-clock second (one client)
  openssl s_time -connect "$1" -new -time "$2" 2>/dev/null | grep -oE '[0-9]+ connections in [0-9.]+ real seconds' | head -1 \
    | awk '{printf "%.1f", $1 / $4}'
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2] + a[NR/2+1]) / 2}'; }

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$TMP/s.key" -out "$TMP/s.pem" \
   -subj /CN=peer -days 1 2>/dev/null
openssl s_server -accept "$SSERVER" -cert "$TMP/s.pem" -key "$TMP/s.key" -www -quiet > /dev/null 2>&1 &
PIDS+=($!)
"$JAVA" -XX:+UseSerialGC -cp "$JAR" io.localtrust.benchmarks.load.HandshakeServer "$ADDR" "$STATELESS" "$STATEFUL" > "$TMP/server.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 300); do grep -q '^listening' "$TMP/server.log" && break; sleep 0.1; done
grep -q '^listening' "$TMP/server.log" || { cat "$TMP/server.log"; echo "tls-tickets: the server did not start" >&2; exit 1; }
echo "== machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -1); $(openssl version)"
half=$(( WARM / 2 ))
rate "$ADDR:$STATEFUL" "$half" > /dev/null; rate "$ADDR:$STATELESS" "$half" > /dev/null   # warms the JIT on both paths
printf '%-5s %10s %10s %10s %9s %9s\n' round stateful/s stateless/s openssl/s "ful/ossl" "less/ossl"
: > "$TMP/ful"; : > "$TMP/less"
for r in $(seq 1 "$PAIRS"); do
  if (( r % 2 )); then   # the order alternates too, so neither kind always goes first
    a="$(rate "$ADDR:$STATEFUL" "$WINDOW")"; b="$(rate "$ADDR:$STATELESS" "$WINDOW")"
  else
    b="$(rate "$ADDR:$STATELESS" "$WINDOW")"; a="$(rate "$ADDR:$STATEFUL" "$WINDOW")"
  fi
  o="$(rate "127.0.0.1:$SSERVER" "$WINDOW")"
  fa="$(awk -v a="$a" -v o="$o" 'BEGIN{printf "%.2f", a/o}')"; fb="$(awk -v a="$b" -v o="$o" 'BEGIN{printf "%.2f", a/o}')"
  echo "$fa" >> "$TMP/ful"; echo "$fb" >> "$TMP/less"
  printf '%-5s %10s %10s %10s %9s %9s\n' "$r" "$a" "$b" "$o" "$fa" "$fb"
done
echo "median ratio to openssl: stateful $(median < "$TMP/ful"), stateless $(median < "$TMP/less"); load after: $(cut -d' ' -f1-3 /proc/loadavg)"
