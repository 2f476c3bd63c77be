"""Map: places sized by events and claims, coloured by what happened there, replayed day by day."""
import time
from datetime import date, timedelta

import streamlit as st

from dashboard import borders, charts, downloads, filters, map_key, map_view, queries, settings, tables
from dashboard.formatting import place_texts, when


st.title("Map")
chosen = filters.current()
changes = queries.change_days(chosen)
day = None
if changes:
    first, last = changes[0], changes[-1]
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
points, areas = places[map_view.is_point(places)], places[~map_view.is_point(places)]
st.caption("Hover a circle for what happened there; click it for the list under the map."
           + (f" Showing what had happened by {when(day)}." if day else ""))
map_col, key_col = st.columns([3, 1], gap="medium")
clicked = None
with map_col:
    if points.empty:
        st.info("No place here is known more precisely than a governorate or region: there is nothing to draw as a "
                "point (the places are listed beside the map).")
    else:
        picked = st.pydeck_chart(map_view.place_map(points, charts.EVENT_TYPE_COLORS), on_select="rerun",
                                 selection_mode="single-object", key="map_chart")
        clicked = (picked.selection.objects.get("places") or [None])[0] if picked else None
with key_col:
    present = [t for t in charts.EVENT_TYPE_COLORS if t in set(points.main_type)]
    most = int((points.events + points.claims).max()) if len(points) else 1
    st.html(map_key.key_html(present, charts.EVENT_TYPE_COLORS, most, replaying=day is not None, areas=areas))
notes = [f"Borders: Natural Earth, at 1:10m for {', '.join(borders.countries())}; simplified elsewhere."]
unplaced = queries.unplaced_events(chosen)
if unplaced:
    notes.append(f"{unplaced} event(s) have no place and are not on the map.")
st.caption(" ".join(notes))
if clicked:
    st.subheader(clicked["name"])
    st.text(clicked["what_happened"] or "No event here.")
    st.text(clicked["figures"] or "No casualty claim here.")

st.subheader("Places")
table = places[["name", "events", "claims", "main_type", "contested", "where_prec", "what_happened", "figures"]]
tables.show(table, column_config={
    "where_prec": st.column_config.NumberColumn(help="UCDP where_prec: 1 exact place, 2 within 25 km, 3 district "
                                                     "(drawn as points); 4 governorate, 5 region, 6 country, 7 sea "
                                                     "(listed beside the map)"),
    "figures": "casualty claims"})
downloads.control(("places-geojson", "events-geojson"), chosen, "map", until=day)
if downloads.has_references():
    with st.expander("ACLED / UCDP coded, for the events on the map"):
        downloads.reference_table(queries.placed_event_ids(chosen, day))
if st.session_state.get("map_playing") and day is not None:
    time.sleep(settings.MAP_REPLAY_SECONDS_PER_STEP)
    st.rerun()
