"""Permalinks: every claim, event, comparison and document has a URL that reopens it.

Relative links ("claims?claim=…"), so they work wherever the app is served from.
"""
from urllib.parse import urlencode


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
