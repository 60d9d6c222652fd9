#!/usr/bin/env python3
"""Commands measured alternating, ROUNDS times each: median user + system CPU and wall time of each (BENCHMARKS.md,
"The fleet scanner's CPU, after scan-cpu"). For variants of one program on a shared machine: alternating within a
round lets them share the load, so the ratio of their medians means more than either figure.

Usage: benchmarks/load/alternate-cpu.py ROUNDS 'LABEL=COMMAND' ['LABEL=COMMAND' ...]
  COMMAND runs through /bin/sh; '{out}' in it becomes a per-label file name (e.g. for --json {out}).
  The first label is the baseline of the ratios. EXPECT=TEXT: fail a run whose standard output lacks TEXT.
Each command's archive, cache or warm-up is its own business: run it once before (an unmeasured round: WARMUP=1).
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def main() -> int:
    if len(sys.argv) < 3 or not sys.argv[1].isdigit() or any("=" not in a for a in sys.argv[2:]):
        print(__doc__, file=sys.stderr)
        return 2
    rounds = int(sys.argv[1])
    variants = [a.split("=", 1) for a in sys.argv[2:]]
    expect = os.environ.get("EXPECT", "").encode()
    out_dir = tempfile.mkdtemp(prefix="alternate-cpu.")
    results = {label: [] for label, _ in variants}

    def run(label: str, command: str):
        cmd = command.replace("{out}", os.path.join(out_dir, label + ".out"))
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        p = subprocess.run(cmd, shell=True, capture_output=True)
        wall = time.monotonic() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if p.returncode != 0 or (expect and expect not in p.stdout):
            sys.stderr.write(f"alternate-cpu: {label} failed (exit {p.returncode}):\n{p.stdout[-400:].decode(errors='replace')}"
                             f"{p.stderr[-400:].decode(errors='replace')}\n")
            sys.exit(1)
        return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall

    if os.environ.get("WARMUP") == "1":
        for label, command in variants:
            run(label, command)
    print(f"== {os.cpu_count()} CPUs, load before: {' '.join(open('/proc/loadavg').read().split()[:3])}; {rounds} rounds")
    for _ in range(rounds):
        for label, command in variants:
            results[label].append(run(label, command))
    print(f"== load after: {' '.join(open('/proc/loadavg').read().split()[:3])}")
    base = statistics.median(c for c, _ in results[variants[0][0]])
    for label, _ in variants:
        cpu = [c for c, _ in results[label]]
        wall = [w for _, w in results[label]]
        print(f"{label:14s} CPU median {statistics.median(cpu):.2f} s ({statistics.median(cpu) / base:.2f}x)"
              f"  [{' '.join(f'{c:.2f}' for c in cpu)}]  wall median {statistics.median(wall):.2f} s")
    print(f"outputs in {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
