"""The SQL page's answer as a file to download: CSV or Parquet, whatever DuckDB types it holds.

A column neither format can hold (intervals, unions, blobs and nested values in CSV; intervals and
unions in Parquet) goes as text, written as DuckDB would show it.
"""
import io
import json

import pyarrow as pa


def to_csv(table: pa.Table) -> bytes:
    import pyarrow.csv
    columns = [column if _csv_writable(column.type) else as_text(column) for column in table.columns]
    out = pa.BufferOutputStream()
    pyarrow.csv.write_csv(pa.table(columns, names=table.column_names), out)
    return out.getvalue().to_pybytes()


def to_parquet(table: pa.Table) -> bytes:
    import pyarrow.parquet
    out = io.BytesIO()
    try:
        pyarrow.parquet.write_table(table, out)
    except pa.ArrowNotImplementedError:
        columns = [column if _parquet_writable(column) else as_text(column) for column in table.columns]
        out = io.BytesIO()
        pyarrow.parquet.write_table(pa.table(columns, names=table.column_names), out)
    return out.getvalue()


def as_text(column: pa.ChunkedArray) -> pa.Array:
    """A column as text, for a format (or a table on the page) that cannot hold its type."""
    def text(value):
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, bytes):
            return "\\x" + value.hex()
        if isinstance(value, pa.MonthDayNano):
            return f"{value.months} months {value.days} days {value.nanoseconds / 1e9:g} seconds"
        return json.dumps(value, default=str, ensure_ascii=False)
    return pa.array([text(v) for v in column.to_pylist()], pa.string())


def _csv_writable(kind: pa.DataType) -> bool:
    return not (pa.types.is_nested(kind) or pa.types.is_binary(kind) or pa.types.is_large_binary(kind)
                or pa.types.is_fixed_size_binary(kind) or pa.types.is_interval(kind)
                or isinstance(kind, pa.ExtensionType))


def _parquet_writable(column: pa.ChunkedArray) -> bool:
    import pyarrow.parquet
    try:
        pyarrow.parquet.write_table(pa.table([column.slice(0, 0)], names=["c"]), io.BytesIO())
        return True
    except pa.ArrowNotImplementedError:
        return False
