"""The questions pages ask of the warehouse. Aggregation happens in DuckDB; pages get small frames."""
import pandas as pd
import streamlit as st

from dashboard.data import query, warehouse_signature


@st.cache_data(show_spinner=False)
def _cached(sql: str, signature, params: tuple = ()) -> pd.DataFrame:
    return query(sql, list(params))


def _run(sql: str, *params) -> pd.DataFrame:
    # The warehouse signature is part of the cache key: a rebuilt warehouse is a new cache entry.
    return _cached(sql, warehouse_signature(), params)


def holdings() -> dict:
    row = _run("""
        SELECT (SELECT count(*) FROM documents) AS documents,
               (SELECT count(DISTINCT source_id) FROM (SELECT source_id FROM casualties UNION ALL
                   SELECT source_id FROM event_reports UNION ALL SELECT outlet_source_id FROM documents)
                WHERE source_id IS NOT NULL) AS sources,
               (SELECT count(*) FROM casualties) AS claims,
               (SELECT count(*) FROM events) AS events,
               (SELECT min(date_start) FROM events) AS first_day,
               (SELECT max(date_end) FROM events) AS last_day
    """)
    return row.iloc[0].to_dict()


def comparisons(min_claimants: int = 2) -> pd.DataFrame:
    return _run("""
        SELECT comparison_group, kind, claimants, min_figure, max_figure, spread, alignments, who_says_what
        FROM comparisons WHERE claimants >= ? ORDER BY spread DESC NULLS LAST, comparison_group
    """, min_claimants)


def comparison_claims(group: str) -> pd.DataFrame:
    return _run("""
        SELECT claimant, alignment, figure_text, range_text, as_of, outlet, sentence, casualty_id
        FROM comparison_claims WHERE comparison_group = ? ORDER BY as_of, claimant
    """, group)


def documents() -> pd.DataFrame:
    return _run("""
        SELECT d.doc_id, d.title, d.outlet, d.published_on, d.published_precision, s.alignment AS outlet_alignment,
               (SELECT count(*) FROM casualties c WHERE c.doc_id = d.doc_id) AS claims,
               (SELECT count(*) FROM event_reports r WHERE r.doc_id = d.doc_id) AS event_reports
        FROM documents d LEFT JOIN sources s ON s.source_id = d.outlet_source_id
        ORDER BY d.published_on NULLS LAST, d.doc_id
    """)
