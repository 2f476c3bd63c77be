"""The incremental build's memory: machine facts of each document from earlier builds, kept in a
folder of Parquet files beside the warehouse (`<warehouse>.extractions/`).

A document is extracted again only when its text changed or the extractor changed (its code,
its word lists or the reference data: `extractor_digest`). Each row of a Parquet file is one
document's facts under one key: the document's id, its cache key (text digest, publication date,
outlet), the extractor's digest and the facts as JSON. A build reads the keys at its start and the
facts a record batch at a time as it merges them, never the whole folder at once. It adds one file
holding what it extracted, written as the extraction goes; it never rewrites what earlier builds
stored, so taking one new article costs the writing of that article's facts, not of the whole
corpus's. When the folder holds more rows no build uses than rows it does (documents changed or
deleted, an extractor changed), the build compacts it into one file of the rows in use.

Files are written beside their final name and renamed into place when the extraction ends: the facts
are the extractor's whatever later stages of the build make of them, so a build that fails later keeps
them; an unreadable file only means its documents are extracted again.
"""
import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from etl.core.batches import batched
from etl.core.files import remove_abandoned, replace_durably, temporary_for
from etl.extract.machine import MachineFacts
from etl.ingest.reference import Source

_DATE_KEYS = ("date_start", "date_end")


def cache_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".extractions")


def _encode(facts: MachineFacts) -> str:
    def rows(items):
        return [{k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()} for row in items]
    return json.dumps({"claims": rows(facts.claims), "reports": rows(facts.reports), "mentions": facts.mentions,
                       "sources": [asdict(s) for s in facts.sources]}, ensure_ascii=False, sort_keys=True)


def _decode(text: str) -> MachineFacts:
    data = json.loads(text)

    def rows(items):
        return [{k: (date.fromisoformat(v) if k in _DATE_KEYS and v else v) for k, v in row.items()} for row in items]
    reports = rows(data["reports"])
    for report in reports:
        report["actors"] = [tuple(pair) for pair in report["actors"]]
    sources = [Source(**{**s, "aliases": tuple(s["aliases"])}) for s in data["sources"]]
    return MachineFacts(rows(data["claims"]), reports, data["mentions"], sources)


def _stored(files: list[Path], digest: str) -> tuple[dict[str, tuple[str, int]], int]:
    """The keys of this extractor's rows, by document: (cache key, number of the file that holds the row;
    the last file's row where two hold one), and how many rows the files hold in all. The facts stay on
    disk until the build reads them (`ExtractionCache.stored`)."""
    entries, total = {}, 0
    with duckdb.connect() as connection:
        for number, file in enumerate(files):  # one at a time: a damaged file costs its own rows only
            try:
                total += connection.execute("SELECT count(*) FROM read_parquet(?)", [str(file)]).fetchone()[0]
                for doc_id, key in connection.execute(
                        "SELECT doc_id, cache_key FROM read_parquet(?) WHERE extractor = ?",
                        [str(file), digest]).fetchall():
                    entries[doc_id] = (key, number)
            except duckdb.Error:
                continue
    return entries, total


def _rows_of(file: Path, digest: str, wanted: Callable[[str, str], bool]) -> Iterator[tuple[str, str, str]]:
    """(doc_id, cache key, facts as JSON) of the file's rows that `wanted` takes, in the file's order, a
    record batch at a time: a corpus's stored facts are never all read at once."""
    with duckdb.connect() as connection:
        reader = connection.execute("SELECT doc_id, cache_key, facts FROM read_parquet(?) WHERE extractor = ?",
                                    [str(file), digest]).to_arrow_reader(_BATCH_ROWS)
        for batch in reader:
            for doc_id, key, facts in zip(*(batch.column(i).to_pylist() for i in range(3))):
                if wanted(doc_id, key):
                    yield doc_id, key, facts


