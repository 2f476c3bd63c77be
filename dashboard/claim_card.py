"""One claim, as its permalink shows it: the figure, who says it, the sentence, and who disagrees."""
import pandas as pd
import streamlit as st

from dashboard import downloads, formatting, highlight, links, queries, tables


def show(claim_id: str) -> None:
    claim = queries.claim(claim_id)
    if claim is None:
        st.error(f"No claim {claim_id!r} in the warehouse: the link may come from an older build.")
        return
    st.subheader(f"{claim['claimant']}: {claim['figure_text']} {claim['kind']}")
    facts = st.columns(4)
    facts[0].metric("Bounds", claim["range_text"])
    facts[1].markdown(f"**Victims**  \n{claim['victim_group']} ({claim['victim_class']})")
    facts[2].markdown(f"**As of**  \n{formatting.when(claim['as_of'], claim['as_of_until'], claim['as_of_precision'])}"
                      + ("" if not pd.isna(claim["date_start"]) else " (publication date)"))
    facts[3].markdown(f"**Claimant**  \n{claim['claimant']} ({claim['claimant_kind']}, {claim['alignment']})")
    st.caption(f"In {formatting.outlet(claim['outlet'])}, “{claim['document_title']}”"
               + (f"; about the event: {claim['event_summary']}" if claim["event_summary"] else "")
               + (f"; at {claim['place_name']}" if claim["place_name"] else ""))
    st.html(f'<blockquote style="margin:0;padding:.4em .8em;border-left:4px solid #c0392b">'
            f'{highlight.sentence(claim["sentence"], claim["sentence_start"], claim["char_start"], claim["char_end"], "claim")}'
            f'</blockquote>')
    if claim["event_id"]:
        downloads.reference_note([claim["event_id"]])
    go = st.columns(3)
    go[0].page_link("dashboard/documents.py", label="Read it in the document",
                    query_params={"read": claim["doc_id"], "fact": claim_id})
    if claim["event_id"]:
        go[1].page_link("dashboard/timeline.py", label="The event", query_params={"event": claim["event_id"]})
    if claim["comparison_group"]:
        go[2].page_link("dashboard/claims.py", label="Compare with the other claims",
                        query_params={"group": claim["comparison_group"]})
        others = formatting.as_of_texts(queries.group_claims((claim["comparison_group"],)))
        others = others[others.claim_id != claim_id]
        if not others.empty:
            st.markdown("**Other claims in the same comparison group**")
            others = others.assign(link=[links.claim(c) for c in others.claim_id])
            tables.show(others[["claimant", "alignment", "figure_text", "range_text", "as_of_text", "sentence", "link"]],
                        column_config={"sentence": st.column_config.TextColumn(width="large"),
                                       "link": st.column_config.LinkColumn("claim", display_text="permalink")})
