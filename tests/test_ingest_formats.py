"""The build reads Markdown, HTML and JSON-lines beside .txt; an undated text takes its dateline's date."""
import json
import socket
import subprocess
import sys
from datetime import date

import duckdb
import pytest

from etl.build import build
from etl.settings import REFERENCE_DIR
from tests.conftest import ROOT, build_one_document


def build_corpus(folder):
    result = build(folder, folder / "w.duckdb", REFERENCE_DIR)
    return duckdb.connect(str(folder / "w.duckdb"), read_only=True), result


def write(folder, name, text):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


MARKDOWN = """\
---
title: Homs neighbourhood pounded for a third day
outlet: Levant Monitor
published: 2013-07-01
authors: [Rania Haddad]
url: https://levantmonitor.example/2013/07/khalidiya
---
# Homs neighbourhood pounded for a third day

By Rania Haddad

Government forces shelled the Khalidiya district of Homs on Sunday. Rami Abdel Rahman, who heads the Syrian \
Observatory for Human Rights, said at least 31 people were killed.

## Trapped in the Old City

Some 800 families remain trapped in the Old City, according to activists.
"""

MARKDOWN_FACTS = """\
document: khalidiya.md
claims:
  - quote: at least 31 people were killed
    figure: at least 31
    kind: killed
    victim_group: people
    victim_class: unknown
    claimant: Rami Abdel Rahman
    claimant_quote: Rami Abdel Rahman
    when: on Sunday
    place: Homs
"""


def test_markdown_front_matter_is_metadata_and_offsets_index_the_file_text(tmp_path):
    write(tmp_path, "khalidiya.md", MARKDOWN)
    write(tmp_path, "facts/khalidiya.yaml", MARKDOWN_FACTS)
    db, _ = build_corpus(tmp_path)
    assert db.execute("""SELECT title, outlet, url, authors, published_on, published_precision, text, catalogued
                         FROM documents WHERE file = 'khalidiya.md'""").fetchone() == (
        "Homs neighbourhood pounded for a third day", "Levant Monitor",
        "https://levantmonitor.example/2013/07/khalidiya", ["Rania Haddad"], date(2013, 7, 1), "day", MARKDOWN, False)
    start = MARKDOWN.index("at least 31 people were killed")
    assert db.execute("""SELECT c.char_start, c.char_end, substring(d.text, c.char_start + 1, c.char_end - c.char_start),
                                c.low, c.date_start
                         FROM claims c JOIN documents d USING (doc_id)""").fetchone() == (
        start, start + len("at least 31 people were killed"), "at least 31 people were killed", 31,
        date(2013, 6, 30))  # "on Sunday" before Monday 1 July, the front matter's date
    parts = dict(db.execute("SELECT text, kind FROM document_parts WHERE doc_id = 'khalidiya'").fetchall())
    assert parts[MARKDOWN[:MARKDOWN.index("\n---\n") + 4]] == "front_matter"
    assert parts["Homs neighbourhood pounded for a third day"] == "headline"
    assert parts["Trapped in the Old City"] == "subheading"
    assert db.execute("SELECT count(*) FROM mentions WHERE doc_id = 'khalidiya' AND char_start < ?",
                      [MARKDOWN.index("# Homs")]).fetchone() == (0,)  # nothing comes from the front matter


def test_the_catalog_wins_over_front_matter_field_by_field(tmp_path):
    write(tmp_path, "khalidiya.md", MARKDOWN)
    write(tmp_path, "catalog.yaml", "- file: khalidiya.md\n  outlet: Financial Times\n")
    db, _ = build_corpus(tmp_path)
    assert db.execute("SELECT outlet, title, published_on, catalogued FROM documents").fetchone() == (
        "Financial Times", "Homs neighbourhood pounded for a third day", date(2013, 7, 1), True)


def test_bad_front_matter_is_a_warning_and_the_text_still_loads(tmp_path):
    write(tmp_path, "khalidiya.md", MARKDOWN.replace("published: 2013-07-01", "published: 2013-07-41"))
    db, result = build_corpus(tmp_path)
    assert db.execute("SELECT published_on, text FROM documents").fetchone() == (None, MARKDOWN.replace("07-01", "07-41"))
    assert any(str(w).startswith("khalidiya.md:4: front matter ignored: not a real date: '2013-07-41'")
               for w in result.warnings)


