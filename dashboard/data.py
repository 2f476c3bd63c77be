"""One cached read-only DuckDB connection per process, and a cursor per query.

The ETL replaces the warehouse file with a rename; the connection is keyed by the file's
identity (inode and modification time), so the next rerun after a rebuild opens the new file.
"""
import os
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from dashboard import settings


def warehouse_signature(path: Path | None = None) -> tuple[str, int, int]:
    path = path or settings.WAREHOUSE
    status = os.stat(path)
    return str(path), status.st_ino, status.st_mtime_ns


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(signature: tuple[str, int, int]) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(signature[0], read_only=True, config=dict(settings.CONNECTION_CONFIG))


def connection() -> duckdb.DuckDBPyConnection:
    return _connection(warehouse_signature())


def query(sql: str, params: list | None = None) -> pd.DataFrame:
    """Run one query on its own cursor (cursors are cheap and safe across Streamlit threads)."""
    cursor = connection().cursor()
    try:
        return cursor.execute(sql, params or []).df()
    finally:
        cursor.close()
