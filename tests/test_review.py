"""Review: decisions on the machine's facts are saved in the coded-fact files and change the next build.

Every test works on a copy of the corpus (conftest's `corpus`), so seeds/ is never written.
"""
import importlib
import shutil
import subprocess
import sys
import textwrap
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import date

import duckdb
import pytest
import yaml
from streamlit.testing.v1 import AppTest

from dashboard import settings
from etl import review
from etl.build import build
from etl.core.dates import DateRange
from etl.extract.coded import read_fact_file
from etl.review import Decision
from etl.settings import REFERENCE_DIR
from tests.conftest import ROOT, rows

HOMS = "100_homs.txt"
HOMS_TEXT = ("Fighting flares near Homs\n\n"
             "Activists said at least 35 people were killed or wounded in Homs on Tuesday. "
             "The Syrian Observatory for Human Rights said 12 rebels were wounded in the clashes. "
             "Government forces shelled the district of Baba Amr on Monday, state media reported.\n")
# The same words twice: a quote that needs `occurrence`.
TWICE = "101_twice.txt"
TWICE_TEXT = ("Two tolls\n\n"
              "Activists said 35 people were killed in Homs on Tuesday. Residents said 35 people were killed in Hama.\n")


def add_article(corpus, name: str, text: str) -> None:
    """An article from Reuters, published 22 May 2013 (a Wednesday), with no coded-fact file."""
    (corpus / name).write_text(text, encoding="utf-8")
    with open(corpus / "catalog.yaml", "a", encoding="utf-8") as catalog:
        catalog.write(f'\n- file: {name}\n  title: "{text.splitlines()[0]}"\n  outlet: Reuters\n'
                      f'  published: "2013-05-22"\n')


def coded_claim(quote: str, figure: str, kind: str, victims: str, victim_class: str, claimant: str, **more) -> dict:
    """A claim record in the coded-fact format."""
    return {"quote": quote, "figure": figure, "kind": kind, "victim_group": victims, "victim_class": victim_class,
            "claimant": claimant, **more}


def built(corpus, db_path):
    build(corpus, db_path, REFERENCE_DIR)
    return duckdb.connect(str(db_path), read_only=True)


def records(db, sql, *params) -> list[dict]:
    cursor = db.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def machine_claim(db, doc_id: str, evidence: str) -> dict:
    found = records(db, "SELECT * FROM claim_overview WHERE doc_id = ? AND evidence = ? AND method = 'machine'", doc_id, evidence)
    assert len(found) == 1, found
    return found[0]


@pytest.fixture
def homs(corpus, tmp_path):
    """The corpus with an uncatalogued-by-hand Reuters article, and the warehouse built from it."""
    add_article(corpus, HOMS, HOMS_TEXT)
    db = built(corpus, tmp_path / "before.duckdb")
    yield corpus, db
    db.close()


def test_a_reject_and_an_accept_in_a_new_file_change_the_next_build(homs, tmp_path):
    corpus, db = homs
    rebels = machine_claim(db, "100_homs", "12 rebels were wounded")
    toll = machine_claim(db, "100_homs", "at least 35 people were killed")
    doc = review.read_document(corpus, HOMS)
    assert not (corpus / "facts" / "100_homs.yaml").exists()

    rejected = review.save(corpus, doc, Decision("reject", "claim", "Jane Doe", rebels["claim_id"],
                                                       reason="rebels wounded in another clash"))
    accepted = review.save(corpus, doc, Decision("accept", "claim", "Jane Doe", toll["claim_id"],
                                                       review.claim_record(doc, toll, "reuters")))
    assert rejected.error is None and rejected.created and accepted.error is None and not accepted.created
    path = corpus / "facts" / "100_homs.yaml"
    data = read_fact_file(path)
    assert (data["document"], data["coder"], data["machine_facts"]) == (HOMS, "review", "keep")
    assert [(e["decision"], e["machine_id"], e["reviewer"]) for e in data["review"]] == [
        ("reject", rebels["claim_id"], "Jane Doe"), ("accept", toll["claim_id"], "Jane Doe")]
    assert data["review"][1]["record"]["when"] == "on Tuesday"
    assert path.read_text().splitlines()[accepted.line - 1] == "  - decision: accept"

    after = built(corpus, tmp_path / "after.duckdb")
    claims = records(after, "SELECT * FROM claims WHERE doc_id = '100_homs'")
    assert [c["evidence"] for c in claims] == ["at least 35 people were killed"]  # the rebels' claim is gone
    kept = claims[0]
    assert kept["claim_id"] == toll["claim_id"]  # accepting keeps the claim's id and permalink
    assert (kept["method"], kept["confidence"], kept["low"], kept["high"]) == ("reviewed", None, 35, None)
    assert kept["coded_at"] == f"100_homs.yaml:{accepted.line + 6}"  # the record, below the entry's header
    assert str(kept["date_start"]) == "2013-05-21"  # "on Tuesday", the day before publication
    # The machine's event report nobody decided on stays.
    assert rows(after, "SELECT method FROM event_reports WHERE doc_id = '100_homs'") == [("machine",)]


