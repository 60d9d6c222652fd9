#!/usr/bin/env bash
# OCSP GET throughput of a running gateway under a loopback load generator, compared IN THE SAME
# RUN with two peers (issue 3, "Benchmarks"; results in BENCHMARKS.md):
#   (a) the gateway:   `localtrust gateway run`, GET /ocsp/{base64 request} (pre-signed answer);
#   (b) nginx:          a private instance serving a static file of the SAME bytes (same size);
#   (c) openssl ocsp:   `openssl ocsp -port` with an index file and the issuing key: it signs
#                       every request; single process, HTTP/1.0 (connection closed per answer).
#                       Also run with `-multi 2` (two responder processes) for reference.
#                       wrk cannot drive it (see http10-load.py): it is loaded with
#                       benchmarks/load/http10-load.py (HTTP/1.0, one connection per request,
#                       Python processes), and so is the gateway once more, for a like-for-like
#                       ratio.
#
# Steps: a gateway is made in a temp dir (`gateway init --permit home.arpa,127.0.0.0/8`), one
# certificate is issued (openssl req CSR + `gateway issue --approve`), the gateway is started on
# loopback, the OCSP request is built with `openssl ocsp -reqout -no_nonce`, base64 +
# URL-encoded for the GET form, one answer is fetched and checked (`successful`, its size), then
# wrk runs against each server for the same duration. Every server is stopped at the end, also on
# failure (trap). Traffic goes to 127.0.0.1 only; note openssl's responder cannot bind an address
# (`-port` listens on every interface, [::]) for the ~2 x WRK_SECONDS it runs.
#
# Usage (from the repository root, after `./mvnw -o -q -pl gateway,cli install -DskipTests`):
#   benchmarks/load/ocsp-load.sh
# Environment:
#   JAVA            java binary (default $JAVA_HOME/bin/java, else /usr/lib/jvm/temurin-25-jdk-amd64/bin/java)
#   GW_JAVA_OPTS    extra JVM flags for the gateway (e.g. -XX:StartFlightRecording=filename=/tmp/gw.jfr)
#   WRK_THREADS (2) WRK_CONNS (64) WRK_SECONDS (15)  wrk parameters, the same for every server
#   HTTP10_PROCS (4)   client processes of http10-load.py (openssl's responder serves one at a time)
#   KEEP=1          keep the temp dir (printed) for inspection
#   LT_JAR          the CLI jar (default cli/target/…; copy it and its lib/ elsewhere if others rebuild meanwhile)
# Needs: wrk, nginx (Debian packages `wrk`, `nginx`), openssl, curl. On 2 vCPUs the load
# generator and the server share the cores: figures are relative, quote the ratios.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="${LT_JAR:-$ROOT/cli/target/localtrust-cli-0.1.0-SNAPSHOT.jar}"
JAVA="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
T="${WRK_THREADS:-2}" C="${WRK_CONNS:-64}" D="${WRK_SECONDS:-15}" OC="${HTTP10_PROCS:-4}"
GW_HTTP=18480 GW_TLS=18443 NGINX_PORT=18481 OSSL_PORT=18482

die() { echo "ocsp-load: $*" >&2; exit 1; }
for t in wrk nginx openssl curl; do command -v "$t" >/dev/null || die "$t is missing (apt-get install wrk nginx openssl curl)"; done
[[ -f "$JAR" ]] || die "$JAR is missing: ./mvnw -o -q -pl gateway,cli install -DskipTests"

TMP="$(mktemp -d /tmp/ocsp-load.XXXXXX)"
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  [[ -f "$TMP/nginx/nginx.pid" ]] && kill "$(cat "$TMP/nginx/nginx.pid")" 2>/dev/null || true
  if [[ "${KEEP:-0}" == 1 ]]; then echo "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

