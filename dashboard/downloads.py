"""What a page shows, to take away in the field's formats; and what ACLED and UCDP coded for an event.

The files are made by `python -m etl export` itself, run as a command from the page's own filters,
only when the reader clicks: a page run pays nothing for them, and a download is the command line's
file byte for byte. The notes read the views
`event_reference_codings` and `reference_matches`, filled when the warehouse was built with
`--compare-with` (a reader's own ACLED or UCDP file); without such a file the pages show no note.
"""
from datetime import date
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from dashboard import settings
from dashboard.data import query, warehouse_signature
from dashboard.filters import Filters
from etl import review

FILE_NAMES = {"acled": "acled-compatible.csv", "ucdp": "ucdp-ged-compatible.csv", "airwars": "airwars-style-ranges.csv",
              "events-geojson": "events.geojson", "places-geojson": "places.geojson", "claims": "claims.csv"}


def _base_url() -> str:
    """The app's address, so that a claim's permalink in a downloaded file opens it here."""
    try:
        parts = urlsplit(st.context.url)
    except Exception:  # noqa: BLE001 - no browser address (a bare run): relative links
        return ""
    if not parts.scheme or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}{parts.path.rsplit('/', 1)[0]}/"


def _export_filters(filters: Filters, until: date | None) -> Filters:
    return filters.ending_by(until)  # the map replayed to a day shows what had happened by then


def _maker(fmt: str, filters: Filters, signature: tuple, base_url: str):
    """The file, made when the reader clicks (on Streamlit's download thread, outside the page's run)."""
    def make() -> bytes:
        return review.export(signature[0], fmt, filters, base_url, settings.EXPORT_TIMEOUT_SECONDS)
    return make


BUTTON_LABELS = {"acled": "ACLED CSV", "ucdp": "UCDP GED CSV", "airwars": "Airwars-style ranges",
                 "events-geojson": "GeoJSON of events", "places-geojson": "GeoJSON of places and claims",
                 "claims": "Claims CSV"}


def control(formats: tuple[str, ...], filters, key: str, until: date | None = None) -> None:
    """One download button per format, for the rows the page shows under its filters. Buttons, not a
    choice box: the files cost nothing until clicked, and a page's own choice boxes stay its only ones."""
    chosen = _export_filters(filters, until)
    signature, base_url = warehouse_signature(), _base_url()
    st.markdown("**Download what this page shows**")
    with st.container(horizontal=True):
        for fmt in formats:
            st.download_button(BUTTON_LABELS[fmt], _maker(fmt, chosen, signature, base_url), file_name=FILE_NAMES[fmt],
                               mime=review.EXPORT_FORMATS[fmt].mime, icon=":material/download:", key=f"{key}_{fmt}",
                               on_click="ignore", help=review.EXPORT_FORMATS[fmt].label)
    note = ("The rows the filters in the sidebar select, as `python -m etl export` writes them; docs/exports.md "
            "says what each column means.")
    if "ucdp" in formats:
        note += (" UCDP GED: only events with a killed figure are rows, as in GED; UCDP's own ids, active_year, "
                 "code_status, adm_2 and gwnob are left empty.")
    st.caption(note)


@st.cache_data(show_spinner=False, max_entries=8)
def _has_references(signature) -> bool:
    has = query("SELECT (SELECT count(*) FROM reference_acled_events) + (SELECT count(*) FROM reference_ucdp_events) AS n")
    return bool(int(has.n.iloc[0]))


def has_references() -> bool:
    """Whether the warehouse was built with a reader's ACLED or UCDP file to compare with."""
    return _has_references(warehouse_signature())


@st.cache_data(show_spinner=False, max_entries=256)
def _codings(signature, event_ids: tuple[str, ...]) -> tuple[bool, pd.DataFrame, pd.DataFrame]:
    if not _has_references(signature):
        return False, pd.DataFrame(), pd.DataFrame()
    codings = query("""
        SELECT r.event_id, e.summary, r.coded_text FROM event_reference_codings r JOIN events e USING (event_id)
        WHERE list_contains(?, r.event_id) ORDER BY e.date_start, r.event_id""", [list(event_ids)])
    matches = query("""
        SELECT event_id, dataset, reference_id, reference_location, days_apart, distance_km
        FROM reference_matches WHERE list_contains(?, event_id)""", [list(event_ids)])
    return True, codings, matches


def _plain(text: str) -> str:
    """Text from a reader's file or a coder, shown as the characters written: no Markdown, links, colours or maths."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!<>:$~|" else ch for ch in str(text))


def _matched(matches: pd.DataFrame, event_id: str, markdown: bool = True) -> str:
    rows = matches[matches.event_id == event_id]
    return "; ".join(f"{r.dataset} {_plain(r.reference_id) if markdown else r.reference_id} ({'same day' if r.days_apart == 0 else f'{r.days_apart} day off'}, "
                     f"{r.distance_km:g} km)" for r in rows.itertuples())


def reference_note(event_ids, with_summary: bool = False) -> None:
    """'ACLED / UCDP coded: ...' for each of these events that a reader's ACLED or UCDP file matched."""
    ids = tuple(dict.fromkeys(e for e in event_ids if isinstance(e, str)))
    if not ids:
        return
    present, codings, matches = _codings(warehouse_signature(), ids)
    if not present:
        return
    for event_id in ids:
        row = codings[codings.event_id == event_id]
        what = f"{_plain(row.summary.iloc[0])}: " if with_summary and not row.empty else ""
        if row.empty:
            if not with_summary:
                st.caption("**ACLED / UCDP coded:** nothing within a day and 25 km of this event in the files compared.")
            continue
        st.caption(f"**ACLED / UCDP coded:** {what}{_plain(row.coded_text.iloc[0])}. Matched: {_matched(matches, event_id)}.")


def reference_table(event_ids) -> None:
    """The same notes as a table, for a page that shows many events at once (the Map)."""
    ids = tuple(dict.fromkeys(e for e in event_ids if isinstance(e, str)))
    present, codings, matches = _codings(warehouse_signature(), ids) if ids else (False, None, None)
    if not present or codings.empty:
        st.caption("No event shown here has an ACLED or UCDP event within a day and 25 km in the files compared.")
        return
    table = codings.assign(matched=[_matched(matches, e, markdown=False) for e in codings.event_id])
    st.dataframe(table[["summary", "coded_text", "matched"]], hide_index=True, column_config={
        "summary": st.column_config.TextColumn("event", width="large"),
        "coded_text": st.column_config.TextColumn("ACLED / UCDP coded, and the claims", width="large"),
        "matched": st.column_config.TextColumn("their events (days off, distance)", width="medium")})
