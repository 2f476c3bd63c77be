"""The shared filters of the dashboard, for exports: an export holds the rows a page shows.

The filters are defined once, in the warehouse: the macros filtered_events and filtered_claims of
warehouse/views.sql, which the dashboard's queries select from too. So a file downloaded from a page
and one written by `python -m etl export` with the same filters hold the same rows.
"""
from dataclasses import dataclass
from datetime import date

# The macros' arguments, in their order: from_day, to_day, place_ids, actor_ids, source_alignments, doc_ids.
FILTERED = "?, ?, ?, ?, ?, ?"


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


def arguments(filters) -> list:
    """The filters (none: no filter) as the macros' arguments; an empty list does not filter."""
    filters = filters or ExportFilters()
    return [filters.date_from, filters.date_to,
            *(list(getattr(filters, field)) for field in ("places", "actors", "alignments", "documents"))]
