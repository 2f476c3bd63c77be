"""Every page as a person opens it: Streamlit's AppTest runs the real entry point on the seed warehouse."""
import base64
import html
import json
import math
import os
import re
import shutil
from datetime import date
from urllib.parse import quote_plus

import duckdb
import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import charts, map_view, paging, settings, small_map
from dashboard.declutter import CHAR_WIDTH, Mark, place_names
from dashboard.formatting import published_column, when
from dashboard.pages import PAGES
from etl.build import build
from etl.load.warehouse import contract_digest
from etl.settings import REFERENCE_DIR
from tests.conftest import ROOT, page_opener, rows


@pytest.fixture
def open_page(seed_db, tmp_path, monkeypatch):
    return page_opener(seed_db, tmp_path, monkeypatch)


@pytest.fixture
def open_machine_page(machine_db, tmp_path, monkeypatch):
    """The pages on the development articles as the machine alone reads them: many groups and events."""
    return page_opener(machine_db, tmp_path, monkeypatch)


def url(app, key: str) -> list[str]:
    """A key of the page's URL, as the list of its values."""
    value = app.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def html_of(app) -> str:
    return "\n".join(element.proto.body for element in app.get("html"))


def frame(app, column: str):
    """The first table on the page that has `column`."""
    return next(d.value for d in app.dataframe if column in d.value.columns)


def claim_id(db, figure_text: str) -> str:
    return rows(db, "SELECT claim_id FROM claims WHERE figure_text = ?", figure_text)[0][0]


def test_overview_holdings_and_widest_disagreement_first(open_page):
    app = open_page()
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Documents"] == "5" and metrics["Casualty claims"] == "12" and metrics["Events"] == "31"
    assert metrics["Contested events"] == "2"
    comparisons = frame(app, "who_says_what")
    assert list(comparisons.comparison_group[:2]) == ["civilians inside Qusayr", "wounded trapped in Qusayr"]
    assert list(comparisons.range[:2]) == ["20,000 – 40,000", "1,000 – 1,500"]
    assert comparisons.open.iloc[0] == "claims?group=civilians+inside+Qusayr"
    documents = frame(app, "outlet_alignment")
    # 000 is known only to the month: shown as the month, not as 1 May.
    assert documents.set_index("outlet").loc["NOW Lebanon", "published"] == "20 May 2013"
    assert "May 2013" in list(documents.published)


def test_overview_draws_the_widest_groups_and_a_page_of_documents_whatever_the_corpus(open_machine_page, machine_db,
                                                                                       monkeypatch):
    from dashboard import paging

    monkeypatch.setattr(paging, "OVERVIEW_GROUPS", 3)
    monkeypatch.setattr(paging, "OVERVIEW_DOCUMENTS", 10)
    app = open_machine_page()
    with duckdb.connect(str(machine_db), read_only=True) as db:
        compared, = rows(db, "SELECT count(*) FROM comparisons WHERE claimants >= 2")[0]
        widest = [g for g, in rows(db, """SELECT comparison_group FROM comparisons WHERE claimants >= 2
                                           ORDER BY spread DESC NULLS LAST, claimants DESC, comparison_group LIMIT 3""")]
        first = [d for d, in rows(db, "SELECT doc_id FROM documents ORDER BY published_on NULLS LAST, doc_id LIMIT 10")]
    assert compared > 3 and list(frame(app, "who_says_what").comparison_group) == widest
    assert any(f"The 3 widest of {compared:,} groups" in c.value for c in app.caption)
    documents = frame(app, "outlet_alignment")
    assert [link.split("read=")[1] for link in documents.read] == first
    assert app.select_slider[0].label == "Page of documents"


def test_filters_come_from_the_url_and_narrow_every_section(open_page):
    app = open_page(alignment="pro-government")
    assert app.sidebar.multiselect[2].value == ["pro-government"]
    assert url(app, "alignment") == ["pro-government"]
    # The only pro-government casualty figure is state media's 100 dead opposition fighters, which
    # nobody else puts a figure on: no comparison is left.
    assert not any("who_says_what" in d.value.columns for d in app.dataframe)
    assert any("No comparison group reported by two or more claimants" in i.value for i in app.info)


def test_changing_a_filter_writes_it_into_the_url(open_page):
    app = open_page("timeline")
    app.sidebar.multiselect[0].set_value(["haidariyeh"]).run()
    assert url(app, "place") == ["haidariyeh"]
    assert len(app.selectbox[0].options) == 1


def test_a_large_warehouses_document_filter_offers_a_few_and_searches_the_rest(open_page, monkeypatch, db):
    # A warehouse of a million claims holds hundreds of thousands of documents: the filter offers the first
    # FILTER_MAX_DOCUMENTS, those a search of titles and outlets finds, and those the link chose.
    monkeypatch.setattr(settings, "FILTER_MAX_DOCUMENTS", 2)
    documents = [doc for doc, in rows(db, "SELECT doc_id FROM documents ORDER BY published_on NULLS LAST, doc_id")]
    outlets = dict(rows(db, "SELECT doc_id, outlet FROM documents"))
    app = open_page(doc=documents[-1])
    offered = app.sidebar.multiselect[3].options
    assert len(offered) == 3 and app.sidebar.multiselect[3].value == [documents[-1]]
    assert app.sidebar.text_input[0].label == "Find documents"
    wanted = documents[2]
    app.sidebar.text_input[0].input(outlets[wanted]).run()
    offered = app.sidebar.multiselect[3].options
    assert len(offered) <= 3 and any(outlets[wanted] in label for label in offered)
    assert app.sidebar.multiselect[3].value == [documents[-1]]  # the choice stays while searching


