#!/usr/bin/env bash
# The fleet scanner against nmap (issue 7, "Benchmark"; results in BENCHMARKS.md):
# N (default 1000) TLS endpoints on loopback — one nginx (native OpenSSL, 2 workers) listening on
# N addresses 127.0.90.1… port PORT (8443: in nmap's list of likely TLS ports, so ssl-cert runs
# without version detection), each address serving a certificate of its own (P-256, one CA), a
# tenth of them one shared certificate — then, in the same run and alternating, ROUNDS times each:
#   localtrust scan --ports PORT --json OUT RANGE    (JVM -Xmx512m; chain capture + classification)
#   nmap -Pn -n -p PORT --script ssl-cert -iL HOSTS -oX OUT
# Wall time of each command (JVM start and nmap's start included), hosts/s = N / wall, and the
# ratio; the CPU of each client and of nginx's workers while it ran (the server's handshake work). Checks that both saw every endpoint. Every process is stopped at the end (trap).
#
# Usage (repository root): ./mvnw -o -q -pl cli -am package -DskipTests; benchmarks/load/scan-load.sh [N]
# Environment: JAVA, PORT (8443), ROUNDS (3), CONCURRENCY (scan's --concurrency; default its own), KEEP=1,
#   REUSE=DIR (a directory KEEP=1 left, same N and PORT: its certificates and nginx.conf, not made again),
#   ARCHIVE=launcher (default: the class-data archive as ./localtrust makes it — an AOT cache on JDK 25+, else AppCDS,
#   trained by `scan --training-endpoints`) or ARCHIVE=measured (AppCDS made by an unmeasured run of the measured
#   command, as this script did before 2026-11-28).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
CP="$ROOT/cli/target/localtrust-cli-0.1.0-SNAPSHOT.jar:$ROOT/cli/target/lib/*"
N="${1:-1000}" PORT="${PORT:-8443}" ROUNDS="${ROUNDS:-3}"
[[ -f "$ROOT/cli/target/localtrust-cli-0.1.0-SNAPSHOT.jar" ]] || { echo "scan-load: build first: ./mvnw -o -q -pl cli -am package -DskipTests" >&2; exit 1; }
command -v nginx >/dev/null && command -v nmap >/dev/null && command -v openssl >/dev/null || { echo "scan-load: needs nginx, nmap, openssl" >&2; exit 1; }
(( N >= 1 && N <= 16000 )) || { echo "scan-load: N from 1 to 16000" >&2; exit 1; }

