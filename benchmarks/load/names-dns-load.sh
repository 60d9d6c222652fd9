#!/usr/bin/env bash
# DNS queries per second answered by the names service (issue 8, "Benchmarks"), compared IN THE
# SAME RUN with NSD (NLnet Labs' authoritative-only server, Debian package `nsd`) serving the same
# names from a zone file, both measured by the same client, dnsperf (Debian package `dnsperf`).
# Results in BENCHMARKS.md, "Names service DNS vs NSD".
#
# The names service: ONE `localtrust names run` (SQLite store in a temp dir, --dns-rate raised so
# the per-source limit never answers REFUSED to the one load generator), filled through its own
# API: ACCOUNTS acme-dns registrations (/register), each with an address (/device/address) and a
# TXT value (/update). Warmed by WARMUP seconds of the same load (untimed: the JIT compiles the hot
# path) before each measurement.
# NSD: a fresh `nsd -d` per measurement (server-count = the CPUs, as the JVM uses them all; its
# response rate limiting off — Debian's NSD drops answers beyond 200/s per source by default, which
# the one load generator would hit as lost queries — as the names service's --dns-rate is raised), the
# same names as explicit records in a zone file made here: the SOA and NS, for each account its A
# and TXT, and every method-1 name the query file asks.
# The queries (one file, the same for both, dnsperf cycles through it): per account, HEX names
# `<8 hex>.<sub>.<zone> A` of local addresses (method 1), one AAAA of a ULA (32 hex), the
# account's own name A (method 2), its `_acme-challenge` TXT, and one embedded public address
# (NXDOMAIN on both: NSD has no such name either).
# Order: for each round, names then NSD, so what else runs on the shared machine hits both.
#
# Usage (from the repository root; the jar must be built from this tree, never `mvn install`):
#   ./mvnw -o -q -pl cli -am package -DskipTests
#   benchmarks/load/names-dns-load.sh
# Environment:
#   JAVA               java binary (default $JAVA_HOME/bin/java, else Temurin 25)
#   MEASURE (20)       seconds per measurement      WARMUP (20)  seconds of untimed load first (names)
#   ROUNDS (3)         names/NSD alternations        CLIENTS (8)  dnsperf -c     OUTSTANDING (200)  dnsperf -q
#   ACCOUNTS (10)      registrations                  HEX (50)     method-1 names per account
#   LT_JAR             the CLI jar (with its lib/ beside it), if not the tree's
#   KEEP=1             keep the temp dir (logs, zone file, query file)
# Every listener is on 127.0.0.1. On a shared 2-vCPU machine dnsperf and the server share the
# cores: quote the ratio, not the absolute figures.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="${LT_JAR:-$ROOT/cli/target/localtrust-cli-0.1.0-SNAPSHOT.jar}"
JAVA="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
MEASURE="${MEASURE:-20}" WARMUP="${WARMUP:-20}" ROUNDS="${ROUNDS:-3}" CLIENTS="${CLIENTS:-8}" OUTSTANDING="${OUTSTANDING:-200}"
ACCOUNTS="${ACCOUNTS:-10}" HEX="${HEX:-50}"
ZONE=devices.example.net
NAMES_DNS=18953 NAMES_API=18944 NSD_PORT=18954

die() { echo "names-dns-load: $*" >&2; exit 2; }
for t in nsd dnsperf curl python3; do command -v "$t" >/dev/null || die "$t is missing (apt-get install nsd dnsperf curl python3)"; done
[[ -x "$JAVA" ]] || die "no java at $JAVA (set JAVA or JAVA_HOME)"
[[ -f "$JAR" ]] || die "$JAR is missing: ./mvnw -o -q -pl cli -am package -DskipTests"