PAGE = """\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Shelling resumes on Homs as rebels hold Khalidiya | Levant Monitor</title>
<meta property="og:title" content="Shelling resumes on Homs as rebels hold Khalidiya">
<meta property="og:site_name" content="Levant Monitor">
<meta name="author" content="Rania Haddad">
<meta property="article:published_time" content="2013-07-02T09:15:00+03:00">
<link rel="canonical" href="https://levantmonitor.example/2013/07/homs-shelling">
</head><body>
<div id="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/syria">Syria news</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
<main><article>
<h1>Shelling resumes on Homs as rebels hold Khalidiya</h1>
<p>Government forces shelled the Khalidiya district of Homs on Monday, killing at least 14 people, according to
the Syrian Observatory for Human Rights.</p>
<p>Activists in the besieged Old City said that food and medicine were running out and that some 800 families
remained trapped inside.</p>
<h2>Wounded cannot leave</h2>
<p>A doctor at a field hospital said the wounded could not be evacuated because snipers covered every road.</p>
</article></main>
<section id="comments"><h3>3 comments</h3>
<div class="comment"><p>abu_omar: This is what the regime does every day in Homs, and the world just watches.</p></div>
</section>
<footer><p>Copyright 2013 Levant Monitor. All rights reserved.</p></footer>
</body></html>
"""


