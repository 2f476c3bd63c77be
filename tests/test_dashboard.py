"""The dashboard as a person opens it (Streamlit's AppTest runs the real entry point)."""
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import settings
from tests.conftest import ROOT


@pytest.fixture
def app(seed_db, tmp_path, monkeypatch):
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(seed_db, warehouse)
    monkeypatch.setattr(settings, "WAREHOUSE", warehouse)
    return AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)


def test_overview_shows_the_disagreement_on_civilians_in_qusayr(app):
    app.run()
    assert not app.exception
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Documents"] == "5" and metrics["Casualty claims"] == "12"
    headings = [s.value for s in app.subheader]
    assert "civilians inside Qusayr: 20,000 to 40,000 (spread ×2)" in headings
    assert "wounded trapped in Qusayr: 1,000 to 1,500 (spread ×1.5)" in headings
    claims = app.dataframe[headings.index("civilians inside Qusayr: 20,000 to 40,000 (spread ×2)")].value
    assert list(claims["claimant"]) == ["Atlantic Sentinel", "Muhammad Radwan Raad", "GlobalPost"]
    assert list(claims["range_text"]) == ["20,000 or more", "40,000", "up to 20,000"]


def test_a_missing_warehouse_is_built_from_the_seeds(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "WAREHOUSE", tmp_path / "fresh" / "warehouse.duckdb")
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    app.run()
    assert not app.exception
    assert (tmp_path / "fresh" / "warehouse.duckdb").exists()
    assert {m.label: m.value for m in app.metric}["Documents"] == "5"