def test_a_corrected_kind_shows_after_rebuilding_and_the_machine_row_is_gone(homs, tmp_path):
    corpus, db = homs
    toll = machine_claim(db, "100_homs", "at least 35 people were killed")
    assert (toll["kind"], toll["figure_text"]) == ("killed", "at least 35")
    doc = review.read_document(corpus, HOMS)
    record = {**review.claim_record(doc, toll, "reuters"), "quote": "at least 35 people were killed or wounded",
              "figure": "at least 35", "kind": "wounded", "victim_class": "civilians", "when": "2013-05-21"}
    saved = review.save(corpus, doc, Decision("correct", "claim", "Jane Doe", toll["claim_id"], record))
    assert saved.error is None

    after = built(corpus, tmp_path / "after.duckdb")
    found = records(after, "SELECT * FROM claims WHERE doc_id = '100_homs' AND evidence LIKE '%35 people%'")
    assert len(found) == 1
    claim = found[0]
    assert (claim["kind"], claim["low"], claim["high"], claim["method"], claim["victim_class"]) == (
        "wounded", 35, None, "reviewed", "civilians")
    assert claim["evidence"] == "at least 35 people were killed or wounded"
    assert rows(after, "SELECT count(*) FROM claims WHERE claim_id = ?", toll["claim_id"]) == [(0,)]


def refused_add(corpus, stem: str, record: dict) -> str:
    """Why adding `record` to a document's fact file is refused; the file must be left byte for byte."""
    path = corpus / "facts" / f"{stem}.yaml"
    before = path.read_bytes()
    doc = review.read_document(corpus, f"{stem}.txt")
    outcome = review.save(corpus, doc, Decision("add", "claim", "Jane Doe", record=record))
    assert outcome.error and path.read_bytes() == before
    assert not list(path.parent.glob(".*"))  # no temporary file left behind
    return outcome.error


def test_a_quote_not_in_the_text_is_refused_and_the_file_left_byte_for_byte(corpus):
    error = refused_add(corpus, "002_996f98365809a89b", coded_claim(
        "At least 85 Qusayr residents were killed", "At least 85", "killed", "Qusayr residents", "mixed",
        "Hadi al-Abdallah"))
    assert "quote not found" in error and "At least 85" in error


def test_a_decision_on_a_document_without_a_file_that_fails_creates_none(homs):
    corpus, db = homs
    doc = review.read_document(corpus, HOMS)
    toll = machine_claim(db, "100_homs", "at least 35 people were killed")
    record = {**review.claim_record(doc, toll, "reuters"), "figure": "at least 53"}
    outcome = review.save(corpus, doc, Decision("correct", "claim", "Jane Doe", toll["claim_id"], record))
    assert "'at least 53' is not inside its quote" in outcome.error
    assert not (corpus / "facts" / "100_homs.yaml").exists()


