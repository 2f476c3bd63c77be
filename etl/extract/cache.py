"""The incremental build's memory: machine facts of each document from earlier builds, kept in a
folder of Parquet files beside the warehouse (`<warehouse>.extractions/`).

A document is extracted again only when its text changed or the extractor changed (its code,
its word lists or the reference data: `extractor_digest`). Each row of a Parquet file is one
document's facts under one key: the document's id, its cache key (text digest, publication date,
outlet), the extractor's digest and the facts as JSON. A build adds one file holding what it
extracted; it never rewrites what earlier builds stored, so taking one new article costs the
writing of that article's facts, not of the whole corpus's. When the folder holds more rows no
build uses than rows it does (documents changed or deleted, an extractor changed), the build
compacts it into one file of the rows in use.

Files are written beside their final name and renamed into place, right after extraction: the facts
are the extractor's whatever later stages of the build make of them, so a build that fails later keeps
them; an unreadable file only means its documents are extracted again.
"""
import hashlib
import json
from collections.abc import Iterable
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


def _stored(files: list[Path], digest: str) -> tuple[dict[str, tuple[str, str]], int]:
    """The rows of this extractor in the files, by document (the last file's row where two hold one),
    and how many rows the files hold in all."""
    entries, total = {}, 0
    with duckdb.connect() as connection:
        for file in files:  # one at a time: a damaged file costs its own rows only
            try:
                total += connection.execute("SELECT count(*) FROM read_parquet(?)", [str(file)]).fetchone()[0]
                for doc_id, key, facts in connection.execute(
                        "SELECT doc_id, cache_key, facts FROM read_parquet(?) WHERE extractor = ?",
                        [str(file), digest]).fetchall():
                    entries[doc_id] = (key, facts)
            except duckdb.Error:
                continue
    return entries, total


class ExtractionCache:
    def __init__(self, path: Path, digest: str):
        self.path, self.digest = path, digest
        self.files = sorted(path.glob("*.parquet"), key=lambda p: (p.stat().st_mtime_ns, p.name)) \
            if path.is_dir() else []
        self.entries, self.stored_rows = _stored(self.files, digest) if self.files else ({}, 0)
        self.reused = 0

    def get(self, doc_id: str, key: str) -> MachineFacts | None:
        entry = self.entries.get(doc_id)
        if entry and entry[0] == key:
            try:
                facts = _decode(entry[1])
            except (KeyError, TypeError, ValueError):
                return None
            self.reused += 1
            return facts
        return None

    def save(self, extracted: dict[str, tuple[str, MachineFacts]]) -> None:
        """Keep the facts of this build's documents: a new file for those not stored under their key,
        or, when most stored rows are no longer used, one file of the rows in use. The stored copies
        read at the start are let go after: a build needs them no more."""
        new = {doc_id: (key, facts) for doc_id, (key, facts) in extracted.items()
               if self.entries.get(doc_id, (None,))[0] != key}
        in_use = len(extracted) - len(new)
        try:
            # the single JSON file that held the cache before it was this folder
            self.path.with_name(self.path.name + ".json").unlink(missing_ok=True)
            self.path.mkdir(exist_ok=True)
            if self.stored_rows - in_use > in_use:
                rows = ((doc_id, key, self.entries[doc_id][1] if doc_id not in new else _encode(facts))
                        for doc_id, (key, facts) in sorted(extracted.items()))
                written = self._write(rows)
                for old in self.files:
                    if old != written:
                        old.unlink(missing_ok=True)
            elif new:
                self._write((doc_id, key, _encode(facts)) for doc_id, (key, facts) in sorted(new.items()))
        except (OSError, duckdb.Error, pa.ArrowException):
            pass  # only a cache: the next build extracts again what it could not keep
        finally:
            self.entries = {}

    def _write(self, rows: Iterable[tuple[str, str, str]]) -> Path:
        """Write the rows a batch at a time (a corpus's facts are never held twice), beside the folder's
        files, then name the file by its content: two builds that extracted the same write the same file."""
        remove_abandoned(self.path / "facts.parquet")
        temporary = temporary_for(self.path / "facts.parquet")
        content = hashlib.sha256(self.digest.encode())
        try:
            with pq.ParquetWriter(temporary, _SCHEMA, compression="zstd") as writer:
                for batch in batched(rows, _BATCH_ROWS):
                    for row in batch:
                        content.update(json.dumps(row).encode())
                    columns = list(zip(*batch))
                    writer.write_table(pa.table({"doc_id": columns[0], "cache_key": columns[1],
                                                 "extractor": [self.digest] * len(batch), "facts": columns[2]},
                                                schema=_SCHEMA))
            target = self.path / f"facts-{content.hexdigest()[:16]}.parquet"
            replace_durably(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)
        return target


_SCHEMA = pa.schema([("doc_id", pa.string()), ("cache_key", pa.string()), ("extractor", pa.string()),
                     ("facts", pa.string())])
_BATCH_ROWS = 2_000  # documents' facts per Parquet row group
