"""One row shape per fact table, read from the warehouse's contract (`warehouse/schema.sql`), and the
one id rule of each fact. The machine extractor and the resolver of coded facts both build their
rows here, so a claim has the same columns and the same id whichever way it was found, and a
misspelt column is an error where the row is made, not a NULL in the warehouse."""
import re
from functools import lru_cache

from etl.core.ids import stable_id
from etl.settings import SCHEMA_SQL

_TABLE = re.compile(r"^CREATE TABLE (\w+) \((.*?)^\);", re.M | re.S)
_COLUMN = re.compile(r"^\s+([a-z_][a-z0-9_]*)\s+[A-Z]", re.M)
# What a machine event report carries besides its columns, for matching reports into events
# (etl/resolve/event_matching.py); the loader leaves these keys out, and only these.
MATCH_KEYS = frozenset({"event_type", "sub_event_type", "place_id", "actors", "trigger"})


@lru_cache(maxsize=1)
def columns() -> dict[str, tuple[str, ...]]:
    """Each table's columns, in the schema's order."""
    text = SCHEMA_SQL.read_text(encoding="utf-8")
    return {name: tuple(c for c in _COLUMN.findall(body) if c not in ("primary", "unique", "check", "foreign"))
            for name, body in _TABLE.findall(text)}


def unknown_keys(table: str, row: dict, allowed=frozenset()) -> list[str]:
    known = set(columns()[table]) | allowed
    return sorted(k for k in row if k not in known)


def _row(table: str, fields: dict, allowed=frozenset()) -> dict:
    wrong = unknown_keys(table, fields, allowed)
    if wrong:
        raise TypeError(f"{table} has no column {', '.join(wrong)}")
    return {**{c: None for c in columns()[table]}, **fields}


def evidence(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> dict:
    """Where a fact stands: its words and its sentence, as text and as character offsets."""
    return {"evidence": text[start:end], "char_start": start, "char_end": end,
            "sentence": text[sentence_start:sentence_end], "sentence_start": sentence_start,
            "sentence_end": sentence_end}


def when(dates, date_text: str | None) -> dict:
    """A fact's dates (a DateRange or None) and the words that gave them."""
    return {"date_start": dates.start if dates else None, "date_end": dates.end if dates else None,
            "date_precision": dates.precision if dates else None, "date_text": date_text}


def figure(quantity, text: str) -> dict:
    """A figure as written and its bounds (see the bounds contract in docs)."""
    return {"figure_text": text, "figure": quantity.figure, "low": quantity.low, "high": quantity.high,
            "approximate": quantity.approximate, "qualifier": quantity.qualifier}


def claim(**fields) -> dict:
    """A claim; its id is the document, the kind, the evidence's offsets and the figure."""
    row = _row("claims", fields)
    row["claim_id"] = stable_id("c", row["doc_id"], row["kind"], row["char_start"], row["char_end"],
                                   row["figure_text"])
    return row


def counted_thing(**fields) -> dict:
    row = _row("counted_things", fields)
    row["count_id"] = stable_id("n", row["doc_id"], row["what"], row["char_start"], row["char_end"])
    return row


def event_report(**fields) -> dict:
    """A report of an event; its id is set by `report_id` once the event is known (a machine report's
    event is found by matching, after extraction)."""
    row = _row("event_reports", fields, MATCH_KEYS)
    if row["event_id"] is not None:
        row["report_id"] = report_id(row)
    return row


def report_id(row: dict) -> str:
    return stable_id("r", row["event_id"], row["doc_id"], row["claimant_id"], row["stance"], row["char_start"])