def test_a_large_warehouses_documents_page_offers_the_first_few_and_the_linked_one(open_page, monkeypatch, db):
    # Listing every document of a large warehouse as a choice cost the page seconds: it offers the first
    # FILTER_MAX_DOCUMENTS in publication order and the one a link (a search hit, a claim) names.
    monkeypatch.setattr(settings, "FILTER_MAX_DOCUMENTS", 2)
    documents = [doc for doc, in rows(db, "SELECT doc_id FROM documents ORDER BY published_on NULLS LAST, doc_id")]
    app = open_page("documents", read=documents[-1])
    box = app.selectbox(key="documents_read")
    assert box.value == documents[-1]
    titles = dict(rows(db, "SELECT doc_id, title FROM documents"))
    assert len(box.options) == 3
    assert [titles[doc] in label for doc, label in zip(documents[:2] + documents[-1:], box.options)] == [True] * 3
    assert any(f"first 2 of {len(documents):,} documents" in c.value for c in app.caption)
    assert not app.warning
    app = open_page("documents", doc=documents[3:5])  # documents chosen in the filter: exactly those
    assert len(app.selectbox(key="documents_read").options) == 2
    assert not any("first 2 of" in c.value for c in app.caption)


def test_a_places_tooltip_lists_its_latest_events_and_counts_the_rest(db):
    # A busy place of a large warehouse has thousands of events: the map lists the latest few, then how many more.
    from dashboard.formatting import place_texts
    frame = db.execute("SELECT * FROM place_activity(listed := 2) WHERE place_id = 'al-qusayr'").df()
    assert frame.events[0] > 2 and len(frame.event_list[0]) == 2
    days = [e["date_start"] for e in frame.event_list[0]]
    assert days == sorted(days, reverse=True)  # newest first
    written = place_texts(frame).iloc[0]
    assert written.what_happened.count("\n") == 2 and written.what_happened.endswith(f"… and {frame.events[0] - 2} earlier events")
    assert written.figures.endswith(f"… and {frame.claims[0] - 2} earlier claims")


def test_the_overview_map_is_a_picture_of_every_place_with_the_busiest_named(open_page, db):
    app = open_page()
    assert app.get("image") and not app.get("deck_gl_json_chart")  # a picture, not a WebGL map
    places = pd.DataFrame(rows(db, "SELECT name, latitude, longitude, where_prec FROM places WHERE place_id IN "
                                   "('al-qusayr', 'aleppo', 'damascus') ORDER BY place_id"),
                          columns=["name", "latitude", "longitude", "where_prec"])
    places["events"], places["claims"] = [12, 3, 1], [9, 0, 0]  # al-qusayr, aleppo, damascus
    places["main_type"] = ["Battles", "Battles", "Strategic developments"]
    places.loc[2, "name"] = "Damascus <script>alert(1)</script>"  # names are escaped
    picture = small_map.svg(places, charts.EVENT_TYPE_COLORS)
    assert picture.count("<circle") == 3 and "<script>" not in picture and "&lt;script&gt;" in picture
    # Drawn busiest last, on top: al-Qusayr (21), then Aleppo (3), then Damascus (1).
    assert [t.split("<")[0] for t in picture.split("<title>")[-3:]] == [
        "Damascus &lt;script&gt;alert(1)&lt;/script&gt;: 1 event(s), 0 claim(s); commonest: Strategic developments",
        "Aleppo: 3 event(s), 0 claim(s); commonest: Battles", "al-Qusayr: 12 event(s), 9 claim(s); commonest: Battles"]
    assert f'fill="{charts.EVENT_TYPE_COLORS["Battles"]}"' in picture


def test_an_events_reports_and_an_actors_events_are_shown_a_page_at_a_time(open_page, monkeypatch, db):
    # A war's main battle is reported thousands of times in a large warehouse: the card draws a page of them.
    monkeypatch.setattr(paging, "EVENT_REPORTS", 2)
    monkeypatch.setattr(paging, "ACTOR_EVENTS", 2)
    event, reports = rows(db, "SELECT event_id, count(*) FROM event_reports GROUP BY event_id ORDER BY 2 DESC, 1 LIMIT 1")[0]
    assert reports > 2
    app = open_page("timeline", event=event)
    shown = frame(app, "stance")
    assert len(shown) == 2
    assert any(c.value.startswith(f"Showing reports 1–2 of {reports}") for c in app.caption)
    slider = next(s for s in app.select_slider if s.label == "Page of reports")
    slider.set_value(2).run()
    assert set(frame(app, "stance").quote).isdisjoint(shown.quote)
    assert url(app, "page") == []  # the timeline's own page stays the URL's
    actor, events = rows(db, "SELECT actor_id, count(*) FROM event_actors GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1")[0]
    app = open_page("actors", who=actor)
    assert len(frame(app, "role")) == 2
    assert any(c.value.startswith(f"Showing events 1–2 of {events}") for c in app.caption)


