"""What the build will make of a reviewer's input (a figure's bounds, a date's days), and the machine's
facts written as coded-fact records: what accepting one saves, and what a correction starts from."""
from datetime import date

from etl.core.dates import DateError, DateRange
from etl.core.ids import slug
from etl.core.quantities import Quantity, QuantityError, parse_figure
from etl.ingest.documents import Document
from etl.resolve.evidence import occurrences
from etl.resolve.facts import EVENT_SLUG, OUTLET, resolve_when as resolve_date
from etl.review.corpus import ReviewError


def figure_bounds(figure: str) -> Quantity:
    """The figure's bounds by the warehouse's contract (etl/core/quantities.py)."""
    if not str(figure or "").strip():
        raise ReviewError("give the figure as written in the text, e.g. “at least 35”")
    try:
        return parse_figure(str(figure))
    except QuantityError as exc:
        raise ReviewError(f"figure {figure!r}: {exc}") from exc


def resolve_when(doc: Document, expression: str) -> DateRange:
    """The days a `when` stands for, by the build's own rule (etl/resolve/facts.py)."""
    try:
        return resolve_date(doc, str(expression).strip())
    except DateError as exc:
        raise ReviewError(str(exc)) from exc


def occurrence_near(doc: Document, quote: str, offset: int) -> int | None:
    """Which occurrence of `quote` in the article is nearest `offset` (None when it occurs once)."""
    _, spans = occurrences(doc, quote)
    if len(spans) < 2:
        return None
    return min(range(len(spans)), key=lambda i: abs(spans[i][0] - offset)) + 1


def missing(value) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or value != value  # NaN and NaT (a table's empty cells) are not equal to themselves


def tidy(record: dict) -> dict:
    """Empty fields left out, text stripped, dates as text: what a form gives, as the file wants it."""
    tidy = {}
    for key, value in record.items():
        if missing(value):
            continue
        tidy[key] = value.strip() if isinstance(value, str) else value.isoformat() if isinstance(value, date) else value
    return tidy


def written_date(doc: Document, expression, start, end) -> str | None:
    """How to write a machine fact's date so the build gives the same days: its words from the text
    where they resolve to them on their own, else the days themselves."""
    if missing(start):
        return None
    start, end = _day(start), _day(end if not missing(end) else start)
    if not missing(expression):
        try:
            found = resolve_when(doc, expression)
            if (found.start, found.end) == (start, end):
                return str(expression)
        except ReviewError:
            pass  # e.g. "the following day", which needs the day before it
    return start.isoformat() if start == end else f"{start.isoformat()}..{end.isoformat()}"


def _day(value) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def _claimant(claimant_id: str, outlet_source_id: str | None) -> str:
    return OUTLET if outlet_source_id and claimant_id == outlet_source_id else claimant_id


def claim_record(doc: Document, claim: dict, outlet_source_id: str | None) -> dict:
    """A machine claim (a row of the view claim_overview) in the coded-fact format: what accepting it
    writes, and what a correction starts from."""
    record = {
        "quote": claim["evidence"],
        "occurrence": occurrence_near(doc, claim["evidence"], claim["char_start"]),
        "figure": claim["figure_text"], "kind": claim["kind"], "victim_group": claim["victim_group"],
        "victim_class": claim["victim_class"], "claimant": _claimant(claim["claimant_id"], outlet_source_id),
        "claimant_quote": claim.get("claimant_text"),
        "when": written_date(doc, claim.get("date_text"), claim.get("date_start"), claim.get("date_end")),
        # The rule's group is not written: it follows the corpus at each build, and a name frozen into the
        # file would keep the claim there; moves and splits are the decisions on groups.
        "place": claim.get("place_id"),
    }
    return tidy(record)


def event_record(doc: Document, event: dict, reports: list[dict], actors: list[dict],
                 outlet_source_id: str | None) -> dict:
    """A machine event as this document reports it, in the coded-fact format; its id stays the slug."""
    first = reports[0]
    record = {
        "event": event["event_id"], "type": event["event_type"], "sub_type": event["sub_event_type"],
        "summary": event.get("summary"),
        "when": written_date(doc, first.get("date_text"), event.get("date_start"), event.get("date_end")),
        "place": event.get("place_id"),
        "actors": [{"actor": a["actor_id"], "role": a["role"]} for a in actors] or None,
        "reports": [tidy({
            "stance": r["stance"], "claimant": _claimant(r["claimant_id"], outlet_source_id), "quote": r["evidence"],
            "occurrence": occurrence_near(doc, r["evidence"], r["char_start"]), "claimant_quote": r.get("claimant_text"),
        }) for r in reports],
    }
    return tidy(record)


def suggested_event_id(sub_type: str, place_id: str | None, days: DateRange | None) -> str:
    """An id in the seeds' style, place-what-date (e.g. qusayr-ground-assault-2013-05-19), for a new event."""
    start = days.start.isoformat()[:{"year": 4, "month": 7}.get(days.precision, 10)] if days else "undated"
    return slug(f"{place_id or ''} {sub_type} {start}")


def check_new_event_id(event_id: str, known_ids) -> None:
    """A new event needs an id no event in the warehouse has: the build would merge the two."""
    if not EVENT_SLUG.fullmatch(event_id or ""):
        raise ReviewError(f"event id {event_id!r} must be a lower-case slug (letters, digits, hyphens)")
    if event_id in known_ids:
        raise ReviewError(f"the event id {event_id!r} is taken by an event in the warehouse: to add this "
                          f"document's report of that event, choose it under “an event already in the "
                          f"warehouse”; for a new event, change the id")
