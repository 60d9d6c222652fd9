#!/usr/bin/env bash
# Two builds of the scanner on the same endpoints, alternating (BENCHMARKS.md, "after scan-fast"): the nginx of a
# directory scan-load.sh kept (KEEP=1), then ROUNDS × (OLD build, this build), each the same JVM line as scan-load.sh
# with its own AppCDS archive (made by an unmeasured first run); wall time and user + system CPU of each client, and
# whether their JSON documents agree on every device (category, uniqueness, verdict, endpoints, chains, findings).
#
# Usage: OLD=/path/to/old/checkout (built: ./mvnw -o -q -pl cli -am package -DskipTests there)
#        benchmarks/load/scan-before-after.sh /tmp/scan-load.XXXXXX [ROUNDS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
DIR="${1:?the directory scan-load.sh kept}" ROUNDS="${2:-3}" PORT="${PORT:-8443}"
[[ -n "${OLD:-}" && -f "$OLD/cli/target/localtrust-cli-0.1.0-SNAPSHOT.jar" ]] || { echo "scan-before-after: OLD=<a built checkout>" >&2; exit 1; }
[[ -f "$DIR/nginx.conf" && -f "$DIR/hosts.txt" ]] || { echo "scan-before-after: $DIR is not a kept scan-load.sh directory" >&2; exit 1; }
N=$(wc -l < "$DIR/hosts.txt")
NGINX_PID=""
cleanup() { [[ -n "$NGINX_PID" ]] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true; rm -f "$DIR"/ab-*.jsa; }
trap cleanup EXIT
trap 'exit 130' INT TERM
nginx -p "$DIR" -c "$DIR/nginx.conf" & NGINX_PID=$!
LAST="$(tail -1 "$DIR/hosts.txt")"
for _ in $(seq 1 100); do (echo > "/dev/tcp/$LAST/$PORT") 2>/dev/null && break; sleep 0.1; done
RANGES=(); for b in $(seq 0 $(( (N - 1) / 250 ))); do
  first=$(( b * 250 )); last=$(( first + 249 < N - 1 ? first + 249 : N - 1 ))
  RANGES+=("127.0.$(( 90 + b )).1-$(( 1 + last % 250 ))")
done
run() { # label, checkout
  local cp="$2/cli/target/localtrust-cli-0.1.0-SNAPSHOT.jar:$2/cli/target/lib/*"
  /usr/bin/time -o "$DIR/ab-time" -f "%e %U %S" "$JAVA" -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+AutoCreateSharedArchive \
    -XX:SharedArchiveFile="$DIR/ab-$1.jsa" -Xlog:disable -cp "$cp" io.localtrust.cli.Main scan --ports "$PORT" --timeout 10s \
    "${RANGES[@]}" --json "$DIR/ab-$1.json" > "$DIR/ab-$1.out"
  awk -v l="$1" '{printf "%-6s %6.2f s wall, CPU %.2f s (user + sys)", l, $1, $2 + $3}' "$DIR/ab-time"
  echo " | $(head -1 "$DIR/ab-$1.out")"
}
run old "$OLD" > /dev/null; run new "$ROOT" > /dev/null # the archives
echo "== $N endpoints; $(nproc) CPUs"
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r, load $(cut -d' ' -f1-3 /proc/loadavg)"; run old "$OLD"; run new "$ROOT"
done
python3 - "$DIR/ab-old.json" "$DIR/ab-new.json" <<'PY'
import json, sys
def proj(p):
    d = json.load(open(p))
    return [(v["address"], v["category"], v["uniqueness"], v.get("verdict"),
             [(e.get("port"), e.get("scheme"), (e.get("tls") or {}).get("version"), (e.get("tls") or {}).get("cipher"),
               [c["sha256"] for c in (e.get("tls") or {}).get("chain", [])], (e.get("tls") or {}).get("ocspStapled"), e.get("error"))
              for e in v["endpoints"]],
             [(f["code"], f["severity"], f["message"]) for f in v["findings"]]) for v in d["devices"]], d["summary"]
a, b = proj(sys.argv[1]), proj(sys.argv[2])
print("results identical:" if a == b else "RESULTS DIFFER:", len(a[0]), "devices", b[1])
PY
