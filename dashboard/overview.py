"""Overview: what the warehouse holds, where sources disagree most, and the documents."""
import streamlit as st

from dashboard import queries

st.title("Conflicting reports: the fact base")
held = queries.holdings()
if not held["documents"]:
    st.info("The warehouse holds no documents yet. Add articles to the corpus folder and run `python -m etl build`.")
    st.stop()

columns = st.columns(4)
columns[0].metric("Documents", held["documents"])
columns[1].metric("Sources", held["sources"])
columns[2].metric("Casualty claims", held["claims"])
columns[3].metric("Events", held["events"])
if held["first_day"]:
    st.caption(f"Events dated from {held['first_day']:%d %B %Y} to {held['last_day']:%d %B %Y}.")

st.header("Where the sources disagree")
st.caption("Claims about the same quantity, side by side. Spread = highest figure / lowest figure.")
comparisons = queries.comparisons()
if comparisons.empty:
    st.info("No quantity is reported by two or more claimants yet.")
for group in comparisons.itertuples():
    st.subheader(f"{group.comparison_group}: {group.min_figure:,} to {group.max_figure:,} (spread ×{group.spread:g})")
    claims = queries.comparison_claims(group.comparison_group)
    st.dataframe(
        claims,
        hide_index=True,
        column_config={
            "figure_text": "figure as written",
            "range_text": "bounds",
            "as_of": st.column_config.DateColumn("as of"),
            "sentence": st.column_config.TextColumn("sentence", width="large"),
        },
    )

st.header("Documents")
st.dataframe(queries.documents(), hide_index=True,
             column_config={"published_on": st.column_config.DateColumn("published")})
