"""Tables as a reader sees them (dashboard/tables.py): readable headers, long text wrapped in its column,
and a table wider than the page says which columns are further right."""
import pandas as pd
import streamlit as st

from dashboard import tables

SENTENCE = "It is estimated that more than 20,000, mainly Sunni Muslim, residents remain in the besieged town."


def test_a_narrow_table_keeps_one_line_rows_and_says_nothing_more():
    shape = tables.layout(pd.DataFrame({"figure_text": ["at least 58"], "victim_side": ["opposition"]}))
    assert [c["label"] for c in shape.config.values()] == ["as written", "whose dead"]
    assert shape.row_height is None and shape.further_right == []
    assert not any(c.get("pinned") for c in shape.config.values())


def test_long_text_wraps_in_a_column_of_its_own_width():
    shape = tables.layout(pd.DataFrame({"claimant": ["SOHR"], "sentence": [SENTENCE]}))
    assert shape.row_height == tables.WRAPPED_ROW_PX
    assert shape.config["sentence"]["width"] == tables.LONG_TEXT_PX
    assert shape.config["sentence"]["help"] == tables.LONG_TEXT_HELP


def test_a_table_wider_than_the_page_pins_its_first_column_and_names_what_is_further_right():
    frame = pd.DataFrame({"claimant": ["Syrian Observatory for Human Rights"], "sentence": [SENTENCE],
                          **{f"column_{n}": ["a value of some length"] for n in range(6)}})
    shape = tables.layout(frame, {"column_5": st.column_config.TextColumn("the fifth", help="said by the page")})
    assert shape.config["claimant"]["pinned"] is True
    assert shape.further_right[-2:] == ["column 4", "the fifth"]  # headers, as the reader sees them
    assert "claimant" not in shape.further_right
    # The wrapped column gave up width first, down to its floor, before anything was declared out of view.
    assert shape.config["sentence"]["width"] == tables.MIN_WRAPPED_PX
    assert shape.config["column_5"]["help"] == "said by the page"


def test_a_page_s_own_width_and_order_are_kept():
    frame = pd.DataFrame({"a": ["x"], "what_happened": [SENTENCE]})
    shape = tables.layout(frame, {"what_happened": st.column_config.TextColumn(width="large")}, column_order=["what_happened"])
    assert shape.config["what_happened"]["width"] == "large" and shape.config["what_happened"]["label"] == "events"
    assert shape.further_right == []