def test_timeline_event_from_the_url_shows_every_report_with_its_stance(open_page):
    app = open_page("timeline", event="qusayr-capture-of-central-square-claimed")
    assert len(app.get("plotly_chart")) == 1
    assert any("Contested" in w.value and "Ahmad al-Qusayr" in w.value for w in app.warning)
    reports = frame(app, "stance")
    assert {"asserts", "denies"} <= set(reports.stance)
    assert set(reports[reports.stance == "denies"].claimant) == {"Ahmad al-Qusayr", "Opposition sources (unnamed)"}


def test_timeline_filtered_to_a_place_lists_only_its_events(open_page):
    app = open_page("timeline", place="haidariyeh")
    assert len(app.selectbox[0].options) == 1
    app.selectbox[0].set_value("haidariyeh-captured-2013-05-14").run()
    assert url(app, "event") == ["haidariyeh-captured-2013-05-14"]


def test_map_replays_the_battle_day_by_day(open_page):
    before = open_page("map", day="2013-05-13")
    assert "Haidariyeh" not in set(frame(before, "what_happened").name)
    after = open_page("map", day="2013-05-14")
    places = frame(after, "what_happened").set_index("name")
    assert "Haidariyeh" in places.index and places.loc["Haidariyeh", "events"] == 1
    everything = frame(open_page("map"), "what_happened").set_index("name")
    assert everything.loc["al-Qusayr", "events"] > places.loc["al-Qusayr", "events"]


def test_claims_page_puts_each_claimants_range_beside_the_conventions(open_page):
    app = open_page("claims", group="civilians inside Qusayr")
    metrics = {m.label: m.value for m in app.metric}
    assert any(m.value == "**Spread (max ÷ min)**  \n×2" for m in app.markdown)
    assert metrics["ACLED-style (lowest)"] == "20,000"
    assert any(m.value == "**UCDP low / best / high**  \n20,000 / 20,000 / 40,000" for m in app.markdown)
    claims = frame(app, "range_text")
    assert dict(zip(claims.claimant, claims.range_text)) == {
        "Atlantic Sentinel": "20,000 or more", "Muhammad Radwan Raad": "40,000", "GlobalPost": "up to 20,000"}
    assert all(link.startswith("claims?claim=c-") for link in claims.link)


def test_a_claim_permalink_shows_its_sentence_and_who_disagrees(open_page, db):
    app = open_page("claims", claim=claim_id(db, "40,000"))
    assert app.subheader[0].value == "Muhammad Radwan Raad: 40,000 trapped"
    assert {m.label: m.value for m in app.metric}["Bounds"] == "40,000"
    assert "40,000" in html_of(app) and "civilians" in html_of(app)
    others = frame(app, "range_text")
    assert set(others.claimant) == {"Atlantic Sentinel", "GlobalPost"}


def test_claims_sections_contested_matrix_and_over_time(open_page):
    contested = open_page("claims", section="contested")
    assert [s.value.split(": ", 1)[1] for s in contested.subheader][:2] and len(contested.subheader) == 2
    matrix = frame(open_page("claims", section="matrix"), "claimant").set_index("claimant")
    assert matrix.loc["GlobalPost", "civilians inside Qusayr"] == "up to 20,000"
    over_time = open_page("claims", section="over-time")
    assert [s.value for s in over_time.subheader] == ["civilians inside Qusayr"]


def test_actors_page_lists_sides_and_an_actors_events(open_page):
    app = open_page("actors", who="hezbollah")
    actors = frame(app, "side").set_index("name")
    assert actors.loc["Hezbollah", "side"] == "government" and actors.loc["Hezbollah", "events"] > 0
    events = frame(app, "role")
    assert len(events) == actors.loc["Hezbollah", "events"]
    assert url(app, "who") == ["hezbollah"]


def test_actors_mentions_table_shows_the_documents_that_name_them_most(open_machine_page, machine_db, monkeypatch):
    # A corpus of thousands of documents must not become a table of thousands of columns.
    from dashboard import paging

    monkeypatch.setattr(paging, "MENTION_COLUMNS", 3)
    app = open_machine_page("actors")
    with duckdb.connect(str(machine_db), read_only=True) as db:
        naming, = rows(db, "SELECT count(DISTINCT doc_id) FROM actor_mentions")[0]
        most = rows(db, "SELECT doc_id FROM actor_mentions GROUP BY doc_id ORDER BY sum(mentions) DESC, doc_id LIMIT 3")
    mentions = frame(app, "actor")
    assert naming > 3 and len(mentions.columns) == 1 + 3
    assert set(mentions.columns) - {"actor"} == {doc for doc, in most}
    assert any(f"the 3 of {naming:,} documents that name them most often" in c.value for c in app.caption)


def test_documents_page_sets_reader_comments_apart_and_marks_facts(open_page, db):
    app = open_page("documents", read="002_996f98365809a89b", fact=claim_id(db, "At least 58"))
    assert app.header[0].value == "Qusayr resisting all-out attack"
    text = html_of(app)
    assert "outline:3px solid" in text  # the fact the link points at
    assert "background:#f9d0c4" in text  # casualty claims highlighted
    facts = frame(app, "fact_type")
    assert {"claim", "event report", "place mention"} <= set(facts.fact_type)


def test_document_search_finds_every_text_that_names_hezbollah(open_page, db):
    app = open_page("documents", q="Hezbollah")
    expected = rows(db, "SELECT count(*) FROM documents WHERE contains(lower(text), 'hezbollah')")[0][0]
    assert len(app.expander) == expected


