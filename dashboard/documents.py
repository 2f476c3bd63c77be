"""Documents: read any article with its facts highlighted at their evidence; search every text.

Article text is always shown as text (see highlight.py). With the quotes-only setting, only the
sentences that carry facts are shown, never a whole article.
"""
import re

import streamlit as st

from dashboard import filters, highlight, links, queries, settings, tables
from dashboard.formatting import document_label, outlet, published

SNIPPET = 90  # characters of context either side of a search hit
FACT_KINDS = ("claim", "counted thing", "event report", "place mention", "actor mention")

st.title("Documents")
if settings.QUOTES_ONLY:
    st.info("This deployment shows only the sentences that carry facts, not whole articles.")
chosen = filters.current().documents
total = len(chosen) if chosen else int(queries.holdings()["documents"])
if not total:
    st.info(filters.nothing("documents"))
    st.stop()

if "documents_query" not in st.session_state:
    st.session_state["documents_query"] = st.query_params.get("q", "")
searched = st.text_input("Search the text of all documents", key="documents_query",
                         placeholder="a word or phrase, e.g. Hezbollah").strip()
if searched:
    st.query_params["q"] = searched
    found = queries.documents_containing(searched, settings.SEARCH_MAX_DOCUMENTS)
    if found.empty:
        st.info(f"No document contains “{searched}”.")
    for doc in found.itertuples():
        spans = [(m.start(), m.end()) for m in re.finditer(re.escape(searched), doc.text, re.IGNORECASE)]
        if settings.QUOTES_ONLY:
            sentences = queries.sentences_of(doc.doc_id)
            spans = [s for s in spans if ((sentences.sentence_start <= s[0]) & (sentences.sentence_end >= s[1])).any()]
            if not spans:
                continue
        with st.expander(f"{outlet(doc.outlet)}, {published(doc.published_on, doc.published_precision)}: {doc.title} ({len(spans)} hit(s))"):
            for start, end in spans[:20]:
                left = max(0, start - SNIPPET)
                marked = [{"char_start": start, "char_end": end, "fact_type": "claim",
                           "label": "search hit", "fact_id": None}]
                st.html(f'<div style="white-space:pre-wrap">…{highlight.render(doc.text[left:end + SNIPPET], left, marked)}…</div>')
            st.page_link("dashboard/documents.py", label="Read this document", query_params={"read": doc.doc_id})
else:
    st.query_params.pop("q", None)

# A warehouse at scale holds hundreds of thousands of documents: listing them all as choices would cost
# every visit seconds. The box offers the documents the filter chose, or else the document a link names
# and the first FILTER_MAX_DOCUMENTS in publication order; the search above finds the others.
wanted = st.query_params.get("read") or st.session_state.get("documents_read")
offered = queries.document_choices(chosen or ((wanted,) if wanted else ()), "",
                                   0 if chosen else settings.FILTER_MAX_DOCUMENTS)
labels = {r.doc_id: document_label(r.outlet, r.published_on, r.published_precision, r.title)
          for r in offered.itertuples()}
if total > len(labels):
    st.caption(f"The box offers the first {settings.FILTER_MAX_DOCUMENTS:,} of {total:,} documents in publication "
               "order, and any a link names: search the texts above to read another.")
# A link (from another page or a search hit) names the document to read, and maybe a fact in it.
doc_id, wanted = links.url_select("Read", "read", labels, "documents_read", "among those shown (check the filters)")
if doc_id != wanted:
    st.query_params.pop("fact", None)
focus = st.query_params.get("fact")

doc = queries.document(doc_id)
st.header(doc["title"])
meta = st.columns(4)
meta[0].markdown(f"**Outlet**  \n{doc['outlet'] or 'unknown'} ({doc['outlet_alignment'] or 'alignment unknown'})")
meta[1].markdown(f"**Published**  \n{published(doc['published_on'], doc['published_precision'])}"
                 f" ({doc['published_precision'] or 'unknown'} precision)")
meta[2].markdown(f"**Authors**  \n{', '.join(doc['authors']) if doc['authors'] is not None and len(doc['authors']) else 'not given'}")
meta[3].markdown(f"**File**  \n`{doc['file']}`, {doc['char_count']:,} characters")
st.caption(f"sha256 {doc['sha256']}" + (f" · {doc['url']}" if doc["url"] else "")
           + (f" · {doc['encoding_note']}" if doc["encoding_note"] else "")
           + ("" if doc["catalogued"] else " · not in the catalog"))

facts = queries.document_facts(doc_id)
spans = facts.to_dict("records")
st.html(f'<div style="font-size:.85em">Highlighted: {highlight.legend(FACT_KINDS)}. Hover a highlight for the fact; '
        f'grey boxes are not part of the article.</div>')
st.html(highlight.document(doc["text"], queries.document_parts(doc_id), spans, focus,
                           queries.sentences_of(doc_id) if settings.QUOTES_ONLY else None))

st.subheader("Facts in this document")
if facts.empty:
    st.info("No fact has been taken from this document yet.")
else:
    facts["quote"] = [doc["text"][s:e] for s, e in zip(facts.char_start, facts.char_end)]
    facts["open"] = [links.claim(f) if t == "claim" else None for f, t in zip(facts.fact_id, facts.fact_type)]
    tables.show(facts[["fact_type", "label", "quote", "char_start", "char_end", "open"]],
                column_config={"label": st.column_config.TextColumn("fact", width="large"),
                               "open": st.column_config.LinkColumn("claim", display_text="permalink")})
