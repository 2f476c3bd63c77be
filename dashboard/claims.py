"""Claims: who says how many, side by side, with the field's conventions and the sentence behind each figure."""
import pandas as pd
import streamlit as st

from dashboard import charts, claim_card, downloads, filters, links, queries, tables
from dashboard.formatting import as_of_texts, number, published_column, when

SECTIONS = {"comparisons": "Comparisons", "track-record": "Who runs high or low", "contested": "Contested events",
            "matrix": "Claimant × comparison group", "over-time": "Figures over time"}
GRADE_RULE = ("Grade rule (first that applies): discounted if every latest figure is zero, or a source on neither "
              "side denies it and one side alone asserts it; confirmed if the side that would rather it were low says "
              "it; contested if a source denies it; fair if two or more independent claimants not all of one side; "
              "else weak.")
CONVENTIONS = ("Over each claimant's latest figure: ACLED keeps the lowest, UCDP gives low / best (median) / high; an "
               "open bound counts at its stated figure (\"up to 1,000\" is low 1,000).")


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
    focus = st.selectbox("Comparison group", options, index=None, key="claims_group",
                         placeholder="All comparison groups that two or more claimants put a figure in")
    if focus:
        st.query_params["group"] = focus
    else:
        st.query_params.pop("group", None)
    shown = groups[groups.comparison_group == focus] if focus else groups[groups.claimants >= 2]
    st.caption("Each bar is one claim, from its lower to its upper bound; a dotted bar is open-ended "
               "(\"more than\", \"up to\") and runs to the edge. Spread = highest ÷ lowest figure. "
               "Groups are made by a rule (docs/comparison.md); each claim says why it is in its group.")
    claims = as_of_texts(queries.group_claims(tuple(shown.comparison_group)))
    for group in shown.itertuples():
        rows = claims[claims.comparison_group == group.comparison_group].copy()
        st.subheader(f"{group.comparison_group}: {number(group.lowest)} to {number(group.highest)}"
                     + (f" (spread ×{group.spread:g})" if pd.notna(group.spread) else ""))
        chart, conventions = st.columns([3, 1])
        chart.plotly_chart(charts.claim_ranges(rows), key=f"ranges_{group.comparison_group}")
        conventions.metric("Grade (as Airwars)", group.grade)
        conventions.caption(group.grade_reason)
        conventions.metric("Spread (max ÷ min)", f"×{group.spread:g}" if pd.notna(group.spread) else "–")
        conventions.metric("ACLED-style (lowest)", number(group.lowest))
        conventions.markdown(f"**UCDP low / best / high**  \n{number(group.lowest)} / {number(group.best)}"
                             f" / {number(group.highest)}")
        conventions.caption(f"{group.claimants} claimant(s), {group.documents} document(s); alignments: "
                            + ", ".join(group.alignments))
        st.caption(GRADE_RULE + " " + CONVENTIONS)
        downloads.reference_note(rows.event_id.dropna(), with_summary=True)
        rows["link"] = [links.claim(c) for c in rows.claim_id]
        rows["why"] = [f"{reason} (confidence {confidence:.2f})" for reason, confidence
                       in zip(rows.group_reason, rows.group_confidence)]
        tables.show(rows[["claimant", "alignment", "figure_text", "range_text", "as_of_text", "outlet", "sentence",
                          "why", "link"]],
                    column_config={**CLAIM_TABLE, "why": st.column_config.TextColumn(
                        "why in this group", width="medium")}, key=f"claims_{group.comparison_group}")
        if group.claims >= 2:
            # A chart costs the browser Plotly's start: drawn where an estimate was revised or the group is chosen.
            toll_changes(group.comparison_group, chart=bool(focus) or group.claims > group.claimants)
    single = groups[groups.claimants < 2]
    if not focus and not single.empty:
        st.subheader("Figures only one claimant gives")
        single = single.assign(link=[links.comparison(g) for g in single.comparison_group])
        tables.show(single[["comparison_group", "kind", "grade", "who_says_what", "link"]],
                    column_config={"who_says_what": st.column_config.TextColumn("who says", width="large"),
                                   "link": st.column_config.LinkColumn("open", display_text="open →")})


def toll_changes(group: str, chart: bool) -> None:
    """How the toll changed: the figures in the order they were published, who revised whom."""
    steps = queries.revisions(group)
    st.markdown("**How the toll changed**" + ("" if chart else " (choose the comparison group above for the chart)"))
    if chart:
        st.plotly_chart(charts.toll_steps(steps), key=f"steps_{group}")
    steps["step"] = [
        f"{s}. {c} said {f}" + (f" (its own earlier {p} revised)" if isinstance(p, str) else " (first figure of its own)")
        for s, c, f, p in zip(steps.publication_step, steps.claimant, steps.figure_text, steps.supersedes_figure)]
    steps["link"] = [links.claim(c) for c in steps.claim_id]
    known = queries.claim_dates(tuple(steps.claim_id)).set_index("claim_id").loc[steps.claim_id]
    steps["published_on"] = published_column(known.published_on, known.published_precision)
    steps["as_of"] = published_column(known.as_of, known.as_of_precision)
    tables.show(steps[["step", "published_on", "as_of", "as_of_step", "outlet", "current", "sentence", "link"]],
                column_config={**CLAIM_TABLE, "as_of_step": st.column_config.NumberColumn()},
                key=f"steps_table_{group}")