def test_quotes_only_deployment_shows_sentences_not_articles(open_page, db, monkeypatch):
    monkeypatch.setattr(settings, "QUOTES_ONLY", True)
    app = open_page("documents", read="002_996f98365809a89b")
    shown = html_of(app)
    sentence = rows(db, "SELECT sentence FROM claims WHERE figure_text = 'At least 58'")[0][0]
    assert sentence.split()[0] in shown
    assert "Reader comment" not in shown
    assert "waiting to kill any government soldier" not in shown  # the reader comment's own words


def test_every_page_says_plainly_when_a_filter_matches_nothing(open_page):
    for page in ("timeline", "map", "claims", "actors"):
        app = open_page(page, place="haidariyeh", alignment="opposition", doc="004_90573b398f18ee08")
        assert any("No " in i.value for i in app.info), page


def test_a_missing_warehouse_is_built_from_the_seeds(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "WAREHOUSE", tmp_path / "fresh" / "warehouse.duckdb")
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    app.run()
    assert not app.exception
    assert (tmp_path / "fresh" / "warehouse.duckdb").exists()
    assert {m.label: m.value for m in app.metric}["Documents"] == "5"
    # Deleted while the dashboard serves: the next visit builds it again.
    (tmp_path / "fresh" / "warehouse.duckdb").unlink()
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    app.run()
    assert not app.exception and (tmp_path / "fresh" / "warehouse.duckdb").exists()


def test_a_warehouse_built_by_another_version_is_rebuilt_in_its_mode(tmp_path, monkeypatch):
    # A machine-only warehouse whose tables an older version wrote: it records another contract.
    old = tmp_path / "old.duckdb"
    build(ROOT / "seeds", old, REFERENCE_DIR, machine_only=True)
    with duckdb.connect(str(old)) as connection:
        connection.execute("UPDATE build_info SET value = 'an older contract' WHERE key = 'contract_sha256'")
    monkeypatch.setattr(settings, "WAREHOUSE", old)
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    app.run()
    assert not app.exception and not app.error
    with duckdb.connect(str(old), read_only=True) as rebuilt:
        info = dict(rows(rebuilt, "SELECT key, value FROM build_info"))
        assert info["contract_sha256"] == contract_digest() and info["mode"] == "machine-only"
        assert rows(rebuilt, "SELECT DISTINCT method FROM claims") == [("machine",)]


def _served(monkeypatch, warehouse) -> AppTest:
    """The dashboard's first page served from `warehouse`, without an exception."""
    monkeypatch.setattr(settings, "WAREHOUSE", warehouse)
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    app.run()
    assert not app.exception
    return app


def test_an_outdated_warehouse_of_another_corpus_is_not_rebuilt_from_this_one(tmp_path, monkeypatch):
    # Built from a corpus folder of its own (a copy of the seeds under another name), then the contract changed:
    # the dashboard, given the seeds, must not replace it with a build of the seeds.
    other_corpus = tmp_path / "new-articles"
    shutil.copytree(ROOT / "seeds", other_corpus)
    old = tmp_path / "old.duckdb"
    build(other_corpus, old, REFERENCE_DIR, machine_only=True)
    with duckdb.connect(str(old)) as connection:
        connection.execute("UPDATE build_info SET value = 'an older contract' WHERE key = 'contract_sha256'")
    before = old.read_bytes()
    app = _served(monkeypatch, old)
    assert any("built from the corpus `new-articles`" in e.value for e in app.error), [e.value for e in app.error]
    assert any("--docs path/to/new-articles" in c.value for c in app.code)
    assert old.read_bytes() == before and not app.metric


def test_a_file_that_is_no_warehouse_is_named_and_left_alone(tmp_path, monkeypatch):
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as connection:
        connection.execute("CREATE TABLE notes AS SELECT 'mine' AS note")
    before = other.read_bytes()
    app = _served(monkeypatch, other)
    assert any("is not a warehouse of this project" in e.value and str(other) in e.value for e in app.error)
    assert other.read_bytes() == before


def test_a_rebuild_during_a_run_does_not_mix_two_warehouses_in_one_page(open_page, corpus, tmp_path):
    (corpus / "004_90573b398f18ee08.txt").unlink()
    (corpus / "facts" / "004_90573b398f18ee08.yaml").unlink()
    build(corpus, tmp_path / "next.duckdb", REFERENCE_DIR)

    def page(next_file: str, warehouse: str):
        import os

        import streamlit as st

        from dashboard import data, queries
        data.pin_warehouse()
        st.session_state["first"] = queries.holdings()["documents"]
        os.replace(next_file, warehouse)  # a build lands half-way through the run
        st.session_state["second"] = queries.holdings()["documents"]

    open_page()  # the settings point at the page's warehouse, and it has been read once
    app = AppTest.from_function(page, args=(str(tmp_path / "next.duckdb"), str(settings.WAREHOUSE)))
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    assert (app.session_state["first"], app.session_state["second"]) == (5, 5)  # one warehouse for the whole run
    app = open_page()
    assert {m.label: m.value for m in app.metric}["Documents"] == "4"  # the next run reads the new one


