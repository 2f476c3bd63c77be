"""Permalinks: every claim, event, comparison and document has a URL that reopens it.

Relative links ("claims?claim=…"), so they work wherever the app is served from.
"""
from urllib.parse import urlencode

import streamlit as st


def _link(page: str, **params) -> str:
    return f"{page}?{urlencode({k: v for k, v in params.items() if v is not None})}"


def claim(casualty_id: str) -> str:
    return _link("claims", claim=casualty_id)


def comparison(group: str) -> str:
    return _link("claims", group=group)


def event(event_id: str) -> str:
    return _link("timeline", event=event_id)


def document(doc_id: str, fact: str | None = None) -> str:
    return _link("documents", read=doc_id, fact=fact)


def seed_choice(param: str, state_key: str, options, unknown: str) -> str | None:
    """Let a link choose what the select box keyed `state_key` shows: the URL's `param` when it is one of
    `options` (else a warning: "No document ... {unknown}"), else the session's choice, else the first
    option. Returns what the URL asked for."""
    wanted = st.query_params.get(param)
    if wanted and wanted != st.session_state.get(state_key):
        if wanted in options:
            st.session_state[state_key] = wanted
        else:
            st.warning(f"No document {wanted!r} {unknown}.")
    if st.session_state.get(state_key) not in options:
        st.session_state[state_key] = next(iter(options))
    return wanted