def track_record_section() -> None:
    record = queries.track_record(chosen)
    if record.empty:
        st.info("No claimant puts a figure in a comparison group that another claimant also reports in (with the filters).")
        return
    st.caption("For each claimant, its current figure in every comparison group others also report in, divided by the median "
               "of the others' latest figures; by kind of toll and whose dead. Typical ratio = geometric mean; the "
               "interval is the mean of the logarithms ± 2 standard errors (two comparison groups or more). Above 1: it "
               "says more than the others; below 1: less.")
    record["interval"] = [f"{lo:.2f} – {hi:.2f}" if pd.notna(lo) else "–" for lo, hi in zip(record.ratio_low, record.ratio_high)]
    record["range"] = [f"{lo:.2f} – {hi:.2f}" for lo, hi in zip(record.lowest_ratio, record.highest_ratio)]
    st.plotly_chart(charts.track_record(record), key="track_record_chart")
    tables.show(
        record[["claimant", "victim_side", "kind", "typical_ratio", "leaning", "interval", "groups", "range", "alignment"]],
        key="track_record",
        column_config={"groups": "comparison groups", "typical_ratio": st.column_config.NumberColumn(format="×%.2f"),
                       "interval": "95 % interval", "range": "lowest – highest ratio"})
    labels = {f"{r.claimant_id}|{r.kind}|{r.victim_side}": f"{r.claimant} on {r.victim_side} {r.kind} (×{r.typical_ratio:.2f})"
              for r in record.itertuples()}
    if "claims_record" not in st.session_state:
        wanted = st.query_params.get("record")
        st.session_state["claims_record"] = wanted if wanted in labels else None
    chosen_row = st.selectbox("Open the claims behind a number", list(labels), format_func=labels.get, index=None,
                              key="claims_record", placeholder="Choose a claimant, kind and whose dead")
    if not chosen_row:
        st.query_params.pop("record", None)
        return
    st.query_params["record"] = chosen_row
    row = record[[f"{r.claimant_id}|{r.kind}|{r.victim_side}" == chosen_row for r in record.itertuples()]].iloc[0]
    st.subheader(f"{row.claimant} on {row.victim_side} {row.kind}: ×{row.typical_ratio:.2f} the others, {row.leaning}")
    claims = queries.track_record_claims(row.claimant_id, row.kind, row.victim_side)
    claims["link"] = [links.claim(c) for c in claims.claim_id]
    claims["compare"] = [links.comparison(g) for g in claims.comparison_group]
    tables.show(claims[["comparison_group", "figure_text", "others_say", "ratio", "sentence", "link", "compare"]],
                column_config={
                    "figure_text": "it says", "ratio": st.column_config.NumberColumn(format="×%.2f"),
                    "sentence": st.column_config.TextColumn("its sentence", width="large"),
                    "link": st.column_config.LinkColumn("claim", display_text="permalink"),
                    "compare": st.column_config.LinkColumn("comparison group", display_text="compare →")})


def contested_section() -> None:
    contested = queries.contested_events(chosen)
    if contested.empty:
        st.info("No event that matches the filters is denied by any source.")
        return
    st.caption("Events that at least one source denies, with who asserts and who denies, in their words.")
    reports = queries.contested_reports(tuple(contested.event_id))
    for event in contested.itertuples():
        st.subheader(f"{when(event.date_start, event.date_end, event.date_precision)}: {event.summary}")
        st.markdown(f"**Asserted by** {', '.join(event.asserted_by) or 'no source in these documents'} · "
                    f"**denied by** {', '.join(event.denied_by)}")
        tables.show(reports[reports.event_id == event.event_id][["claimant", "alignment", "stance", "quote"]],
                    column_config={"quote": st.column_config.TextColumn(width="large")})
        st.page_link("dashboard/timeline.py", label="Every report of this event", query_params={"event": event.event_id})


def matrix_section() -> None:
    claims = queries.claims(chosen)
    if claims.empty:
        st.info(filters.nothing("claims"))
        return
    st.caption("Rows: who makes the claim; columns: the comparison group. A cell is the claimant's figure as bounds.")
    claims["comparison group"] = claims.comparison_group.fillna(claims.kind + ": " + claims.victim_group)
    matrix = claims.pivot_table(index=["claimant", "alignment"], columns="comparison group", values="range_text",
                                aggfunc=lambda values: "; ".join(values)).reset_index()
    matrix = matrix.fillna("")  # a claimant silent on a comparison group: an empty cell, not the word None
    tables.show(matrix)


def over_time_section() -> None:
    claims = as_of_texts(queries.claims(chosen))
    repeated = claims.groupby("comparison_group").as_of.nunique()
    groups = list(repeated[repeated > 1].index)
    if not groups:
        st.info("No comparison group that matches the filters was reported on different days.")
        return
    for group in groups:
        rows = claims[claims.comparison_group == group]
        st.subheader(group)
        st.plotly_chart(charts.figures_over_time(rows), key=f"over_time_{group}")


{"comparisons": comparison_section, "track-record": track_record_section, "contested": contested_section, "matrix": matrix_section,
 "over-time": over_time_section}[section]()
st.divider()
downloads.control(("claims",), chosen, "claims")
