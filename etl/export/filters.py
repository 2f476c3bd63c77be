"""The shared filters of the dashboard, for exports: an export holds the rows a page shows.

The SQL conditions are the dashboard's own (dashboard/queries.py); a test checks that the two agree,
so a file downloaded from a page and one written by `python -m etl export` with the same filters
hold the same rows.
"""
from dataclasses import dataclass
from datetime import date

# Each filter as a SQL condition on an event (alias {a} of event_overview) or a claim (alias {a} of
# claims); every ? is bound to the filter's value.
EVENT_CONDITIONS = {
    "date_from": "{a}.date_end >= ?",
    "date_to": "{a}.date_start <= ?",
    "places": "list_contains(?, {a}.place_id)",
    "actors": "EXISTS (SELECT 1 FROM event_actors fa WHERE fa.event_id = {a}.event_id AND list_contains(?, fa.actor_id))",
    "alignments": "EXISTS (SELECT 1 FROM event_reports fr JOIN sources fs USING (source_id)"
                  " WHERE fr.event_id = {a}.event_id AND list_contains(?, fs.alignment))",
    "documents": "EXISTS (SELECT 1 FROM event_reports fr WHERE fr.event_id = {a}.event_id AND list_contains(?, fr.doc_id))",
}
CLAIM_CONDITIONS = {
    "date_from": "coalesce({a}.date_end, {a}.as_of) >= ?",
    "date_to": "{a}.as_of <= ?",
    "places": "list_contains(?, {a}.place_id)",
    "actors": "(EXISTS (SELECT 1 FROM event_actors fa WHERE fa.event_id = {a}.event_id AND list_contains(?, fa.actor_id))"
              " OR EXISTS (SELECT 1 FROM sources fs WHERE fs.source_id = {a}.source_id AND list_contains(?, fs.actor_id)))",
    "alignments": "list_contains(?, {a}.alignment)",
    "documents": "list_contains(?, {a}.doc_id)",
}


@dataclass(frozen=True)
class ExportFilters:
    """The fields of the dashboard's Filters; the dashboard passes its own object, which has them too."""

    date_from: date | None = None
    date_to: date | None = None
    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    alignments: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()

    def active(self) -> bool:
        return self != ExportFilters()


def _conditions(filters, templates: dict[str, str], alias: str) -> tuple[str, list]:
    sql, params = [], []
    for field, template in templates.items():
        value = getattr(filters, field, None) if filters is not None else None
        if value:
            sql.append(template.format(a=alias))
            params += [list(value) if isinstance(value, tuple | list) else value] * template.count("?")
    return " AND ".join(sql) or "TRUE", params


def event_conditions(filters, alias: str = "e") -> tuple[str, list]:
    return _conditions(filters, EVENT_CONDITIONS, alias)


def claim_conditions(filters, alias: str = "c") -> tuple[str, list]:
    return _conditions(filters, CLAIM_CONDITIONS, alias)
