"""Rows put aside on disk while the build works on the few columns its later stages read.

The machine's claims and event reports of a large corpus are most of a build's memory as Python rows
(docs/scale.md). Event matching and comparison groups read about twenty of their columns; the rest (figures
as written, the claimant's words, dates as written, notes) only goes into the warehouse. So the build
keeps a slim row of each fact and puts the whole row here, in a file beside the warehouse's temporary
file, and reads it back in the warehouse's order when the table is written. The file is the build's own:
removed at the end, whether the build succeeded or not (and by the next build if the process was killed).

Why a plain file of pickled rows and not a database: the rows are read back once, in an order known only
at the end (claim ids, report ids set by event matching), so each is read where it lies (its offset is
kept), with no sort; a DuckDB table sorted on read needed memory of its own and could run out of it at
100,000 articles. Rows are pickled: they are the build's own Python rows (dates, tuples), read back by the
process that wrote them, never by anyone else.
"""
import os
import pickle
from array import array
from collections.abc import Iterator
from pathlib import Path

from etl.core.files import remove_abandoned, temporary_for


class Spill:
    def __init__(self, beside: Path):
        target = beside.with_name(beside.name + ".spill")
        remove_abandoned(target)
        self.path = temporary_for(target)
        self.file = open(self.path, "w+b")
        self.end = 0
        self.where: dict[str, tuple[array, array]] = {}  # table -> offsets and lengths of its rows, by key

    def put(self, table: str, row: dict) -> int:
        """Put a row aside; its key, for `rows`."""
        blob = pickle.dumps(row, protocol=pickle.HIGHEST_PROTOCOL)
        offsets, lengths = self.where.setdefault(table, (array("q"), array("q")))
        offsets.append(self.end)
        lengths.append(len(blob))
        self.file.write(blob)
        self.end += len(blob)
        return len(offsets) - 1

    def rows(self, table: str, keys: list[int]) -> Iterator[dict]:
        """The rows put aside under these keys, in the keys' order."""
        if not keys:
            return
        self.file.flush()
        offsets, lengths = self.where[table]
        descriptor = self.file.fileno()
        for key in keys:
            yield pickle.loads(os.pread(descriptor, lengths[key], offsets[key]))

    def close(self) -> None:
        self.file.close()
        self.path.unlink(missing_ok=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
