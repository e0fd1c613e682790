"""Independent reference for fito-geo's property tests (pyproj + shapely).

Reads one JSON request on stdin, writes one JSON answer on stdout.
Geometries are GeoJSON-like dicts in WGS 84 lon/lat.
"""
import json
import sys

from pyproj import Geod, Transformer
import numpy as np
import shapely
from shapely.geometry import Point, shape

GEOD = Geod(ellps="WGS84")


def geodesic_area(geom):
    area, _perimeter = GEOD.geometry_area_perimeter(shape(geom))
    return abs(area)


def densify_ring(coords, step_m=50.0):
    """Edges are straight lines in lon/lat (RFC 7946 §3.1.1), as in fito-geo:
    insert points along each edge every ~50 m so AEQD distances see its shape."""
    out = []
    for (x1, y1), (x2, y2) in zip(coords[:-1], coords[1:]):
        _az, _baz, dist = GEOD.inv(x1, y1, x2, y2)
        n = max(1, int(dist // step_m))
        out.extend((x1 + (x2 - x1) * k / n, y1 + (y2 - y1) * k / n) for k in range(n))
    out.append(coords[-1])
    return out


def aeqd_at(lon, lat):
    """Azimuthal equidistant projection: distances from its centre are geodesic."""
    proj = f"+proj=aeqd +lat_0={lat} +lon_0={lon} +ellps=WGS84 +units=m"
    return Transformer.from_crs("EPSG:4326", proj, always_xy=True)


def densified(geom):
    g = dict(geom)
    if g["type"] == "Polygon":
        g["coordinates"] = [densify_ring(r) for r in g["coordinates"]]
    elif g["type"] == "MultiPolygon":
        g["coordinates"] = [[densify_ring(r) for r in p] for p in g["coordinates"]]
    return g


def distance(geom, lon, lat):
    if geom["type"] == "Point":
        x, y = geom["coordinates"]
        return GEOD.inv(lon, lat, x, y)[2]
    tr = aeqd_at(lon, lat)
    projected = transform(tr.transform, shape(densified(geom)))
    return projected.distance(Point(0.0, 0.0))


def buffer_area(geom, radius_m, centre):
    """Buffer in an AEQD plane centred on the geometry, then measure geodesically."""
    lon, lat = centre
    tr = aeqd_at(lon, lat)
    inverse = Transformer.from_crs(tr.target_crs, "EPSG:4326", always_xy=True)
    planar = transform(tr.transform, shape(densified(geom)))
    zone = planar.buffer(radius_m, quad_segs=256)
    back = transform(inverse.transform, zone)
    area, _perimeter = GEOD.geometry_area_perimeter(back)
    return abs(area)


def contains(geom, lon, lat):
    s = shape(geom)
    p = Point(lon, lat)
    # Distance to the boundary in degrees lets the caller skip points so close
    # to an edge that float rounding, not the algorithm, would decide.
    return {"inside": s.intersects(p), "edge_deg": s.boundary.distance(p)}


def transform(fn, geom):
    """Apply a pyproj transform to every vertex (shapely 2 vectorised form)."""
    return shapely.transform(geom, lambda xy: np.column_stack(fn(xy[:, 0], xy[:, 1])))


def main():
    req = json.load(sys.stdin)
    op = req["op"]
    if op == "area":
        out = [geodesic_area(g) for g in req["geometries"]]
    elif op == "contains":
        out = [contains(c["geometry"], *c["point"]) for c in req["cases"]]
    elif op == "distance":
        out = [distance(c["geometry"], *c["point"]) for c in req["cases"]]
    elif op == "buffer_area":
        out = [buffer_area(c["geometry"], c["radius_m"], c["centre"]) for c in req["cases"]]
    elif op == "transform":
        tr = Transformer.from_crs(req["from"], "EPSG:4326", always_xy=True)
        out = [list(tr.transform(x, y)) for x, y in req["points"]]
    else:
        raise SystemExit(f"unknown op {op}")
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
