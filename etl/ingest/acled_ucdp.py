"""A user's own ACLED export or UCDP GED CSV, read into the warehouse's reference tables
(`python -m etl build --compare-with FILE`, repeatable).

The files are downloaded by the user under ACLED's or UCDP's terms and never belong in the
repository. Which dataset a file is comes from its header. A row that cannot be read (no date, no
coordinates) is skipped with a warning naming the file and line; a file that is neither dataset
fails the build. The matching of their events to the warehouse's is the view `reference_matches`.
"""
import csv
from datetime import date, datetime
from pathlib import Path

from etl.core.errors import BuildError, BuildWarning

ACLED_REQUIRED = ("event_id_cnty", "event_date", "event_type", "latitude", "longitude", "fatalities")
UCDP_REQUIRED = ("id", "relid", "type_of_violence", "latitude", "longitude", "date_start", "date_end", "best",
                 "low", "high")
ACLED_TEXT = ("disorder_type", "event_type", "sub_event_type", "actor1", "actor2", "interaction", "country", "admin1",
              "location", "source", "notes", "tags")
UCDP_TEXT = ("relid", "conflict_name", "dyad_name", "side_a", "side_b", "where_coordinates", "adm_1", "country",
             "source_original")
UCDP_INTEGERS = ("year", "type_of_violence", "where_prec", "date_prec", "deaths_a", "deaths_b", "deaths_civilians",
                 "deaths_unknown", "best", "high", "low", "number_of_sources")
# ACLED has written event_date as 2013-05-19, 19 May 2013 and 19-May-2013 over the years.
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%d/%m/%Y")


class _BadRow(ValueError):
    pass


def _date(text: str, column: str) -> date:
    text = (text or "").strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text[:10] if fmt == "%Y-%m-%d" else text, fmt).date()
        except ValueError:
            continue
    raise _BadRow(f"{column} {text!r} is not a date")


def _number(text: str, column: str, required: bool = False) -> float | None:
    text = (text or "").strip()
    if not text:
        if required:
            raise _BadRow(f"no {column}")
        return None
    try:
        return float(text)
    except ValueError:
        raise _BadRow(f"{column} {text!r} is not a number") from None


def _integer(text: str, column: str, required: bool = False) -> int | None:
    value = _number(text, column, required)
    return None if value is None else int(value)


def _text(row: dict, column: str) -> str | None:
    value = (row.get(column) or "").strip()
    return value or None


def _acled_row(row: dict) -> dict:
    latitude = _number(row["latitude"], "latitude", required=True)
    longitude = _number(row["longitude"], "longitude", required=True)
    if not row["event_id_cnty"].strip():
        raise _BadRow("no event_id_cnty")
    return {"event_id_cnty": row["event_id_cnty"].strip(), "event_date": _date(row["event_date"], "event_date"),
            "time_precision": _integer(row.get("time_precision"), "time_precision"),
            "latitude": latitude, "longitude": longitude,
            "geo_precision": _integer(row.get("geo_precision"), "geo_precision"),
            "fatalities": _integer(row["fatalities"], "fatalities", required=True),
            **{column: _text(row, column) for column in ACLED_TEXT}}


def _ucdp_row(row: dict) -> dict:
    if not row["id"].strip():
        raise _BadRow("no id")
    start, end = _date(row["date_start"], "date_start"), _date(row["date_end"], "date_end")
    if end < start:
        raise _BadRow(f"date_end {end} before date_start {start}")
    return {"id": row["id"].strip(), "date_start": start, "date_end": end,
            "latitude": _number(row["latitude"], "latitude", required=True),
            "longitude": _number(row["longitude"], "longitude", required=True),
            **{column: _integer(row.get(column), column, required=column in UCDP_REQUIRED) for column in UCDP_INTEGERS},
            **{column: _text(row, column) for column in UCDP_TEXT}}


def _encoding(path: Path, warnings: list[BuildWarning]) -> str:
    """UTF-8 (with or without a byte-order mark), as ACLED and UCDP publish; a file a spreadsheet program
    saved again may be Windows-1252, read as such with a warning."""
    try:
        with path.open(encoding="utf-8-sig") as handle:
            for _ in handle:
                pass
        return "utf-8-sig"
    except UnicodeDecodeError:
        warnings.append(BuildWarning(path.name, "not UTF-8: read as Windows-1252 (a file saved again by a spreadsheet?)"))
        return "cp1252"


def read_file(path: Path, warnings: list[BuildWarning]) -> tuple[str, list[dict]]:
    """('acled' or 'ucdp', rows for its reference table) from one file."""
    if not path.is_file():
        raise BuildError(path, None, "no such file to compare with")
    csv.field_size_limit(2**31 - 1)  # ACLED's notes and UCDP's source texts can be long
    with path.open(encoding=_encoding(path, warnings), errors="replace", newline="") as handle:
        sample = handle.read(65536)
        handle.seek(0)
        # Spreadsheet programs in some locales save with ';': only the delimiter is read off the header
        # line; quoting stays the standard one (a header alone says nothing about it).
        try:
            delimiter = csv.Sniffer().sniff(sample.splitlines()[0] if sample else ",", delimiters=",;\t").delimiter
        except csv.Error:
            delimiter = ","
        reader = csv.DictReader(handle, delimiter=delimiter)
        header = [name.strip().lower() for name in reader.fieldnames or []]
        reader.fieldnames = header
        if "event_id_cnty" in header:
            dataset, required, convert = "acled", ACLED_REQUIRED, _acled_row
        elif {"relid", "best", "type_of_violence"} <= set(header):
            dataset, required, convert = "ucdp", UCDP_REQUIRED, _ucdp_row
        else:
            raise BuildError(path, 1, "not an ACLED export (no event_id_cnty column) nor a UCDP GED file "
                                      "(no relid, type_of_violence and best columns)")
        missing = [column for column in required if column not in header]
        if missing:
            raise BuildError(path, 1, f"an {'ACLED' if dataset == 'acled' else 'UCDP GED'} file needs the columns "
                                      f"{', '.join(missing)}")
        rows = []
        for row in reader:
            line = reader.line_num
            try:
                rows.append({"file": path.name, "line": line, **convert(row)})
            except _BadRow as exc:
                warnings.append(BuildWarning(path.name, f"row skipped: {exc}", line))
    return dataset, rows


def read_files(paths: list[Path], warnings: list[BuildWarning]) -> dict[str, list[dict]]:
    tables = {"reference_acled_events": [], "reference_ucdp_events": []}
    for path in paths:
        dataset, rows = read_file(path, warnings)
        tables[f"reference_{dataset}_events"] += rows
    return tables
