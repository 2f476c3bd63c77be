"""Country borders for the Map page, read from a GeoJSON file shipped with the dashboard.

The map has no basemap and no internet, so these outlines are all that tells a reader where
Syria and Lebanon are. The file is Natural Earth (public domain) at 1:10m, written once by
etl/tools/extract_borders.py; reading it needs only json.
"""
import json
from functools import lru_cache
from pathlib import Path

BORDERS_GEOJSON = Path(__file__).resolve().parent / "assets" / "borders.geojson"


@lru_cache(maxsize=1)
def load_borders() -> dict:
    """The borders FeatureCollection. Shared by every caller: copy it before changing it."""
    with BORDERS_GEOJSON.open(encoding="utf-8") as f:
        return json.load(f)


def countries() -> list[str]:
    """The countries the file draws, in its order."""
    return [feature["properties"]["name"] for feature in load_borders()["features"]]


@lru_cache(maxsize=1)
def polygons() -> tuple[tuple[str, tuple[float, float, float, float], tuple[list, ...]], ...]:
    """Every polygon of the file as (country name, (west, south, east, north), rings of lon/lat)."""
    found = []
    for feature in load_borders()["features"]:
        geometry = feature["geometry"]
        parts = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for rings in parts:
            xs = [x for x, _ in rings[0]]
            ys = [y for _, y in rings[0]]
            bbox = (min(xs), min(ys), max(xs), max(ys))
            found.append((feature["properties"]["name"], bbox, tuple(rings)))
    return tuple(found)


def _in_ring(x: float, y: float, ring: list) -> bool:
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        # Half-open test on y: a ray through a vertex counts that vertex for one edge only.
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def country_at(lon: float, lat: float) -> str | None:
    """Name of the country whose border contains the point, or None (sea, or a country not in the file).

    Points within a few tens of metres of a border may land on either side: the line work is 1:10m.
    """
    for name, (west, south, east, north), rings in polygons():
        if not (west <= lon <= east and south <= lat <= north):
            continue
        if _in_ring(lon, lat, rings[0]) and not any(_in_ring(lon, lat, hole) for hole in rings[1:]):
            return name
    return None


@lru_cache(maxsize=1)
def bounds(margin: float = 2.0) -> list[list[float]]:
    """The rectangle (lon/lat corners) around every border in the file, widened by `margin` degrees:
    the map paints it as sea, so the file decides the region and no region is written into code."""
    boxes = [bbox for _, bbox, _ in polygons()]
    west, south = min(b[0] for b in boxes) - margin, min(b[1] for b in boxes) - margin
    east, north = max(b[2] for b in boxes) + margin, max(b[3] for b in boxes) + margin
    return [[west, south], [east, south], [east, north], [west, north]]
