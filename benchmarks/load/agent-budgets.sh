#!/usr/bin/env bash
# The device agent's budgets (issue 5, "Benchmarks and budgets"; results in BENCHMARKS.md):
#  1. one `device run` serves its admin page within -Xmx32m (onboarded through a real
#     `gateway run`, pre-authorised with `gateway allow`; the page fetched with curl trusting
#     only the gateway root; heap after a full GC and the GC log's peak);
#  2. `device simulate --count N` (default 1000, all U-L/S agents) within -Xmx512m, pre-authorised
#     through the admin API; heap after a full GC, and memory per simulated device from a second,
#     small fleet (SMALL, default 10) measured the same way: (heap(N) - heap(SMALL)) / (N - SMALL);
#     PRACTICE=all makes the fleets a mix of every practice (`--practice all`: one device in seven an agent,
#     the others static servers of the six other practices, U-CA/S under a test CA made here);
#  3. TLS handshakes per second with `openssl s_time -new` (full handshakes, TLS 1.3, one client)
#     against the agent's HTTPS and against `openssl s_server` with a P-256 key and certificate
#     (the same key type) in the same run: the ratio.
# Every process is stopped at the end, also on failure (trap); the temp dir is removed unless KEEP=1.
#
# Usage (repository root): ./mvnw -o -q -pl cli -am package -DskipTests; benchmarks/load/agent-budgets.sh [N]
# Environment: JAVA, LT_CP (classpath; default cli/target/classes + cli/target/lib/*), SMALL (10),
#   SECONDS_TLS (10), STEPS ("1 3 2"; "2" runs only the fleets), PRACTICE (U_LS), KEEP=1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
JCMD="$(dirname "$JAVA")/jcmd"
CP="${LT_CP:-$ROOT/cli/target/localtrust-cli-0.1.0-SNAPSHOT.jar:$ROOT/cli/target/lib/*}"
N="${1:-1000}" SMALL="${SMALL:-10}" PRACTICE="${PRACTICE:-U_LS}" SECONDS_TLS="${SECONDS_TLS:-10}" STEPS="${STEPS:-1 3 2}"
GW_HTTP=18680 DEV_HTTP=18681 DEV_HTTPS=18682 SSERVER=18683

