"""Tables as a reader sees them: every column under a readable header, never a raw column name.

The headers live here, one per column name, so that a column reads the same on every page; a page
names a column otherwise only where the table gives it another meaning (a link's "claim", "read").
"""
import pandas as pd
import streamlit as st

HEADERS = {
    "acled_lowest": "ACLED-style (lowest)",
    "as_of": "refers to",
    "as_of_step": "in order of the day it refers to",
    "as_of_text": "as of",
    "char_end": "ends at character",
    "char_start": "starts at character",
    "claims_made": "claims made",
    "comparison_group": "comparison group",
    "current": "current (its claimant's latest)",
    "event_reports": "event reports",
    "event_type": "event type",
    "fact_type": "kind of fact",
    "figure_text": "as written",
    "grade_reason": "why",
    "main_type": "commonest event type",
    "others_say": "the others say",
    "outlet_alignment": "alignment",
    "place_name": "place",
    "published_on": "published",
    "range_text": "bounds",
    "sub_event_type": "sub-event type",
    "typical_ratio": "typical ratio",
    "victim_group": "victims",
    "victim_side": "whose dead",
    "where_prec": "where precision",
    "what_happened": "events",
    "who_says_what": "who says what",
}


def header(column: str) -> str:
    """The header of a column: its entry above, else its name in words."""
    return HEADERS.get(column, str(column).replace("_", " "))


def show(frame: pd.DataFrame, column_config: dict | None = None, **options) -> None:
    """`st.dataframe` without the index, each column under its header unless `column_config` labels it.
    A column config given without a label (a width, a format) keeps the column's header."""
    config = {}
    for column in frame.columns:
        given = (column_config or {}).get(column)
        if given is None:
            config[column] = header(column)
        elif isinstance(given, str):
            config[column] = given
        else:
            config[column] = {**given, "label": given.get("label") or header(column)}
    st.dataframe(frame, hide_index=True, column_config=config, **options)
