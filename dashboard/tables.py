"""Tables as a reader sees them: every column under a readable header, never a raw column name, and
either every column on screen or a line saying which are further right.

The headers live here, one per column name, so that a column reads the same on every page; a page
names a column otherwise only where the table gives it another meaning (a link's "claim", "read").

Width: a column of long text (a sentence, a quote, a list of who says what) is given a fixed width and
rows of three lines, so that it wraps instead of pushing the other columns off the page; double-clicking
a cell shows all of it (its header's help says so). Where the columns still need more than a laptop's
page has (estimated from the headers and the values: the browser does the drawing), the first column is
pinned and a line under the table names the columns a reader scrolls sideways to.
"""
from dataclasses import dataclass

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
    "quantities": "comparison groups",
    "range_text": "bounds",
    "sub_event_type": "sub-event type",
    "typical_ratio": "typical ratio",
    "victim_group": "victims",
    "victim_side": "whose dead",
    "where_prec": "where precision",
    "what_happened": "events",
    "who_says_what": "who says what",
}

PAGE_PX = 940  # a table's width in a 1440-pixel window beside the sidebar; a wider window only adds room
CHAR_PX = 6.0  # about one character of the table's font, on average (measured on its screenshots)
CELL_PADDING_PX = 16
SIZED_ROWS = 10  # the rows a table shows when it opens
AUTO_MAX_PX = 400  # the widest a column sizes itself to its values
NAMED_WIDTHS = {"small": 75, "medium": 200, "large": 400}  # Streamlit's named column widths
LONG_TEXT_CHARS = 60  # a text column with a longer value wraps
LONG_TEXT_PX = 320
MIN_WRAPPED_PX = 220  # the narrowest a wrapped column is made to keep the other columns on the page
WRAPPED_ROW_PX = 80  # three lines of text (Streamlit wraps a cell's text only from about 70 px)
LONG_TEXT_HELP = "Double-click a cell to read all of it."


def header(column: str) -> str:
    """The header of a column: its entry above, else its name in words."""
    return HEADERS.get(column, str(column).replace("_", " "))


@dataclass(frozen=True)
class Layout:
    config: dict  # st.dataframe's column_config
    row_height: int | None  # None: one line a row
    further_right: list[str]  # the headers a reader scrolls sideways to


def _longest(values: pd.Series, text_only: bool = False, rows: int = 200) -> int:
    """Characters of the longest value among the first `rows` (only the texts with `text_only`)."""
    values = values.head(rows).dropna()
    if text_only:
        values = values[values.map(lambda v: isinstance(v, str))]
    return int(values.astype(str).str.len().max()) if len(values) else 0


def _width(column: str, values: pd.Series, config: dict) -> float:
    width = config.get("width")
    if isinstance(width, (int, float)):
        return float(width)
    if width in NAMED_WIDTHS:
        return float(NAMED_WIDTHS[width])
    # The grid sizes a column to the rows it first shows, not to a longer value further down.
    shown = len(str((config.get("type_config") or {}).get("display_text") or "")) or _longest(values, rows=SIZED_ROWS)
    return min(max(len(config["label"]), shown) * CHAR_PX + CELL_PADDING_PX, AUTO_MAX_PX)


def layout(frame: pd.DataFrame, column_config: dict | None = None, column_order=None) -> Layout:
    """How `frame` is shown: each column's header and width, whether rows wrap, what is further right."""
    config = {}
    for column in frame.columns:
        given = (column_config or {}).get(column)
        given = {} if given is None else {"label": given} if isinstance(given, str) else dict(given)
        config[column] = {**given, "label": given.get("label") or header(column)}
    shown = [c for c in (column_order or frame.columns) if c in config and not config[c].get("hidden")]
    wrapped = [c for c in shown if _longest(frame[c], text_only=True) > LONG_TEXT_CHARS]
    for column in wrapped:
        config[column]["width"] = config[column].get("width") or LONG_TEXT_PX
        config[column]["help"] = config[column].get("help") or LONG_TEXT_HELP
    widths = {c: _width(c, frame[c], config[c]) for c in shown}
    # Too wide: the wrapped columns give up width first (down to a floor), as their text wraps anyway.
    excess = sum(widths.values()) - PAGE_PX
    giving = {c: widths[c] - MIN_WRAPPED_PX for c in wrapped if widths[c] > MIN_WRAPPED_PX}
    if excess > 0 and giving:
        share = min(1.0, excess / sum(giving.values()))
        for column, spare in giving.items():
            widths[column] = config[column]["width"] = round(widths[column] - share * spare)
    edges, right = [], 0.0
    for column in shown:
        right += widths[column]
        edges.append(right)
    further_right = [config[c]["label"] for c, edge in zip(shown, edges) if edge > PAGE_PX]
    if further_right and config[shown[0]].get("pinned") is None:
        config[shown[0]]["pinned"] = True
    return Layout(config, WRAPPED_ROW_PX if wrapped else None, further_right)


def show(frame: pd.DataFrame, column_config: dict | None = None, **options) -> None:
    """`st.dataframe` without the index, each column under its header unless `column_config` labels it
    (a config given without a label, a width or a help, keeps the column's header), long text wrapped,
    and a line naming the columns beyond the page's width."""
    shape = layout(frame, column_config, options.get("column_order"))
    st.dataframe(frame, hide_index=True, column_config=shape.config,
                 **{"row_height": shape.row_height, **options})
    if shape.further_right:
        st.caption(f"Scroll the table sideways for {', '.join(shape.further_right)} (its first column stays in "
                   f"place), or open it full screen from the buttons over its top right corner.")
