"""The quotes-only warehouse: a copy of the warehouse whose article texts keep only the sentences
that carry facts and the names mentioned, blank elsewhere.

Why it exists: a public deployment of articles the deployer may not republish in full
(CONFLICT_QUOTES_ONLY=1) shows only those sentences. Its pages choose what they show, but the SQL
page lets a reader select any column, so the SQL page's worker reads this copy instead of the
warehouse: `SELECT text FROM documents` there cannot hand back a whole article. The blanks are
spaces (line breaks are kept), so every offset still points at the same characters and the claims,
mentions and evidence checks read the same in both files.

The build writes it right after the warehouse, from the warehouse file, beside it
(`conflict.duckdb` -> `conflict.quotes-only.duckdb`), with the warehouse's own atomic rename: a
reader opens the previous copy or the new one, never half of one. Every other table is copied as it
is, build_info included, so a reader can tell whether a copy and a warehouse come from one build.
"""
import re
from pathlib import Path

import duckdb
import pyarrow as pa

from etl.core.errors import BuildError
from etl.core.files import remove_abandoned, remove_database, replace_durably, temporary_for

# What a reader of a quotes-only deployment may see of a document: the sentences of its facts and
# the names it mentions (the highlights the pages draw).
KEPT_SPANS = """
    SELECT doc_id, sentence_start, sentence_end FROM source.claims
    UNION ALL SELECT doc_id, sentence_start, sentence_end FROM source.counted_things
    UNION ALL SELECT doc_id, sentence_start, sentence_end FROM source.event_reports
    UNION ALL SELECT doc_id, char_start, char_end FROM source.mentions"""


def quotes_only_path(warehouse: Path) -> Path:
    """Where the quotes-only copy of `warehouse` is written: beside it, named after it."""
    warehouse = Path(warehouse)
    return warehouse.with_name(f"{warehouse.stem}.quotes-only{warehouse.suffix}")


def write_quotes_only(warehouse: Path) -> Path:
    """Write the quotes-only copy of the warehouse file at `warehouse`, atomically; its path."""
    target = quotes_only_path(warehouse)
    remove_abandoned(target)
    temporary = temporary_for(target)
    remove_database(temporary)
    try:
        _copy(Path(warehouse), temporary)
        replace_durably(temporary, target)
    except (OSError, duckdb.Error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
        raise BuildError(target, None, f"the warehouse was written, but not its quotes-only copy: {reason}") from exc
    finally:
        remove_database(temporary)
    return target


def blank_outside(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with every character outside `spans` made a space, line breaks kept: same length, same offsets."""
    blank = re.sub(r"[^\n]", " ", text)
    kept, position = [], 0
    for start, end in sorted(spans):
        start = max(start, position)  # spans overlap (a name inside a fact's sentence)
        if end > start:
            kept += [blank[position:start], text[start:end]]
            position = end
    return "".join(kept) + blank[position:]


def _copy(source: Path, target: Path) -> None:
    connection = duckdb.connect(str(target))
    try:
        name = connection.execute("SELECT current_database()").fetchone()[0]
        connection.execute(f"ATTACH {_literal(source)} AS source (READ_ONLY)")
        # Tables, views, macros, constraints and comments, without rows: the rows are inserted below,
        # the texts already blanked, so no whole article is ever written into this file (an UPDATE
        # after a full copy would leave the old texts in the file's free blocks).
        connection.execute(f"COPY FROM DATABASE source TO {_identifier(name)} (SCHEMA)")
        spans: dict[str, list[tuple[int, int]]] = {}
        for doc_id, start, end in connection.execute(KEPT_SPANS).fetchall():
            spans.setdefault(doc_id, []).append((start, end))
        documents = connection.execute("SELECT doc_id, text FROM source.documents").fetchall()
        connection.register("blanked", pa.table({
            "doc_id": [doc_id for doc_id, _ in documents],
            "text": [blank_outside(text, spans.get(doc_id, [])) for doc_id, text in documents]}))
        tables = [row[0] for row in connection.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'source' ORDER BY table_name").fetchall()]
        for table in tables:
            if table == "documents":
                select = "SELECT d.* REPLACE (b.text AS text) FROM source.documents d JOIN blanked b USING (doc_id)"
            elif table == "document_parts":
                select = ("SELECT p.* REPLACE (substring(b.text, p.char_start + 1, p.char_end - p.char_start) AS text) "
                          "FROM source.document_parts p JOIN blanked b USING (doc_id)")
            else:
                select = f"SELECT * FROM source.{_identifier(table)}"
            # Table names come from the warehouse's own catalog, quoted.
            connection.execute(f"INSERT INTO {_identifier(table)} {select}")
        connection.execute("DETACH source")
        connection.execute("CHECKPOINT")
    finally:
        connection.close()


def _literal(value) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _identifier(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'
