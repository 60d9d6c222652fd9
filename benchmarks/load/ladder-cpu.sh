#!/usr/bin/env bash
# LadderBenchmark's methods interleaved and measured in thread CPU time (see LadderCpuTime.java).
# Usage: benchmarks/load/ladder-cpu.sh [ROUNDS]   (after ./mvnw -q -o package -pl benchmarks -am -DskipTests)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$ROOT/benchmarks/target/benchmarks.jar"
[[ -f "$JAR" ]] || { echo "ladder-cpu: build the benchmarks jar first" >&2; exit 2; }
date -u; uptime
java -cp "$JAR" "$ROOT/benchmarks/load/LadderCpuTime.java" "${1:-10}"
date -u; uptime