lt() { "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$JAR" "$@"; }
wait_port() { # port, what
  local i
  for i in $(seq 1 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  [[ -f "$TMP/gateway.log" ]] && tail -5 "$TMP/gateway.log" >&2
  die "$2 did not listen on 127.0.0.1:$1"
}
rps() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$1"; }

echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $("$JAVA" -version 2>&1 | head -1); $(openssl version); $(nginx -v 2>&1); wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')"

# --- a gateway with one certificate ---------------------------------------------------------
GW="$TMP/gw"
printf 'load-benchmark-passphrase\n' > "$TMP/pass"
lt gateway init --dir "$GW" --permit home.arpa,127.0.0.0/8 --url "http://127.0.0.1:$GW_HTTP" \
   --passphrase-file "$TMP/pass" > "$TMP/init.log"
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$TMP/leaf.key" \
   -subj /CN=dev.home.arpa -out "$TMP/leaf.csr" 2>/dev/null
lt gateway issue --dir "$GW" --csr "$TMP/leaf.csr" --name dev.home.arpa --approve --out "$TMP/leaf.pem" > "$TMP/issue.log"
SERIAL="$(openssl x509 -in "$TMP/leaf.pem" -noout -serial | cut -d= -f2)"
echo "== issued serial $SERIAL"

# shellcheck disable=SC2086
"$JAVA" ${GW_JAVA_OPTS:-} -jar "$JAR" gateway run --dir "$GW" --http-listen "127.0.0.1:$GW_HTTP" \
   --listen "127.0.0.1:$GW_TLS" > "$TMP/gateway.log" 2>&1 &
GW_PID=$!; PIDS+=("$GW_PID")
wait_port "$GW_HTTP" gateway
echo "== gateway pid $GW_PID"

# --- the request, GET form, one checked answer ------------------------------------------------
openssl ocsp -issuer "$GW/intermediate.pem" -cert "$TMP/leaf.pem" -reqout "$TMP/req.der" -no_nonce >/dev/null
B64="$(base64 -w0 "$TMP/req.der")"
ENC="$(printf '%s' "$B64" | sed -e 's/+/%2B/g' -e 's|/|%2F|g' -e 's/=/%3D/g')"
GW_URL="http://127.0.0.1:$GW_HTTP/ocsp/$ENC"
curl -fsS -o "$TMP/resp.der" "$GW_URL" || die "GET $GW_URL failed"
openssl ocsp -respin "$TMP/resp.der" -resp_text -noverify > "$TMP/resp.txt" 2>&1
grep -q 'OCSP Response Status: successful' "$TMP/resp.txt" || { cat "$TMP/resp.txt"; die "gateway answer not successful"; }
openssl ocsp -issuer "$GW/intermediate.pem" -cert "$TMP/leaf.pem" -respin "$TMP/resp.der" \
   -CAfile "$GW/root.pem" > "$TMP/verify.txt" 2>&1 || true
SIZE="$(stat -c %s "$TMP/resp.der")"
echo "== request $(stat -c %s "$TMP/req.der") bytes, GET path $((${#ENC} + 6)) chars; answer $SIZE bytes, $(grep -m1 'Cert Status' "$TMP/resp.txt" | xargs); verify: $(grep -m1 -E 'good|revoked|unknown|verif' "$TMP/verify.txt" | xargs)"

# --- nginx with a static file of the same bytes ------------------------------------------------
mkdir -p "$TMP/nginx/www" "$TMP/nginx/logs"
chmod 711 "$TMP"; chmod 755 "$TMP/nginx" "$TMP/nginx/www"   # nginx workers run as www-data
cp "$TMP/resp.der" "$TMP/nginx/www/resp.der"; chmod 644 "$TMP/nginx/www/resp.der"
cat > "$TMP/nginx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $TMP/nginx/tmp;
  proxy_temp_path $TMP/nginx/tmp; fastcgi_temp_path $TMP/nginx/tmp; uwsgi_temp_path $TMP/nginx/tmp; scgi_temp_path $TMP/nginx/tmp;
  types { application/ocsp-response der; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $TMP/nginx/www;
    location / { add_header Cache-Control "max-age=60, public, no-transform, must-revalidate"; }
  }
}
EOF
mkdir -p "$TMP/nginx/tmp"
nginx -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" 2>"$TMP/nginx/logs/stderr" &
PIDS+=("$!")
wait_port "$NGINX_PORT" nginx
NG_URL="http://127.0.0.1:$NGINX_PORT/resp.der"
[[ "$(curl -fsS "$NG_URL" | cmp - "$TMP/resp.der" && echo same)" == same ]] || die "nginx does not serve the same bytes"

