"""Map: places sized by events and claims, coloured by what happened there, replayed day by day."""
import time
from datetime import date, timedelta

import streamlit as st

from dashboard import charts, downloads, filters, queries, settings, tables
from dashboard.formatting import place_texts, when


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
        if "map_day" not in st.session_state or not first <= st.session_state["map_day"] <= last:
            wanted, start = st.query_params.get("day"), last
            try:
                start = min(max(date.fromisoformat(wanted), first), last) if wanted else last
            except ValueError:
                st.warning(f"Ignored day {wanted!r} in the link: dates are written YYYY-MM-DD.")
            st.session_state["map_day"] = start
        # Playing steps to the next day on which an event starts or ends: a replay of what changed.
        changes = sorted({d.date() for d in dated.date_start} | {d.date() for d in dated.date_end})
        if st.session_state.get("map_playing"):
            following = [d for d in changes if d > st.session_state["map_day"]]
            if following:
                st.session_state["map_day"] = following[0]
            else:
                st.session_state["map_playing"] = False
        day = st.slider("Day", min_value=first, max_value=last, step=timedelta(days=1),
                        format="D MMM YYYY", key="map_day")
        st.query_params["day"] = day.isoformat()
        playing = st.session_state.get("map_playing", False)
        if st.button("Pause" if playing else "Play from here", icon=":material/pause:" if playing else ":material/play_arrow:"):
            st.session_state["map_playing"] = not playing
            st.rerun()
    else:
        st.query_params.pop("day", None)

places = place_texts(queries.map_places(chosen, day))
if places.empty:
    st.info(f"Nothing had happened at any place by {when(day)}." if day else filters.nothing("places with events or claims"))
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
tables.show(table, column_config={
    "where_prec": st.column_config.NumberColumn(help="UCDP where_prec: 1 exact place … 6 country"),
    "what_happened": st.column_config.TextColumn(width="large"),
    "figures": st.column_config.TextColumn("casualty claims", width="large")})
downloads.control(("places-geojson", "events-geojson"), chosen, "map", until=day)
if downloads.has_references():
    on_map = events[events.place_id.notna()]
    with st.expander("ACLED / UCDP coded, for the events on the map"):
        downloads.reference_table((on_map[on_map.date_start.dt.date <= day] if day else on_map).event_id)
if clicked:
    st.subheader(clicked["name"])
    st.text(clicked["what_happened"] or "No event here.")
    st.text(clicked["figures"] or "No casualty claim here.")
if st.session_state.get("map_playing") and day is not None:
    time.sleep(settings.MAP_REPLAY_SECONDS_PER_STEP)
    st.rerun()
