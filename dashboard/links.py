"""Permalinks: every claim, event, comparison and document has a URL that reopens it.

Relative links ("claims?claim=…"), so they work wherever the app is served from.
"""
from urllib.parse import urlencode

import streamlit as st


def _link(page: str, **params) -> str:
    return f"{page}?{urlencode({k: v for k, v in params.items() if v is not None})}"


def claim(claim_id: str) -> str:
    return _link("claims", claim=claim_id)


def comparison(group: str) -> str:
    return _link("claims", group=group)


def track_record(claimant_id: str, kind: str, victim_side: str) -> str:
    return _link("claims", section="track-record", record=f"{claimant_id}|{kind}|{victim_side}")


def event(event_id: str) -> str:
    return _link("timeline", event=event_id)


def document(doc_id: str, fact: str | None = None) -> str:
    return _link("documents", read=doc_id, fact=fact)


def url_select(label: str, param: str, labels: dict[str, str], key: str, unknown: str) -> tuple[str, str | None]:
    """A select box whose choice lives in the URL's `param`. A link opens it on the value it names (with a
    warning "No document ... {unknown}" when `labels` lacks it); a choice is written into the URL. The URL
    is followed only when it differs from what the box last wrote there: else the address of the run
    before would undo the choice just made. Returns the choice and what the URL asked for."""
    wanted = st.query_params.get(param)
    if wanted and wanted != st.session_state.get(f"{key}_in_url"):
        if wanted in labels:
            st.session_state[key] = wanted
        else:
            st.warning(f"No document {wanted!r} {unknown}.")
    if st.session_state.get(key) not in labels:
        st.session_state[key] = next(iter(labels))
    chosen = st.selectbox(label, list(labels), format_func=labels.get, key=key)
    st.query_params[param] = chosen
    st.session_state[f"{key}_in_url"] = chosen
    return chosen, wanted