die() { echo "agent-budgets: $*" >&2; exit 1; }
TMP="$(mktemp -d /tmp/agent-budgets.XXXXXX)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  if [[ "${KEEP:-0}" == 1 ]]; then echo "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
lt() { "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.io.tmpdir="$TMP" -cp "$CP" io.localtrust.cli.Main "$@"; }
lt_bg() { exec "$JAVA" -XX:+UseSerialGC -Djava.io.tmpdir="$TMP" -cp "$CP" io.localtrust.cli.Main "$@"; } # `lt_bg … &`: $! is the JVM
wait_for() { # FILE REGEX SECONDS PID
  for _ in $(seq 1 $(( $3 * 10 ))); do
    grep -qE "$2" "$1" && return 0
    kill -0 "$4" 2>/dev/null || { tail -20 "$1"; die "process $4 exited while waiting for /$2/"; }
    sleep 0.1
  done
  tail -20 "$1"; die "no /$2/ in $1 within $3 s"
}
heap_after_gc() { # PID -> used KB (young + old generation) after a full GC
  "$JCMD" "$1" GC.run >/dev/null
  "$JCMD" "$1" GC.heap_info | grep -oE 'total [0-9]+K, used [0-9]+K' | grep -oE 'used [0-9]+' | grep -oE '[0-9]+' \
    | awk '{s+=$1} END {print s}'   # DefNew + Tenured (Serial GC), not Metaspace
}
peak_from_gc_log() { # LOG -> the largest "before" heap in MB seen by the GC
  grep -oE '[0-9]+M->[0-9]+M' "$1" | cut -dM -f1 | sort -n | tail -1
}

echo "== machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -1); $(openssl version)"
printf 'budget-benchmark-passphrase\n' > "$TMP/pass"
printf 'budget admin password\n' > "$TMP/admin"
lt gateway init --dir "$TMP/gw" --permit home.arpa,127.0.0.0/8 --url "http://127.0.0.1:$GW_HTTP" \
   --passphrase-file "$TMP/pass" > "$TMP/init.log"
sed -n 's/.*Admin API token: *//p' "$TMP/init.log" > "$TMP/token"
lt_bg gateway run --dir "$TMP/gw" --http-listen "127.0.0.1:$GW_HTTP" --listen 127.0.0.1:0 \
   --validation-http-port "$DEV_HTTP" > "$TMP/gw.log" 2>&1 &
PIDS+=($!); GW=$!
wait_for "$TMP/gw.log" 'Published URLs' 120 "$GW"
ACME="$(grep -oE 'https://[^ ]+/acme/directory' "$TMP/gw.log" | head -1)"

if [[ " $STEPS " == *" 1 "* || " $STEPS " == *" 3 "* ]]; then
echo "== 1. one agent within -Xmx32m"
ADDR=127.0.30.1
lt gateway allow --dir "$TMP/gw" printer.home.arpa --for 1h >/dev/null
lt gateway allow --dir "$TMP/gw" "$ADDR" --for 1h >/dev/null
"$JAVA" -Xmx32m -XX:+UseSerialGC "-Xlog:gc:file=$TMP/agent-gc.log" -Djava.io.tmpdir="$TMP" -cp "$CP" io.localtrust.cli.Main \
   device run --gateway "$ACME" --name printer.home.arpa --bind "$ADDR" --http-port "$DEV_HTTP" --https-port "$DEV_HTTPS" \
   --state "$TMP/printer" --ca-bundle "$TMP/gw/root.pem" --password-file "$TMP/admin" --poll 500ms > "$TMP/agent.log" 2>&1 &
PIDS+=($!); AGENT=$!
wait_for "$TMP/agent.log" 'issued: certificate' 180 "$AGENT"
for i in $(seq 1 50); do
  curl -fsS --cacert "$TMP/gw/root.pem" --resolve "printer.home.arpa:$DEV_HTTPS:$ADDR" \
     "https://printer.home.arpa:$DEV_HTTPS/" -o /dev/null || die "the agent's page did not load"
done
grep -q OutOfMemoryError "$TMP/agent.log" && die "the agent ran out of memory"
echo "   page served 50 times over HTTPS (curl, gateway root only) within -Xmx32m; heap after full GC $(heap_after_gc "$AGENT") KB;" \
     "peak before a GC $(peak_from_gc_log "$TMP/agent-gc.log") MB"

echo "== 3. TLS handshakes/s: openssl s_time -new, ${SECONDS_TLS}s each, agent vs openssl s_server (P-256, TLS 1.3)"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$TMP/s.key" -out "$TMP/s.pem" \
   -subj /CN=peer -days 1 2>/dev/null
openssl s_server -accept "$SSERVER" -cert "$TMP/s.pem" -key "$TMP/s.key" -www -quiet > /dev/null 2>&1 &
PIDS+=($!)
sleep 1
stime() { # ADDR:PORT -> "N connections in T real seconds" (full handshakes, one client)
  openssl s_time -connect "$1" -new -time "$SECONDS_TLS" 2>/dev/null | grep -oE '[0-9]+ connections in [0-9.]+ real seconds' | head -1
}
rate() { echo "$1" | awk '{printf "%.1f", $1 / $4}'; }
lt_first="$(stime "$ADDR:$DEV_HTTPS")"   # warms the JIT
A="$(stime "$ADDR:$DEV_HTTPS")"; O="$(stime "127.0.0.1:$SSERVER")"
echo "   agent (Jetty/JSSE, -Xmx32m): $A -> $(rate "$A") handshakes/s"
echo "   openssl s_server:            $O -> $(rate "$O") handshakes/s"
echo "   ratio agent/openssl: $(awk -v a="$(rate "$A")" -v o="$(rate "$O")" 'BEGIN{printf "%.2f", a/o}')"
kill "$AGENT"; wait "$AGENT" 2>/dev/null || true
fi

fleet() { # COUNT ADDRESS-RANGE -> prints "ms heapKB peakMB threads"; names sim-K.fCOUNT.home.arpa: a name bound to
          # a device with a live certificate is refused to another, so the two fleets must not share names
  local log="$TMP/fleet-$1.log"
  "$JAVA" -Xmx512m -XX:+UseSerialGC "-Xlog:gc:file=$TMP/fleet-$1-gc.log" -Djava.io.tmpdir="$TMP" -cp "$CP" io.localtrust.cli.Main \
     device simulate --count "$1" --addresses "$2" --domain "f$1.home.arpa" --gateway "$ACME" --ca-bundle "$TMP/gw/root.pem" \
     --admin-token-file "$TMP/token" --http-port "$DEV_HTTP" --https-port "$DEV_HTTPS" --poll 1s --wait 30m \
     --practice "$PRACTICE" "${PUBLIC_CA[@]}" > "$log" 2>&1 &
  local pid=$!; PIDS+=($pid)
  wait_for "$log" "^Fleet of $1 devices" 1800 "$pid"
  grep -q "ready in" "$log" || die "fleet of $1: not every agent onboarded"
  grep -q OutOfMemoryError "$log" && die "fleet of $1 ran out of memory"
  local ms; ms="$(grep -oE 'ready in [0-9]+ ms' "$log" | grep -oE '[0-9]+')"
  local url; url="$(grep -F ' U-L/S ' "$log" | grep -oE 'https://127\.[0-9.]+:[0-9]+/' | tail -1)"   # an agent's
  curl -fsS --cacert "$TMP/gw/root.pem" "$url" -o /dev/null || die "fleet of $1: $url did not load"
  local other; other="$(grep -v -F ' U-L/S ' "$log" | grep -oE 'https://127\.[0-9.]+:[0-9]+/' | tail -1)"   # another practice's
  [[ -z "$other" ]] || curl -fsS -k "$other" -o /dev/null || die "fleet of $1: $other did not load"
  local threads; threads="$(ls /proc/$pid/task | wc -l)"
  local rss; rss="$(awk '/^VmRSS:/ {print $2}' /proc/$pid/status)"   # KB, before the full GC below
  echo "$ms $(heap_after_gc $pid) $(peak_from_gc_log "$TMP/fleet-$1-gc.log") $threads $rss"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
[[ " $STEPS " == *" 2 "* ]] || exit 0
PUBLIC_CA=()
if [[ "$PRACTICE" != U_LS ]]; then   # a stand-in public CA for the U-CA/S devices of a mix
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$TMP/public-ca-key.pem" \
     -out "$TMP/public-ca.pem" -subj "/O=Test/CN=Test Public CA" -days 2 \
     -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
  PUBLIC_CA=(--public-ca "$TMP/public-ca.pem" --public-ca-key "$TMP/public-ca-key.pem")
fi
echo "== 2. device simulate within -Xmx512m, practice mix $PRACTICE"
read -r ms_s heap_s peak_s thr_s rss_s <<< "$(fleet "$SMALL" 127.0.31.1-254)"
echo "   $SMALL agents: onboarded in $ms_s ms; heap after full GC $heap_s KB; peak $peak_s MB; $thr_s threads; RSS $rss_s KB"
read -r ms_n heap_n peak_n thr_n rss_n <<< "$(fleet "$N" 127.0.32.1-127.0.35.254)"
echo "   $N agents: onboarded in $ms_n ms; heap after full GC $heap_n KB; peak $peak_n MB; $thr_n threads; RSS $rss_n KB"
echo "   memory per simulated device: $(( (heap_n - heap_s) / (N - SMALL) )) KB"