def test_map_replay_plays_through_to_the_last_day_and_stops(open_page, monkeypatch):
    monkeypatch.setattr(settings, "MAP_REPLAY_SECONDS_PER_STEP", 0)
    app = open_page("map", day="2013-05-13")
    assert app.button[0].label == "Play from here"
    app.button[0].click().run(timeout=60)
    # The replay steps through each day something changed and stops on the last one: the rebel
    # offensive in Latakia, 4-5 August 2013.
    assert app.slider[0].value.isoformat() == "2013-08-05"
    assert app.button[0].label == "Play from here"
    assert {"Haidariyeh", "Salma"} <= set(frame(app, "what_happened").name)


def test_a_rebuilt_warehouse_shows_on_the_next_rerun_without_error(open_page, corpus, tmp_path):
    app = open_page("claims", group="civilians inside Qusayr")
    assert len(frame(app, "range_text")) == 3
    # The ETL swaps a new file in by rename while the page is open: here a corpus without GlobalPost's article.
    (corpus / "004_90573b398f18ee08.txt").unlink()
    (corpus / "facts" / "004_90573b398f18ee08.yaml").unlink()
    build(corpus, tmp_path / "next.duckdb", REFERENCE_DIR)
    os.replace(tmp_path / "next.duckdb", settings.WAREHOUSE)
    app.run()
    assert not app.exception
    assert set(frame(app, "range_text").claimant) == {"Atlantic Sentinel", "Muhammad Radwan Raad"}


def test_a_warehouse_with_no_documents_says_so_on_every_page(tmp_path, monkeypatch):
    empty = tmp_path / "empty"
    empty.mkdir()
    build(empty, tmp_path / "empty.duckdb", REFERENCE_DIR)
    monkeypatch.setattr(settings, "WAREHOUSE", tmp_path / "empty.duckdb")
    for page in PAGES:
        if page.name == "sql":
            continue  # a question typed there is answered whatever the warehouse holds
        app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
        app.switch_page(page.file)
        app.run()
        assert not app.exception, page.name
        assert any("holds no" in info.value for info in app.info), page.name


def test_overview_names_the_filters_in_words(open_page):
    app = open_page(place="haidariyeh")
    assert any(info.value == "Filtered by places: Haidariyeh." for info in app.info)


def test_choosing_another_document_keeps_the_choice_and_writes_it_into_the_url(open_page):
    app = open_page("documents", read="000_32a2745981170ec0")
    app.selectbox(key="documents_read").set_value("002_996f98365809a89b").run()
    # The address still naming the first document must not undo the choice.
    assert app.selectbox(key="documents_read").value == "002_996f98365809a89b"
    assert url(app, "read") == ["002_996f98365809a89b"]
    assert app.header[0].value == "Qusayr resisting all-out attack"


def test_every_listed_page_opens_with_the_shared_filters_where_the_list_says(open_page):
    for page in PAGES:
        app = open_page(page.name)
        assert [t.value for t in app.title][:1] == [page.heading], page.name
        assert bool(app.sidebar.multiselect) == page.filters, page.name


def test_dates_are_written_one_way_and_never_more_precisely_than_known():
    assert when(date(2013, 8, 4)) == "4 Aug 2013"  # no leading zero
    assert when(date(2013, 8, 4), date(2013, 8, 5), "day") == "4–5 Aug 2013"
    assert when(date(2013, 5, 19), date(2013, 6, 4)) == "19 May – 4 Jun 2013"
    assert when(date(2012, 12, 30), date(2013, 1, 2)) == "30 Dec 2012 – 2 Jan 2013"
    assert when(date(2013, 8, 1), None, "month") == "Aug 2013"
    assert when(date(2013, 8, 1), date(2013, 8, 31)) == "Aug 2013"
    assert when(date(2013, 1, 1), date(2013, 12, 31), "year") == "2013"
    assert when(None) == "undated"
    assert published_column([date(2013, 5, 1), date(2013, 5, 20)], ["month", "day"]) == ["May 2013", "20 May 2013"]


def shown_headers(table) -> list[str]:
    """The headers a reader sees over a table: each column's label, else its name; hidden ones left out."""
    config = json.loads(table.proto.columns or "{}")
    return [config.get(str(c), {}).get("label") or str(c) for c in table.value.columns
            if not config.get(str(c), {}).get("hidden")]


def test_no_table_on_any_page_shows_a_raw_column_name(open_page, db):
    views = [(page.name, page.opened_with) for page in PAGES if page.name not in ("sql", "review")] + [
        ("claims", {"section": section}) for section in ("track-record", "contested", "matrix")] + [
        ("claims", {"claim": claim_id(db, "40,000")}), ("claims", {"section": "track-record", "record": "globalpost|trapped|civilians"}),
        ("documents", {"read": "002_996f98365809a89b"})]
    seen = 0
    for name, params in views:
        for table in open_page(name, **params).dataframe:
            seen += 1
            raw = [h for h in shown_headers(table) if re.fullmatch(r"[a-z]+(_[a-z]+)+", h)]
            assert not raw, (name, params, raw)
    assert seen >= 15


def test_a_document_known_only_to_the_month_shows_no_day(open_page):
    # Atlantic Sentinel's article (000) is dated May 2013: its claim's publication in the toll's steps
    # and its reports of an event say the month, where a day would claim more than is known.
    app = open_page("claims", group="civilians inside Qusayr")
    steps = frame(app, "as_of_step").set_index("outlet")
    assert steps.loc["Atlantic Sentinel", "published_on"] == "May 2013"
    assert steps.loc["NOW Lebanon", "published_on"] == "20 May 2013"
    reports = frame(open_page("timeline", event="qusayr-encircled-2013-05"), "stance").set_index("outlet")
    assert reports.loc["Atlantic Sentinel", "published_on"] == "May 2013"
    mentions = next(d for d in open_page("actors").dataframe if "actor" in d.value.columns)
    assert {"Atlantic Sentinel May 2013", "NOW Lebanon 20 May 2013"} <= set(shown_headers(mentions))


