"""Writing an export: the bytes of one file (`render`, for the pages' downloads) or a file or folder (`write`,
for `python -m etl export`)."""
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import duckdb
import pandas as pd

from etl.export import geo, package, tables
from etl.export.formats import FORMATS

@dataclass(frozen=True)
class Rendered:
    data: bytes
    rows: int
    note: str | None = None  # a sidecar (the UCDP export's list of empty columns)


def _csv(frame: pd.DataFrame, spreadsheet: bool = False) -> bytes:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, date_format="%Y-%m-%d")
    # A byte-order mark makes spreadsheet programs read the file as UTF-8 (Arabic names, dashes);
    # the field's own formats go without one, as ACLED's and UCDP's files do.
    return buffer.getvalue().encode("utf-8-sig" if spreadsheet else "utf-8")


def render(connection: duckdb.DuckDBPyConnection, fmt: str, filters=None, base_url: str = "") -> Rendered:
    """One file's bytes for a format other than parquet (a folder)."""
    if fmt == "acled":
        frame = tables.acled(connection, filters)
        return Rendered(_csv(frame), len(frame))
    if fmt == "ucdp":
        frame = tables.ucdp_ged(connection, filters)
        events = len(tables.EventFacts(connection, filters).events)
        return Rendered(_csv(frame), len(frame), tables.ucdp_sidecar(frame, events - len(frame)))
    if fmt == "airwars":
        frame = tables.airwars(connection, filters)
        return Rendered(_csv(frame), len(frame))
    if fmt == "claims":
        frame = tables.claims(connection, filters, base_url)
        return Rendered(_csv(frame, spreadsheet=True), len(frame))
    if fmt in ("events-geojson", "places-geojson"):
        collection = geo.events(connection, filters) if fmt == "events-geojson" else geo.places(connection, filters, base_url)
        return Rendered(geo.dumps(collection).encode("utf-8"), len(collection["features"]))
    raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")


def sidecar_path(out: Path) -> Path:
    return out.with_name(out.name + ".notes.txt")


def write(connection: duckdb.DuckDBPyConnection, fmt: str, out: Path, filters=None, base_url: str = "",
          report: Callable[[str], None] = print) -> int:
    """Write the export to `out` (a folder for parquet); returns the number of rows (resources for parquet)."""
    if fmt == "parquet":
        written = package.write(connection, out)
        report(f"wrote {len(written['resources'])} Parquet files and datapackage.json to {out}")
        return len(written["resources"])
    rendered = render(connection, fmt, filters, base_url)
    out.write_bytes(rendered.data)
    report(f"wrote {rendered.rows} rows ({FORMATS[fmt].label}) to {out}")
    if rendered.note:
        sidecar_path(out).write_text(rendered.note, encoding="utf-8")
        report(f"wrote {sidecar_path(out)}: the columns left empty and why")
    return rendered.rows
