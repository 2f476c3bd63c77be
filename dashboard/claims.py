"""Claims: who says how many, side by side, with the field's conventions and the sentence behind each figure."""
import pandas as pd
import streamlit as st

from dashboard import charts, claim_card, downloads, filters, links, queries
from dashboard.formatting import number, when

SECTIONS = {"comparisons": "Comparisons", "contested": "Contested events", "matrix": "Claimant × topic",
            "over-time": "Figures over time"}

st.title("Claims: who says how many")
chosen = filters.current()
claim_id = st.query_params.get("claim")
if claim_id:
    claim_card.show(claim_id)
    st.divider()

if "claims_section" not in st.session_state:
    wanted = st.query_params.get("section", "comparisons")
    st.session_state["claims_section"] = wanted if wanted in SECTIONS else "comparisons"
section = st.segmented_control("Section", list(SECTIONS), format_func=SECTIONS.get, key="claims_section",
                               label_visibility="collapsed") or "comparisons"
st.query_params["section"] = section
CLAIM_TABLE = {
    "range_text": "bounds", "figure_text": "as written", "as_of_text": "as of",
    "sentence": st.column_config.TextColumn("sentence", width="large"),
    "link": st.column_config.LinkColumn("claim", display_text="permalink"),
}


def comparison_section() -> None:
    groups = queries.comparisons(chosen, min_claimants=1)
    if groups.empty:
        st.info(filters.nothing("claims"))
        return
    options = list(groups.comparison_group)
    if "claims_group" not in st.session_state:
        wanted = st.query_params.get("group")
        st.session_state["claims_group"] = wanted if wanted in options else None
    focus = st.selectbox("Quantity", options, index=None, key="claims_group",
                         placeholder="All quantities that two or more claimants put a figure on")
    if focus:
        st.query_params["group"] = focus
    else:
        st.query_params.pop("group", None)
    shown = groups[groups.comparison_group == focus] if focus else groups[groups.claimants >= 2]
    st.caption("Each bar is one claim, from its lower to its upper bound; a dotted bar is open-ended "
               "(\"more than\", \"up to\") and runs to the edge. Spread = highest ÷ lowest figure. "
               "ACLED keeps the lowest figure; UCDP gives low / best (median) / high.")
    claims = queries.group_claims(tuple(shown.comparison_group))
    for group in shown.itertuples():
        rows = claims[claims.comparison_group == group.comparison_group].copy()
        st.subheader(f"{group.comparison_group}: {number(group.min_figure)} to {number(group.max_figure)}"
                     + (f" (spread ×{group.spread:g})" if pd.notna(group.spread) else ""))
        chart, conventions = st.columns([3, 1])
        chart.plotly_chart(charts.claim_ranges(rows), key=f"ranges_{group.comparison_group}")
        first = rows.iloc[0]
        conventions.metric("Spread (max ÷ min)", f"×{group.spread:g}" if pd.notna(group.spread) else "–")
        conventions.metric("ACLED-style (lowest)", number(first.acled_lowest))
        conventions.markdown(f"**UCDP low / best / high**  \n{number(first.ucdp_low)} / {number(first.ucdp_best)}"
                             f" / {number(first.ucdp_high)}")
        conventions.caption(f"{group.claimants} claimant(s), {group.documents} document(s); alignments: "
                            + ", ".join(group.alignments))
        downloads.reference_note(rows.event_id.dropna(), with_summary=True)
        rows["link"] = [links.claim(c) for c in rows.casualty_id]
        st.dataframe(rows[["claimant", "alignment", "figure_text", "range_text", "as_of_text", "outlet", "sentence", "link"]],
                     hide_index=True, column_config=CLAIM_TABLE, key=f"claims_{group.comparison_group}")
    single = groups[groups.claimants < 2]
    if not focus and not single.empty:
        st.subheader("Figures only one claimant gives")
        single = single.assign(link=[links.comparison(g) for g in single.comparison_group])
        st.dataframe(single[["comparison_group", "kind", "who_says_what", "link"]], hide_index=True,
                     column_config={"comparison_group": "quantity",
                                    "who_says_what": st.column_config.TextColumn("who says", width="large"),
                                    "link": st.column_config.LinkColumn("open", display_text="open →")})


def contested_section() -> None:
    contested = queries.contested_events(chosen)
    if contested.empty:
        st.info("No event that matches the filters is denied by any source.")
        return
    st.caption("Events that at least one source denies, with who asserts and who denies, in their words.")
    reports = queries.contested_reports(tuple(contested.event_id))
    for event in contested.itertuples():
        st.subheader(f"{when(event.date_start, event.date_end, event.date_precision)}: {event.summary}")
        st.markdown(f"**Asserted by** {', '.join(event.asserted_by)} · **denied by** {', '.join(event.denied_by)}")
        st.dataframe(reports[reports.event_id == event.event_id][["source", "alignment", "stance", "quote"]],
                     hide_index=True, column_config={"quote": st.column_config.TextColumn("quote", width="large")})
        st.page_link("dashboard/timeline.py", label="Every report of this event", query_params={"event": event.event_id})


def matrix_section() -> None:
    claims = queries.claims(chosen)
    if claims.empty:
        st.info(filters.nothing("claims"))
        return
    st.caption("Rows: who makes the claim; columns: the quantity. A cell is the claimant's figure as bounds.")
    claims["topic"] = claims.comparison_group.fillna(claims.kind + ": " + claims.victim_group)
    matrix = claims.pivot_table(index=["claimant", "alignment"], columns="topic", values="range_text",
                                aggfunc=lambda values: "; ".join(values)).reset_index()
    st.dataframe(matrix, hide_index=True)


def over_time_section() -> None:
    claims = queries.claims(chosen)
    repeated = claims.groupby("comparison_group").as_of.nunique()
    groups = list(repeated[repeated > 1].index)
    if not groups:
        st.info("No quantity that matches the filters was reported on different days.")
        return
    for group in groups:
        rows = claims[claims.comparison_group == group]
        st.subheader(group)
        st.plotly_chart(charts.figures_over_time(rows), key=f"over_time_{group}")


{"comparisons": comparison_section, "contested": contested_section, "matrix": matrix_section,
 "over-time": over_time_section}[section]()
st.divider()
downloads.control(("claims",), chosen, "claims")