def test_the_map_writes_each_events_day_without_a_leading_zero(open_page):
    places = frame(open_page("map"), "what_happened").set_index("name")
    assert places.loc["Latakia Governorate", "what_happened"].startswith("4 Aug 2013: ")
    assert places.loc["Baniyas", "what_happened"].startswith("May 2013: ")
    assert not re.search(r"\b0\d [A-Z][a-z]{2} \d{4}", "\n".join(places.what_happened))


def _name_boxes(marks, offsets, font_px):
    return {m.name: (m.x + dx - CHAR_WIDTH * font_px * len(m.name) / 2, m.y + dy - font_px / 2,
                     m.x + dx + CHAR_WIDTH * font_px * len(m.name) / 2, m.y + dy + font_px / 2)
            for m, offset in zip(marks, offsets) if offset for dx, dy in [offset]}


def _overlapping(boxes: dict) -> list[tuple[str, str]]:
    items = list(boxes.items())
    return [(a, b) for i, (a, p) in enumerate(items) for b, q in items[i + 1:]
            if p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]]


def test_a_crowd_of_places_names_the_busiest_and_no_name_sits_on_another():
    # Twelve villages within a few pixels of al-Qusayr, busiest first, and a town well apart.
    crowd = [Mark(300 + 4 * (i % 4), 200 + 4 * (i // 4), 12 if i == 0 else 4, f"village {i}") for i in range(12)]
    marks = crowd + [Mark(500, 100, 5, "Baniyas")]
    offsets = place_names(marks, 15)
    named = _name_boxes(marks, offsets, 15)
    assert "village 0" in named and "Baniyas" in named  # the busiest of the crowd, and the town apart
    assert len(named) < len(marks) and not _overlapping(named)
    # Its name goes beside its circle, not on it.
    assert offsets[0] == (0, -(12 + 3 + 15 / 2))


def test_the_map_page_names_places_apart_on_the_seeds(open_page):
    app = open_page("map")
    deck = json.loads(app.get("deck_gl_json_chart")[0].proto.json)
    texts = next(layer for layer in deck["layers"] if layer["@@type"] == "TextLayer")["data"]
    named = [t for t in texts if t["label"]]
    assert {"al-Qusayr", "Baniyas", "Aleppo"} <= {t["label"] for t in named}
    assert len(named) < len(texts)  # the villages around al-Qusayr are left to the hover
    places = pd.DataFrame(texts)
    view = deck["initialViewState"]
    marks = [Mark(x, y, r, n) for x, y, r, n in zip(*_projected(places, view))]
    assert not _overlapping(_name_boxes(marks, [o if t["label"] else None for o, t in
                                                zip(places.label_offset, texts)], map_view.FONT_PX))


def test_the_map_draws_towns_and_lists_governorates_and_countries_beside_it(open_page):
    app = open_page("map")
    deck = json.loads(app.get("deck_gl_json_chart")[0].proto.json)
    drawn = {p["name"] for p in next(layer for layer in deck["layers"] if layer.get("id") == "places")["data"]}
    assert {"al-Qusayr", "Baniyas", "Aleppo"} <= drawn
    assert not {"Syria", "Lebanon", "Latakia Governorate"} & drawn  # no dot in a country's middle
    key = html_of(app)
    assert "Colour: the commonest ACLED event type" in key and "Size: the events and claims at the place" in key
    assert "Not mapped at town level" in key and "Latakia Governorate" in key and "Syria" in key


def _projected(places, view):
    """Pixels of each place at the map's first view, as deck.gl draws them (Web Mercator, 512 px at zoom 0)."""
    world = 512 * 2 ** view["zoom"]

    def y(lat):
        return (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * world
    xs = [(lon + 180) / 360 * world for lon in places.longitude]
    ys = [y(lat) for lat in places.latitude]
    return xs, ys, places.radius, places.name  # circles are sized in pixels


def test_the_overview_map_names_the_busiest_of_a_crowd_and_no_name_on_another():
    places = pd.DataFrame({"name": [f"village {i}" for i in range(12)] + ["Baniyas"],
                           "latitude": [34.56 + 0.01 * (i // 4) for i in range(12)] + [35.18],
                           "longitude": [36.57 + 0.01 * (i % 4) for i in range(12)] + [35.94],
                           "events": [20] + [1] * 11 + [3], "claims": [0] * 13, "main_type": ["Battles"] * 13,
                           "where_prec": [1] * 13})
    picture = small_map.svg(places, charts.EVENT_TYPE_COLORS)
    names = re.findall(r'<text x="([\d.-]+)" y="([\d.-]+)"[^>]*>([^<]*)</text>', picture)
    assert {"village 0", "Baniyas"} <= {n for _, _, n in names} and len(names) < len(places)
    boxes = {n: (float(x) - CHAR_WIDTH * small_map.LABEL_PX * len(n) / 2, float(y) - small_map.LABEL_PX / 2,
                 float(x) + CHAR_WIDTH * small_map.LABEL_PX * len(n) / 2, float(y) + small_map.LABEL_PX / 2)
             for x, y, n in names}
    assert not _overlapping(boxes)


def test_a_range_chart_keeps_its_width_beside_long_claimant_names():
    long_name = "General Coordination of Displaced Persons and Refugees in the Northern Countryside"
    claims = pd.DataFrame({
        "claimant": [long_name, long_name, "UN"], "outlet": ["NOW Lebanon"] * 3,
        "as_of_text": ["5 Jun 2013"] * 3, "low": [130, 13, 80_000], "high": [None, None, 80_000],
        "highest": [130, 13, 80_000], "alignment": ["independent"] * 2 + ["international"],
        "figure_text": ["at least 130", "at least 13", "80,000"], "range_text": ["130 or more", "13 or more", "80,000"]})
    figure = charts.claim_ranges(claims)
    ticks = figure.layout.yaxis.ticktext
    assert len(ticks) == 3  # two claims of one claimant on one day keep a row each
    assert all(len(html.unescape(line)) <= charts.RANGE_LABEL_CHARS for tick in ticks for line in tick.split("<br>"))
    # The labels stay in their fixed margin, so the plot keeps the rest of the width.
    assert figure.layout.margin.l == charts.RANGE_LABEL_MARGIN_PX and figure.layout.yaxis.automargin is False
    assert any(long_name in (trace.hovertext or "") for trace in figure.data)  # the whole name on hover
    # Figures above the top row are drawn past the plot's edge, not cut by it.
    assert all(t.cliponaxis is False for t in figure.data if t.mode == "markers+text")


# --- What a page draws stays a page, whatever the corpus holds --------------------------------------

def figure(app, number: int = 0) -> dict:
    return json.loads(app.get("plotly_chart")[number].proto.spec)


def test_claims_without_a_group_list_a_page_of_ranked_groups_and_draw_no_chart(open_machine_page, machine_db):
    with duckdb.connect(str(machine_db), read_only=True) as db:
        total, compared = rows(db, "SELECT count(*), count(*) FILTER (WHERE claimants >= 2) FROM comparisons")[0]
        most = rows(db, "SELECT max(claimants) FROM comparisons")[0][0]
        widest = rows(db, "SELECT max(spread) FROM comparisons WHERE claimants >= 2")[0][0]
    assert total > 2 * paging.COMPARISON_GROUPS  # the corpus makes more groups than a page lists
    app = open_machine_page("claims")
    assert not app.get("plotly_chart")  # no group's chart until one is chosen
    groups = frame(app, "comparison_group")
    assert list(groups["rank"]) == list(range(1, paging.COMPARISON_GROUPS + 1))
    assert groups.claimants.iloc[0] == most and list(groups.claimants) == sorted(groups.claimants, reverse=True)
    assert all(link == f"claims?group={quote_plus(g)}" for link, g in zip(groups.open, groups.comparison_group))
    assert any(c.value.startswith(f"{compared} of the {total} comparison groups") for c in app.caption)
    assert any(c.value.startswith(f"Showing comparison groups 1–20 of {total} (page 1 of ")
               and f"the other {total - 20} are on the other pages" in c.value for c in app.caption)
    # The next page, and the other ranking, from the URL.
    second = frame(open_machine_page("claims", page="2"), "comparison_group")
    assert list(second["rank"]) == list(range(21, 41)) and not set(second.comparison_group) & set(groups.comparison_group)
    by_spread = open_machine_page("claims", rank="disagreement")
    spread = frame(by_spread, "comparison_group")
    assert rows_of(spread.comparison_group.iloc[0], machine_db) == widest
    assert url(by_spread, "rank") == ["disagreement"]


def test_the_group_box_offers_the_groups_with_most_claimants_and_the_linked_one(open_machine_page, machine_db,
                                                                              monkeypatch):
    # A warehouse of a million claims has hundreds of thousands of groups: a box of them all cost seconds.
    monkeypatch.setattr(settings, "GROUP_CHOICES", 3)
    with duckdb.connect(str(machine_db), read_only=True) as db:
        ranked = [g for g, in rows(db, "SELECT comparison_group FROM ranked_comparisons() ORDER BY claimants_rank")]
    app = open_machine_page("claims", group=ranked[-1])
    box = app.selectbox(key="claims_group")
    assert box.value == ranked[-1] and box.options == ranked[:3] + ranked[-1:]
    assert f"pages through all {len(ranked):,}" in box.help
    box.set_value(ranked[1]).run()  # another choice: the linked group is no longer offered
    assert app.selectbox(key="claims_group").options == ranked[:3]


def rows_of(group: str, warehouse) -> float:
    with duckdb.connect(str(warehouse), read_only=True) as db:
        return rows(db, "SELECT spread FROM comparisons WHERE comparison_group = ?", group)[0][0]


def test_a_chosen_group_draws_its_range_chart_with_the_spread_in_words(open_machine_page, machine_db):
    with duckdb.connect(str(machine_db), read_only=True) as db:
        group, spread_text, note, claims = rows(db, """
            SELECT comparison_group, spread_text, spread_note, claims FROM comparisons
            WHERE spread >= 1000 ORDER BY claimants DESC, comparison_group LIMIT 1""")[0]
    app = open_machine_page("claims", group=group)
    assert spread_text == "more than ×1,000"
    assert any(m.value == f"**Spread (max ÷ min)**  \n{spread_text}" for m in app.markdown)
    assert any(c.value == note for c in app.caption)
    assert app.subheader[0].value.endswith("(spread more than ×1,000)")
    ranges = figure(app)
    assert len(ranges["layout"]["yaxis"]["ticktext"]) == claims  # a row per claim


def test_the_matrix_is_a_page_of_comparison_groups(open_machine_page, machine_db):
    app = open_machine_page("claims", section="matrix")
    matrix = frame(app, "claimant")
    groups = [c for c in matrix.columns if c not in ("claimant", "alignment")]
    assert len(groups) == paging.MATRIX_COLUMNS
    with duckdb.connect(str(machine_db), read_only=True) as db:
        first = [g for g, in rows(db, "SELECT comparison_group FROM comparisons "
                                      "ORDER BY claimants DESC, spread DESC NULLS LAST, comparison_group LIMIT 8")]
        cells = rows(db, "SELECT claimant, comparison_group, figures FROM claimant_group_cells() "
                         "WHERE comparison_group = ?", first[0])
    assert groups == first
    indexed = matrix.set_index("claimant")
    assert all(indexed.loc[claimant, group] == figures for claimant, group, figures in cells)
    assert all(any(row) for row in matrix[groups].itertuples(index=False))  # a row is a claimant of these groups
    later = frame(open_machine_page("claims", section="matrix", page="2"), "claimant")
    assert not set(later.columns) & set(groups)


def test_every_claims_section_stays_a_page_tall_on_a_large_corpus(open_machine_page):
    record = open_machine_page("claims", section="track-record")
    assert len(frame(record, "typical_ratio")) <= paging.RECORD_ROWS
    assert len(figure(record)["data"]) and record.get("select_slider")
    over_time = open_machine_page("claims", section="over-time")
    assert 0 < len(over_time.get("plotly_chart")) <= paging.OVER_TIME_GROUPS
    contested = open_machine_page("claims", section="contested")
    assert 0 < len(contested.subheader) <= paging.CONTESTED_EVENTS


def values(array) -> list:
    """A figure's array as values: Plotly writes numeric arrays as typed binary ({"dtype", "bdata"})."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def bars(chart: dict) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """Each event's bar on the timeline: its first day and the day after its last."""
    return [(pd.Timestamp(base), pd.Timestamp(base) + pd.Timedelta(milliseconds=width))
            for trace in chart["data"] if trace["type"] == "bar"
            for base, width in zip(values(trace["base"]), values(trace["x"]))]


def test_the_timeline_opens_on_the_datas_own_days_with_every_row_its_bar(open_page, db):
    chart = figure(open_page("timeline"))
    shown = bars(chart)
    assert len(shown) == len(chart["layout"]["yaxis"]["ticktext"]) == rows(db, "SELECT count(*) FROM events")[0][0]
    start, end = (pd.Timestamp(x) for x in chart["layout"]["xaxis"]["range"])
    assert start <= min(s for s, _ in shown) and max(e for _, e in shown) <= end
    assert start < pd.Timestamp("2012-01-01")  # the 2012 background of the battle is on the axis too
    # Short labels (ACLED type; place and days), the event's own sentence in the hover.
    labels = chart["layout"]["yaxis"]["ticktext"]
    assert labels[0] == "Violence against civilians<br>al-Qusayr · 2012"
    assert all(len(html.unescape(line)) <= charts.TIMELINE_LABEL_CHARS for label in labels for line in label.split("<br>"))
    hover = " ".join(h for trace in chart["data"] if trace["type"] == "bar" for h in trace["hovertext"])
    assert "Rebel brigades take Qusayr" in hover


def test_a_large_corpus_timeline_is_paged_and_a_chosen_event_opens_its_page(open_machine_page, machine_db):
    with duckdb.connect(str(machine_db), read_only=True) as db:
        dated = rows(db, "SELECT count(*) FROM events WHERE date_start IS NOT NULL")[0][0]
        undated = rows(db, "SELECT count(*) FROM events WHERE date_start IS NULL")[0][0]
        last = rows(db, "SELECT event_id FROM event_overview ORDER BY date_start DESC NULLS LAST, event_id DESC LIMIT 1")[0][0]
    app = open_machine_page("timeline")
    chart = figure(app)
    assert len(bars(chart)) <= paging.TIMELINE_EVENTS < dated
    start, end = (pd.Timestamp(x) for x in chart["layout"]["xaxis"]["range"])
    assert all(start <= s and e <= end for s, e in bars(chart))  # each page on its own days
    assert (end - start) <= paging.TIMELINE_SPAN * 1.2
    assert undated and any(f"{undated} event(s) with no bar" in e.label for e in app.expander)  # each says why
    # An event from a link opens on the page that draws it.
    linked = open_machine_page("timeline", event=last)
    assert last in {trace_id for trace in figure(linked)["data"] if trace["type"] == "bar"
                    for trace_id in trace["y"]}
    assert url(linked, "page") and url(linked, "page") != ["1"]
    # The event box offers the page's events (and those with no bar), not the corpus's; moving to the first
    # page keeps the event chosen.
    box = linked.selectbox(key="timeline_event")
    assert box.value == last and len(box.options) <= paging.TIMELINE_EVENTS + undated + 1 < dated + undated
    linked.select_slider(key="timeline_page").set_value(1).run()
    assert linked.selectbox(key="timeline_event").value == last and url(linked, "event") == [last]
