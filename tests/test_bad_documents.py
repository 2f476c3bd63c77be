"""Whatever lands in the corpus folder, the build finishes: each document loads, or is skipped with a
warning that names it and says why, and every fact still points at its text.

The property-based test draws corpora of hostile documents (random bytes, broken and foreign
encodings, markup, right-to-left text, zero-width characters, odd line ends, absurd numbers, broken
front matter and JSON lines). CI runs a short profile; the long run, thousands of documents, is

    python -m pytest tests/test_bad_documents.py --hypothesis-profile=long

The sizes that one cannot draw at random in reasonable time (5 MB, a line of a million characters)
are fixed cases below.
"""
import codecs
import json
from pathlib import Path

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.build import build
from etl.settings import REFERENCE_DIR


HOSTILE = [
    "<script>alert('x')</script>", "<img src=x onerror=alert(1)>", "[a link](javascript:alert(1))",
    "$$\\int_0^1 x\\,dx$$", "$5 and $6", "**bold** _it_ `code`", "<!-- hidden -->", "&lt;b&gt; &amp;",
    "قتل 58 شخصا في القصير يوم الثلاثاء", "\u202eevil\u202c", "\u200f\u200e", "\u200b\u200c\u200d\u2060\ufeff",
    "1,000,000,000,000 people were killed", "99999999999999999999999 were wounded", "-5 dead", "0 killed",
    "At least 58 residents were killed in Qusayr on Tuesday, activists said.",
    "According to the Syrian Observatory for Human Rights, up to 40 fighters died near al-Qusayr.",
    "---", "---\ntitle: [unclosed\n---", "\x00", "\x07\x1b[31m", "\ud7ff\ue000\U0010fffd", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀",
    "Lt. Col. Gen. Brig. Maj.", "«quoted» „low“ ‹single›", "...", "\t\t", " " * 50,
]
LINE_ENDS = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\u2028", "\u0085"]
NAMES = ["doc", "Ünïcödé", "ملف", "with space", "-dash", "a.b.c", "UPPER", "x" * 120]
SUFFIXES = [".txt", ".md", ".html", ".htm", ".jsonl"]

pieces = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=80))
texts = st.builds(lambda parts, ends: "".join(p + e for p, e in zip(parts, ends)),
                  st.lists(pieces, max_size=12), st.lists(st.sampled_from(LINE_ENDS), min_size=12, max_size=12))


def _encode(text: str, encoding: str) -> bytes:
    try:
        return {"utf-8-sig": codecs.BOM_UTF8 + text.encode("utf-8"),
                "utf-16": codecs.BOM_UTF16_LE + text.encode("utf-16-le")}.get(encoding) or text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode("utf-8", errors="surrogatepass")


encoded = st.builds(_encode, texts, st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16",
                                                     "utf-16-le", "utf-16-be", "utf-32"]))
# Valid text with bytes that no UTF-8 decoder accepts spliced in.
spliced = st.builds(lambda raw, junk, at: raw[:at] + junk + raw[at:], encoded,
                    st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80\x80", b"\xef\xbb", b"\x00"]),
                    st.integers(0, 200))
json_lines = st.lists(st.one_of(
    st.builds(lambda t, i, title: json.dumps({"id": i, "title": title, "text": t}),
              texts, st.one_of(st.integers(-3, 3), st.text(max_size=8), st.none()), st.one_of(st.text(max_size=30), st.none())),
    st.builds(lambda t: json.dumps({"text": t, "published": "2013-13-45", "outlet": 7}), texts),
    st.sampled_from(["{", "[]", "null", '{"text": 5}', '{"text": ""}', '"just a string"', "{'single': 1}"]),
    st.text(max_size=40),
), max_size=6).map(lambda lines: "\n".join(lines).encode("utf-8", errors="surrogatepass"))
contents = st.one_of(encoded, spliced, st.binary(max_size=600), json_lines)
documents = st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(SUFFIXES), contents), min_size=1, max_size=8)


def _write(folder: Path, drawn) -> list[str]:
    folder.mkdir()
    names = []
    for number, (stem, suffix, raw) in enumerate(drawn):
        name = f"{stem}{number}{suffix}"
        (folder / name).write_bytes(raw)
        names.append(name)
    return names


