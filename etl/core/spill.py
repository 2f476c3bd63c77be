"""Rows put aside on disk while the build works on the few columns its later stages read.

The machine's claims and event reports of a large corpus are most of a build's memory as Python rows
(docs/scale.md). Event matching and comparison groups read a dozen of their columns; the rest (figures
as written, the claimant's words, dates as written, notes) only goes into the warehouse. So the build
keeps a slim row of each fact and puts the whole row here, in a DuckDB file beside the warehouse's
temporary file, and reads it back in the warehouse's order when the table is written. The file is the
build's own: removed at the end, whether the build succeeded or not (and by the next build if the
process was killed).

Rows are stored pickled: they are the build's own Python rows (dates, tuples), read back by the process
that wrote them, never by anyone else.
"""
import pickle
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa

from etl.core.files import remove_abandoned, remove_database, temporary_for
from etl.settings import LOAD_CHUNK_ROWS, SPILL_MEMORY_LIMIT


class Spill:
    def __init__(self, beside: Path):
        target = beside.with_name(beside.name + ".spill")
        remove_abandoned(target)
        self.path = temporary_for(target)
        remove_database(self.path)
        self.connection = duckdb.connect(str(self.path), config={"memory_limit": SPILL_MEMORY_LIMIT, "threads": 1})
        self.pending: dict[str, list[tuple[int, bytes]]] = {}
        self.counts: dict[str, int] = {}

    def put(self, table: str, row: dict) -> int:
        """Put a row aside; its key, for `rows`."""
        if table not in self.counts:
            self.connection.execute(f"CREATE TABLE {table} (key BIGINT, row BLOB)")  # the build's own names
            self.counts[table], self.pending[table] = 0, []
        key = self.counts[table]
        self.counts[table] += 1
        self.pending[table].append((key, pickle.dumps(row, protocol=pickle.HIGHEST_PROTOCOL)))
        if len(self.pending[table]) >= LOAD_CHUNK_ROWS:
            self._flush(table)
        return key

    def _flush(self, table: str) -> None:
        rows = self.pending[table]
        if rows:
            keys, blobs = zip(*rows)
            self.connection.register("incoming", pa.table({"key": pa.array(keys, pa.int64()),
                                                           "row": pa.array(blobs, pa.binary())}))
            self.connection.execute(f"INSERT INTO {table} SELECT * FROM incoming")
            self.connection.unregister("incoming")
            rows.clear()

    def rows(self, table: str, keys: list[int]) -> Iterator[dict]:
        """The rows put aside under these keys, in the keys' order, a chunk at a time."""
        if not keys:
            return
        self._flush(table)
        self.connection.register("wanted", pa.table({"key": pa.array(keys, pa.int64()),
                                                     "rank": pa.array(range(len(keys)), pa.int64())}))
        reader = self.connection.execute(
            f"SELECT s.row FROM {table} s JOIN wanted w USING (key) ORDER BY w.rank").to_arrow_reader(LOAD_CHUNK_ROWS)
        for batch in reader:
            for blob in batch.column(0).to_pylist():
                yield pickle.loads(blob)
        self.connection.unregister("wanted")

    def close(self) -> None:
        self.connection.close()
        remove_database(self.path)


    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
