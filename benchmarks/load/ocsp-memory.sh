#!/usr/bin/env bash
# Memory: a gateway holding N (default 100,000) issued certificates serves OCSP within a 256 MB
# heap (issue 3, "Benchmarks"; results in BENCHMARKS.md).
#
# Steps: `gateway init` in a temp dir; FillStore (benchmarks module) registers 1,000 devices and
# stores N real leaf certificates signed with the issuing key, through the store's batch
# recordIssuances (1,000 per transaction); `gateway run` is started with -Xmx256m (and -Xlog:gc);
# the script times the start until the first OCSP answer (the gateway serves only after it has
# pre-signed an answer for every certificate), asks `openssl ocsp` about CHECKS random serials
# among the N (each must verify and be `good`), then prints the heap after a full GC
# (jcmd GC.run + GC.heap_info), the peak heap seen in the GC log and whether any
# OutOfMemoryError was logged. The gateway is stopped at the end, also on failure (trap).
#
# Usage (repository root, after `./mvnw -o -q -pl gateway,cli install -DskipTests` and
# `./mvnw -o -q -pl benchmarks package -DskipTests`):
#   benchmarks/load/ocsp-memory.sh [N]
# Environment: JAVA, LT_JAR (as ocsp-load.sh), HEAP (256m), CHECKS (100), KEEP=1 keeps the temp dir.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="${LT_JAR:-$ROOT/cli/target/localtrust-cli-0.1.0-SNAPSHOT.jar}"
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
JAVA="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
JCMD="$(dirname "$JAVA")/jcmd"
N="${1:-100000}" HEAP="${HEAP:-256m}" CHECKS="${CHECKS:-100}" PORT=18580 TLS_PORT=18543

die() { echo "ocsp-memory: $*" >&2; exit 1; }
[[ -f "$JAR" && -f "$BENCH_JAR" ]] || die "build first (see the header)"
TMP="$(mktemp -d /tmp/ocsp-memory.XXXXXX)"
GW_PID=""
cleanup() {
  [[ -n "$GW_PID" ]] && { kill "$GW_PID" 2>/dev/null || true; wait "$GW_PID" 2>/dev/null || true; }
  if [[ "${KEEP:-0}" == 1 ]]; then echo "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -1)"
printf 'memory-benchmark-passphrase\n' > "$TMP/pass"
"$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$JAR" gateway init --dir "$TMP/gw" \
   --permit home.arpa,127.0.0.0/8 --url "http://127.0.0.1:$PORT" --passphrase-file "$TMP/pass" > "$TMP/init.log"
"$JAVA" -cp "$BENCH_JAR" io.localtrust.benchmarks.load.FillStore "$TMP/gw" "$N" 1000 "$TMP/serials.txt" 2>/dev/null \
   | sed 's/^/   fill: /'

T0=$(date +%s%N)
"$JAVA" "-Xmx$HEAP" "-Xlog:gc:file=$TMP/gc.log" -XX:+HeapDumpOnOutOfMemoryError "-XX:HeapDumpPath=$TMP" \
   -jar "$JAR" gateway run --dir "$TMP/gw" --http-listen "127.0.0.1:$PORT" --listen "127.0.0.1:$TLS_PORT" \
   > "$TMP/run.log" 2>&1 &
GW_PID=$!
FIRST="$(head -1 "$TMP/serials.txt")"
openssl ocsp -issuer "$TMP/gw/intermediate.pem" -serial "0x$FIRST" -reqout "$TMP/req.der" -no_nonce >/dev/null
ENC="$(base64 -w0 "$TMP/req.der" | sed -e 's/+/%2B/g' -e 's|/|%2F|g' -e 's/=/%3D/g')"
for i in $(seq 1 1800); do
  curl -fs --max-time 120 -o /dev/null "http://127.0.0.1:$PORT/ocsp/$ENC" && break
  kill -0 "$GW_PID" 2>/dev/null || { tail -5 "$TMP/run.log"; die "the gateway exited"; }
  sleep 0.1
done
T1=$(date +%s%N)
echo "== first OCSP answer $(( (T1 - T0) / 1000000 )) ms after starting the JVM (-Xmx$HEAP, $N certificates)"

ok=0
for s in $(shuf -n "$CHECKS" "$TMP/serials.txt"); do
  if openssl ocsp -issuer "$TMP/gw/intermediate.pem" -serial "0x$s" -url "http://127.0.0.1:$PORT/ocsp" -no_nonce \
       -CAfile "$TMP/gw/root.pem" 2>&1 | grep -q ": good"; then ok=$((ok + 1)); fi
done
echo "== $ok of $CHECKS random serials answered good (signature verified against root.pem)"
"$JCMD" "$GW_PID" GC.heap_info | sed -n 2p | sed 's/^ */   before full GC: /'
"$JCMD" "$GW_PID" GC.run >/dev/null
"$JCMD" "$GW_PID" GC.heap_info | sed -n 2p | sed 's/^ */   after full GC:  /'
echo "   GC log: $(grep -c 'Pause' "$TMP/gc.log") pauses; largest heap before a GC $(grep -o '[0-9]*M->' "$TMP/gc.log" | sed 's/M->//' | sort -n | tail -1) MB; last: $(tail -1 "$TMP/gc.log")"
echo "   RSS $(ps -o rss= -p "$GW_PID" | awk '{printf "%.0f MB", $1/1024}')"
if grep -q OutOfMemoryError "$TMP/run.log"; then echo "== OutOfMemoryError logged"; exit 1; else echo "== no OutOfMemoryError"; fi
[[ "$ok" -eq "$CHECKS" ]] || die "not every serial was answered good"
