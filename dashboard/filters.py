"""The filters every page shares, kept in the URL so that any view can be shared as a link.

The sidebar widgets are drawn by the entry point on every page, so a choice survives moving
between pages. On the first run of a session the widgets take their values from the URL; after
that the widgets are the truth and the URL is rewritten from them on every run. Only values that
differ from "no filter" are written, so a plain link stays plain.

Which filters there are, their URL keys, labels and help texts are defined once, with the export
command's options (etl/export/filters.py, read through etl.review): a filter added there is in the
sidebar, the URL and the downloads. URL keys: from, to (ISO dates), place, actor, alignment, doc
(repeatable).
"""
from datetime import date

import streamlit as st

from dashboard import queries, settings
from dashboard.formatting import document_label
from etl.review import FILTERS, LISTS, Filters

# The list filters by their URL key: {"place": "places", ...}.
LIST_KEYS = {FILTERS[field].key: field for field in LISTS}
# The date range's two ends by their URL keys: "from", "to".
FROM_KEY, TO_KEY = FILTERS["date_from"].key, FILTERS["date_to"].key


def describe(filters: Filters, labels: dict[str, dict[str, str]] | None = None) -> str:
    """The filters in words; `labels` (as from `options`) turns ids into names."""
    labels = labels or {}
    parts = []
    if filters.date_from or filters.date_to:
        parts.append(f"dates {filters.date_from or '…'} to {filters.date_to or '…'}")
    for field in LISTS:
        if getattr(filters, field):
            names = [labels.get(field, {}).get(value, value) for value in getattr(filters, field)]
            parts.append(f"{FILTERS[field].label}: {', '.join(names)}")
    return "; ".join(parts)


def options(documents: tuple[str, ...] = (), words: str = "") -> dict[str, dict[str, str]]:
    """What each filter offers, by id, with the name a reader chooses by. Of the documents: those given
    (the ones chosen) and the first FILTER_MAX_DOCUMENTS whose title or outlet holds `words`."""
    choices = queries.filter_choices()
    places, actors = choices["places"], choices["actors"]
    offered = queries.document_choices(tuple(documents), words.strip(), settings.FILTER_MAX_DOCUMENTS)
    return {
        "places": dict(zip(places.place_id, places.name)),
        "actors": dict(zip(actors.actor_id, actors.name)),
        "alignments": {a: a for a in choices["alignments"].alignment},
        "documents": {d.doc_id: document_label(d.outlet, d.published_on, d.published_precision, d.title)
                      for d in offered.itertuples()},
    }


def _documents_asked() -> tuple[str, ...]:
    """The documents a run may have chosen: the widget's, the link's, or this session's last filters'."""
    if "filter_documents" in st.session_state:
        return tuple(st.session_state["filter_documents"])
    key = FILTERS["documents"].key
    if key in st.query_params:
        return tuple(st.query_params.get_all(key))
    return tuple(st.session_state.get("filters", Filters()).documents)


def _parse_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        st.warning(f"Ignored the date {text!r} in the link: dates are written YYYY-MM-DD.")
        return None


def _seed(options: dict[str, dict[str, str]], span: tuple[date, date]) -> None:
    """Give the widgets their values: from the URL when it names filters, else from this session's last
    filters (a page without the filters, like SQL, drops the widgets' state), else no filter."""
    if not any(key in st.query_params for key in (*LIST_KEYS, FROM_KEY, TO_KEY)):
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
    start = _parse_date(st.query_params.get(FROM_KEY)) or span[0]
    end = _parse_date(st.query_params.get(TO_KEY)) or span[1]
    st.session_state["filter_dates"] = (max(start, span[0]), min(end, span[1]))


def _write_url(filters: Filters, span: tuple[date, date]) -> None:
    for key, field in LIST_KEYS.items():
        values = list(getattr(filters, field))
        if values:
            st.query_params[key] = values
        else:
            st.query_params.pop(key, None)
    for key, value, default in ((FROM_KEY, filters.date_from, span[0]), (TO_KEY, filters.date_to, span[1])):
        if value and value != default:
            st.query_params[key] = value.isoformat()
        else:
            st.query_params.pop(key, None)


def _within(picked, span: tuple[date, date]) -> bool:
    """A rebuilt warehouse may have a shorter span than the range a session picked before."""
    return all(span[0] <= day <= span[1] for day in picked or ())


def sidebar() -> Filters:
    """Draw the filters in the sidebar, keep the URL in step, and return the current filters."""
    many = queries.holdings()["documents"] > settings.FILTER_MAX_DOCUMENTS
    words = st.session_state.get("filter_document_words", "") if many else ""
    choices = options(_documents_asked(), words)
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
        chosen = {}
        for field in LISTS:
            if field == "documents" and many:
                st.text_input("Find documents", key="filter_document_words", placeholder="words of a title or outlet",
                              help=f"The document filter below offers the first {settings.FILTER_MAX_DOCUMENTS} "
                                   "documents whose title or outlet holds these words, and those chosen.")
            chosen[field] = st.multiselect(FILTERS[field].label.capitalize(), options=list(choices[field]),
                                           key=f"filter_{field}", format_func=choices[field].get,
                                           help=FILTERS[field].help)
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
