"""One event with every report of it: who said it happened, who denied it, in their words."""
import pandas as pd
import streamlit as st

from dashboard import downloads, links, paging, queries, tables
from dashboard.formatting import number, published_column, when


def show(event_id: str) -> None:
    event = queries.event(event_id)
    if event is None:
        st.error(f"No event {event_id!r} in the warehouse.")
        return
    st.subheader(event["summary"])
    facts = st.columns(4)
    facts[0].markdown(f"**When**  \n{when(event['date_start'], event['date_end'], event['date_precision'])}"
                      f" ({event['date_precision'] or 'no'} precision)")
    facts[1].markdown(f"**Where**  \n{event['place_name'] or 'unplaced'}")
    facts[2].markdown(f"**ACLED type**  \n{event['event_type']} / {event['sub_event_type']}")
    facts[3].markdown(f"**Reports**  \n{event['reports']} in {event['documents']} document(s)")
    downloads.reference_note([event_id])
    if event["contested"]:
        st.warning(f"Contested. Asserted by {', '.join(event['asserted_by'])}; "
                   f"denied by {', '.join(event['denied_by'])}.")
    actors = queries.event_actors(event_id)
    if not actors.empty:
        st.caption("Actors: " + "; ".join(f"{r.name} ({r.role})" for r in actors.itertuples()))
    first, last = paging.choose(int(event["reports"]), paging.EVENT_REPORTS, f"event_reports_{event_id}", "reports",
                                param=None)
    reports = queries.event_reports(event_id, first, last)
    reports["document"] = [links.document(d, r) for d, r in zip(reports.doc_id, reports.report_id)]
    reports["published_on"] = published_column(reports.published_on, reports.published_precision)
    tables.show(reports[["claimant", "alignment", "stance", "quote", "sentence", "outlet", "published_on", "document"]],
                column_config={"sentence": st.column_config.TextColumn(width="large"),
                               "document": st.column_config.LinkColumn("in the text", display_text="read →")})
    tolls = queries.event_tolls(event_id)
    if not tolls.empty:
        st.markdown("**Casualty figures for this event**, by the field's conventions")
        tolls["UCDP low / best / high"] = [f"{number(lo)} / {number(best)} / {number(hi)}"
                                           for lo, best, hi in zip(tolls.ucdp_low, tolls.ucdp_best, tolls.ucdp_high)]
        tables.show(tolls[["kind", "acled_lowest", "UCDP low / best / high", "grade", "grade_reason", "quantities",
                           "claimants"]],
                    column_config={"grade_reason": st.column_config.TextColumn(width="large")})
        claims = queries.event_claims(event_id)
        claims["claim"] = [links.claim(c) for c in claims.claim_id]
        tables.show(claims.drop(columns="claim_id"),
                    column_config={"sentence": st.column_config.TextColumn(width="large"),
                                   "claim": st.column_config.LinkColumn("claim", display_text="permalink")})


def choose(events: pd.DataFrame, key: str, clicked: str | None) -> str | None:
    """A select box over the events shown. The URL's `event` opens one when the page opens; a click
    on a chart (`clicked`, new since the last run) picks one; otherwise the box keeps its choice."""
    ids = list(events.event_id)
    labels = dict(zip(events.event_id, [f"{when(r.date_start, r.date_end, r.date_precision)}: {r.summary}"
                                        for r in events.itertuples()]))
    last_click = f"{key}_last_click"
    if clicked and clicked != st.session_state.get(last_click):
        st.session_state[last_click] = clicked
        if clicked in ids:
            st.session_state[key] = clicked
    elif key not in st.session_state:
        wanted = st.query_params.get("event")
        if wanted and wanted not in ids:
            st.warning(f"The event {wanted!r} in the link is not among the events shown (check the filters).")
        st.session_state[key] = wanted if wanted in ids else None
    elif st.session_state[key] not in ids:
        st.session_state[key] = None
    chosen = st.selectbox("Event", ids, index=None, format_func=labels.get, key=key,
                          placeholder="Choose an event, or click one on the chart")
    if chosen:
        st.query_params["event"] = chosen
    else:
        st.query_params.pop("event", None)
    return chosen
