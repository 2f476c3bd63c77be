"""The export formats by name: light to import, so that the command line can list them before it needs pandas."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    label: str
    suffix: str
    mime: str
    what: str  # the rows: events, places, claims, or the whole warehouse


FORMATS = {
    "acled": Format("ACLED-compatible CSV", ".csv", "text/csv", "events"),
    "ucdp": Format("UCDP GED-compatible CSV", ".csv", "text/csv", "events"),
    "airwars": Format("Airwars-style incident ranges (CSV)", ".csv", "text/csv", "events"),
    "events-geojson": Format("GeoJSON of events", ".geojson", "application/geo+json", "events"),
    "places-geojson": Format("GeoJSON of places with their claims", ".geojson", "application/geo+json", "places"),
    "claims": Format("Claims CSV", ".csv", "text/csv", "claims"),
    "parquet": Format("Parquet of every table and view, with datapackage.json", "", "", "warehouse"),
}
