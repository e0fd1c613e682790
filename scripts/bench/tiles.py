"""Times tile requests for scripts/bench/tiles: python3 tiles.py PORT TOKEN ENGINE N [PATH].

For zooms 5, 8, 11 and 14, up to N tiles of the generated data's area (fito-bench's
box over Kazakhstan), spread evenly over it and in a fixed order; each asked once
cold, then once warm, on one keep-alive connection. One markdown row per zoom and kind.
PATH is the tile URL's path with {z}, {x} and {y} (our objects layer by default; a
Martin source for the comparison); TOKEN "-" sends no Authorization header. An empty
tile may be answered 204 (Martin does), counted as 0 bytes.
"""
import http.client
import math
import sys
import time

port, token, engine, per_zoom = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
template = sys.argv[5] if len(sys.argv) > 5 else "/api/v1/tiles/objects/{z}/{x}/{y}.mvt"
WEST, SOUTH, EAST, NORTH = 46.5, 40.6, 87.3, 55.4


def tile_of(z, lon, lat):
    n = 2 ** z
    x = int((lon + 180.0) / 360.0 * n)
    r = math.radians(lat)
    y = int((1.0 - math.log(math.tan(r) + 1.0 / math.cos(r)) / math.pi) / 2.0 * n)
    return x, y


def tiles(z):
    x0, y0 = tile_of(z, WEST, NORTH)
    x1, y1 = tile_of(z, EAST, SOUTH)
    every = [(x, y) for y in range(y0, y1 + 1) for x in range(x0, x1 + 1)]
    step = max(1, len(every) // per_zoom)
    return every[::step][:per_zoom]


conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=600)
headers = {} if token == "-" else {"Authorization": "Bearer " + token}


def fetch(path):
    t = time.perf_counter()
    conn.request("GET", path, headers=headers)
    res = conn.getresponse()
    body = res.read()
    ms = (time.perf_counter() - t) * 1000.0
    if res.status not in (200, 204):
        sys.exit(f"{path}: {res.status} {body[:200]!r}")
    return ms, len(body)


def ms_text(ms):
    # Two decimals below 10 ms: a ratio of 0.6 to 0.7 ms is not one of 0.64 to 0.66.
    return f"{ms:.2f} ms" if ms < 10 else f"{ms:.1f} ms"


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, max(0, math.ceil(p / 100.0 * len(s)) - 1))]


for z in (5, 8, 11, 14):
    paths = [template.format(z=z, x=x, y=y) for x, y in tiles(z)]
    for kind in ("cold", "warm"):
        times, sizes = [], []
        for p in paths:
            ms, size = fetch(p)
            times.append(ms)
            sizes.append(size)
        print(
            f"| {engine} | {z}, {kind} | {len(paths)} | {ms_text(pct(times, 50))} | "
            f"{ms_text(pct(times, 99))} | {sum(sizes) // len(sizes) // 1024} KiB |"
        )
