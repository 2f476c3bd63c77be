"""Claims: who says how many, side by side, with the field's conventions and the sentence behind each figure."""
import pandas as pd
import streamlit as st

from dashboard import charts, claim_card, downloads, filters, links, paging, queries, settings, tables
from dashboard.formatting import as_of_texts, number, published_column, when

SECTIONS = {"comparisons": "Comparisons", "track-record": "Who runs high or low", "contested": "Contested events",
            "matrix": "Claimant × comparison group", "over-time": "Figures over time"}
GRADE_RULE = ("Grade rule (first that applies): discounted if every current figure is zero, or a source on neither "
              "side denies the event while claimants of one side alone give the toll; confirmed if the side that would "
              "rather the toll were low concedes it; contested if a source denies the event; fair if two or more "
              "independent voices (claimants speaking for one actor count once) of both sides, or one of them "
              "international or independent; else weak.")
CONVENTIONS = ("Over each claimant's current figure: ACLED keeps the lowest, UCDP gives low / best (median) / high; an "
               "open bound counts at its stated figure (\"up to 1,000\" is low 1,000).")
RANKINGS = {"claimants": "most claimants first", "disagreement": "widest spread first"}
PAGED = ("claims_groups_page", "claims_record_page", "claims_contested_page", "claims_matrix_page",
         "claims_over_time_page")


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
                               label_visibility="collapsed", on_change=paging.forget, args=PAGED) or "comparisons"
st.query_params["section"] = section
CLAIM_TABLE = {
    "sentence": st.column_config.TextColumn("sentence", width="large"),
    "link": st.column_config.LinkColumn("claim", display_text="permalink"),
}


def comparison_section() -> None:
    counts = queries.comparison_counts(chosen)
    if not counts["ranked"]:
        st.info(filters.nothing("claims"))
        return
    wanted = st.session_state.get("claims_group") if "claims_group" in st.session_state else st.query_params.get("group")
    options = queries.comparison_group_names(chosen, wanted, settings.GROUP_CHOICES)
    if "claims_group" not in st.session_state:
        st.session_state["claims_group"] = wanted if wanted in options else None
    more = counts["ranked"] > len(options)
    focus = st.selectbox("Comparison group", options, index=None, key="claims_group",
                         placeholder="Choose a comparison group to draw its claims, or open one from the list below",
                         help=f"Offers the {settings.GROUP_CHOICES} groups with most claimants; the list below pages "
                              f"through all {counts['ranked']:,}." if more else None)
    if focus:
        st.query_params["group"] = focus
        group_view(focus)
    else:
        st.query_params.pop("group", None)
        group_list(counts)


def group_list(counts: dict) -> None:
    """The comparison groups a page at a time, ranked, each a link to its own view: an overview that stays
    one screen tall however many groups the corpus makes (`counts`: queries.comparison_counts)."""
    if "claims_rank" not in st.session_state:
        wanted = st.query_params.get("rank")
        st.session_state["claims_rank"] = wanted if wanted in RANKINGS else "claimants"
    ranking = st.segmented_control("Rank the comparison groups", list(RANKINGS), format_func=RANKINGS.get,
                                   key="claims_rank", on_change=paging.forget, args=PAGED) or "claimants"
    if ranking == "claimants":
        st.query_params.pop("rank", None)
    else:
        st.query_params["rank"] = ranking
    st.caption(f"{counts['compared']:,} of the {counts['ranked']:,} comparison groups that match the filters hold the "
               "figures of two or more claimants; the others one claimant's. A group holds the claims that measure one "
               "quantity (made by a rule, docs/comparison.md). Spread = highest ÷ lowest current figure. Open a group "
               "to draw its claims side by side with the sentence behind each.")
    first, last = paging.choose(counts["ranked"], paging.COMPARISON_GROUPS, "claims_groups_page",
                                "comparison groups")
    groups = queries.ranked_comparisons(chosen, ranking, first, last)
    groups["range"] = [f"{number(lo)} to {number(hi)}" for lo, hi in zip(groups.lowest, groups.highest)]
    groups["open"] = [links.comparison(g) for g in groups.comparison_group]
    tables.show(groups[["rank", "comparison_group", "claimants", "range", "spread_text", "grade", "open",
                        "who_says_what"]],
                column_config={"rank": st.column_config.NumberColumn("rank", width="small"),
                               "comparison_group": st.column_config.TextColumn(width="large"),
                               "claimants": st.column_config.NumberColumn(width="small"),
                               "spread_text": st.column_config.TextColumn("spread", width="medium"),
                               "grade": st.column_config.TextColumn(width="small"),
                               "who_says_what": st.column_config.TextColumn(width="large"),
                               "open": st.column_config.LinkColumn("claims", display_text="open →")},
                height=35 * (len(groups) + 1) + 3, key="claims_groups")