def test_appending_to_a_hand_coded_seed_file_keeps_it_as_a_prefix(corpus, tmp_path):
    path = corpus / "facts" / "004_90573b398f18ee08.yaml"
    before = path.read_bytes()
    doc = review.read_document(corpus, "004_90573b398f18ee08.txt")
    record = coded_claim("as many as 1,500 wounded were trapped in the town", "as many as 1,500", "wounded", "wounded",
                      "unknown", "Humanitarian agencies", place="Qusayr")
    outcome = review.save(corpus, doc, Decision("add", "claim", "Jane Doe", record=record))
    assert outcome.error is None
    after = path.read_bytes()
    assert after.startswith(before) and after[len(before):].startswith(b"review:\n  - decision: add\n")
    assert read_fact_file(path)["coder"] == "project team"  # still a hand-coded file: no machine facts come back

    db = built(corpus, tmp_path / "after.duckdb")
    assert rows(db, "SELECT kind, low, high, method FROM claims WHERE doc_id = '004_90573b398f18ee08' "
                    "AND figure_text = 'as many as 1,500' ORDER BY kind") == [
        ("trapped", None, 1500, "coded"), ("wounded", None, 1500, "reviewed")]
    assert rows(db, "SELECT count(*) FROM claims WHERE doc_id = '004_90573b398f18ee08' AND method = 'machine'") == [(0,)]


def test_review_must_be_the_last_key_of_the_file(corpus):
    path = corpus / "facts" / "001_8b662e84a096434d.yaml"
    path.write_text(path.read_text().replace("\nevents:", "\nreview:\nevents:", 1))
    error = refused_add(corpus, "001_8b662e84a096434d", coded_claim(
        "there were up to 1,000 wounded civilians trapped", "up to 1,000", "wounded", "wounded civilians",
        "civilians", "outlet"))
    assert "`review:` must be the last top-level key" in error and "`events:` follows it" in error


def test_a_file_the_build_would_reject_is_not_written_and_the_error_names_file_and_line(homs):
    corpus, db = homs
    path = corpus / "facts" / "100_homs.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text("document: 100_homs.txt\ncoder: review\nmachine_facts: sometimes\nreview:\n")
    before = path.read_bytes()
    doc = review.read_document(corpus, HOMS)
    rebels = machine_claim(db, "100_homs", "12 rebels were wounded")
    outcome = review.save(corpus, doc, Decision("reject", "claim", "Jane Doe", rebels["claim_id"]))
    assert outcome.error.startswith(f"{path}:3: machine_facts must be keep or drop")
    assert path.read_bytes() == before


def test_figures_kinds_and_dates_are_checked_before_anything_is_written(homs):
    corpus, db = homs
    doc = review.read_document(corpus, HOMS)
    toll = machine_claim(db, "100_homs", "at least 35 people were killed")
    start = review.claim_record(doc, toll, "reuters")

    def error(**change):
        return review.save(corpus, doc, Decision("correct", "claim", "Jane Doe", toll["claim_id"],
                                                       {**start, **change})).error
    assert "not a number" in error(figure="people")
    assert "kind 'injured' is not one of" in error(kind="injured")
    assert "date expression 'on Friday' does not occur in 100_homs.txt" in error(when="on Friday")
    assert "not a real date" in error(when="2013-02-30")
    assert "give your name" in review.save(corpus, doc, Decision("reject", "claim", " ", "c-1")).error
    assert not (corpus / "facts" / "100_homs.yaml").exists()
    assert review.figure_bounds("at least 35").high is None
    assert review.resolve_when(doc, "on Tuesday").start.isoformat() == "2013-05-21"


def test_a_quote_that_occurs_twice_is_written_with_its_occurrence(corpus, tmp_path):
    add_article(corpus, TWICE, TWICE_TEXT)
    db = built(corpus, tmp_path / "before.duckdb")
    first, second = records(db, "SELECT * FROM claim_overview WHERE doc_id = '101_twice' ORDER BY char_start")
    assert first["evidence"] == second["evidence"] == "35 people were killed"
    doc = review.read_document(corpus, TWICE)
    outcome = review.save(corpus, doc, Decision("accept", "claim", "Jane Doe", second["claim_id"],
                                                      review.claim_record(doc, second, "reuters")))
    assert outcome.error is None and "occurrence: 2" in outcome.text
    again = review.save(corpus, doc, Decision("reject", "claim", "Jane Doe", second["claim_id"]))
    assert "already decided (accept)" in again.error

    after = built(corpus, tmp_path / "after.duckdb")
    assert rows(after, "SELECT method, char_start FROM claims WHERE doc_id = '101_twice' ORDER BY char_start") == [
        ("machine", first["char_start"]), ("reviewed", second["char_start"])]


