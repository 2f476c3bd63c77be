"""Exports read back in the tools their users use give the warehouse's rows, counts, dates, places and bounds."""
import json
import re
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from etl.export.package import OLD_NAMES
from etl.cli import main
from tests.conftest import rows

# Column lists copied by hand from the published codebooks, not from the code under test.
# ACLED Codebook 2023 (the columns of an export since ACLED's changes of 20 March 2023).
ACLED_CODEBOOK = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]
# UCDP GED Global codebook, version 25.1.
UCDP_GED_CODEBOOK = [
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
    "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
    "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "where_description",
    "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob"]


@pytest.fixture(scope="module")
def exported(seed_db, tmp_path_factory):
    """Every format written once by the command line, from the seed warehouse."""
    folder = tmp_path_factory.mktemp("exports")
    paths = {}
    for fmt, name in (("acled", "acled.csv"), ("ucdp", "ged.csv"), ("airwars", "airwars.csv"),
                      ("events-geojson", "events.geojson"), ("places-geojson", "places.geojson"),
                      ("claims", "claims.csv"), ("parquet", "parquet")):
        paths[fmt] = folder / name
        assert main(["export", "--db", str(seed_db), "--format", fmt, "--out", str(paths[fmt])]) == 0
    return paths


def test_acled_export_has_the_codebook_columns_and_one_row_per_event(exported, db):
    frame = pd.read_csv(exported["acled"])
    assert list(frame.columns) == ACLED_CODEBOOK
    assert len(frame) == rows(db, "SELECT count(*) FROM event_overview")[0][0]
    read = duckdb.sql(f"SELECT * FROM read_csv('{exported['acled']}')")
    assert read.columns == ACLED_CODEBOOK and len(read.fetchall()) == len(frame)
    events = {r[0]: r[1:] for r in rows(db, "SELECT event_id, date_start, date_end, latitude, longitude FROM event_overview")}
    for row in frame.itertuples():
        start, end, latitude, longitude = events[row.event_id_cnty]
        assert start <= date.fromisoformat(row.event_date) <= end  # the date ACLED would code lies in the range
        assert (row.latitude, row.longitude) == (latitude, longitude)


def test_acled_fatalities_are_the_lowest_killed_figure_and_zero_without_deaths(exported, db):
    frame = pd.read_csv(exported["acled"]).set_index("event_id_cnty")
    killed = dict(rows(db, "SELECT event_id, acled_fatalities FROM event_casualty_rollup WHERE kind = 'killed'"))
    for event_id, row in frame.iterrows():
        assert row.fatalities == killed.get(event_id, 0)
    ground = frame.loc["qusayr-ground-assault-2013-05-19"]
    # 58 residents (lowest of their group) + 70 Hezbollah fighters: the rest of the claims compete in the notes.
    assert ground.fatalities == 128
    assert "Casualty figures:" in ground.notes and "Syrian state media" in ground.source
    assert "no imputation" in ground.tags
    assert (ground.time_precision, ground.geo_precision, ground.interaction) == (1, 1, 12)
    assert (ground.inter1, ground.inter2, ground.iso, ground.country) == (1, 2, 760, "Syria")
    month = frame.loc["baniyas-massacre-2013-05"]
    assert month.time_precision == 3 and month.civilian_targeting == "Civilian targeting"
    assert month.actor2 == "Civilians (Syria)" and month.inter2 == 7


def test_acled_tags_say_what_acled_would_have_imputed(exported):
    frame = pd.read_csv(exported["acled"]).set_index("event_id_cnty")
    tagged = frame.tags.dropna()
    assert any("not split across days" in tag or "not imputed" in tag or "no imputation" in tag for tag in tagged)
    strikes = frame.loc["qusayr-air-artillery-strikes-2013-05-19"]
    assert strikes.fatalities == 58


