"""The filters every page shares, kept in the URL so that any view can be shared as a link.

The sidebar widgets are drawn by the entry point on every page, so a choice survives moving
between pages. On the first run of a session the widgets take their values from the URL; after
that the widgets are the truth and the URL is rewritten from them on every run. Only values that
differ from "no filter" are written, so a plain link stays plain.

URL keys: from, to (ISO dates), place, actor, alignment, doc (repeatable).
"""
from dataclasses import dataclass
from datetime import date

import streamlit as st

from dashboard import queries
from dashboard.formatting import document_label

LIST_KEYS = {"place": "places", "actor": "actors", "alignment": "alignments", "doc": "documents"}


@dataclass(frozen=True)
class Filters:
    date_from: date | None = None
    date_to: date | None = None
    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    alignments: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()

    def active(self) -> bool:
        return self != Filters()

    def describe(self, labels: dict[str, dict[str, str]] | None = None) -> str:
        """The filters in words; `labels` (as from `options`) turns ids into names."""
        labels = labels or {}
        parts = []
        if self.date_from or self.date_to:
            parts.append(f"dates {self.date_from or '…'} to {self.date_to or '…'}")
        for field, label in (("places", "places"), ("actors", "actors"), ("alignments", "alignment"),
                             ("documents", "documents")):
            if getattr(self, field):
                names = [labels.get(field, {}).get(value, value) for value in getattr(self, field)]
                parts.append(f"{label}: {', '.join(names)}")
        return "; ".join(parts)


def options() -> dict[str, dict[str, str]]:
    """What each filter offers, by id, with the name a reader chooses by."""
    choices = queries.filter_choices()
    places, actors, documents = choices["places"], choices["actors"], choices["documents"]
    return {
        "places": dict(zip(places.place_id, places.name)),
        "actors": dict(zip(actors.actor_id, actors.name)),
        "alignments": {a: a for a in choices["alignments"].alignment},
        "documents": {d.doc_id: document_label(d.outlet, d.published_on, d.published_precision, d.title)
                      for d in documents.itertuples()},
    }


def _parse_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        st.warning(f"Ignored the date {text!r} in the link: dates are written YYYY-MM-DD.")
        return None


def _seed(options: dict[str, dict[str, str]], span: tuple[date, date]) -> None:
    """Give the widgets their values: from the URL when it names filters, else from this session's last
    filters (a page without the filters, like SQL, drops the widgets' state), else no filter."""
    if not any(key in st.query_params for key in (*LIST_KEYS, "from", "to")):
        last = st.session_state.get("filters", Filters())
        for field in LIST_KEYS.values():
            st.session_state[f"filter_{field}"] = [v for v in getattr(last, field) if v in options[field]]
        st.session_state["filter_dates"] = (last.date_from or span[0], last.date_to or span[1])
        return
    for key, field in LIST_KEYS.items():
        wanted = st.query_params.get_all(key)
        known = [value for value in wanted if value in options[field]]
        unknown = sorted(set(wanted) - set(known))
        if unknown:
            st.warning(f"Ignored {key} {', '.join(map(repr, unknown))} in the link: not in the warehouse.")
        st.session_state[f"filter_{field}"] = known
    start = _parse_date(st.query_params.get("from")) or span[0]
    end = _parse_date(st.query_params.get("to")) or span[1]
    st.session_state["filter_dates"] = (max(start, span[0]), min(end, span[1]))


def _write_url(filters: Filters, span: tuple[date, date]) -> None:
    for key, field in LIST_KEYS.items():
        values = list(getattr(filters, field))
        if values:
            st.query_params[key] = values
        else:
            st.query_params.pop(key, None)
    for key, value, default in (("from", filters.date_from, span[0]), ("to", filters.date_to, span[1])):
        if value and value != default:
            st.query_params[key] = value.isoformat()
        else:
            st.query_params.pop(key, None)


def _within(picked, span: tuple[date, date]) -> bool:
    """A rebuilt warehouse may have a shorter span than the range a session picked before."""
    return all(span[0] <= day <= span[1] for day in picked or ())


def sidebar() -> Filters:
    """Draw the filters in the sidebar, keep the URL in step, and return the current filters."""
    choices = options()
    span = queries.date_span()
    if span is None:
        st.session_state["filters"] = Filters()
        return Filters()
    if "filter_dates" not in st.session_state or not _within(st.session_state["filter_dates"], span):
        _seed(choices, span)
    with st.sidebar:
        st.header("Filters")
        picked = st.date_input("Dates", min_value=span[0], max_value=span[1], key="filter_dates",
                               help="Events whose dates overlap this range; claims whose figure refers to it.")
        chosen = {field: st.multiselect(label, options=list(choices[field]), key=f"filter_{field}",
                                        format_func=choices[field].get, help=help_text)
                  for field, label, help_text in (
                      ("places", "Places", "Events and claims at these places."),
                      ("actors", "Actors", "Events these actors take part in; claims about those events or by them."),
                      ("alignments", "Source alignment", "Events reported, and claims made, by sources of this alignment."),
                      ("documents", "Documents", "Events reported, and claims made, in these documents."))}
    # A range being picked arrives as a 1-tuple until its second day is chosen.
    start, end = (tuple(picked) + (None, None))[:2] if isinstance(picked, (tuple, list)) else (picked, None)
    filters = Filters(
        date_from=start if start and start != span[0] else None,
        date_to=end if end and end != span[1] else None,
        **{field: tuple(values) for field, values in chosen.items()},
    )
    _write_url(filters, span)
    st.session_state["filters"] = filters
    return filters


def current() -> Filters:
    return st.session_state.get("filters", Filters())


def nothing(things: str) -> str:
    """What an empty section says: the filters are why, or the warehouse has none yet."""
    if current().active():
        return f"No {things} match the filters. Widen the dates or clear a filter in the sidebar."
    return f"The warehouse holds no {things} yet: add articles to the corpus folder and run `python -m etl build`."