def test_accepting_a_machine_event_makes_it_reviewed(homs, tmp_path):
    corpus, db = homs
    event = records(db, "SELECT * FROM events WHERE event_id IN (SELECT event_id FROM event_reports WHERE doc_id = '100_homs')")[0]
    reports = records(db, "SELECT * FROM event_reports WHERE doc_id = '100_homs'")
    actors = records(db, "SELECT * FROM event_actors WHERE event_id = ?", event["event_id"])
    doc = review.read_document(corpus, HOMS)
    record = review.event_record(doc, event, reports, actors, "reuters")
    assert record["when"] == "on Monday" and record["reports"][0]["claimant"] == "syrian-state-media"
    outcome = review.save(corpus, doc, Decision("accept", "event", "Jane Doe", event["event_id"], record))
    assert outcome.error is None

    after = built(corpus, tmp_path / "after.duckdb")
    assert rows(after, "SELECT method, event_type, place_id, date_start FROM events WHERE event_id = ?", event["event_id"]) == [
        ("reviewed", event["event_type"], event["place_id"], event["date_start"])]
    assert rows(after, "SELECT method FROM event_reports WHERE doc_id = '100_homs'") == [("reviewed",)]


def test_an_added_claim_that_repeats_a_machine_claim_stands_instead_of_it(homs, tmp_path):
    corpus, db = homs
    rebels = machine_claim(db, "100_homs", "12 rebels were wounded")
    doc = review.read_document(corpus, HOMS)
    record = review.claim_record(doc, rebels, "reuters")
    assert review.save(corpus, doc, Decision("add", "claim", "Jane Doe", record=record)).error is None
    after = built(corpus, tmp_path / "after.duckdb")
    assert rows(after, "SELECT method FROM claims WHERE claim_id = ?", rebels["claim_id"]) == [("reviewed",)]


def test_an_accepted_claim_keeps_the_event_its_sentence_reports(corpus, tmp_path):
    add_article(corpus, "103_talbiseh.txt", "Shelling in Talbiseh\n\n"
                "Activists said 20 people were killed when government forces shelled Talbiseh on Monday.\n")
    db = built(corpus, tmp_path / "before.duckdb")
    claim = machine_claim(db, "103_talbiseh", "20 people were killed")
    assert claim["event_id"]  # the shelling told in the same sentence
    doc = review.read_document(corpus, "103_talbiseh.txt")
    assert review.save(corpus, doc, Decision("accept", "claim", "Jane Doe", claim["claim_id"],
                                                   review.claim_record(doc, claim, "reuters"))).error is None
    after = built(corpus, tmp_path / "after.duckdb")
    assert rows(after, "SELECT method, event_id FROM claims WHERE claim_id = ?", claim["claim_id"]) == [
        ("reviewed", claim["event_id"])]
    db.close()


def test_an_explicit_date_needs_no_publication_date(corpus, tmp_path):
    (corpus / "102_undated.txt").write_text(TWICE_TEXT, encoding="utf-8")  # not in the catalog: no date
    doc = review.read_document(corpus, "102_undated.txt")
    record = coded_claim("Residents said 35 people were killed in Hama", "35", "killed", "people", "unknown",
                      "unknown-outlet")
    assert "no publication date" in review.save(corpus, doc, Decision(
        "add", "claim", "Jane Doe", record={**record, "when": "on Tuesday"})).error
    assert review.save(corpus, doc, Decision("add", "claim", "Jane Doe",
                                                   record={**record, "when": "2013-05-21"})).error is None
    db = built(corpus, tmp_path / "after.duckdb")
    assert rows(db, "SELECT method, date_start FROM claims WHERE doc_id = '102_undated' AND method = 'reviewed'") == [
        ("reviewed", date(2013, 5, 21))]


