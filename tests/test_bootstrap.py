"""The first visit builds a missing warehouse by running the build command; a build that fails says why
on the page, and the next visit after the fix builds it."""
from streamlit.testing.v1 import AppTest

from dashboard import settings
from tests.conftest import ROOT

BROKEN = "002_996f98365809a89b.yaml"


def test_a_build_that_fails_shows_its_message_and_the_fixed_corpus_is_built_at_the_next_visit(corpus, tmp_path,
                                                                                               monkeypatch):
    facts = corpus / "facts" / BROKEN
    good = facts.read_text()
    facts.write_text(good.replace("At least 58 Qusayr residents", "At least 59 Qusayr residents"))
    warehouse = tmp_path / "served" / "warehouse.duckdb"
    monkeypatch.setattr(settings, "WAREHOUSE", warehouse)
    monkeypatch.setattr(settings, "CORPUS", corpus)

    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    app.run()
    assert not app.exception
    assert any("building it failed" in e.value and str(warehouse) in e.value for e in app.error)
    assert any(f"{BROKEN}:7: quote not found" in c.value for c in app.code)  # the command's own words
    assert not warehouse.exists() and not app.metric  # no page drawn on no warehouse

    facts.write_text(good)
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    app.run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    assert warehouse.exists() and {m.label: m.value for m in app.metric}["Documents"] == "5"
