"""How dates, figures and the warehouse's rows are written on the pages: a date is never shown more
precisely than known. The queries (dashboard/queries.py) return values; the words are made here."""
import re
from datetime import date, datetime, timedelta

import pandas as pd


def _as_date(value) -> date | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, datetime):  # pandas Timestamps are datetimes
        return value.date()
    return value


def when(start, end=None, precision: str | None = None) -> str:
    """The one way the pages write a date or a span of days: '4 Aug 2013', 'Aug 2013', '2013',
    '1–18 May 2013', '19 May – 4 Jun 2013', or 'undated'. A day is never written with a leading zero,
    and never shown where only the month (or year) is known."""
    start, end = _as_date(start), _as_date(end) or _as_date(start)
    if start is None:
        return "undated"
    if precision == "year" or (start == date(start.year, 1, 1) and end == date(start.year, 12, 31)):
        return f"{start.year}"
    month_end = (date(start.year + start.month // 12, start.month % 12 + 1, 1) - timedelta(days=1))
    same_month = (start.year, start.month) == (end.year, end.month)
    if (precision == "month" and same_month) or (start.day == 1 and end == month_end):
        return _month(start)
    if start == end:
        return _day(start)
    if same_month:
        return f"{start.day}–{_day(end)}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {_day(end)}"
    return f"{_day(start)} – {_day(end)}"


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _month(day: date) -> str:
    return f"{day:%b %Y}"


def published(day, precision: str | None) -> str:
    """A publication date as precisely as it is known: a document known only to the month shows the month."""
    return when(day, None, precision)


def published_column(days, precisions) -> list[str]:
    """A table's column of dates, each written as precisely as its own precision says."""
    return [when(day, None, precision) for day, precision in zip(days, precisions)]


def as_of_texts(frame: pd.DataFrame) -> pd.DataFrame:
    """The claims of `frame` with as_of_text: the days each figure refers to (claims.as_of .. as_of_until),
    else its publication date, written no more precisely than known."""
    frame["as_of_text"] = [when(r.as_of, r.as_of_until, r.as_of_precision) for r in frame.itertuples()]
    return frame


def document_label(outlet_name, day, precision: str | None, title: str | None = None) -> str:
    """'NOW Lebanon, May 2013: Title', a document as a choice or a column names it."""
    label = f"{outlet(outlet_name)}, {published(day, precision)}"
    return f"{label}: {title}" if title else label


def place_texts(places: pd.DataFrame) -> pd.DataFrame:
    """The places of queries.map_places with their latest events and claims written out, one a line
    (what_happened, figures), in place of the lists the warehouse gives."""
    places = places.copy()
    places["what_happened"] = [_latest([f"{when(e['date_start'], e['date_end'], e['date_precision'])}: {e['summary'] or ''}"
                                        for e in events], total, "events")
                               for events, total in zip(places.pop("event_list"), places.events)]
    places["figures"] = [_latest([f"{c['claimant']}: {c['figure_text']} {c['kind']} ({c['victim_group']})" for c in claims],
                                 total, "claims")
                         for claims, total in zip(places.pop("claim_list"), places.claims)]
    return places


def _latest(lines: list[str], total: int, things: str) -> str:
    """The latest of a place's events or claims (place_activity lists a few, newest first), and how many more."""
    more = int(total) - len(lines)
    return "\n".join(lines + ([f"… and {more:,} earlier {things}"] if more > 0 else []))


def number(value) -> str:
    if value is None or pd.isna(value):
        return "–"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def outlet(value) -> str:
    """The outlet's name; uncatalogued documents have none (NULL, NaN in a frame)."""
    return value if isinstance(value, str) and value else "outlet unknown"


def bounds(low, high) -> str:
    """A figure's bounds in words, as claim_overview's range_text writes them ("58 or more", "up to 1,000")."""
    low, high = (None if v is None or pd.isna(v) else int(v) for v in (low, high))
    if low is None:
        return f"up to {high:,}"
    if high is None:
        return f"{low:,} or more"
    return f"{low:,}" if low == high else f"{low:,}–{high:,}"


def plain(text) -> str:
    """Text for a place that reads Markdown (a label): its Markdown characters shown as themselves."""
    return re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~$])", r"\\\1", str(text))