TMP="$(mktemp -d /tmp/names-dns-load.XXXXXX)"
NAMES_PID="" NSD_PID=""
cleanup() {
  local p
  for p in $NSD_PID $NAMES_PID; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  if [[ "${KEEP:-0}" == 1 ]]; then echo "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
load() { cut -d' ' -f1-3 /proc/loadavg; }
wait_for() { local what="$1" i; shift; for i in $(seq 1 300); do "$@" 2>/dev/null && return 0; sleep 0.2; done; die "$what did not come up"; }
answers() { dig @127.0.0.1 -p "$1" +tries=1 +time=1 +short "$ZONE" SOA | grep -q hostmaster; }

echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(load)"
echo "== $("$JAVA" -version 2>&1 | head -1); $(nsd -v 2>&1 | head -1); dnsperf $(dnsperf -h 2>&1 | grep -o 'Version [0-9.]*' || dpkg-query -W -f='${Version}' dnsperf)"
echo "== $MEASURE s measured per run, names warmed $WARMUP s first; dnsperf -c $CLIENTS -q $OUTSTANDING; $ROUNDS round(s)"

# --- the names service, filled through its API ---------------------------------------------------
"$JAVA" -jar "$JAR" names run --zone "$ZONE" --dns "127.0.0.1:$NAMES_DNS" --api "127.0.0.1:$NAMES_API" \
   --db "$TMP/names.db" --self-signed-out "$TMP/api.pem" --ns-name ns1.example.net --dns-rate 100000000/s > "$TMP/names.log" 2>&1 &
NAMES_PID=$!
wait_for "names run" answers "$NAMES_DNS"
python3 - "$TMP" "$ZONE" "$NAMES_API" "$ACCOUNTS" "$HEX" <<'PY'
import json, ssl, sys, urllib.request, random
tmp, zone, port, accounts, hexes = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
ctx = ssl.create_default_context(cafile=f"{tmp}/api.pem")
def post(path, body, headers={}):
    req = urllib.request.Request(f"https://127.0.0.1:{port}{path}", data=json.dumps(body).encode(), headers=headers, method="POST")
    with urllib.request.urlopen(req, context=ctx) as r:
        return json.load(r)
rnd = random.Random(8)
zone_lines = [f"$ORIGIN {zone}.", "$TTL 60",
              f"@ IN SOA ns1.example.net. hostmaster.{zone}. 1 3600 600 86400 60", "@ IN NS ns1.example.net."]
queries = []
for i in range(accounts):
    a = post("/register", {})
    auth = {"X-Api-User": a["username"], "X-Api-Key": a["password"]}
    sub = a["subdomain"]
    address = f"192.168.{i}.{10 + i}"
    txt = "".join(rnd.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") for _ in range(43))
    post("/device/address", {"address": address}, auth)
    post("/update", {"subdomain": sub, "txt": txt}, auth)
    zone_lines += [f"{sub} IN A {address}", f'{sub} IN TXT "{txt}"', f'_acme-challenge.{sub} IN TXT "{txt}"']
    queries += [f"{sub}.{zone} A", f"_acme-challenge.{sub}.{zone} TXT", f"08080808.{sub}.{zone} A"]
    for j in range(hexes):
        b = [10, rnd.randrange(256), rnd.randrange(256), rnd.randrange(1, 255)]
        label = "".join(f"{x:02x}" for x in b)
        zone_lines.append(f"{label}.{sub} IN A {'.'.join(map(str, b))}")
        queries.append(f"{label}.{sub}.{zone} A")
    v6 = "fd00" + "".join(f"{rnd.randrange(65536):04x}" for _ in range(7))
    zone_lines.append(f"{v6}.{sub} IN AAAA {':'.join(v6[k:k+4] for k in range(0, 32, 4))}")
    queries.append(f"{v6}.{sub}.{zone} AAAA")
rnd.shuffle(queries)
open(f"{tmp}/zone", "w").write("\n".join(zone_lines) + "\n")
open(f"{tmp}/queries", "w").write("\n".join(queries) + "\n")
print(f"== {accounts} accounts, {len(queries)} distinct queries, zone file of {len(zone_lines)} lines")
PY

# the two must answer alike before they are compared
cat > "$TMP/nsd.conf" <<NSDCONF
server:
  ip-address: 127.0.0.1@$NSD_PORT
  server-count: $(nproc)
  username: ""
  chroot: ""
  zonesdir: "$TMP"
  database: ""
  zonelistfile: "$TMP/zone.list"
  xfrdfile: "$TMP/xfrd.state"
  pidfile: "$TMP/nsd.pid"
  logfile: "$TMP/nsd.log"
  verbosity: 0
  hide-version: yes
  reuseport: yes
  rrl-ratelimit: 0
  rrl-whitelist-ratelimit: 0
remote-control:
  control-enable: no
zone:
  name: "$ZONE"
  zonefile: "$TMP/zone"
NSDCONF
start_nsd() { nsd -d -c "$TMP/nsd.conf" >"$TMP/nsd.out" 2>&1 & NSD_PID=$!; wait_for nsd answers "$NSD_PORT"; }
stop_nsd() { kill "$NSD_PID" 2>/dev/null || true; wait "$NSD_PID" 2>/dev/null || true; NSD_PID=""; }
start_nsd
mismatch=0
while read -r name type; do
  a="$(dig @127.0.0.1 -p "$NAMES_DNS" +short "$name" "$type" | sort)"; b="$(dig @127.0.0.1 -p "$NSD_PORT" +short "$name" "$type" | sort)"
  [[ "$a" == "$b" ]] || { echo "differ: $name $type: names '$a' nsd '$b'"; mismatch=$((mismatch + 1)); }
done < <(head -n 40 "$TMP/queries")
stop_nsd
((mismatch == 0)) || die "the two servers answer $mismatch of the first 40 queries differently"
echo "== the first 40 queries answered alike by both"

perf() { # port seconds -> "qps lost"
  dnsperf -s 127.0.0.1 -p "$1" -d "$TMP/queries" -l "$2" -c "$CLIENTS" -q "$OUTSTANDING" -t 2 > "$TMP/perf.out" 2>&1
  echo "$(awk '/Queries per second:/{print $4}' "$TMP/perf.out") $(awk '/Queries lost:/{print $3}' "$TMP/perf.out")"
}

echo "round server   qps        lost   load(1,5,15)"
RATIOS=()
for r in $(seq 1 "$ROUNDS"); do
  perf "$NAMES_DNS" "$WARMUP" >/dev/null
  read -r nq nl < <(perf "$NAMES_DNS" "$MEASURE")
  printf '%-5s %-8s %-10s %-6s %s\n' "$r" names "$nq" "$nl" "$(load)"
  start_nsd
  read -r dq dl < <(perf "$NSD_PORT" "$MEASURE")
  stop_nsd
  printf '%-5s %-8s %-10s %-6s %s\n' "$r" nsd "$dq" "$dl" "$(load)"
  RATIOS+=("$(python3 -c "print(f'{$nq / $dq:.2f}')")")
done
echo "== names/NSD qps ratio per round: ${RATIOS[*]} (goal >= 0.5)"
