"""Times one GET for scripts/bench/analytics: python3 timed.py PORT TOKEN N PATH.

Asks PATH once (the first answer: cold caches, timed apart), then N times more on one
keep-alive connection, one after the other. Prints one line:
"first_ms p50_ms p90_ms max_ms bytes" (max is the p99 of so few samples).
Exits non-zero on any answer but 200.
"""
import http.client
import math
import sys
import time

port, token, n, path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=600)
headers = {"Authorization": "Bearer " + token}


def fetch():
    t = time.perf_counter()
    conn.request("GET", path, headers=headers)
    res = conn.getresponse()
    body = res.read()
    ms = (time.perf_counter() - t) * 1000.0
    if res.status != 200:
        sys.exit(f"{path}: {res.status} {body[:300]!r}")
    return ms, len(body)


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, max(0, math.ceil(p / 100.0 * len(s)) - 1))]


first, size = fetch()
times = [fetch()[0] for _ in range(n)]
print(f"{first:.1f} {pct(times, 50):.1f} {pct(times, 90):.1f} {max(times):.1f} {size}")
