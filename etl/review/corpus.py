"""The corpus as the next build will read it, for a person reviewing it: a document's text and parts,
the decisions already saved in its fact file, and whether anything may be saved at all."""
import os
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from etl.core.errors import BuildError
from etl.extract.coded import GROUP_DECISIONS, read_fact_file
from etl.ingest.documents import Document, read_corpus
from etl.ingest.reference import acled_types, vocabulary
from etl.settings import CATALOG_NAME, FACTS_SUBDIR, ROOT


class ReviewError(ValueError):
    """A decision that cannot be saved; the message says why, in words a reviewer can act on."""


def fact_file(corpus: Path, document_file: str) -> Path:
    return Path(corpus) / FACTS_SUBDIR / f"{Path(document_file).stem}.yaml"


def shown_path(path: Path) -> str:
    """A file as a person finds it in the repository (seeds/facts/...), else in full."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def choices() -> dict[str, list]:
    """The closed vocabularies a record's fields take their values from."""
    vocab = vocabulary()
    return {"kinds": vocab["casualty_kinds"], "victim_classes": vocab["victim_classes"], "stances": vocab["stances"],
            "roles": vocab["event_roles"], "event_types": sorted(acled_types())}


def not_writable(corpus: Path) -> str | None:
    """Why decisions cannot be saved into this corpus, or None when they can."""
    folder = Path(corpus) / FACTS_SUBDIR
    target = folder if folder.is_dir() else Path(corpus)
    if not target.is_dir():
        return f"the corpus folder {corpus} does not exist"
    if not os.access(target, os.W_OK):
        return f"the folder {target} is read-only here"
    return None


@lru_cache(maxsize=1)
def default_reviewer() -> str:
    """`git config user.name` of the checkout, so that the file and the commit name the same person."""
    try:
        done = subprocess.run(["git", "config", "user.name"], cwd=ROOT, capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def read_document(corpus: Path, document_file: str) -> Document:
    """The document as the next build will read it (text, parts, catalog date) from the corpus."""
    corpus = Path(corpus)
    stamps = tuple(_stamp(corpus / name) for name in (document_file, CATALOG_NAME))
    return _read_document(corpus, document_file, stamps)


def _stamp(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


@lru_cache(maxsize=8)
def _read_document(corpus: Path, document_file: str, _stamps) -> Document:
    try:
        documents, _ = read_corpus(corpus)
    except BuildError as exc:
        raise ReviewError(str(exc)) from exc
    found = next((d for d in documents if d.file == document_file), None)
    if found is None:
        raise ReviewError(f"{document_file} is not in {corpus} (or the build skips it: see the warnings table)")
    return found


@dataclass(frozen=True)
class FactFile:
    path: Path
    hand_coded: bool  # a complete hand-coded file: the build keeps none of the machine's facts of the document
    decisions: dict  # decisions already saved, by the machine id they decide on
    group_decisions: tuple = ()  # moves and splits of comparison groups saved in the file


def fact_file_state(corpus: Path, document_file: str) -> FactFile:
    path = fact_file(corpus, document_file)
    if not path.exists():
        return FactFile(path, False, {})
    try:
        data = read_fact_file(path)
    except BuildError as exc:
        raise ReviewError(str(exc)) from exc
    decided = {entry["machine_id"]: {"decision": entry["decision"], "reviewer": entry.get("reviewer"),
                                     "reviewed_on": entry.get("reviewed_on"), "line": entry.line}
               for entry in data.get("review") or [] if entry.get("machine_id")}
    groups = tuple({"decision": e["decision"], "claims": [e["claim"]] if e["decision"] == "move" else list(e["claims"]),
                    "group": e["group"], "new_group": e.get("new_group"), "reviewer": e.get("reviewer"),
                    "reviewed_on": e.get("reviewed_on"), "line": e.line}
                   for e in data.get("review") or [] if e["decision"] in GROUP_DECISIONS)
    return FactFile(path, data.get("machine_facts") != "keep", decided, groups)