def test_an_added_event_and_a_later_report_of_it_from_another_document_become_one_reviewed_event(homs, tmp_path):
    corpus, _ = homs
    add_article(corpus, TWICE, TWICE_TEXT)
    doc = review.read_document(corpus, HOMS)
    clash = {"event": "homs-armed-clash-2013-05-21", "type": "Battles", "sub_type": "Armed clash", "when": "on Tuesday",
             "place": "homs", "actors": [{"actor": "syrian-rebels", "role": "target"}],
             "reports": [{"stance": "reports", "claimant": "syrian-observatory-for-human-rights",
                          "quote": "12 rebels were wounded in the clashes",
                          "claimant_quote": "The Syrian Observatory for Human Rights"}]}
    assert review.save(corpus, doc, Decision("add", "event", "Jane Doe", record=clash)).error is None
    first = built(corpus, tmp_path / "first.duckdb")
    assert rows(first, "SELECT method, event_type, sub_event_type, place_id, date_start FROM events WHERE event_id = ?",
                clash["event"]) == [("reviewed", "Battles", "Armed clash", "homs", date(2013, 5, 21))]
    assert rows(first, "SELECT actor_id, role FROM event_actors WHERE event_id = ?", clash["event"]) == [
        ("syrian-rebels", "target")]
    report = records(first, "SELECT * FROM event_reports WHERE event_id = ?", clash["event"])[0]
    assert (report["method"], report["claimant_id"], report["evidence"]) == (
        "reviewed", "syrian-observatory-for-human-rights", HOMS_TEXT[report["char_start"]:report["char_end"]])
    # Its id is taken now: the page offers it among the checked events, and refuses it for a new one.
    checked = [event_id for (event_id,) in rows(first, "SELECT event_id FROM events WHERE method <> 'machine'")]
    assert clash["event"] in checked
    with pytest.raises(review.ReviewError, match="taken by an event in the warehouse"):
        review.check_new_event_id(clash["event"], checked)
    # Added twice (a second click), it would be coded twice and fail the next build: refused.
    again = review.save(corpus, doc, Decision("add", "event", "Jane Doe", record=clash))
    assert "already added at" in again.error

    # Another document's report of it names only the event and the report.
    other = review.read_document(corpus, TWICE)
    assert review.save(corpus, other, Decision("add", "event", "Ali Hassan", record={
        "event": clash["event"], "reports": [{"stance": "reports", "claimant": "opposition-activists",
                                               "quote": "Activists said 35 people were killed in Homs on Tuesday"}]})).error is None
    second = built(corpus, tmp_path / "second.duckdb")
    assert rows(second, "SELECT doc_id, claimant_id, method FROM event_reports WHERE event_id = ? ORDER BY doc_id",
                clash["event"]) == [("100_homs", "syrian-observatory-for-human-rights", "reviewed"),
                                    ("101_twice", "opposition-activists", "reviewed")]
    assert rows(second, "SELECT count(*), any_value(method) FROM events WHERE event_id = ?", clash["event"]) == [(1, "reviewed")]


def test_a_new_event_id_is_suggested_in_the_seeds_style():
    days = DateRange(date(2013, 5, 19), date(2013, 5, 19), "day")
    assert review.suggested_event_id("Armed clash", "qusayr", days) == "qusayr-armed-clash-2013-05-19"
    month = DateRange(date(2013, 5, 1), date(2013, 5, 31), "month")
    assert review.suggested_event_id("Shelling/artillery/missile attack", None, month) == (
        "shelling-artillery-missile-attack-2013-05")
    assert review.suggested_event_id("Air/drone strike", "al-qusayr", None) == "al-qusayr-air-drone-strike-undated"


def _save_many(corpus, reviewer: str, count: int) -> list:
    doc = review.read_document(corpus, HOMS)
    return [review.save(corpus, doc, Decision("reject", "claim", reviewer, f"c-{reviewer[:3].lower()}{n}",
                                                    reason="not a toll")).error for n in range(count)]


@pytest.mark.parametrize("sessions", [ThreadPoolExecutor, ProcessPoolExecutor], ids=["tabs of one server", "two servers"])
def test_two_sessions_saving_into_one_file_at_once_lose_no_decision(homs, sessions):
    corpus, _ = homs
    with sessions(2) as pool:
        errors = list(pool.map(_save_many, [corpus, corpus], ["Jane Doe", "Ali Hassan"], [8, 8]))
    assert errors == [[None] * 8, [None] * 8]
    reviewers = [e["reviewer"] for e in read_fact_file(corpus / "facts" / "100_homs.yaml")["review"]]
    assert sorted(reviewers) == ["Ali Hassan"] * 8 + ["Jane Doe"] * 8
    assert [p.name for p in (corpus / "facts").iterdir() if p.name.startswith(".")] == []  # no temporary left


# --- The page -----------------------------------------------------------------------------------

