"""Places, actors and sources: aliases unified, context deciding, coordinates for every place."""
from tests.conftest import rows


def resolved(db, surface):
    return rows(db, "SELECT DISTINCT entity_kind, entity_id FROM mentions WHERE surface = ? ORDER BY ALL", surface)


def test_spelling_variants_resolve_to_one_place(db):
    for surface in ("Qusayr", "Qusair", "al-Qusair"):
        assert resolved(db, surface) == [("place", "al-qusayr")]
    assert resolved(db, "Tartous") == resolved(db, "Tartus") == [("place", "tartus")]
    assert resolved(db, "Banias") == resolved(db, "Baniyas") == [("place", "baniyas")]
    assert resolved(db, "Debaa") == resolved(db, "al-Dabaa") == [("place", "dabaa")]


def test_actor_aliases(db):
    assert resolved(db, "Hizbollah") == resolved(db, "Hezbollah") == [("actor", "hezbollah")]
    for surface in ("Assad's forces", "Loyalists", "regime forces", "government forces"):
        assert resolved(db, surface) == [("actor", "syrian-government-forces")], surface


def test_al_qusayr_the_activist_is_not_the_town(db):
    mentions = rows(db, """SELECT entity_id, substring(d.text, m.char_start - 7, 30) FROM mentions m JOIN documents d USING (doc_id)
                           WHERE m.doc_id LIKE '002%' AND m.surface IN ('Al-Qusayr', 'Ahmad al-Qusayr') ORDER BY m.char_start""")
    assert [m[0] for m in mentions] == ["al-qusayr", "ahmad-al-qusayr", "ahmad-al-qusayr", "al-qusayr"]
    assert "Indeed, Al-Qusayr was" in mentions[2][1]


def test_every_place_named_has_coordinates(db):
    named = rows(db, """SELECT DISTINCT p.place_id, p.latitude, p.longitude FROM places p
                        WHERE p.place_id IN (SELECT entity_id FROM mentions WHERE entity_kind = 'place'
                                             UNION SELECT place_id FROM events UNION SELECT place_id FROM claims)""")
    assert len(named) >= 25
    assert all(lat is not None and lon is not None for _, lat, lon in named)
    for place in ("al-qusayr", "dabaa", "haidariyeh", "eish-al-warwar", "dameina-al-gharbiyah", "salma", "aramo",
                  "an-nusayriyah-mountains", "beqaa-valley", "qardaha", "latakia", "homs", "tartus", "baniyas"):
        assert place in {p[0] for p in named}, place


def test_sources_have_kind_and_alignment_by_the_rule(db):
    sources = {r[0]: r[1:] for r in rows(db, "SELECT source_id, kind, alignment FROM sources")}
    assert sources["syrian-state-media"] == ("state media", "pro-government")
    assert sources["hadi-al-abdallah"] == ("opposition activist", "opposition")
    assert sources["humanitarian-agencies"] == ("UN/humanitarian body", "international")
    assert sources["al-manar"] == ("party media", "pro-government")
    assert sources["peter-harling"] == ("think tank analyst", "independent")
    # Every outlet of the catalog is a source.
    assert rows(db, "SELECT count(*) FROM documents WHERE outlet IS NOT NULL AND outlet_source_id IS NULL") == [(0,)]


def test_every_column_is_documented(db):
    undocumented = rows(db, """SELECT table_name, column_name FROM duckdb_columns()
                               WHERE NOT internal AND (comment IS NULL OR comment = '')
                               AND table_name IN (SELECT table_name FROM duckdb_tables())""")
    assert undocumented == []
    assert rows(db, "SELECT count(*) FROM duckdb_tables() WHERE comment IS NULL") == [(0,)]
    assert rows(db, "SELECT count(*) FROM duckdb_views() WHERE NOT internal AND comment IS NULL") == [(0,)]
