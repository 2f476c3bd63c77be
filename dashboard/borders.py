"""Country borders for the maps, read from GeoJSON files shipped with the dashboard.

The maps have no basemap and no internet, so these outlines are all that tells a reader where a place
is. Both files are Natural Earth (public domain), written once by etl/tools/extract_borders.py; reading
them needs only json. borders.geojson holds Syria, Lebanon and their neighbours at 1:10m, fine enough to
tell on which side of the Lebanese border a village lies; world.geojson every other country, simplified to
about 5 km, so that a corpus about another war is drawn on land too (and the neighbours' neighbours).
"""
import json
from functools import lru_cache
from pathlib import Path

ASSETS = Path(__file__).resolve().parent / "assets"
BORDERS_GEOJSON = ASSETS / "borders.geojson"
WORLD_GEOJSON = ASSETS / "world.geojson"


@lru_cache(maxsize=2)
def _load(path: Path) -> dict:
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def load_borders() -> dict:
    """The fine borders' FeatureCollection. Shared by every caller: copy it before changing it."""
    return _load(BORDERS_GEOJSON)


def load_world() -> dict:
    """The simplified rest of the world's FeatureCollection (shared, as load_borders')."""
    return _load(WORLD_GEOJSON)


def countries() -> list[str]:
    """The countries the fine file draws, in its order."""
    return [feature["properties"]["name"] for feature in load_borders()["features"]]


def _polygons(collection: dict) -> tuple[tuple[str, tuple[float, float, float, float], tuple[list, ...]], ...]:
    found = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        parts = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for rings in parts:
            xs = [x for x, _ in rings[0]]
            ys = [y for _, y in rings[0]]
            bbox = (min(xs), min(ys), max(xs), max(ys))
            found.append((feature["properties"]["name"], bbox, tuple(rings)))
    return tuple(found)


@lru_cache(maxsize=1)
def polygons() -> tuple[tuple[str, tuple[float, float, float, float], tuple[list, ...]], ...]:
    """Every polygon of the fine file as (country name, (west, south, east, north), rings of lon/lat)."""
    return _polygons(load_borders())


@lru_cache(maxsize=1)
def world_polygons() -> tuple[tuple[str, tuple[float, float, float, float], tuple[list, ...]], ...]:
    """Every polygon of the simplified rest of the world, as `polygons` gives them."""
    return _polygons(load_world())


@lru_cache(maxsize=32)
def world_near(west: float, south: float, east: float, north: float) -> dict:
    """The simplified polygons with land in the box, by country: all a map of the box needs of
    world.geojson, so that a page sends its browser tens of kilobytes, not the world."""
    near: dict[str, list] = {}
    for name, (w, s, e, n), rings in world_polygons():
        if w <= east and e >= west and s <= north and n >= south:
            near.setdefault(name, []).append(list(rings))
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": name}, "geometry": {"type": "MultiPolygon", "coordinates": parts}}
        for name, parts in near.items()]}


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
