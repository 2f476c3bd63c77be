"""Map: places sized by events and claims, coloured by what happened there, replayed day by day."""
from datetime import date, timedelta

import streamlit as st

from dashboard import charts, filters, queries
from dashboard.formatting import when

st.title("Map")
chosen = filters.current()
events = queries.events(chosen)
dated = events.dropna(subset=["date_start"])
day = None
if not dated.empty:
    first, last = dated.date_start.min().date(), dated.date_end.max().date()
    replay = st.toggle("Replay day by day", key="map_replay",
                       value=st.query_params.get("day") is not None,
                       help="Show only what had happened by the chosen day; places active that day are outlined.")
    if replay and first < last:
        wanted = st.query_params.get("day")
        if "map_day" not in st.session_state and wanted:
            try:
                st.session_state["map_day"] = min(max(date.fromisoformat(wanted), first), last)
            except ValueError:
                st.warning(f"Ignored day {wanted!r} in the link: dates are written YYYY-MM-DD.")
        day = st.slider("Day", min_value=first, max_value=last, value=last, step=timedelta(days=1),
                        format="D MMM YYYY", key="map_day")
        st.query_params["day"] = day.isoformat()
    else:
        st.query_params.pop("day", None)

places = queries.map_places(chosen, day)
if places.empty:
    st.info("No place matches the filters" + (f" by {when(day)}." if day else "."))
    st.stop()
st.caption("Circle area grows with the events and casualty claims at a place; colour is its commonest ACLED event "
           "type (grey: only claims). Borders: Natural Earth. Hover a circle for what happened there."
           + (f" Showing what had happened by {when(day)}; places with an event under way that day are outlined."
              if day else ""))
picked = st.pydeck_chart(charts.place_map(places), on_select="rerun", selection_mode="single-object", key="map_chart")
clicked = (picked.selection.objects.get("places") or [None])[0] if picked else None
unplaced = int(events.place_id.isna().sum())
if unplaced:
    st.caption(f"{unplaced} event(s) have no place and are not on the map.")

st.subheader("Places")
table = places[["name", "events", "claims", "main_type", "contested", "where_prec", "what_happened", "figures"]]
st.dataframe(table, hide_index=True, column_config={
    "main_type": "commonest event type", "where_prec": st.column_config.NumberColumn(
        "where precision", help="UCDP where_prec: 1 exact place … 6 country"),
    "what_happened": st.column_config.TextColumn("events", width="large"),
    "figures": st.column_config.TextColumn("casualty claims", width="large")})
if clicked:
    st.subheader(clicked["name"])
    st.text(clicked["what_happened"] or "No event here.")
    st.text(clicked["figures"] or "No casualty claim here.")