class ExtractionCache:
    def __init__(self, path: Path, digest: str):
        self.path, self.digest = path, digest
        self.files = sorted(path.glob("*.parquet"), key=lambda p: (p.stat().st_mtime_ns, p.name)) \
            if path.is_dir() else []
        self.entries, self.stored_rows = _stored(self.files, digest) if self.files else ({}, 0)
        self.reused = 0

    def has(self, doc_id: str, key: str) -> bool:
        entry = self.entries.get(doc_id)
        return entry is not None and entry[0] == key

    def _holds(self, number: int, keys: dict[str, str]) -> Callable[[str, str], bool]:
        """Whether a row of file `number` is the one in use for a document `keys` names, under its key."""
        def wanted(doc_id: str, key: str) -> bool:
            return keys.get(doc_id) == key and self.entries.get(doc_id, (None, None))[1] == number
        return wanted

    def stored(self, keys: dict[str, str]) -> Iterator[tuple[str, MachineFacts]]:
        """The stored facts of the documents `keys` names (doc_id -> cache key), decoded one document at a
        time, in the order the files hold them. A row that cannot be read is left out: the build extracts
        its document again."""
        for number, file in enumerate(self.files):
            try:
                for doc_id, _, text in _rows_of(file, self.digest, self._holds(number, keys)):
                    try:
                        facts = _decode(text)
                    except (KeyError, TypeError, ValueError):
                        continue
                    self.reused += 1
                    yield doc_id, facts
            except duckdb.Error:
                continue

    @contextmanager
    def keeping(self) -> Iterator[Callable[[str, str, MachineFacts], None]]:
        """A function that keeps a newly extracted document's facts (doc_id, cache key, facts): written into
        one new file a row group at a time, as they come, and the file renamed into place at the end. Only a
        cache: what cannot be written is extracted again by the next build."""
        writer, pending, new = _Writer(self.path, self.digest), [], {}

        def flush() -> None:
            try:
                writer.write(pending)
            except (OSError, duckdb.Error, pa.ArrowException):
                writer.broken = True
            pending.clear()

        def keep(doc_id: str, key: str, facts: MachineFacts) -> None:
            new[doc_id] = key
            pending.append((doc_id, key, _encode(facts)))
            if len(pending) >= _BATCH_ROWS:
                flush()
        try:
            yield keep
        finally:
            # Kept even when the build fails while extracting: the facts are the extractor's.
            flush()
            try:
                written = writer.close()
            except (OSError, duckdb.Error, pa.ArrowException):
                written = None
            writer.abandon()
        if written:
            self.files.append(written)
            self.entries.update((doc_id, (key, len(self.files) - 1)) for doc_id, key in new.items())

    def compact(self, in_use: dict[str, str]) -> None:
        """When the files held more rows no build uses than rows this one did (documents changed or deleted,
        an extractor changed), rewrite the folder as one file of the rows in use (`in_use`: doc_id -> cache
        key of every document of the build)."""
        if self.stored_rows - self.reused <= self.reused:
            return
        writer = _Writer(self.path, self.digest)
        try:
            for number, file in enumerate(self.files):
                for batch in batched(_rows_of(file, self.digest, self._holds(number, in_use)), _BATCH_ROWS):
                    writer.write(batch)
            written = writer.close()
            for old in self.files:
                if old != written:
                    old.unlink(missing_ok=True)
        except (OSError, duckdb.Error, pa.ArrowException):
            pass  # only a cache: the folder stays as it was
        finally:
            writer.abandon()


class _Writer:
    """One new file of the folder, written beside its final name a row group at a time, then named by its
    content: two builds that extracted the same write the same file."""

    def __init__(self, folder: Path, digest: str):
        self.folder, self.digest = folder, digest
        self.temporary = self.writer = None
        self.broken = False  # a write failed: the file is abandoned
        self.content = hashlib.sha256(digest.encode())

    def write(self, rows: list[tuple[str, str, str]]) -> None:
        if not rows or self.broken:
            return
        if self.writer is None:
            # the single JSON file that held the cache before it was this folder
            self.folder.with_name(self.folder.name + ".json").unlink(missing_ok=True)
            self.folder.mkdir(exist_ok=True)
            remove_abandoned(self.folder / "facts.parquet")
            self.temporary = temporary_for(self.folder / "facts.parquet")
            self.writer = pq.ParquetWriter(self.temporary, _SCHEMA, compression="zstd")
        for row in rows:
            self.content.update(json.dumps(row).encode())
        columns = list(zip(*rows))
        self.writer.write_table(pa.table({"doc_id": columns[0], "cache_key": columns[1],
                                          "extractor": [self.digest] * len(rows), "facts": columns[2]},
                                         schema=_SCHEMA))

    def close(self) -> Path | None:
        """The file's final path, or None if nothing was written."""
        if self.writer is None or self.broken:
            return None
        self.writer.close()
        self.writer = None
        target = self.folder / f"facts-{self.content.hexdigest()[:16]}.parquet"
        replace_durably(self.temporary, target)
        self.temporary = None
        return target

    def abandon(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None
        if self.temporary is not None:
            self.temporary.unlink(missing_ok=True)
            self.temporary = None


_SCHEMA = pa.schema([("doc_id", pa.string()), ("cache_key", pa.string()), ("extractor", pa.string()),
                     ("facts", pa.string())])
_BATCH_ROWS = 2_000  # documents' facts per Parquet row group