def group_view(focus: str) -> None:
    """One comparison group: every claim as a range beside the field's conventions, each claim's sentence and
    why it is in the group, and how the toll changed."""
    group = queries.group_summary(focus)
    rows = as_of_texts(queries.group_claims((focus,)))
    st.subheader(f"{focus}: {number(group['lowest'])} to {number(group['highest'])} (spread {group['spread_text']})")
    st.caption("Each bar is one claim, from its lower to its upper bound; a dotted bar is open-ended "
               "(\"more than\", \"up to\") and runs to the edge. Each claim says below why it is in the group.")
    chart, conventions = st.columns([3, 1])
    # A group can gather many claims on a large corpus: the chart keeps the current ones (one per claimant).
    drawn = rows if len(rows) <= paging.RANGE_ROWS else rows[rows.current].head(paging.RANGE_ROWS)
    chart.plotly_chart(charts.claim_ranges(drawn), key=f"ranges_{focus}")
    if len(drawn) < len(rows):
        chart.caption(f"Drawn: each claimant's current figure ({len(drawn):,} claims); not drawn: the other "
                      f"{len(rows) - len(drawn):,} of its {len(rows):,} claims. The table below lists every claim.")
    conventions.metric("Grade (as Airwars)", group["grade"])
    conventions.caption(group["grade_reason"])
    # In words, not as a metric: "more than ×1,000" is wider than the metric's big figures leave room for.
    conventions.markdown(f"**Spread (max ÷ min)**  \n{group['spread_text']}")
    if isinstance(group["spread_note"], str):
        conventions.caption(group["spread_note"])
    conventions.metric("ACLED-style (lowest)", number(group["lowest"]))
    conventions.markdown(f"**UCDP low / best / high**  \n{number(group['lowest'])} / {number(group['best'])}"
                         f" / {number(group['highest'])}")
    conventions.caption(f"{group['claimants']} claimant(s), {group['documents']} document(s); alignments: "
                        + ", ".join(group["alignments"]))
    st.caption(GRADE_RULE + " " + CONVENTIONS)
    downloads.reference_note(rows.event_id.dropna(), with_summary=True)
    rows["link"] = [links.claim(c) for c in rows.claim_id]
    rows["why"] = [f"{reason} (confidence {confidence:.2f})" for reason, confidence
                   in zip(rows.group_reason, rows.group_confidence)]
    tables.show(rows[["claimant", "alignment", "figure_text", "range_text", "as_of_text", "outlet", "sentence",
                      "why", "link"]],
                column_config={**CLAIM_TABLE, "why": st.column_config.TextColumn(
                    "why in this group", width="medium")}, key=f"claims_{focus}")
    if group["claims"] >= 2:
        toll_changes(focus)


def toll_changes(group: str) -> None:
    """How the toll changed: the figures in the order they were published, who revised whom."""
    steps = queries.revisions(group)
    st.markdown("**How the toll changed**")
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
    first, last = paging.choose(len(record), paging.RECORD_ROWS, "claims_record_page",
                                "rows (claimant, kind, whose dead)")
    shown = record.iloc[first - 1:last]
    st.plotly_chart(charts.track_record(shown), key="track_record_chart")
    tables.show(
        shown[["claimant", "victim_side", "kind", "typical_ratio", "leaning", "interval", "groups", "range", "alignment"]],
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
    first, last = paging.choose(len(contested), paging.CONTESTED_EVENTS, "claims_contested_page", "contested events")
    contested = contested.iloc[first - 1:last]
    reports = queries.contested_reports(tuple(contested.event_id))
    for event in contested.itertuples():
        st.subheader(f"{when(event.date_start, event.date_end, event.date_precision)}: {event.summary}")
        st.markdown(f"**Asserted by** {', '.join(event.asserted_by) or 'no source in these documents'} · "
                    f"**denied by** {', '.join(event.denied_by)}")
        tables.show(reports[reports.event_id == event.event_id][["claimant", "alignment", "stance", "quote"]],
                    column_config={"quote": st.column_config.TextColumn(width="large")})
        st.page_link("dashboard/timeline.py", label="Every report of this event", query_params={"event": event.event_id})


def matrix_section() -> None:
    total = queries.comparison_counts(chosen)["ranked"]
    if not total:
        st.info(filters.nothing("claims"))
        return
    st.caption("Rows: who makes the claim; columns: the comparison groups, most claimants first. A cell is the "
               "claimant's figures in that group as bounds, earliest first.")
    first, last = paging.choose(total, paging.MATRIX_COLUMNS, "claims_matrix_page", "comparison groups (columns)")
    groups = tuple(queries.ranked_comparisons(chosen, "claimants", first, last).comparison_group)
    matrix = queries.claimant_matrix(chosen, groups)
    tables.show(matrix.fillna(""))  # a claimant silent on a comparison group: an empty cell, not the word None


def over_time_section() -> None:
    groups = queries.groups_reported_on_different_days(chosen)
    if not groups:
        st.info("No comparison group that matches the filters was reported on different days.")
        return
    first, last = paging.choose(len(groups), paging.OVER_TIME_GROUPS, "claims_over_time_page", "comparison groups")
    for group in groups[first - 1:last]:
        st.subheader(group)
        st.plotly_chart(charts.figures_over_time(as_of_texts(queries.group_claims((group,)))),
                        key=f"over_time_{group}")


{"comparisons": comparison_section, "track-record": track_record_section, "contested": contested_section, "matrix": matrix_section,
 "over-time": over_time_section}[section]()
st.divider()
downloads.control(("claims",), chosen, "claims")