def _build_and_check(folder: Path, db: Path, names: list[str]) -> None:
    result = build(folder, db, REFERENCE_DIR)  # any exception fails the test: bad documents never stop a build
    with duckdb.connect(str(db), read_only=True) as connection:
        loaded = {row[0] for row in connection.execute("SELECT file FROM documents").fetchall()}
        warned = connection.execute("SELECT file, line, message FROM warnings").fetchall()
        texts = dict(connection.execute("SELECT doc_id, text FROM documents").fetchall())
        for table, surface in (("claims", "evidence"), ("event_reports", "evidence"),
                               ("counted_things", "evidence"), ("mentions", "surface"), ("document_parts", "text")):
            for doc_id, start, end, written in connection.execute(
                    f"SELECT doc_id, char_start, char_end, {surface} FROM {table}").fetchall():
                assert texts[doc_id][start:end] == written, (table, doc_id, start, end)
    assert {w.file for w in result.warnings} == {row[0] for row in warned}
    for name in names:
        documents_of_file = {f for f in loaded if f == name or f.startswith(name + "#")}
        said = [message for file, _, message in warned if file == name]
        skipped = [message for message in said if message.startswith("skipped: ")]
        assert documents_of_file or skipped, f"{name}: neither loaded nor skipped"
        for message in skipped:
            assert len(message) > len("skipped: ") + 3, f"{name}: a skip must say why"
        if name.endswith(".jsonl"):
            _each_line_accounted_for(folder / name, warned, documents_of_file)


def _each_line_accounted_for(path: Path, warned, documents_of_file) -> None:
    """A bulk file is judged line by line: each line with content is a document or a warning naming it."""
    if any(file == path.name and line is None and message.startswith("skipped: ") for file, line, message in warned):
        return  # the file as a whole could not be read
    try:
        lines = path.read_bytes().decode("utf-8").split("\n")
    except UnicodeDecodeError:
        return  # its lines are those of another encoding; the file-level check above still holds
    loaded_lines = len(documents_of_file)
    warned_lines = {line for file, line, message in warned if file == path.name and message.startswith("skipped: ")}
    content = [number for number, line in enumerate(lines, start=1) if line.strip()]
    assert set(content) >= warned_lines, (path.name, warned_lines)
    assert loaded_lines + len(warned_lines) == len(content), (path.name, loaded_lines, warned_lines, content)


@given(documents)
def test_any_documents_load_or_are_skipped_with_a_reason(tmp_path_factory, drawn):
    root = tmp_path_factory.mktemp("hostile")
    names = _write(root / "corpus", drawn)
    _build_and_check(root / "corpus", root / "w.duckdb", names)


# --- Fixed cases ------------------------------------------------------------------------------------

ARTICLE = "Activists said at least 58 residents were killed in Qusayr on Tuesday."


def _five_megabytes() -> str:
    paragraph = " ".join(f"Paragraph {n} of a long report from Homs continues without figures." for n in range(12))
    return "A very long report\n\n" + ARTICLE + "\n\n" + (paragraph + "\n\n") * (5_100_000 // len(paragraph) + 1)


@pytest.mark.parametrize("name, raw, expect", [
    ("five_megabytes.txt", _five_megabytes().encode(), "loads"),
    ("million_character_line.txt", ("Headline\n\n" + ARTICLE + " " + "word " * 200_000).encode(), "loads"),
    ("whitespace.txt", " \t\n\r\n\u00a0\u2003\n".encode(), "skipped: empty"),
    ("markup.html", b"<html><body><script>alert(1)</script><p>" + ARTICLE.encode() + b"</p></body></html>", "loads"),
    ("arabic.txt", ("\u062a\u0642\u0631\u064a\u0631\n\n\u0642\u062a\u0644 58 \u0634\u062e\u0635\u0627 \u202e" + ARTICLE).encode(), "loads"),
    ("zero_width.txt", ("Headline\n\nActivists\u200b said at\u200d least 58 residents\u2060 were killed in Qu\u200bsayr.").encode(), "loads"),
    ("crlf.txt", ("Headline\r\n\r\n" + ARTICLE + "\r\n").encode(), "loads"),
    ("cp1252.txt", ("Headline\n\n\u201cAt least 58\u201d \u2013 " + ARTICLE).encode("cp1252"), "loads"),
    ("utf16.txt", codecs.BOM_UTF16_LE + ("Headline\n\n" + ARTICLE).encode("utf-16-le"), "loads"),
    ("trillion.txt", "Headline\n\nActivists said 1,000,000,000,000 people were killed in Qusayr.".encode(), "loads"),
    ("beyond_bigint.txt", "Headline\n\nActivists said 99,999,999,999,999,999,999 people were killed.".encode(), "loads"),
    ("bom_then_junk.txt", codecs.BOM_UTF8 + b"Headline\n\n\xff\xfe broken", "skipped: "),
])
def test_hostile_documents_each_load_whole_or_are_skipped_with_a_reason(tmp_path, name, raw, expect):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / name).write_bytes(raw)
    _build_and_check(folder, tmp_path / "w.duckdb", [name])
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as connection:
        stored = connection.execute("SELECT text FROM documents").fetchall()
        messages = [row[0] for row in connection.execute("SELECT message FROM warnings").fetchall()]
    if expect == "loads":
        assert len(stored) == 1, messages
        if name.endswith(".txt") and not name.startswith(("cp1252", "utf16")):
            assert stored[0][0] == raw.decode("utf-8"), "the text is stored exactly as received"
    else:
        assert stored == [] and any(m.startswith(expect) for m in messages), messages