@pytest.fixture
def review_page(homs, tmp_path, monkeypatch):
    """The Review page on the Homs corpus and a warehouse of its own (the page may rebuild it)."""
    corpus, db = homs
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(tmp_path / "before.duckdb", warehouse)

    def run(env: dict | None = None, **params) -> AppTest:
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        importlib.reload(settings)  # the settings read the environment when they are loaded
        monkeypatch.setattr(settings, "WAREHOUSE", warehouse)
        monkeypatch.setattr(settings, "CORPUS", corpus)
        app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
        for key, value in params.items():
            app.query_params[key] = value
        app.switch_page("dashboard/review.py")
        app.run()
        assert not app.exception, [e.message for e in app.exception]
        return app
    yield run
    monkeypatch.undo()
    importlib.reload(settings)


def test_a_shared_deployment_explains_review_is_local_and_shows_no_controls(review_page):
    app = review_page({"CONFLICT_SHARED": "1"}, doc="100_homs")
    assert not settings.REVIEW_ENABLED
    assert any("Review is a local feature" in info.value and "shared deployment" in info.value for info in app.info)
    assert not app.button and not app.text_input and not app.selectbox


def test_a_corpus_that_cannot_be_written_shows_no_controls(review_page, monkeypatch, tmp_path):
    app = review_page()
    assert app.button  # controls, locally
    monkeypatch.setattr(settings, "CORPUS", tmp_path / "gone")
    app.run()
    assert any("does not exist" in info.value for info in app.info)
    assert not app.button


def test_a_warehouse_built_from_another_corpus_says_what_to_set(review_page, monkeypatch, tmp_path):
    app = review_page()
    other = tmp_path / "other-corpus"  # writable, but none of the warehouse's documents is in it
    (other / "facts").mkdir(parents=True)
    monkeypatch.setattr(settings, "CORPUS", other)
    monkeypatch.delenv("CONFLICT_CORPUS", raising=False)
    app.run()
    said = " ".join(error.value for error in app.error)
    assert "built from another corpus folder" in said and "`CONFLICT_CORPUS` is not set" in said
    assert app.code[0].value.startswith("CONFLICT_CORPUS=path/to/")
    assert not app.button and not app.text_input  # nothing to decide into the wrong corpus


def test_the_page_lists_each_machine_fact_with_its_controls(review_page):
    app = review_page(doc="100_homs")
    assert app.selectbox(key="review_doc").value == "100_homs"
    labels = [e.label for e in app.expander]
    assert any("at least 35 killed \\(35 or more\\)" in label and "Opposition activists" in label
               and "21 May 2013" in label for label in labels)
    assert any("Explosions/Remote violence" in label for label in labels)
    keys = {b.key for b in app.button}
    with duckdb.connect(str(settings.WAREHOUSE), read_only=True) as warehouse:
        claims = rows(warehouse, "SELECT claim_id FROM claims WHERE doc_id = '100_homs'")
    assert len(claims) == 2
    for (claim_id,) in claims:
        assert {f"{claim_id}_accept", f"{claim_id}_reject"} <= keys
    assert "background:#f9d0c4" in "".join(h.proto.body for h in app.get("html"))  # machine claims highlighted


def test_a_large_warehouses_review_offers_the_linked_document_and_finds_the_others(review_page, monkeypatch):
    # Listing every document of a large warehouse as a choice cost the page seconds: it offers the one a link
    # names and the first FILTER_MAX_DOCUMENTS whose title or outlet holds the words searched for.
    app = review_page(doc="100_homs")
    assert "review_document_words" not in [t.key for t in app.text_input]  # a few documents: all offered
    monkeypatch.setattr(settings, "FILTER_MAX_DOCUMENTS", 1)
    app.run()
    assert len(app.selectbox(key="review_doc").options) <= 2
    app.text_input(key="review_document_words").input("NOW Lebanon").run()
    box = app.selectbox(key="review_doc")
    assert box.value == "100_homs"  # the choice stays while searching
    assert len(box.options) == 2 and any(label.startswith("NOW Lebanon") for label in box.options)
    app.text_input(key="review_document_words").input("no such outlet anywhere").run()
    box = app.selectbox(key="review_doc")
    assert len(box.options) == 1 and box.value == "100_homs"


