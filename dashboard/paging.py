"""A long list a page at a time, so that nothing a page draws grows with the corpus: a slider of pages
whose choice lives in the URL, and a line saying which rows are shown and how many are not."""
from collections.abc import Callable

from datetime import timedelta

import pandas as pd
import streamlit as st

PARAM = "page"  # the URL key of the page shown (1 is left out of the URL)

# How much one page draws at once, whatever the corpus holds; the rest is a page or a choice away.
COMPARISON_GROUPS = 20   # Claims: the ranked list of comparison groups
RANGE_ROWS = 30          # Claims: claims in one group's range chart (its table lists them all)
RECORD_ROWS = 30         # Claims: rows (claimant, kind, whose dead) of who runs high or low
CONTESTED_EVENTS = 8     # Claims: contested events, each with its reports
MATRIX_COLUMNS = 8       # Claims: comparison groups as the columns of the claimant × group matrix
MENTION_COLUMNS = 30     # Actors: documents as the columns of the actor × document mentions table
OVERVIEW_GROUPS = 15     # Overview: comparison groups where the sources disagree most
OVERVIEW_DOCUMENTS = 25  # Overview: documents, a page at a time
OVER_TIME_GROUPS = 4     # Claims: charts of figures over time
EVENT_REPORTS = 50       # Timeline: an event's reports (a war's main battle is reported thousands of times)
ACTOR_EVENTS = 50        # Actors: the events of the chosen actor
# Timeline: at most this many events, starting within this span of the page's first: an event years
# away from the others opens a page of its own instead of squeezing them into a sliver. A war's year
# or two fits one page, so the seeds' battle is seen whole, from its 2012 background to August 2013.
TIMELINE_EVENTS, TIMELINE_SPAN = 40, timedelta(days=731)


def even_pages(total: int, size: int) -> list[tuple[int, int]]:
    """Rows 1..total in pages of `size`: each page's first and last row (1-based, inclusive)."""
    return [(first, min(total, first + size - 1)) for first in range(1, total + 1, size)] or [(1, 0)]


def dated_pages(starts: pd.Series, size: int, span: timedelta) -> list[tuple[int, int]]:
    """Rows in date order (`starts`) in pages of at most `size` rows that start within `span` of the page's
    first: each page's first and last row (1-based, inclusive)."""
    starts = pd.to_datetime(starts).reset_index(drop=True)
    pages, first = [], 0
    for row, start in enumerate(starts):
        if row - first == size or start - starts[first] > span:
            pages.append((first + 1, row))
            first = row
    return pages + [(first + 1, len(starts))] if len(starts) else [(1, 0)]


def page_of(pages: list[tuple[int, int]], row: int) -> int:
    """The page (1-based) that holds `row` (1-based)."""
    return next((number for number, (first, last) in enumerate(pages, 1) if first <= row <= last), 1)


def show_page(key: str, page: int) -> None:
    """Open the list kept under `key` on `page` at its next drawing (a choice made elsewhere on the page)."""
    st.session_state[key] = page


def forget(*keys: str) -> None:
    """Start the lists kept under `keys` again from their first page (their ordering or contents changed)."""
    for key in keys:
        st.session_state.pop(key, None)
    st.query_params.pop(PARAM, None)


def choose_among(pages: list[tuple[int, int]], key: str, noun: str,
                 label: Callable[[int, int], str] | None = None, param: str | None = PARAM) -> tuple[int, int]:
    """The first and last row of the page the reader is on. A link opens the page its URL's `param` names
    (a list inside another's page, which has the URL's page, keeps its own out of the URL: param None); more
    than one page gets a slider whose marks are `label(first, last)` (by default the rows' numbers)."""
    label = label or (lambda first, last: f"{first:,}–{last:,}")
    if key not in st.session_state:
        wanted = st.query_params.get(param, "1") if param else "1"
        st.session_state[key] = int(wanted) if wanted.isdigit() else 1
    st.session_state[key] = min(max(1, int(st.session_state[key])), len(pages))  # the filters may have shortened it
    if len(pages) > 1:
        st.select_slider(f"Page of {noun}", options=list(range(1, len(pages) + 1)), key=key,
                         format_func=lambda page: label(*pages[page - 1]))
    page = st.session_state[key]
    if param and page > 1:
        st.query_params[param] = str(page)
    elif param:
        st.query_params.pop(param, None)
    first, last = pages[page - 1]
    if len(pages) > 1:
        total = pages[-1][1]
        st.caption(f"Showing {noun} {first:,}–{last:,} of {total:,} (page {page} of {len(pages)}); the other "
                   f"{total - (last - first + 1):,} are on the other pages of the slider above.")
    return first, last


def choose(total: int, size: int, key: str, noun: str, param: str | None = PARAM) -> tuple[int, int]:
    """`choose_among` pages of `size` rows out of `total`."""
    return choose_among(even_pages(total, size), key, noun, param=param)