# --- openssl ocsp -port: index of the one certificate, signs per request ------------------------
EXP="$(date -u -d "$(openssl x509 -in "$TMP/leaf.pem" -noout -enddate | cut -d= -f2)" +%y%m%d%H%M%SZ)"
SUBJ="$(openssl x509 -in "$TMP/leaf.pem" -noout -subject -nameopt compat | sed 's/^subject=//')"
printf 'V\t%s\t\t%s\tunknown\t%s\n' "$EXP" "$SERIAL" "${SUBJ:-/CN=dev.home.arpa}" > "$TMP/index.txt"
OSSL_URL="http://127.0.0.1:$OSSL_PORT/$ENC"
openssl_run() { # multi
  local multi=()
  [[ "$1" -gt 1 ]] && multi=(-multi "$1")
  openssl ocsp -port "$OSSL_PORT" "${multi[@]}" -index "$TMP/index.txt" -CA "$GW/intermediate.pem" \
     -rsigner "$GW/intermediate.pem" -rkey "$GW/intermediate-key.pem" -nmin 5 -resp_no_certs >"$TMP/openssl-$1.log" 2>&1 &
  local p=$!; PIDS+=("$p")
  sleep 1   # no probe connection: the responder serves one connection at a time
  # HTTP/1.0: an HTTP/1.1 client leaves OpenSSL 3.0's single responder spinning on its closed socket
  curl --http1.0 -fsS --max-time 5 -o "$TMP/ossl-resp.der" "$OSSL_URL" || die "openssl ocsp -port did not answer"
  openssl ocsp -respin "$TMP/ossl-resp.der" -resp_text -noverify 2>/dev/null | grep -m1 -E 'Response Status' | sed "s/^/   openssl -multi $1 check: /"
  echo "   openssl answer $(stat -c %s "$TMP/ossl-resp.der") bytes"
  python3 "$ROOT/benchmarks/load/http10-load.py" 127.0.0.1 "$OSSL_PORT" "/$ENC" "$OC" "$D" > "$TMP/wrk-openssl-$1.txt" 2>&1 || true
  pkill -P "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true
}

# --- measurements: the same wrk for each, one after the other ---------------------------------
echo "== wrk -t$T -c$C -d${D}s, warm-up 5 s on the gateway and on nginx first; HTTP/1.0 client: $OC processes, ${D}s"
wrk -t"$T" -c"$C" -d5s "$GW_URL" > /dev/null 2>&1
wrk -t"$T" -c"$C" -d"${D}s" --latency "$GW_URL" > "$TMP/wrk-gateway.txt" 2>&1
wrk -t"$T" -c"$C" -d5s "$NG_URL" > /dev/null 2>&1
wrk -t"$T" -c"$C" -d"${D}s" --latency "$NG_URL" > "$TMP/wrk-nginx.txt" 2>&1
python3 "$ROOT/benchmarks/load/http10-load.py" 127.0.0.1 "$GW_HTTP" "/ocsp/$ENC" "$OC" "$D" > "$TMP/wrk-gateway-http10.txt" 2>&1
openssl_run 1
openssl_run 2

for f in gateway nginx gateway-http10 openssl-1 openssl-2; do
  echo "--- $f"; grep -E 'Requests/sec|Latency  |Socket errors|Non-2xx|requests in|50%|99%' "$TMP/wrk-$f.txt" | sed 's/^/   /'
done
G="$(rps "$TMP/wrk-gateway.txt")" N="$(rps "$TMP/wrk-nginx.txt")" G10="$(rps "$TMP/wrk-gateway-http10.txt")"
O="$(rps "$TMP/wrk-openssl-1.txt")" O2="$(rps "$TMP/wrk-openssl-2.txt")"
awk -v g="$G" -v n="$N" -v g10="$G10" -v o="$O" -v o2="$O2" -v s="$SIZE" 'BEGIN {
  printf "== RESULT (answer %d bytes), wrk keep-alive: gateway %.0f/s, nginx %.0f/s: gateway/nginx %.2f\n", s, g, n, g / n;
  printf "== RESULT HTTP/1.0 client: gateway %.0f/s, openssl ocsp %.0f/s (-multi 2: %.0f/s): gateway/openssl %.1f (vs -multi 2: %.1f); wrk gateway/openssl %.1f\n", g10, o, o2, (o > 0 ? g10 / o : 0), (o2 > 0 ? g10 / o2 : 0), (o > 0 ? g / o : 0) }'
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