def test_ucdp_export_has_the_ged_columns_low_best_high_from_the_claims(exported, db):
    frame = pd.read_csv(exported["ucdp"])
    assert list(frame.columns) == UCDP_GED_CODEBOOK
    rollup = {r[0]: r[1:] for r in rows(db, "SELECT event_id, ucdp_low, ucdp_best, ucdp_high FROM event_casualty_rollup "
                                            "WHERE kind = 'killed'")}
    assert sorted(frame.id) == sorted(rollup)
    for row in frame.itertuples():
        low, best, high = rollup[row.id]
        assert (row.low, row.best, row.high) == (low, round(best), high)
        assert row.deaths_a + row.deaths_b + row.deaths_civilians + row.deaths_unknown == row.best
        assert row.geom_wkt == f"POINT ({row.longitude} {row.latitude})"
    dates = {r[0]: r[1:] for r in rows(db, "SELECT event_id, date_start::VARCHAR, date_end::VARCHAR, latitude, longitude "
                                           "FROM event_overview")}
    assert all((r.date_start, r.date_end, r.latitude, r.longitude) == dates[r.id] for r in frame.itertuples())
    ground = frame.set_index("id").loc["qusayr-ground-assault-2013-05-19"]
    assert (ground.low, ground.best, ground.high) == (128, 131, 134)
    assert ground.number_of_sources >= 3 and "Hadi al-Abdallah" in ground.source_original
    assert (ground.where_prec, ground.date_prec, ground.type_of_violence) == (1, 1, 1)


def test_ucdp_columns_it_cannot_fill_are_empty_and_named_in_the_sidecar(exported):
    frame = pd.read_csv(exported["ucdp"])
    note = exported["ucdp"].with_name("ged.csv.notes.txt").read_text(encoding="utf-8")
    for column in ("conflict_dset_id", "dyad_new_id", "side_a_dset_id", "active_year", "adm_2", "gwnob"):
        assert frame[column].isna().all()
        assert f"- {column}:" in note
    assert "left out: " in note


def test_airwars_ranges_by_victim_group(exported, db):
    frame = pd.read_csv(exported["airwars"]).set_index("incident_id")
    assert len(frame) == rows(db, "SELECT count(*) FROM event_overview")[0][0]
    strikes = frame.loc["qusayr-air-artillery-strikes-2013-05-19"]
    assert (strikes.unclear_killed_min, strikes.unclear_killed_max) == (58, 58)
    assert (strikes.unclear_injured_min, strikes.unclear_injured_max) == (600, 600)
    # the grade is the warehouse's own (toll_grades), of the killed where the event has a killed toll
    graded = dict(rows(db, """SELECT event_id, arg_min(grade, (kind <> 'killed', kind)) FROM toll_grades
                              WHERE scope = 'event toll' GROUP BY event_id"""))
    assert graded and {e: frame.loc[e].grade for e in graded} == {e: g.capitalize() for e, g in graded.items()}
    assert frame.drop(index=list(graded)).grade.isna().all()


def _check_geometry(feature: dict) -> None:
    geometry = feature["geometry"]
    if geometry is not None:
        assert geometry["type"] == "Point"
        longitude, latitude = geometry["coordinates"]
        assert -180 <= longitude <= 180 and -90 <= latitude <= 90


def test_geojson_of_events_and_of_places_with_their_claims(exported, db):
    events = json.loads(exported["events-geojson"].read_text(encoding="utf-8"))
    assert events["type"] == "FeatureCollection" and "crs" not in events
    assert len(events["features"]) == rows(db, "SELECT count(*) FROM event_overview")[0][0]
    for feature in events["features"]:
        assert feature["type"] == "Feature"
        _check_geometry(feature)
    coordinates = dict(rows(db, "SELECT event_id, [round(longitude, 6), round(latitude, 6)] FROM event_overview"))
    assert all(f["geometry"]["coordinates"] == coordinates[f["id"]] for f in events["features"] if f["geometry"])
    places = json.loads(exported["places-geojson"].read_text(encoding="utf-8"))
    for feature in places["features"]:
        _check_geometry(feature)
    claims = [c for f in places["features"] for c in f["properties"]["claim_list"]]
    assert len(claims) == rows(db, "SELECT count(*) FROM claim_overview WHERE place_id IS NOT NULL")[0][0]
    bounds = {r[0]: r[1:] for r in rows(db, "SELECT claim_id, low, high FROM claim_overview")}
    assert all((c["low"], c["high"]) == bounds[c["claim_id"]] for c in claims)


