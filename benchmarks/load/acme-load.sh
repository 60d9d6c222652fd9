#!/usr/bin/env bash
# End-to-end ACME throughput: the gateway against pebble, IN THE SAME RUN, with the same clients
# (issue 4, "Benchmarks"; results in BENCHMARKS.md, "ACME end to end vs pebble").
#
# The clients: benchmarks' AcmeLoad (io.localtrust.benchmarks.acme.AcmeLoad), N acme4j clients on
# their own threads, each repeating the whole flow back to back — new account (fresh P-256 key),
# new order for its own `ip` identifier (RFC 8738; client i is the device at 127.0.1.(i+1)),
# http-01 answered by a challenge server inside the load generator (it listens on each device
# address, on the port both CAs validate on), trigger, poll every POLL_MS, finalize with a CSR for
# a fresh P-256 device key, poll, download the chain and check it. Warm-up, then a measured period:
# certificates/s, p50/p99 latency, requests and CPU (server and load generator) per certificate,
# errors (a valid run has none).
#
# The servers:
#   gateway  ONE `localtrust gateway run` for the whole script, as a gateway runs for days, warmed
#            first by GW_WARMUP seconds of the same load (untimed: the JVM compiles its hot code for
#            minutes on a busy 2-vCPU machine); idle while pebble is measured. A gateway made by
#            `gateway init` in a temp dir (durable
#            SQLite store, WAL, synchronous=FULL), default settings except what the load needs:
#            --acme-rate and --acme-orders raised, --validation-http-port = the challenge port. The
#            device addresses are pre-authorised (`gateway allow 127.0.1.1 … --for 7d`), so no person
#            approves anything during the run. Its store grows over the runs, as a real one does.
#   pebble   a fresh process for each measurement (its memory store only grows, and some of its
#            lookups scan every account or authorization: a fresh one is its best case). Debian's /usr/bin/pebble with PEBBLE_VA_NOSLEEP=1 (no random validation sleeps),
#            PEBBLE_WFE_NONCEREJECT=0 (no random badNonce), PEBBLE_AUTHZREUSE=0 (no authorization
#            reuse; with a fresh account per certificate there is none to reuse anyway), its WFE on
#            a certificate made here with openssl (EC P-256, 127.0.0.1), httpPort = the challenge
#            port, -dnsserver pointing at a closed loopback port (IP identifiers need no DNS; none
#            leaves the machine). Everything in memory.
# Order: for each round, for each N: gateway, then pebble — alternating, so that what else runs on
# the machine hits both. Pebble 2.4.0 can deadlock under concurrent newOrders (a lock-order
# inversion in its memory store: FindValidAuthorization holds the store's read lock and waits for
# an authorization's lock that makeAuthorizations holds while it waits for the store's write lock);
# a pebble run that fails is retried with a fresh pebble, up to PEBBLE_TRIES times, and says so.
#
# Usage (from the repository root; the jars must be built from this tree, never `mvn install`):
#   ./mvnw -o -q -pl cli,benchmarks -am package -DskipTests
#   benchmarks/load/acme-load.sh [N ...]            # default: 8 32 64 clients
# Environment:
#   JAVA             java binary (default $JAVA_HOME/bin/java, else Temurin 25)
#   WARMUP (15)  MEASURE (30)  seconds of warm-up and of measurement, per run (the same for both)
#   GW_WARMUP (120)  seconds of load on the gateway once, before the first measurement
#   ROUNDS (2)       how many times the whole gateway/pebble alternation is repeated
#   POLL_MS (10)     the clients' poll interval (the same for both servers)
#   PEBBLE_TRIES (3) fresh pebbles tried for one measurement before giving up
#   GW_JAVA_OPTS     extra JVM flags for the gateway (e.g. -XX:StartFlightRecording=filename=/tmp/gw.jfr,settings=profile)
#   LT_JAR, BENCH_JAR  the CLI jar (with its lib/ beside it) and the benchmarks jar, if not the tree's
#   KEEP=1           keep the temp dir (logs, the gateway, the raw reports)
# Needs: pebble (Debian package `pebble`), openssl. Every listener is on 127.0.0.0/8; on a shared
# 2-vCPU machine the load generator and the server share the cores: quote the ratios.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="${LT_JAR:-$ROOT/cli/target/localtrust-cli-0.1.0-SNAPSHOT.jar}"
BENCH="${BENCH_JAR:-$ROOT/benchmarks/target/benchmarks.jar}"
JAVA="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
WARMUP="${WARMUP:-15}" MEASURE="${MEASURE:-30}" GW_WARMUP="${GW_WARMUP:-120}" ROUNDS="${ROUNDS:-2}" POLL_MS="${POLL_MS:-10}" PEBBLE_TRIES="${PEBBLE_TRIES:-3}"
GW_TLS=18843 GW_HTTP=18880 CHALLENGE=18802 PEBBLE_PORT=18840 PEBBLE_MGMT=18841 PEBBLE_ALPN=18801 NO_DNS=18853
if (($#)); then CLIENTS=("$@"); else CLIENTS=(8 32 64); fi

die() { echo "acme-load: $*" >&2; exit 2; }
for t in pebble openssl; do command -v "$t" >/dev/null || die "$t is missing (apt-get install pebble openssl)"; done
[[ -x "$JAVA" ]] || die "no java at $JAVA (set JAVA or JAVA_HOME)"
[[ -f "$JAR" ]] || die "$JAR is missing: ./mvnw -o -q -pl cli,benchmarks -am package -DskipTests"
[[ -f "$BENCH" ]] || die "$BENCH is missing: ./mvnw -o -q -pl cli,benchmarks -am package -DskipTests"
MAXN=0
for n in "${CLIENTS[@]}"; do
  [[ "$n" =~ ^[0-9]+$ ]] && ((n >= 1 && n <= 250)) || die "clients must be numbers 1-250, not '$n'"
  ((n > MAXN)) && MAXN=$n
done

TMP="$(mktemp -d /tmp/acme-load.XXXXXX)"
SERVER=""   # the pebble running now, if any
GW_PID=""   # the gateway (runs for the whole script)
cleanup() {
  local p
  for p in $SERVER $GW_PID; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  if [[ "${KEEP:-0}" == 1 ]]; then echo "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

lt() { "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$JAR" "$@"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
wait_for() { # what, test command…
  local what="$1" i; shift
  for i in $(seq 1 600); do "$@" 2>/dev/null && return 0; sleep 0.2; done
  die "$what did not come up"
}
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1"); }
stop() { # pid
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  SERVER=""
}

echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB, load $(load)"
echo "== $("$JAVA" -version 2>&1 | head -1); pebble $(dpkg-query -W -f='${Version}' pebble 2>/dev/null || echo '?'); $(openssl version)"
echo "== clients ${CLIENTS[*]}; warm-up ${WARMUP} s, measured ${MEASURE} s, poll ${POLL_MS} ms, ${ROUNDS} round(s), gateway then pebble"

# --- the gateway: ceremony, the device addresses pre-authorised ---------------------------------
GW="$TMP/gw"
printf 'acme-load-benchmark-passphrase\n' > "$TMP/pass"
chmod 600 "$TMP/pass"
lt gateway init --dir "$GW" --permit home.arpa,127.0.0.0/8 --url "http://127.0.0.1:$GW_HTTP" \
   --passphrase-file "$TMP/pass" > "$TMP/init.log"
ADDRS=()
for i in $(seq 1 "$MAXN"); do ADDRS+=("127.0.1.$i"); done
lt gateway allow --dir "$GW" "${ADDRS[@]}" --for 7d > "$TMP/allow.log"
echo "== gateway made in $GW; pre-authorised 127.0.1.1-127.0.1.$MAXN for 7 days"

# --- pebble: its WFE certificate and configuration ---------------------------------------------
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
   -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -keyout "$TMP/pebble-key.pem" -out "$TMP/pebble-cert.pem" 2>/dev/null
chmod 600 "$TMP/pebble-key.pem"
cat > "$TMP/pebble.json" <<EOF
{"pebble": {"listenAddress": "127.0.0.1:$PEBBLE_PORT", "managementListenAddress": "127.0.0.1:$PEBBLE_MGMT",
  "certificate": "$TMP/pebble-cert.pem", "privateKey": "$TMP/pebble-key.pem",
  "httpPort": $CHALLENGE, "tlsPort": $PEBBLE_ALPN, "ocspResponderURL": "", "externalAccountBindingRequired": false}}
EOF

# --- one measurement ---------------------------------------------------------------------------
harness() { # label directory trust clients pid out
  "$JAVA" -cp "$BENCH" io.localtrust.benchmarks.acme.AcmeLoad --label "$1" --directory "$2" --trust "$3" --clients "$4" \
     --warmup "$WARMUP" --seconds "$MEASURE" --challenge-port "$CHALLENGE" --first-address 127.0.1.1 --poll-ms "$POLL_MS" \
     --server-pid "$5" > "$6" 2> "$6.err"
}

start_gateway() {
  local log="$TMP/gateway.log"
  # shellcheck disable=SC2086
  "$JAVA" ${GW_JAVA_OPTS:-} -jar "$JAR" gateway run --dir "$GW" --listen "127.0.0.1:$GW_TLS" --http-listen "127.0.0.1:$GW_HTTP" \
     --validation-http-port "$CHALLENGE" --acme-rate 1000000/s --acme-orders 1000000/s > "$log" 2>&1 &
  GW_PID=$!; SERVER=$GW_PID
  wait_for "gateway run (see $log)" grep -q 'Published URLs' "$log"
  echo "== gateway running (pid $GW_PID); warming it with ${GW_WARMUP} s of load by $MAXN clients, load $(load)"
  "$JAVA" -cp "$BENCH" io.localtrust.benchmarks.acme.AcmeLoad --label gateway-warmup --directory "https://127.0.0.1:$GW_TLS/acme/directory" \
     --trust "$GW/root.pem" --clients "$MAXN" --warmup 0 --seconds "$GW_WARMUP" --challenge-port "$CHALLENGE" \
     --first-address 127.0.1.1 --poll-ms "$POLL_MS" > "$TMP/gateway-warmup.txt" 2>&1 || true
  sed -n 's/^gateway-warmup, /   warm-up: /p' "$TMP/gateway-warmup.txt"
}

run_gateway() { # clients round
  local out="$TMP/gateway-$1-$2.txt" rc=0
  kill -0 "$GW_PID" 2>/dev/null || die "the gateway process is gone (see $TMP/gateway.log)"
  echo "-- round $2, $1 clients: gateway (pid $GW_PID), load $(load)"
  harness gateway "https://127.0.0.1:$GW_TLS/acme/directory" "$GW/root.pem" "$1" "$GW_PID" "$out" || rc=$?
  grep -v '^RESULT' "$out" | sed 's/^/   /'
  ((rc == 0)) || { sed 's/^/   /' "$out.err" | tail -5; echo "   gateway run FAILED (exit $rc)"; }
  sed -n "s/^RESULT /gateway round=$2 /p" "$out" >> "$TMP/results"
}

run_pebble() { # clients round
  local try log out pid rc
  for try in $(seq 1 "$PEBBLE_TRIES"); do
    log="$TMP/pebble-$1-$2-$try.log" out="$TMP/pebble-$1-$2-$try.txt" rc=0
    PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=0 PEBBLE_AUTHZREUSE=0 \
       pebble -config "$TMP/pebble.json" -dnsserver "127.0.0.1:$NO_DNS" > "$log" 2>&1 &
    pid=$!; SERVER=$pid
    wait_for "pebble (see $log)" listening "$PEBBLE_PORT"
    echo "-- round $2, $1 clients: pebble (pid $pid, try $try), load $(load)"
    harness pebble "https://127.0.0.1:$PEBBLE_PORT/dir" "$TMP/pebble-cert.pem" "$1" "$pid" "$out" || rc=$?
    if ((rc != 0)); then
      kill -QUIT "$pid" 2>/dev/null || true   # Go prints every goroutine's stack, then exits
      sleep 1
    fi
    stop "$pid"
    grep -v '^RESULT' "$out" | sed 's/^/   /'
    if ((rc == 0)); then
      sed -n "s/^RESULT /pebble round=$2 tries=$try /p" "$out" >> "$TMP/results"
      return 0
    fi
    if grep -q 'FindValidAuthorization' "$log" && grep -q 'semacquire' "$log"; then
      echo "   pebble DEADLOCKED (goroutines waiting in its memory store: FindValidAuthorization vs. a write lock); retrying with a fresh pebble"
    else
      sed 's/^/   /' "$out.err" | tail -5; echo "   pebble run FAILED (exit $rc)"
    fi
  done
  echo "   pebble failed $PEBBLE_TRIES times for $1 clients in round $2: no pebble figure"
}

: > "$TMP/results"
start_gateway
for r in $(seq 1 "$ROUNDS"); do
  for n in "${CLIENTS[@]}"; do
    run_gateway "$n" "$r"
    run_pebble "$n" "$r"
  done
done
stop "$GW_PID"; GW_PID=""

# --- summary -------------------------------------------------------------------------------------
echo "== RESULTS (certificates/s over ${MEASURE} s; ratio = gateway / pebble in the same round; CPU = server ms per certificate;"
echo "   req/conn/cl CPU/cl work = per certificate: requests, TLS connections the clients opened, load generator CPU ms, the same without its JIT and GC)"
awk '
  { delete kv; kv["server"] = $1; for (i = 2; i <= NF; i++) { split($i, q, "="); kv[q[1]] = q[2] }
    k = kv["clients"] " " kv["round"]; n[kv["clients"]] = 1; keys[k] = 1
    x = kv["requests_per_cert"] "/" kv["connections_per_cert"] "/" kv["client_cpu_ms_per_cert"] "/" kv["client_work_ms_per_cert"]
    if (kv["server"] == "gateway") { g[k] = kv["rate"]; gl[k] = kv["p50_ms"] "/" kv["p99_ms"]; gc[k] = kv["server_cpu_ms_per_cert"]; gx[k] = x }
    else { p[k] = kv["rate"]; pl[k] = kv["p50_ms"] "/" kv["p99_ms"]; pc[k] = kv["server_cpu_ms_per_cert"]; pt[k] = kv["tries"]; px[k] = x } }
  END {
    for (k in keys) {
      split(k, cr, " ")
      ratio = (k in g && k in p && p[k] > 0) ? sprintf("%.2f", g[k] / p[k]) : "-"
      printf "ROW %7s %5s %9s %9s %7s %17s %17s %9s %9s %6s %26s %26s\n", cr[1], cr[2], (k in g ? g[k] : "-"), (k in p ? p[k] : "-"), ratio,
        (k in gl ? gl[k] : "-"), (k in pl ? pl[k] : "-"), (k in gc ? gc[k] : "-"), (k in pc ? pc[k] : "-"), (k in pt ? pt[k] : "-"),
        (k in gx ? gx[k] : "-"), (k in px ? px[k] : "-")
      if (k in g) { gs[cr[1]] += g[k]; gn[cr[1]]++ }
      if (k in p) { ps[cr[1]] += p[k]; pn[cr[1]]++ } }
    for (c in n) if (gn[c] && pn[c] && ps[c] > 0)
      printf "SUM %d clients: gateway %.1f/s, pebble %.1f/s (means over rounds): gateway/pebble %.2f\n", c, gs[c] / gn[c], ps[c] / pn[c], (gs[c] / gn[c]) / (ps[c] / pn[c])
  }' "$TMP/results" > "$TMP/summary"
printf "    %7s %5s %9s %9s %7s %17s %17s %9s %9s %6s %26s %26s\n" clients round gateway pebble ratio "gw p50/p99 ms" "pb p50/p99 ms" "gw CPU" "pb CPU" "tries" \
  "gw req/conn/cl CPU/cl work" "pb req/conn/cl CPU/cl work"
grep '^ROW' "$TMP/summary" | sed 's/^ROW/   /' | sort -n -k1,1 -k2,2
grep '^SUM' "$TMP/summary" | sed 's/^SUM/== RESULT/' | sort -n -k3,3
echo "== load after: $(load)"
