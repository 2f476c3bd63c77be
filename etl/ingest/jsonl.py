"""A .jsonl bulk file: one article a line, a JSON object with `text` and catalog fields.

A line's name is its `id`, else its `file`, else its line number. The document is then
`<file>#<name>` (what the catalog and coded-fact files call it) with doc_id `<stem>-<name>`
(the name's extension dropped, as for a file). A bad line is skipped with a warning naming
its line; the other lines load.
"""
import json
import re
from pathlib import Path

from etl.core.errors import BuildError, BuildWarning
from etl.ingest.catalog import catalog_entry
from etl.ingest.decode import decode
from etl.ingest.received import Received
from etl.core.yamlio import Located

NAME = re.compile(r"\w[\w.-]*")


class BadLine(Exception):
    """A line that cannot be a document; the message says why."""


def _name(record: dict, number: int) -> tuple[str, str]:
    """(name, its doc_id suffix): the `id`, else the `file` without its extension, else the line number."""
    for key in ("id", "file"):
        value = record.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise BadLine(f"{key!r} must be text or a whole number, got {value!r}")
        if not NAME.fullmatch(str(value)):
            raise BadLine(f"{key!r} must be letters, digits, '.', '_' or '-', got {value!r}")
        return str(value), Path(str(value)).stem if key == "file" else str(value)
    return str(number), str(number)


def _document(path: Path, number: int, line: str, encoding_note: str | None) -> Received:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadLine(f"not JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise BadLine(f"not a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if text is None:
        raise BadLine("no 'text'")
    if not isinstance(text, str):
        raise BadLine(f"'text' must be a string, got {type(text).__name__}")
    if not text.strip():
        raise BadLine("'text' is empty")
    name, suffix = _name(record, number)
    fields = Located.at({k: v for k, v in record.items() if k != "text"}, number)
    try:
        metadata = catalog_entry(path, fields, f"{path.name}#{name}")
    except BuildError as exc:
        raise BadLine(exc.message) from exc
    return Received(name=f"{path.name}#{name}", doc_id=f"{path.stem}-{suffix}", path=path,
                    text=text, source_format="jsonl", encoding_note=encoding_note, line=number,
                    metadata=metadata, metadata_from=f"line {number} of {path.name}")


def read(path: Path, raw: bytes) -> tuple[list[Received], list[BuildWarning]]:
    content, encoding_note = decode(raw)
    documents: list[Received] = []
    warnings: list[BuildWarning] = []
    first_line: dict[str, int] = {}
    # Only "\n" ends a line: JSON strings may hold other line separators (U+2028) verbatim.
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            document = _document(path, number, line, encoding_note)
        except BadLine as exc:
            warnings.append(BuildWarning(path.name, f"skipped: {exc}", number))
            continue
        if document.name in first_line:
            warnings.append(BuildWarning(path.name, f"skipped: duplicate id, {document.name!r} is already "
                                                    f"line {first_line[document.name]}", number))
            continue
        first_line[document.name] = number
        documents.append(document)
    return documents, warnings