def test_rejecting_on_the_page_writes_the_file_and_rebuild_now_applies_it(review_page, homs):
    corpus, db = homs
    rebels = machine_claim(db, "100_homs", "12 rebels were wounded")["claim_id"]
    app = review_page(doc="100_homs")
    app.text_input(key="review_reviewer").set_value("Jane Doe")
    app.text_input(key=f"{rebels}_reason").set_value("wounded in another clash")
    app.button(key=f"{rebels}_reject").click().run()
    assert not app.exception
    entry = read_fact_file(corpus / "facts" / "100_homs.yaml")["review"][0]
    assert (entry["decision"], entry["machine_id"], entry["reviewer"], entry["reason"]) == (
        "reject", rebels, "Jane Doe", "wounded in another clash")
    assert any("100_homs.yaml" in s.value and "next build" in s.value for s in app.success)
    assert not any(b.key == f"{rebels}_reject" for b in app.button)  # decided: no second decision

    app.button(key="review_rebuild").click().run(timeout=300)
    assert not app.exception and not app.error, [e.value for e in app.error]
    assert not any(b.key == f"{rebels}_accept" for b in app.button)
    with duckdb.connect(str(settings.WAREHOUSE), read_only=True) as rebuilt:
        assert rows(rebuilt, "SELECT count(*) FROM claims WHERE claim_id = ?", rebels) == [(0,)]


def test_a_correction_on_the_page_shows_its_bounds_and_is_saved(review_page, homs):
    corpus, db = homs
    toll = machine_claim(db, "100_homs", "at least 35 people were killed")["claim_id"]
    app = review_page(doc="100_homs")
    app.text_input(key="review_reviewer").set_value("Jane Doe")
    app.toggle(key=f"{toll}_correcting").set_value(True).run()
    app.text_input(key=f"{toll}_fix_quote").set_value("at least 35 people were killed or wounded")
    app.text_input(key=f"{toll}_fix_figure").set_value("about 35").run()
    assert any(m.value.startswith("**Bounds**  \n31–39") for m in app.markdown)  # approximate: ±10 %
    app.text_input(key=f"{toll}_fix_figure").set_value("at least 35")
    app.selectbox(key=f"{toll}_fix_kind").set_value("wounded")
    app.button(key=f"{toll}_save").click().run()
    assert not app.error, [e.value for e in app.error]
    entry = read_fact_file(corpus / "facts" / "100_homs.yaml")["review"][0]
    assert (entry["decision"], entry["record"]["kind"], entry["record"]["figure"]) == ("correct", "wounded", "at least 35")


def test_review_settings_follow_the_environment():
    probe = "from dashboard import settings; print(settings.REVIEW_ENABLED)"
    for env, expected in (({}, "True"), ({"CONFLICT_SHARED": "1"}, "False"), ({"CONFLICT_REVIEW": "0"}, "False")):
        done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60,
                              env={"PATH": "/usr/bin:/bin", **env})
        assert done.stdout.strip() == expected, (env, done.stderr)


def test_the_written_entry_is_yaml_that_keeps_awkward_text_as_text(homs):
    corpus, db = homs
    doc = review.read_document(corpus, HOMS)
    rebels = machine_claim(db, "100_homs", "12 rebels were wounded")["claim_id"]
    reason = 'yes: "12" # not a toll\n- and: [not, a, list]'
    outcome = review.save(corpus, doc, Decision("reject", "claim", "O'Brien: #1", rebels, reason=reason))
    assert outcome.error is None
    entry = yaml.safe_load(textwrap.dedent(outcome.text))[0]
    assert (entry["reviewer"], entry["reason"]) == ("O'Brien: #1", reason)


