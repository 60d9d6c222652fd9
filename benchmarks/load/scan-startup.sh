#!/usr/bin/env bash
# Start-up CPU of the `localtrust` command, several builds side by side (issue 7; results in BENCHMARKS.md, "The
# fleet scanner's start-up"): for each build, the CPU (user + system, /usr/bin/time) of
#   scan --ports 1 127.0.0.1   (the JVM line of ./localtrust's `scan` case, with its AppCDS archive: JVM, CLI and
#                               trust context up to the first probe; port 1 on loopback answers with a reset)
#   --version                  (the JVM line of ./localtrust's `--version` case: JVM and CLI start-up only)
# RUNS rounds (default 10), the builds alternating within a round so that they share the machine's load; prints
# each build's median and its ratio to the first build's. The archive of each build is made by an unmeasured
# first scan, as ./localtrust does after each build.
#
# Usage: benchmarks/load/scan-startup.sh NAME=DIR [NAME=DIR…]   DIR holds localtrust-cli-*.jar and lib/ (cli/target)
# Environment: JAVA (default JAVA_HOME's or Temurin 25), RUNS (10), EXTRA (more JVM options for every build).
set -euo pipefail
JAVA="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
RUNS="${RUNS:-10}"
(( $# >= 1 )) || { echo "usage: $0 NAME=DIR [NAME=DIR…]" >&2; exit 2; }
TMP="$(mktemp -d /tmp/scan-startup.XXXXXX)"
trap 'rm -rf "$TMP"' EXIT
names=(); declare -A dir
for a in "$@"; do
  n="${a%%=*}" d="${a#*=}"
  jar="$(ls "$d"/localtrust-cli-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1)"
  [[ -n "$jar" && -d "$d/lib" ]] || { echo "scan-startup: $d has no localtrust-cli jar and lib/" >&2; exit 2; }
  names+=("$n"); dir[$n]="$jar"
done
fast=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
read -r -a extra <<< "${EXTRA:-}"
line() { # the JVM command line of $2 (scan | version) for build $1, into the array cmd
  case "$2" in
    scan) cmd=("$JAVA" "${fast[@]}" -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$TMP/$1.jsa" -Xlog:disable "${extra[@]}"
          -jar "${dir[$1]}" scan --ports 1 127.0.0.1) ;;
    version) cmd=("$JAVA" "${fast[@]}" "${extra[@]}" -jar "${dir[$1]}" --version) ;;
  esac
}
cpu() { line "$1" "$2"; /usr/bin/time -o "$TMP/t" -f "%U %S" "${cmd[@]}" > /dev/null 2>&1 || { echo "scan-startup: failed: ${cmd[*]}" >&2; exit 1; }
  awk '{printf "%.2f\n", $1 + $2}' "$TMP/t"; }
for n in "${names[@]}"; do line "$n" scan; "${cmd[@]}" > /dev/null 2>&1; done # the archives
echo "== $(nproc) CPUs, load before: $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -1); $RUNS rounds"
for r in $(seq 1 "$RUNS"); do
  for n in "${names[@]}"; do cpu "$n" scan >> "$TMP/$n.scan"; cpu "$n" version >> "$TMP/$n.version"; done
done
median() { sort -n "$1" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
first="${names[0]}"; s0="$(median "$TMP/$first.scan")"; v0="$(median "$TMP/$first.version")"
for n in "${names[@]}"; do
  s="$(median "$TMP/$n.scan")" v="$(median "$TMP/$n.version")"
  printf "%-12s scan --ports 1: median %.2f s CPU (%.2f× %s; runs %s) | --version: median %.2f s (%.2f×; runs %s)\n" \
    "$n" "$s" "$(echo "$s / $s0" | bc -l)" "$first" "$(paste -sd' ' "$TMP/$n.scan")" "$v" "$(echo "$v / $v0" | bc -l)" "$(paste -sd' ' "$TMP/$n.version")"
done
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