@pytest.fixture
def offline(monkeypatch):
    """Any attempt to open a connection fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("the build tried to use the network")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_html_yields_the_article_only_with_the_page_metadata(tmp_path, offline):
    write(tmp_path, "homs.html", PAGE)
    db, _ = build_corpus(tmp_path)
    text, title, outlet, authors, published, url, source_format = db.execute(
        "SELECT text, title, outlet, authors, published_on, url, source_format FROM documents WHERE file = 'homs.html'"
    ).fetchone()
    assert "<p>" not in text and "</title>" not in text  # the extracted text, not the HTML source
    assert "some 800 families remained trapped inside." in text  # a sentence the page breaks over two lines
    assert "killing at least 14 people" in text
    for page_furniture in ("We use cookies", "Syria news", "Opinion", "abu_omar", "the world just watches", "Copyright"):
        assert page_furniture not in text
    assert (title, outlet, authors, published, url, source_format) == (
        "Shelling resumes on Homs as rebels hold Khalidiya", "Levant Monitor", ["Rania Haddad"], date(2013, 7, 2),
        "https://levantmonitor.example/2013/07/homs-shelling", "html")
    assert db.execute("SELECT kind FROM document_parts WHERE text = 'Wounded cannot leave'").fetchone() == ("subheading",)
    # Offsets index into the extracted text: a mention's surface is the text at its offsets.
    (start, end, surface), = db.execute("SELECT char_start, char_end, surface FROM mentions "
                                         "WHERE entity_id = 'homs' ORDER BY char_start LIMIT 1").fetchall()
    assert text[start:end] == surface == "Homs"


def test_html_with_no_main_text_is_skipped_with_a_warning(tmp_path, offline):
    write(tmp_path, "menu.html", "<html><head><title>Levant Monitor</title></head><body><nav><a href='/'>Home</a>"
                                 "<a href='/syria'>Syria</a></nav><footer>Copyright 2013</footer></body></html>")
    write(tmp_path, "homs.html", PAGE)
    db, _ = build_corpus(tmp_path)
    assert db.execute("SELECT file FROM documents").fetchall() == [("homs.html",)]
    (message,), = db.execute("SELECT message FROM warnings WHERE file = 'menu.html'").fetchall()
    assert message.startswith("skipped: no main text found in the HTML page")


def test_html_charset_from_the_meta_tag(tmp_path, offline):
    page = PAGE.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">')
    page = page.replace("Activists in the besieged", "Activists in the besieged Old City (البلدة القديمة)")
    (tmp_path / "homs.html").write_bytes(page.encode("cp1256"))
    db, _ = build_corpus(tmp_path)
    text, note = db.execute("SELECT text, encoding_note FROM documents").fetchone()
    assert "(البلدة القديمة)" in text and "cp1256" in note


GOOD_LINES = [
    {"id": "sana-0702", "title": "Army restores security to Khalidiya", "outlet": "SANA", "published": "2013-07-02",
     "text": "Army restores security to Khalidiya\nArmy units restored security to several buildings in Khalidiya "
             "in Homs on Tuesday, killing dozens of terrorists, SANA said."},
    {"file": "idlib-clashes.txt", "authors": ["Omar Khalil"], "published": "2013-07",
     "text": "Clashes near Idlib\nRebels and the army clashed near Idlib on Monday, leaving 9 fighters dead."},
    {"text": "Refugees cross into Lebanon\nThousands of Syrians crossed into Lebanon at Masnaa last week, "
             "the UN refugee agency said."},
]


def test_jsonl_loads_each_good_line_and_names_each_bad_line(tmp_path):
    lines = [json.dumps(GOOD_LINES[0]),
             "{'id': 'single quotes are not JSON'}",                                       # line 2
             json.dumps({"id": "no-text", "title": "Aleppo airport closed"}),               # line 3
             json.dumps(GOOD_LINES[1]),
             json.dumps({"id": "bad-date", "published": "2013-13-01", "text": "Aleppo\nFlights were halted."}),  # 5
             "",
             json.dumps(GOOD_LINES[2]),
             json.dumps({**GOOD_LINES[0], "text": "Another text under an id already used."})]  # line 8
    write(tmp_path, "bulk.jsonl", "\n".join(lines) + "\n")
    write(tmp_path, "facts/sana.yaml", "document: bulk.jsonl#sana-0702\ncounts:\n  - quote: several buildings\n"
                                       "    figure: several\n    what: buildings retaken\n    claimant: SANA\n")
    result = subprocess.run([sys.executable, "-m", "etl", "build", "--docs", str(tmp_path), "--db",
                             str(tmp_path / "w.duckdb")], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    db = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    assert db.execute("SELECT doc_id, file, source_line, title, outlet, published_on, published_precision, authors "
                      "FROM documents ORDER BY source_line").fetchall() == [
        ("bulk-sana-0702", "bulk.jsonl#sana-0702", 1, "Army restores security to Khalidiya", "SANA",
         date(2013, 7, 2), "day", []),
        ("bulk-idlib-clashes", "bulk.jsonl#idlib-clashes.txt", 4, "Clashes near Idlib", None,
         date(2013, 7, 1), "month", ["Omar Khalil"]),
        ("bulk-7", "bulk.jsonl#7", 7, "Refugees cross into Lebanon", None, None, None, [])]
    assert dict(db.execute("SELECT doc_id, text FROM documents").fetchall())["bulk-7"] == GOOD_LINES[2]["text"]
    skipped = db.execute("SELECT line, message FROM warnings WHERE file = 'bulk.jsonl' AND message LIKE 'skipped:%' "
                         "ORDER BY line").fetchall()
    assert [line for line, _ in skipped] == [2, 3, 5, 8]
    assert "not JSON" in skipped[0][1] and "no 'text'" in skipped[1][1]
    assert "2013-13-01" in skipped[2][1] and "duplicate id" in skipped[3][1]
    assert "warning: bulk.jsonl:2: skipped: not JSON" in result.stdout
    # A coded-fact file names a line's document by its file value.
    assert db.execute("SELECT doc_id, evidence FROM counted_things").fetchall() == [("bulk-sana-0702", "several buildings")]


DATELINED = """\
Qusayr falls to government forces
BEIRUT, June 5, 2013 (Reuters) - Syrian troops and Hezbollah fighters took the town of Qusayr on Wednesday, \
state television said.
"""


def test_an_undated_text_takes_the_date_of_its_dateline(tmp_path):
    write(tmp_path, "qusayr.txt", DATELINED)
    write(tmp_path, "no_year.txt", "Fighting near Qusayr\nBEIRUT, June 4 (Reuters) - Fighting raged on Tuesday.\n")
    write(tmp_path, "facts/qusayr.yaml", "document: qusayr.txt\nevents:\n  - event: qusayr-falls\n"
                                         "    type: Battles\n    sub_type: Government regains territory\n"
                                         "    when: on Wednesday\n    place: al-Qusayr\n    reports:\n"
                                         "      - {stance: asserts, claimant: Syrian state media, quote: took the town of Qusayr}\n")
    db, result = build_corpus(tmp_path)
    published = dict((row[0], row[1:]) for row in db.execute(
        "SELECT file, published_on, published_until, published_precision, published_note FROM documents").fetchall())
    on, until, precision, note = published["qusayr.txt"]
    assert (on, until, precision) == (date(2013, 6, 5), date(2013, 6, 5), "day")
    assert "Inferred from the dateline 'BEIRUT, June 5, 2013'" in note
    assert published["no_year.txt"] == (None, None, None, None)  # no year written, no date inferred
    # "on Wednesday" is resolved against the inferred date.
    assert db.execute("SELECT date_start, date_end FROM events").fetchone() == (date(2013, 6, 5), date(2013, 6, 5))
    assert "qusayr.txt: publication date 2013-06-05 inferred from the dateline 'BEIRUT, June 5, 2013'" in [
        str(w) for w in result.warnings]


def test_a_catalogued_date_is_not_replaced_by_the_dateline(tmp_path):
    write(tmp_path, "qusayr.txt", DATELINED)
    write(tmp_path, "catalog.yaml", '- file: qusayr.txt\n  published: "2013-06-06"\n')
    db, _ = build_corpus(tmp_path)
    assert db.execute("SELECT published_on, published_note FROM documents").fetchone() == (date(2013, 6, 6), None)


@pytest.mark.parametrize("url, expected", [
    ("https://example.org/news/2016/11/20/aleppo-strikes", ("2016-11-20", "2016-11-20", "day")),
    ("https://example.org/news/2016/11/aleppo-strikes", ("2016-11-01", "2016-11-30", "month")),
    ("https://example.org/news/aleppo-strikes", (None, None, None)),
])
def test_an_undated_document_takes_its_date_from_its_url_and_says_so(tmp_path, url, expected):
    """No catalog date and no dateline: the URL's date is read (a year and month give the month),
    relative dates resolve against it, and the documents table says where the date came from."""
    catalog = f"- file: a.txt\n  title: Strikes hit Aleppo\n  url: {url}\n"
    text = "Strikes hit Aleppo\n\nGovernment air strikes killed 12 people in Aleppo in 2016, activists said.\n"
    with duckdb.connect(str(build_one_document(tmp_path, "a.txt", text, catalog)), read_only=True) as db:
        row = db.execute("SELECT published_on, published_until, published_precision, published_note FROM documents").fetchone()
    assert tuple(str(v) if v else None for v in row[:3]) == expected
    if expected[0]:
        assert url in row[3] and "htmldate" in row[3]


# A fact file in the words used before 2026-12-06: the list casualties, an event report's source, a
# review decision's fact casualty and the stance claims (which collided with the noun claim).
OLD_SPELLING = """\
document: qusayr.txt
casualties:
  - {quote: At least 20 rebels were killed, figure: At least 20, kind: killed, victim_group: rebels,
     victim_class: opposition fighters, claimant: Syrian Observatory for Human Rights}
