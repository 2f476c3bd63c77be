"""Build the warehouse from the corpus (seeds/ unless CONFLICT_CORPUS says otherwise) when it is missing
(a fresh deployment has none)."""
import streamlit as st

from dashboard import settings
from etl.build import build
from etl.settings import REFERENCE_DIR


@st.cache_resource(show_spinner="Building the warehouse from the corpus ...")
def _build_once() -> None:
    if not settings.WAREHOUSE.exists():
        settings.WAREHOUSE.parent.mkdir(parents=True, exist_ok=True)
        build(settings.CORPUS, settings.WAREHOUSE, REFERENCE_DIR)


def ensure_warehouse() -> None:
    if not settings.WAREHOUSE.exists():
        _build_once.clear()
    _build_once()