def test_claims_csv_one_row_per_claim_with_bounds_sentence_and_permalink(exported, db):
    frame = pd.read_csv(exported["claims"])
    assert frame.columns[0] == "claim_id"  # the byte-order mark for spreadsheets is not part of the name
    assert len(frame) == rows(db, "SELECT count(*) FROM claim_overview")[0][0]
    read = duckdb.sql(f"SELECT claim_id, low, high, sentence FROM read_csv('{exported['claims']}')").fetchall()
    warehouse = rows(db, "SELECT claim_id, low, high, sentence FROM claim_overview")
    assert sorted(read, key=lambda r: r[0]) == sorted(warehouse, key=lambda r: r[0])
    assert frame.permalink.str.startswith("http://localhost:8501/claims?claim=c-").all()
    assert {"claimant", "alignment", "range_text"} <= set(frame.columns)


def test_parquet_of_every_table_and_view_carries_the_comments(exported, db):
    folder = exported["parquet"]
    names = [r[0] for r in rows(db, "SELECT table_name FROM duckdb_tables() UNION ALL "
                                    "SELECT view_name FROM duckdb_views() WHERE NOT internal")]
    their_data = {"reference_acled_events", "reference_ucdp_events", "reference_matches", "event_reference_codings"}
    # Theirs is not ours to republish; a name kept for old queries holds a table's rows under its old name.
    assert {p.stem for p in folder.glob("*.parquet")} == set(names) - their_data - OLD_NAMES
    names = [name for name in names if name not in their_data | OLD_NAMES]
    for name in names:
        table = pq.read_table(folder / f"{name}.parquet")
        assert table.num_rows == rows(db, f"SELECT count(*) FROM {name}")[0][0]
    claims = pq.read_schema(folder / "claims.parquet")
    comment = rows(db, "SELECT comment FROM duckdb_columns() WHERE table_name = 'claims' AND column_name = 'low'")[0][0]
    assert claims.field("low").metadata[b"description"].decode() == comment
    assert claims.metadata[b"description"].decode().startswith("Claims: one row per casualty figure")
    # Bounds (open ones stay open), dates and offsets survive.
    back = pq.read_table(folder / "claims.parquet").to_pylist()
    warehouse = {r[0]: r[1:] for r in rows(db, "SELECT claim_id, low, high, date_start, char_start, evidence "
                                                "FROM claims")}
    assert {r["claim_id"]: (r["low"], r["high"], r["date_start"], r["char_start"], r["evidence"])
            for r in back} == warehouse
    # DuckDB reads them back with the same rows.
    assert duckdb.sql(f"SELECT count(*) FROM '{folder / 'claim_overview.parquet'}'").fetchone()[0] == \
        rows(db, "SELECT count(*) FROM claim_overview")[0][0]


def test_datapackage_describes_every_file_and_validates_with_frictionless(exported):
    frictionless = pytest.importorskip("frictionless")
    folder = exported["parquet"]
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["path"] for r in package["resources"]} == {p.name for p in folder.glob("*.parquet")}
    licences = json.dumps(package["licenses"])
    assert "CC-BY-4.0" in licences and "Natural Earth" in licences and "publishers" in licences
    places = next(r for r in package["resources"] if r["name"] == "places")
    assert places["licenses"][0]["name"] == "CC-BY-4.0"
    assert all(field.get("description") for r in package["resources"] for field in r["schema"]["fields"])
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "message"])[:5]


