"""Timeline: events over time by ACLED type, date precision visible, contested events marked."""
import streamlit as st

from dashboard import charts, downloads, event_card, filters, queries

st.title("Timeline")
events = queries.events(filters.current())
if events.empty:
    st.info(filters.nothing("events"))
    st.stop()
undated = events.date_start.isna().sum()
st.caption("Each bar spans the days an event may have happened: a month-precision event covers its month, "
           "hatched; a day is solid. ⚑ and ✕ mark events some source denies. Click a bar to read every report of it."
           + (f" {undated} undated event(s) are not drawn." if undated else ""))
selection = st.plotly_chart(charts.timeline(events), on_select="rerun", selection_mode="points", key="timeline_chart")
clicked = next((point["customdata"][0] for point in (selection.selection.points if selection else [])
                if point.get("customdata")), None)
chosen = event_card.choose(events, "timeline_event", clicked)
if chosen:
    event_card.show(chosen)
st.divider()
downloads.control(("acled", "ucdp", "airwars", "events-geojson"), filters.current(), "timeline")