events:
  - event: qusayr-falls
    type: Battles
    sub_type: Government regains territory
    when: on Wednesday
    place: al-Qusayr
    reports:
      - {stance: claims, source: Syrian state media, quote: took the town of Qusayr}
review:
  - {decision: reject, fact: casualty, machine_id: c-000000000000, reviewer: Jane Doe}
"""
NEW_SPELLING = (OLD_SPELLING.replace("casualties:", "claims:").replace("stance: claims, source:", "stance: asserts, claimant:")
                .replace("fact: casualty", "fact: claim"))


def test_a_fact_file_in_the_words_before_the_renames_builds_the_same_facts(tmp_path):
    built = {}
    for name, facts in (("old", OLD_SPELLING), ("new", NEW_SPELLING)):
        folder = tmp_path / name
        write(folder, "qusayr.txt", DATELINED.replace("state television said.", "state television said. At least 20 "
                                                      "rebels were killed, the Syrian Observatory for Human Rights said."))
        write(folder, "facts/qusayr.yaml", facts)
        db, _ = build_corpus(folder)
        built[name] = [db.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
                       for table in ("claims", "event_reports", "events", "counted_things")]
    assert built["old"] == built["new"]
    assert db.execute("SELECT figure_text, claimant_id, method FROM claims").fetchall() == [
        ("At least 20", "syrian-observatory-for-human-rights", "coded")]
    assert db.execute("SELECT stance, claimant_id FROM event_reports").fetchall() == [("asserts", "syrian-state-media")]
