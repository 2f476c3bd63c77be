"""The incremental build's memory: machine facts of each document from the last build, kept in
a file beside the warehouse (`<warehouse>.extractions.json`).

A document is extracted again only when its text changed or the extractor changed (its code,
its word lists or the reference data: `extractor_digest`). The file is written after the
warehouse, with a rename, so a failed build leaves the last good one; an unreadable file only
means every document is extracted again.
"""
import json
from dataclasses import asdict
from datetime import date
from pathlib import Path

from etl.extract.machine import MachineFacts
from etl.core.files import remove_abandoned, replace_durably, temporary_for
from etl.ingest.reference import Source

_DATE_KEYS = ("date_start", "date_end")


def cache_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".extractions.json")


def _encode(facts: MachineFacts) -> dict:
    def rows(items):
        return [{k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()} for row in items]
    return {"claims": rows(facts.claims), "reports": rows(facts.reports), "mentions": facts.mentions,
            "sources": [asdict(s) for s in facts.sources]}


def _decode(data: dict) -> MachineFacts:
    def rows(items):
        return [{k: (date.fromisoformat(v) if k in _DATE_KEYS and v else v) for k, v in row.items()} for row in items]
    reports = rows(data["reports"])
    for report in reports:
        report["actors"] = [tuple(pair) for pair in report["actors"]]
    sources = [Source(**{**s, "aliases": tuple(s["aliases"])}) for s in data["sources"]]
    return MachineFacts(rows(data["claims"]), reports, data["mentions"], sources)


class ExtractionCache:
    def __init__(self, path: Path, digest: str):
        self.path, self.digest = path, digest
        self.entries: dict[str, dict] = {}
        self.reused = 0
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            if stored.get("extractor") == digest:
                self.entries = stored["documents"]
        except (OSError, ValueError, KeyError, TypeError):
            self.entries = {}

    def get(self, doc_id: str, sha256: str) -> MachineFacts | None:
        entry = self.entries.get(doc_id)
        if entry and entry.get("sha256") == sha256:
            try:
                facts = _decode(entry["facts"])
            except (KeyError, TypeError, ValueError):
                return None
            self.reused += 1
            return facts
        return None

    def save(self, extracted: dict[str, tuple[str, MachineFacts]]) -> None:
        payload = {"extractor": self.digest,
                   "documents": {doc_id: {"sha256": sha, "facts": _encode(facts)}
                                 for doc_id, (sha, facts) in sorted(extracted.items())}}
        remove_abandoned(self.path)
        temporary = temporary_for(self.path)
        try:
            temporary.write_text(json.dumps(payload, ensure_ascii=False, sort_keys=True), encoding="utf-8")
            replace_durably(temporary, self.path)
        except OSError:
            temporary.unlink(missing_ok=True)  # only a cache: the next build extracts again
