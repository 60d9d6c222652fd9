#!/usr/bin/env bash
# Stateful vs stateless TLS 1.3 session tickets on the device agent's HTTPS server, in ONE warm JVM
# (HandshakeServer ADDRESS PORT STATEFUL-PORT: two AgentServers, one context with the JDK's default stateless
# tickets as the agent runs, one made with -Djdk.tls.server.enableSessionTicketExtension=false), so the JIT state, the process and the minute are the same; and
# `openssl s_server -www` with a P-256 key. After a warm-up, PAIRS rounds of `openssl s_time -new` windows
# (WINDOW seconds each) alternate stateful and stateless (in turn first), then openssl: each round gives two ratios against openssl
# measured seconds apart, by wall clock and per second of the server's own CPU; every round and the medians. Results in BENCHMARKS.md.
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
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # user + system CPU of a process, clock ticks
HZ="$(getconf CLK_TCK)"
timed() { # VAR PID ADDR:PORT SECONDS: sets VAR to "rate per-cpu-second" (the server's CPU during the window)
  local t0 r t1
  t0="$(ticks "$2")"; r="$(rate "$3" "$4")"; t1="$(ticks "$2")"
  printf -v "$1" '%s %s' "$r" "$(awk -v r="$r" -v s="$4" -v t=$(( t1 - t0 )) -v hz="$HZ" 'BEGIN{ if (t > 0) printf "%.0f", r * s / (t / hz); else print "n/a" }')"
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2] + a[NR/2+1]) / 2}'; }

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$TMP/s.key" -out "$TMP/s.pem" \
   -subj /CN=peer -days 1 2>/dev/null
openssl s_server -accept "$SSERVER" -cert "$TMP/s.pem" -key "$TMP/s.key" -www -quiet > /dev/null 2>&1 &
SPID=$!; PIDS+=($SPID)
"$JAVA" -XX:+UseSerialGC -cp "$JAR" io.localtrust.benchmarks.load.HandshakeServer "$ADDR" "$STATELESS" "$STATEFUL" > "$TMP/server.log" 2>&1 &
JPID=$!; PIDS+=($JPID)
for _ in $(seq 1 300); do grep -q '^listening' "$TMP/server.log" && break; sleep 0.1; done
grep -q '^listening' "$TMP/server.log" || { cat "$TMP/server.log"; echo "tls-tickets: the server did not start" >&2; exit 1; }
echo "== machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -1); $(openssl version)"
half=$(( WARM / 2 ))
rate "$ADDR:$STATEFUL" "$half" > /dev/null; rate "$ADDR:$STATELESS" "$half" > /dev/null   # warms the JIT on both paths
# Windows run one at a time, so the JVM's CPU during a window is that server's (plus the JIT and GC threads).
printf '%-5s %10s %10s %10s %9s %9s | %8s %8s %8s %9s %9s\n' round stateless/s stateful/s openssl/s "less/ossl" "ful/ossl" \
  "less/cpu" "ful/cpu" "ossl/cpu" "less/ossl" "ful/ossl"
: > "$TMP/less"; : > "$TMP/ful"; : > "$TMP/lesscpu"; : > "$TMP/fulcpu"
for r in $(seq 1 "$PAIRS"); do
  if (( r % 2 )); then   # the order alternates too, so neither kind always goes first
    timed b "$JPID" "$ADDR:$STATELESS" "$WINDOW"; timed a "$JPID" "$ADDR:$STATEFUL" "$WINDOW"
  else
    timed a "$JPID" "$ADDR:$STATEFUL" "$WINDOW"; timed b "$JPID" "$ADDR:$STATELESS" "$WINDOW"
  fi
  timed o "$SPID" "127.0.0.1:$SSERVER" "$WINDOW"
  read -r ar ac <<< "$a"; read -r br bc <<< "$b"; read -r or oc <<< "$o"
  q() { awk -v x="$1" -v y="$2" 'BEGIN{ if (y > 0 && x != "n/a") printf "%.2f", x/y; else print "n/a" }'; }
  lb="$(q "$br" "$or")"; la="$(q "$ar" "$or")"; cb="$(q "$bc" "$oc")"; ca="$(q "$ac" "$oc")"
  echo "$lb" >> "$TMP/less"; echo "$la" >> "$TMP/ful"; echo "$cb" >> "$TMP/lesscpu"; echo "$ca" >> "$TMP/fulcpu"
  printf '%-5s %10s %10s %10s %9s %9s | %8s %8s %8s %9s %9s\n' "$r" "$br" "$ar" "$or" "$lb" "$la" "$bc" "$ac" "$oc" "$cb" "$ca"
done
echo "median ratio to openssl, wall clock: stateless (the agent) $(median < "$TMP/less"), stateful $(median < "$TMP/ful");" \
  "per server CPU-second: stateless $(median < "$TMP/lesscpu"), stateful $(median < "$TMP/fulcpu"); load after: $(cut -d' ' -f1-3 /proc/loadavg)"
