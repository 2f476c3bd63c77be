"""Overview: what the warehouse holds, where sources disagree most, a small timeline and map, the documents."""
import streamlit as st

from dashboard import charts, filters, links, paging, queries, small_map, tables
from dashboard.formatting import number, place_texts, published_column, when

st.title("Conflicting reports: the fact base")
held = queries.holdings()
if not held["documents"]:
    st.info("The warehouse holds no documents yet. Add articles to the corpus folder and run `python -m etl build`.")
    st.stop()
chosen = filters.current()

columns = st.columns(5)
columns[0].metric("Documents", held["documents"])
columns[1].metric("Sources", held["sources"])
columns[2].metric("Casualty claims", held["claims"])
columns[3].metric("Events", held["events"])
columns[4].metric("Contested events", held["contested"])
nav = st.columns(5)
nav[0].page_link("dashboard/documents.py", label="Read the documents")
nav[2].page_link("dashboard/claims.py", label="Compare the claims")
nav[3].page_link("dashboard/timeline.py", label="Events on the timeline")
nav[4].page_link("dashboard/claims.py", label="Who denies what", query_params={"section": "contested"})
if held["first_day"] is not None:
    st.caption(f"Events dated from {when(held['first_day'])} to {when(held['last_day'])}; "
               f"{held['reports']} reports of them. Counts are of the whole warehouse; the sections below follow the filters.")
if chosen.active():
    st.info(f"Filtered by {filters.describe(chosen, filters.options(chosen.documents))}.")

st.header("Where the sources disagree most")
st.caption("Comparison groups (the claims that measure one quantity) that two or more claimants put a figure in, widest disagreement first. "
           "Spread = highest figure ÷ lowest figure; grade as Airwars grades (confirmed, fair, weak, contested, "
           "discounted; the rule is on the Claims page). Open a row's link for every claim, its sentence and how "
           "the toll changed.")
# The widest disagreements only: the Claims page ranks every group, a page at a time.
comparisons = queries.ranked_comparisons(chosen, "disagreement", 1, paging.OVERVIEW_GROUPS)
comparisons = comparisons[comparisons.claimants >= 2]
compared = queries.comparison_counts(chosen)["compared"]
if comparisons.empty:
    st.info("No comparison group reported by two or more claimants matches the filters.")
else:
    if compared > len(comparisons):
        st.caption(f"The {len(comparisons)} widest of {compared:,} groups two or more claimants report; the "
                   f"Claims page ranks them all.")
    comparisons["open"] = [links.comparison(g) for g in comparisons.comparison_group]
    comparisons["range"] = [f"{number(lo)} – {number(hi)}" for lo, hi in
                            zip(comparisons.lowest, comparisons.highest)]
    tables.show(
        comparisons[["comparison_group", "kind", "claimants", "range", "spread_text", "grade", "who_says_what", "open"]],
        column_config={
            "spread_text": "spread",
            "who_says_what": st.column_config.TextColumn(width="large"),
            "open": st.column_config.LinkColumn("claims", display_text="compare →"),
        },
    )

leaning = queries.track_record(chosen)
leaning = leaning[leaning.leaning.isin(["runs high", "runs low"])]
if not leaning.empty:
    st.subheader("Who runs high or low")
    st.caption("Claimants whose current figures sit above or below the other claimants' in two or more shared "
               "comparison groups, by kind of toll and whose dead (the whole 95 % interval of the ratio on one side of 1).")
    leaning = leaning.assign(
        ratio=[f"×{t:.2f} ({lo:.2f} – {hi:.2f})" for t, lo, hi in zip(leaning.typical_ratio, leaning.ratio_low, leaning.ratio_high)],
        open=[links.track_record(s, k, v) for s, k, v in zip(leaning.claimant_id, leaning.kind, leaning.victim_side)])
    tables.show(leaning[["claimant", "alignment", "victim_side", "kind", "leaning", "ratio", "groups", "open"]],
                column_config={"groups": "comparison groups", "ratio": "ratio to the others (95 %)",
                               "open": st.column_config.LinkColumn("claims", display_text="the claims →")})

@st.cache_data(max_entries=64, show_spinner=False)
def _small_map(places) -> str:
    return small_map.svg(places, charts.EVENT_TYPE_COLORS)  # the same places give the same picture


left, right = st.columns(2)
months = queries.events_by_month(chosen)
with left:
    st.subheader("Events by month")
    if months.empty:
        st.info(filters.nothing("events"))
    else:
        st.plotly_chart(charts.events_per_month(months), key="overview_timeline")
        st.page_link("dashboard/timeline.py", label="Open the timeline")
with right:
    st.subheader("Where")
    places = place_texts(queries.map_places(chosen))
    if places.empty:
        st.info(filters.nothing("places with events or claims"))
    else:
        # A static picture (dashboard/small_map.py says why); the Map page is the one to explore.
        st.image(_small_map(places), width="stretch")
        st.caption("Circle area: events and claims at the place; colour: its commonest event type; the busiest "
                   "places named. The Map page has every place's events and figures.")
        st.page_link("dashboard/map.py", label="Open the map")

st.header("Documents")
first, last = paging.choose(queries.document_count(chosen), paging.OVERVIEW_DOCUMENTS, "overview_documents",
                            "documents")
docs = queries.documents(chosen, first, last)
docs["published"] = published_column(docs.published_on, docs.published_precision)
docs["read"] = [links.document(d) for d in docs.doc_id]
tables.show(docs[["published", "outlet", "outlet_alignment", "title", "claims", "event_reports", "read"]],
            column_config={"read": st.column_config.LinkColumn("text", display_text="read →")})