def test_an_event_added_on_the_page_is_saved_and_shows_after_rebuild_now(review_page, homs):
    corpus, _ = homs
    app = review_page(doc="100_homs")
    app.text_input(key="review_reviewer").set_value("Jane Doe")
    app.selectbox(key="add_event_type").set_value(("Battles", "Armed clash"))
    app.text_input(key="add_event_when").set_value("on Tuesday")
    app.selectbox(key="add_event_place").set_value("homs")
    app.multiselect(key="add_event_target").set_value(["syrian-rebels"]).run()
    # Left empty, the id is the suggestion, which is taken by no event yet.
    assert app.text_input(key="add_event_id").placeholder == "homs-armed-clash-2013-05-21"
    app.text_input(key="add_event_quote").set_value("12 rebels were wounded in the clashes")
    app.selectbox(key="add_event_claimant").set_value("syrian-observatory-for-human-rights")
    app.button(key="add_event_save").click().run()
    assert not app.error, [e.value for e in app.error]
    entry = read_fact_file(corpus / "facts" / "100_homs.yaml")["review"][0]
    assert (entry["decision"], entry["fact"], entry["reviewer"]) == ("add", "event", "Jane Doe")
    assert (entry["record"]["event"], entry["record"]["when"], entry["record"]["actors"][0]["actor"]) == (
        "homs-armed-clash-2013-05-21", "on Tuesday", "syrian-rebels")

    app.button(key="review_rebuild").click().run(timeout=300)
    assert not app.error, [e.value for e in app.error]
    checked = app.dataframe[0].value
    assert "Battles: Armed clash" in list(checked["what"]) and "reviewed" in list(checked["method"])
    with duckdb.connect(str(settings.WAREHOUSE), read_only=True) as rebuilt:
        assert rows(rebuilt, "SELECT method, place_id FROM events WHERE event_id = 'homs-armed-clash-2013-05-21'") == [
            ("reviewed", "homs")]


def test_a_new_event_under_a_taken_id_cannot_be_saved(review_page):
    app = review_page(doc="100_homs")
    app.text_input(key="review_reviewer").set_value("Jane Doe")
    app.text_input(key="add_event_id").set_value("qusayr-ground-assault-2013-05-19").run()
    assert any("taken by an event in the warehouse" in w.value for w in app.warning)
    assert app.button(key="add_event_save").disabled


def test_a_move_and_a_split_of_comparison_groups_are_saved_and_stand_at_the_next_build(corpus, tmp_path):
    db = built(corpus, tmp_path / "before.duckdb")
    group_of = dict(rows(db, "SELECT claim_id, comparison_group FROM claims"))
    claim = dict(rows(db, "SELECT figure_text, claim_id FROM claims"))
    db.close()
    doc = review.read_document(corpus, "004_90573b398f18ee08.txt")
    path = corpus / "facts" / "004_90573b398f18ee08.yaml"
    before = path.read_bytes()
    # What the build would refuse or ignore is refused here, and nothing is written.
    for args, why in [
        (("move", "Jane Doe", [claim["As many as 20,000"]], "civilians inside Qusayr", None), "already in"),
        (("split", "Jane Doe", [claim["40,000"]], "wounded trapped in Qusayr", "x"), "not in"),
        (("split", "Jane Doe", [claim["40,000"]], "civilians inside Qusayr", "wounded trapped in Qusayr"), "a group already"),
        (("move", "", [claim["40,000"]], "x", None), "your name"),
        (("move", "Jane Doe", ["c-000000000000"], "x", None), "no claim c-000000000000"),
    ]:
        outcome = review.save_group(corpus, doc, *args, group_of)
        assert why in outcome.error, (args, outcome.error)
    assert path.read_bytes() == before

    split = review.save_group(corpus, doc, "split", "Jane Doe", [claim["40,000"]], "civilians inside Qusayr",
                                    "civilians inside Qusayr, as the opposition counts them", group_of)
    move = review.save_group(corpus, doc, "move", "Jane Doe", [claim["up to 1,000"]],
                                   "civilians inside Qusayr", None, group_of, "the wounded are among the civilians")
    assert split.error is None and move.error is None
    assert path.read_bytes().startswith(before)
    assert [e["decision"] for e in review.fact_file_state(corpus, doc.file).group_decisions] == ["split", "move"]
    db = built(corpus, tmp_path / "after.duckdb")
    assert rows(db, """SELECT c.figure_text, m.assigned_by FROM claims c JOIN comparison_members m USING (claim_id)
                       WHERE c.comparison_group = 'civilians inside Qusayr, as the opposition counts them'""") == [
        ("40,000", "reviewer")]
    assert sorted(rows(db, "SELECT figure_text FROM claims WHERE comparison_group = 'civilians inside Qusayr'")) == [
        ("As many as 20,000",), ("more than 20,000",), ("up to 1,000",)]
    db.close()
