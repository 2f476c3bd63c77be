"""The pages' downloads hold the rows the page shows; ACLED and UCDP codings appear beside the claims."""
import io
import re

import pandas as pd
import pytest

from dashboard import downloads, settings
from dashboard.filters import Filters
from etl.build import build
from etl.settings import REFERENCE_DIR, SEEDS_DIR
from tests.conftest import page_opener, rows
from tests.test_compare_with import ACLED, GED


@pytest.fixture(scope="module")
def compared_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("compared") / "w.duckdb"
    build(SEEDS_DIR, path, REFERENCE_DIR, compare_with=[ACLED, GED])
    return path


@pytest.fixture
def open_compared(compared_db, tmp_path, monkeypatch):
    return page_opener(compared_db, tmp_path, monkeypatch)


@pytest.fixture
def open_seeds(seed_db, tmp_path, monkeypatch):
    return page_opener(seed_db, tmp_path, monkeypatch)


def shown(app) -> list[str]:
    """Captions as a reader reads them (Markdown's bold and backslash escapes removed)."""
    return [re.sub(r"\\(.)", r"\1", re.sub(r"(?<!\\)\*\*", "", c.value)) for c in app.caption]


def download_labels(app) -> list[str]:
    return [element.proto.label for element in app.get("download_button")]


def test_timeline_event_shows_what_acled_and_ucdp_coded_beside_the_claims(open_compared):
    app = open_compared("timeline", event="qusayr-ground-assault-2013-05-19")
    note = next(c for c in shown(app) if c.startswith("ACLED / UCDP coded:"))
    assert "ACLED: 12; UCDP best 15 (low 12, high 30); the claims: 128 to 134" in note
    assert "ACLED SYR99001 (same day, 1 km)" in note and "UCDP GED 999001" in note
    assert download_labels(app) == ["ACLED CSV", "UCDP GED CSV", "Airwars-style ranges", "GeoJSON of events"]


def test_map_lists_the_codings_of_the_events_on_it(open_compared):
    app = open_compared("map")
    table = next(d.value for d in app.dataframe if "coded_text" in d.value.columns)
    assert "UCDP best 50 (low 40, high 120); the claims: no killed figure" in list(table.coded_text)
    assert download_labels(app) == ["GeoJSON of places and claims", "GeoJSON of events"]


def test_claims_show_the_codings_of_their_event(open_compared, compared_db):
    app = open_compared("claims", group="Qusayr residents killed on 19 May")
    assert any("ACLED: 9; UCDP best 15 (low 12, high 30); the claims: 58" in c for c in shown(app))
    assert download_labels(app) == ["Claims CSV"]


def test_without_a_file_to_compare_with_no_note_is_shown(open_seeds):
    app = open_seeds("timeline", event="qusayr-ground-assault-2013-05-19")
    assert not any("ACLED / UCDP coded" in c for c in shown(app))
    assert len(download_labels(app)) == 4


def test_a_download_holds_the_rows_the_filters_show(seed_db, monkeypatch):
    monkeypatch.setattr(settings, "WAREHOUSE", seed_db)
    page_filters = Filters(alignments=("pro-government",))
    signature = (str(seed_db), 0, 0)
    acled = pd.read_csv(io.BytesIO(downloads._maker("acled", downloads._export_filters(page_filters, None), signature, "")()))
    import duckdb

    db = duckdb.connect(str(seed_db), read_only=True)
    try:
        expected = rows(db, """SELECT DISTINCT r.event_id FROM event_reports r JOIN sources s ON s.source_id = r.claimant_id
                               WHERE s.alignment = 'pro-government'""")
        claims = rows(db, "SELECT claim_id FROM claim_overview WHERE alignment = 'pro-government'")
    finally:
        db.close()
    assert sorted(acled.event_id_cnty) == sorted(e for (e,) in expected)
    made = downloads._maker("claims", downloads._export_filters(page_filters, None), signature, "http://app/")()
    frame = pd.read_csv(io.BytesIO(made))
    assert list(frame.claim_id) == [c for (c,) in claims]
    assert frame.permalink.iloc[0] == f"http://app/claims?claim={claims[0][0]}"
    # Without the browser's address (a bare run), the permalinks stay relative to wherever the file is opened.
    bare = pd.read_csv(io.BytesIO(downloads._maker("claims", downloads._export_filters(page_filters, None), signature, "")()))
    assert bare.permalink.iloc[0] == f"claims?claim={claims[0][0]}"


def test_the_map_replayed_to_a_day_downloads_what_had_happened_by_then():
    from datetime import date

    chosen = downloads._export_filters(Filters(date_to=date(2013, 6, 1)), date(2013, 5, 20))
    assert chosen.date_to == date(2013, 5, 20)
    assert downloads._export_filters(Filters(), date(2013, 5, 20)).date_to == date(2013, 5, 20)