# Filters as a page's sidebar and `python -m etl export` take them: each narrows, alone or with others.
FILTER_CASES = [
    {},
    {"places": ("aleppo",), "date_from": date(2013, 8, 1)},
    {"actors": ("hezbollah",)},
    {"alignments": ("opposition",)},
    {"documents": ("004_90573b398f18ee08",)},
    {"date_from": date(2013, 5, 19), "date_to": date(2013, 5, 20)},
    {"places": ("al-qusayr",), "alignments": ("pro-government", "international")},
]


@pytest.mark.parametrize("chosen", FILTER_CASES, ids=lambda c: ",".join(c) or "none")
def test_an_export_holds_the_rows_a_page_shows_for_the_same_filters(seed_db, monkeypatch, chosen):
    from dashboard import queries, settings
    from dashboard.filters import Filters
    from etl.export import geo, tables

    monkeypatch.setattr(settings, "WAREHOUSE", seed_db)
    page = Filters(**chosen)  # one definition: the page's filters are the export's
    with duckdb.connect(str(seed_db), read_only=True) as connection:
        events = [e["event_id"] for e in tables.EventFacts(connection, page).events]
        claims = list(tables.claims(connection, page).claim_id)
        places = {f["id"]: f["properties"] for f in geo.places(connection, page)["features"]}
        every_claim = len(tables.claims(connection))
    assert events == list(queries.events(page).event_id)
    assert sorted(claims) == sorted(queries.claims(page).claim_id)
    on_the_map = queries.map_places(page).set_index("place_id")
    assert sorted(places) == sorted(on_the_map.index)
    assert all((p["events"], p["claims"]) == tuple(on_the_map.loc[i, ["events", "claims"]]) for i, p in places.items())
    assert chosen == {} or len(events) + len(claims) < len(queries.events(Filters())) + every_claim  # it narrows


def test_the_export_command_takes_the_filters(seed_db, tmp_path):
    out = tmp_path / "aleppo.csv"
    assert main(["export", "--db", str(seed_db), "--format", "acled", "--out", str(out), "--place", "aleppo",
                 "--from", "2013-08-01"]) == 0
    frame = pd.read_csv(out)
    assert list(frame.location.unique()) == ["Aleppo"] and len(frame) >= 1


def test_export_refuses_what_it_cannot_do(seed_db, tmp_path, capsys):
    assert main(["export", "--db", str(seed_db), "--format", "parquet", "--out", str(tmp_path / "p"),
                 "--place", "aleppo"]) == 2
    assert main(["export", "--db", str(tmp_path / "none.duckdb"), "--format", "acled", "--out", str(tmp_path / "a.csv")]) == 2
    assert main(["export", "--db", str(seed_db), "--format", "acled", "--out", str(tmp_path / "no" / "a.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_the_docs_duckdb_join_pairs_an_export_with_an_acled_download(exported, tmp_path):
    docs = (Path(__file__).resolve().parent.parent / "docs" / "exports.md").read_text(encoding="utf-8")
    sql = docs.split("<!-- the query below is run by tests/test_exports.py")[1].split("```sql\n")[1].split("```")[0]
    invented = Path(__file__).resolve().parent / "compare" / "acled_invented.csv"
    # The rows dated the current way (an older download's '20 May 2013' is read with a dateformat).
    lines = invented.read_text(encoding="utf-8").splitlines()
    download = tmp_path / "download.csv"
    download.write_text("\n".join([lines[0]] + [line for line in lines[1:] if re.fullmatch(r"\d{4}-\d\d-\d\d", line.split(",")[1])]) + "\n",
                        encoding="utf-8")
    sql = sql.replace("acled-compatible.csv", str(exported["acled"])).replace("my-acled-download.csv", str(download))
    pairs = {(ours, theirs) for ours, theirs, *_ in duckdb.sql(sql).fetchall()}
    assert ("qusayr-ground-assault-2013-05-19", "SYR99001") in pairs
    assert ("aleppo-military-airport-captured-2013-08-04", "SYR99003") in pairs
    assert not any(theirs == "SYR99004" for _, theirs in pairs)
