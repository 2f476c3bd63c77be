"""Timeline: events over time by ACLED type, date precision visible, contested events marked; a page of
events at a time, in date order, each page on its own days."""
import pandas as pd
import streamlit as st

from dashboard import charts, downloads, event_card, filters, paging, queries, tables
from dashboard.data import warehouse_signature
from dashboard.formatting import when

CHOICE = "timeline_event"


@st.cache_data(max_entries=32, show_spinner=False)
def _pages(chosen: filters.Filters, signature) -> tuple[list[tuple[int, int]], list[str]]:
    """The pages of the dated events the filters keep and each page's days in words ('2012 – 5 Aug 2013', each
    end no more precisely than its event is dated): cut once per filters and warehouse, not on every run (a
    warehouse of a million claims has thousands of pages)."""
    days = queries.event_days(chosen)
    pages = paging.dated_pages(days.date_start, paging.TIMELINE_EVENTS, paging.TIMELINE_SPAN) if len(days) else []
    spans = []
    for first, last in pages:
        rows = days.iloc[first - 1:last]
        opening, closing = rows.iloc[0], rows.loc[rows.date_end.idxmax()]  # a dated event has both ends
        start = when(opening.date_start, opening.date_start, opening.date_precision)
        end = when(closing.date_end, closing.date_end, closing.date_precision)
        spans.append(start if start == end else f"{start} – {end}")
    return pages, spans


st.title("Timeline")
chosen_filters = filters.current()
pages, spans = _pages(chosen_filters, warehouse_signature())
undated = queries.undated_events(chosen_filters)
if not pages and undated.empty:
    st.info(filters.nothing("events"))
    st.stop()

# An event chosen by a link, in the box or on the chart opens the page that draws it; moving to another
# page afterwards keeps the choice.
wanted = st.session_state[CHOICE] if CHOICE in st.session_state else st.query_params.get("event")
if wanted != st.session_state.get("timeline_paged_for"):
    st.session_state["timeline_paged_for"] = wanted
    row = queries.dated_event_row(chosen_filters, wanted) if wanted else None
    if row:
        paging.show_page("timeline_page", paging.page_of(pages, row))

st.caption("Each bar spans the days an event may have happened: a month-precision event covers its month, "
           "hatched; a day is solid. ⚑ and ✕ mark events some source denies. Events in date order, a page at a "
           "time, each page on its own days; hover a bar for the event's sentence, click it to read every report.")
clicked = None
if pages:
    label = dict(zip(pages, spans))
    first, last = paging.choose_among(pages, "timeline_page", "events", lambda first, last: label[(first, last)])
    page = queries.dated_events(chosen_filters, first, last)
    st.markdown(f"**{label[(first, last)]}**: {last - first + 1} event(s)")
    selection = st.plotly_chart(charts.timeline(page), on_select="rerun",
                                selection_mode="points", key="timeline_chart")
    clicked = next((point["customdata"][0] for point in (selection.selection.points if selection else [])
                    if point.get("customdata")), None)
if len(undated):
    with st.expander(f"{len(undated)} event(s) with no bar: no document gives a date for them"):
        tables.show(undated[["event_type", "place_name", "summary", "reports"]],
                    column_config={"summary": st.column_config.TextColumn(width="large")})
# The box offers the events of the page drawn (and those with no bar), not every event of the corpus, and
# the event chosen before, which moving to another page keeps.
shown = pd.concat([page if pages else undated.iloc[:0], undated,
                   queries.events_with_id(chosen_filters, wanted)]).drop_duplicates("event_id")
chosen = event_card.choose(shown, CHOICE, clicked)
if chosen:
    event_card.show(chosen)
st.divider()
downloads.control(("acled", "ucdp", "airwars", "events-geojson"), chosen_filters, "timeline")
