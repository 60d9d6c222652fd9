#!/usr/bin/env python3
"""A minimal HTTP/1.0 load generator for `openssl ocsp -port` (used by ocsp-load.sh).

wrk cannot drive OpenSSL 3.0's responder: wrk speaks HTTP/1.1, and the responder then keeps the
connection for another request and, once the client has gone, spins on read() = 0 on that
socket without accepting anyone else (seen with strace), so wrk completes 0 requests. This client
sends `GET /{request} HTTP/1.0`, reads the answer to EOF, closes, and does it again, on P
processes for S seconds; it prints requests/s, non-200 answers and errors.

Usage: http10-load.py HOST PORT PATH PROCESSES SECONDS
"""
import multiprocessing as mp
import socket
import sys
import time


def worker(host, port, path, seconds, out):
    req = ("GET %s HTTP/1.0\r\nHost: %s:%d\r\n\r\n" % (path, host, port)).encode()
    end = time.monotonic() + seconds
    ok = bad = err = 0
    while time.monotonic() < end:
        try:
            with socket.create_connection((host, port), timeout=5) as s:
                s.sendall(req)
                chunks = []
                while True:
                    b = s.recv(65536)
                    if not b:
                        break
                    chunks.append(b)
            head = b"".join(chunks)[:16]
            if head.startswith(b"HTTP/1.0 200") or head.startswith(b"HTTP/1.1 200"):
                ok += 1
            else:
                bad += 1
        except OSError:
            err += 1
    out.put((ok, bad, err))


def main():
    host, port, path, procs, seconds = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
    q = mp.Queue()
    ps = [mp.Process(target=worker, args=(host, port, path, seconds, q)) for _ in range(procs)]
    t0 = time.monotonic()
    for p in ps:
        p.start()
    res = [q.get() for _ in ps]
    for p in ps:
        p.join()
    dt = time.monotonic() - t0
    ok = sum(r[0] for r in res)
    print("%d requests in %.2fs, non-200 %d, errors %d" % (ok, dt, sum(r[1] for r in res), sum(r[2] for r in res)))
    print("Requests/sec: %.2f" % (ok / dt))


if __name__ == "__main__":
    main()