TMP="${REUSE:-$(mktemp -d /tmp/scan-load.XXXXXX)}"
NGINX_PID=""
cleanup() {
  [[ -n "$NGINX_PID" ]] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true
  if [[ "${KEEP:-0}" == 1 ]]; then echo "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

addr() { local i=$(( $1 - 1 )); echo "127.0.$(( 90 + i / 250 )).$(( 1 + i % 250 ))"; }
LAST="$(addr "$N")"

cd "$TMP"
if [[ -n "${REUSE:-}" ]]; then
  KEEP=1; rm -f cds.jsa scan.aot; [[ -f nginx.conf && $(wc -l < hosts.txt) == "$N" ]] || { echo "scan-load: $REUSE is not a run of N=$N" >&2; exit 1; }
else
echo "== $N endpoints: certificates (P-256, one CA; every 10th address shares one certificate)"
openssl ecparam -name prime256v1 -genkey -noout -out ca.key 2>/dev/null
openssl req -x509 -new -key ca.key -subj "/CN=scan-load CA" -days 30 -out ca.pem 2>/dev/null
openssl ecparam -name prime256v1 -genkey -noout -out shared.key 2>/dev/null
openssl req -x509 -new -key shared.key -subj "/CN=shared.firmware.example" -days 3650 -out shared.pem 2>/dev/null
: > hosts.txt
{
  echo "daemon off; master_process on; worker_processes 2; pid $TMP/nginx.pid; error_log $TMP/error.log crit;"
  echo "worker_rlimit_nofile 65536; events { worker_connections 16384; }"
  echo "http { access_log off; ssl_protocols TLSv1.2 TLSv1.3; ssl_session_cache off; ssl_session_tickets off;"
} > nginx.conf
for i in $(seq 1 "$N"); do
  a="$(addr "$i")"; echo "$a" >> hosts.txt
  if (( i % 10 == 0 )); then cert=shared.pem; key=shared.key; else
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "d$i.key" -out "d$i.pem" -days 30 \
      -CA ca.pem -CAkey ca.key -subj "/CN=device-$i.home.arpa" \
      -addext "subjectAltName=DNS:device-$i.home.arpa,IP:$a" -addext "extendedKeyUsage=serverAuth" 2>/dev/null
    cert="d$i.pem"; key="d$i.key"
  fi
  echo "server { listen $a:$PORT ssl; ssl_certificate $TMP/$cert; ssl_certificate_key $TMP/$key; return 200 \"ok\\n\"; }" >> nginx.conf
done
echo "}" >> nginx.conf
fi
ulimit -n 65536 2>/dev/null || true
nginx -p "$TMP" -c "$TMP/nginx.conf" & NGINX_PID=$!
for _ in $(seq 1 100); do (echo > "/dev/tcp/$LAST/$PORT") 2>/dev/null && break; sleep 0.1; done
(echo > "/dev/tcp/$LAST/$PORT") 2>/dev/null || { cat "$TMP/error.log"; echo "scan-load: nginx did not listen" >&2; exit 1; }

echo "== machine: $(nproc) CPUs; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA" -version 2>&1 | head -1; nmap --version | head -1
# A command-line JVM: serial GC, C1 only (a scan is over before C2 pays back), and a class-data archive — what a
# packaged `localtrust` ships with (see ARCHIVE above).
JAVA_MAJOR="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')"
ARCHIVE="${ARCHIVE:-launcher}"
if [[ "$ARCHIVE" == launcher && "${JAVA_MAJOR:-0}" -ge 25 ]]; then SCAN_JVM=(-XX:AOTCache="$TMP/scan.aot" -Xlog:aot=off); else
  SCAN_JVM=(-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$TMP/cds.jsa"); fi
# JDK 22+: no 300 ms wait at exit for the virtual-thread poller, as ./localtrust runs it (-XX:UserThreadWaitAttemptsAtExit)
if [[ "${JAVA_MAJOR:-0}" -ge 22 ]]; then SCAN_JVM+=(-XX:UserThreadWaitAttemptsAtExit=0); fi
# and its heap: a 32 MB young generation on transparent huge pages where the kernel offers them (./localtrust's scan_heap)
SCAN_JVM+=(-Xmn32m)
THP_MODE="$(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || true)"
if [[ "$THP_MODE" == *"[madvise]"* || "$THP_MODE" == *"[always]"* ]]; then SCAN_JVM+=(-XX:+UseTransparentHugePages); fi
lt() { "$JAVA" -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "${SCAN_JVM[@]}" \
  -Xlog:cds=off -Xlog:gc:file="$TMP/gc-$1.log" -cp "$CP" io.localtrust.cli.Main "${@:2}"; }
now() { date +%s.%N; }
RANGES=(); for b in $(seq 0 $(( (N - 1) / 250 ))); do
  first=$(( b * 250 + 1 )); last=$(( first + 249 < N ? first + 249 : N ))
  RANGES+=("$(addr "$first")-$(( 1 + (last - 1) % 250 ))")
done
SCAN_ARGS=(scan --ports "$PORT" --timeout 10s ${CONCURRENCY:+--concurrency "$CONCURRENCY"} "${RANGES[@]}")
# The archive: the launcher's training scan (two TLS endpoints of its own, loopback port 1, every report format), or
# (ARCHIVE=measured) an unmeasured run of the measured command, so that it holds what that command loads
if [[ "$ARCHIVE" == launcher ]]; then
  mkdir -p "$TMP/training"
  if [[ "${JAVA_MAJOR:-0}" -ge 25 ]]; then TRAIN=(-XX:AOTCacheOutput="$TMP/scan.aot"); else TRAIN=(-XX:ArchiveClassesAtExit="$TMP/cds.jsa"); fi
  "$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "${TRAIN[@]}" -Xlog:disable -cp "$CP" io.localtrust.cli.Main scan --training-endpoints \
    --ports 1 --timeout 2s --json "$TMP/training/s.json" --csv "$TMP/training/s.csv" --html "$TMP/training/s.html" 127.0.0.1 > /dev/null 2>&1
else
  lt 0 "${SCAN_ARGS[@]}" --json "$TMP/scan-0.json" > /dev/null
fi
cpu() { awk '{printf "%.2f", $2 + $3}' "$1"; } # user + system seconds of the client process
TICK="$(getconf CLK_TCK)"
server_cpu() { # user + system seconds used so far by nginx's workers: the server side of every handshake
  local t=0 p; for p in $(pgrep -P "$NGINX_PID"); do t=$(( t + $(awk '{print $14 + $15}' "/proc/$p/stat") )); done
  echo "scale=2; $t / $TICK" | bc -l
}
for r in $(seq 1 "$ROUNDS"); do
  c0=$(server_cpu); t0=$(now); /usr/bin/time -o "$TMP/time-scan-$r" -f "%e %U %S" bash -c "$(declare -f lt); $(declare -p SCAN_JVM); JAVA='$JAVA' TMP='$TMP' CP='$CP' lt $r $(printf '%q ' "${SCAN_ARGS[@]}") --json '$TMP/scan-$r.json'" > "$TMP/scan-$r.out"; t1=$(now); c1=$(server_cpu)
  /usr/bin/time -o "$TMP/time-nmap-$r" -f "%e %U %S" nmap -Pn -n -p "$PORT" --script ssl-cert -iL hosts.txt -oX "$TMP/nmap-$r.xml" > /dev/null; t2=$(now); c2=$(server_cpu)
  s=$(echo "$t1 - $t0" | bc -l); m=$(echo "$t2 - $t1" | bc -l)
  devices=$(grep -c '"category"' "$TMP/scan-$r.json" || true)
  shared=$(grep -c '"uniqueness" : "shared"' "$TMP/scan-$r.json" || true)
  certs=$(grep -c 'key="sha1"' "$TMP/nmap-$r.xml" || true)
  heap=$(grep -o '[0-9]*M->[0-9]*M([0-9]*M)' "$TMP/gc-$r.log" | sed 's/.*->\([0-9]*\)M(\([0-9]*\)M)/\2/' | sort -n | tail -1)
  printf "round %d: localtrust scan %6.2f s = %6.1f hosts/s, CPU %s s, nginx CPU %s s (%d devices classified, %d shared, heap committed max %s MB; %s)\n" \
    "$r" "$s" "$(echo "$N / $s" | bc -l)" "$(cpu "$TMP/time-scan-$r")" "$(echo "$c1 - $c0" | bc -l)" "$devices" "$shared" "${heap:-?}" "$(tail -2 "$TMP/scan-$r.out" | head -1 | cut -c1-60)"
  printf "         nmap ssl-cert   %6.2f s = %6.1f hosts/s, CPU %s s, nginx CPU %s s (%d certificates) | ratio (wall) %.2f× | load %s\n" \
    "$m" "$(echo "$N / $m" | bc -l)" "$(cpu "$TMP/time-nmap-$r")" "$(echo "$c2 - $c1" | bc -l)" "$certs" "$(echo "$m / $s" | bc -l)" "$(cut -d' ' -f1-3 /proc/loadavg)"
done
