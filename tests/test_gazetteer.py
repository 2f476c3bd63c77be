"""Places for any war: the world gazetteer under every reference folder, names that are also
words, ambiguous names resolved toward the corpus's countries, datelines kept out of facts."""
import shutil

import duckdb
import pytest

from etl.build import build
from etl.extract.machine import extract_document
from etl.ingest.documents import read_corpus
from etl.ingest.reference import read_reference
from etl.ingest.aliases import AliasIndex
from etl.settings import REFERENCE_DIR, WORLD_PLACES
from tests.conftest import rows


@pytest.fixture(scope="module")
def bare_reference(tmp_path_factory):
    """A reference folder with only actors and sources: every place comes from the world layer."""
    folder = tmp_path_factory.mktemp("bare") / "reference"
    folder.mkdir()
    for name in ("actors.yaml", "sources.yaml"):
        shutil.copy(REFERENCE_DIR / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def bare_index(bare_reference):
    return AliasIndex(read_reference(bare_reference))


@pytest.fixture(scope="module")
def seeds_index():
    return AliasIndex(read_reference(REFERENCE_DIR))


def places_in(index, text):
    return [(m.surface, m.entity_id) for m in index.find_mentions(text, [(0, len(text))]) if m.entity_kind == "place"]


def build_docs(tmp_path, reference, docs: dict[str, str]):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in docs.items():
        (corpus / name).write_text(text, encoding="utf-8")
    path = tmp_path / "w.duckdb"
    build(corpus, path, reference)
    return duckdb.connect(str(path), read_only=True)


def test_a_reference_folder_of_actors_and_sources_builds_with_the_worlds_places(tmp_path, bare_reference):
    db = build_docs(tmp_path, bare_reference, {"wars.txt": (
        "Shelling hit Kharkiv overnight, officials said.\n\n"
        "Iraqi forces advanced on Mosul on Monday.\n\n"
        "Fighting spread across Khartoum as the army and the RSF clashed.\n\n"
        "Air strikes on Gaza killed 20 people on Tuesday, health officials said.\n")})
    resolved = dict(rows(db, "SELECT surface, entity_id FROM mentions WHERE entity_kind = 'place'"))
    assert resolved == {"Kharkiv": "kharkiv-ua", "Mosul": "mosul-iq", "Khartoum": "khartoum-sd", "Gaza": "gaza-ps"}
    places = rows(db, "SELECT place_id, country, latitude IS NOT NULL, where_prec, source FROM places ORDER BY place_id")
    # Only the places the corpus names go into the warehouse, each credited to GeoNames.
    assert [p[:4] for p in places] == [("gaza-ps", "PS", True, 1), ("kharkiv-ua", "UA", True, 1),
                                       ("khartoum-sd", "SD", True, 1), ("mosul-iq", "IQ", True, 1)]
    assert all("GeoNames" in p[4] and "CC BY 4.0" in p[4] for p in places)
    assert rows(db, "SELECT place_id FROM claims") == [("gaza-ps",)]


def test_tripoli_follows_the_corpus_countries(bare_index, seeds_index):
    # The seeds' reference data is about Syria and Lebanon: Lebanon's Tripoli.
    assert places_in(seeds_index, "Clashes in Tripoli killed five people.") == [("Tripoli", "tripoli")]
    assert read_reference(REFERENCE_DIR).places["tripoli"].country == "LB"
    # With no war's places given, the document's own places decide ...
    libya = "Militias fought in Benghazi and Misrata. Clashes in Tripoli killed five people."
    assert places_in(bare_index, libya)[-1] == ("Tripoli", "tripoli-ly")
    lebanon = "Gunmen fired in Sidon and Beirut. Clashes in Tripoli killed five people."
    assert places_in(bare_index, lebanon)[-1] == ("Tripoli", "tripoli-lb")
    # ... or its dateline, where the report was filed ...
    assert places_in(bare_index, "BEIRUT (Reuters) - Clashes in Tripoli killed five people.") == [("Tripoli", "tripoli-lb")]
    # ... and else the more populous place of the name.
    assert places_in(bare_index, "Clashes in Tripoli killed five people.") == [("Tripoli", "tripoli-ly")]
    # Homs is Syria's, not Libya's Al Khums; Kharkiv is Ukraine's.
    assert places_in(bare_index, "Shelling of Homs and Hama went on.") == [("Homs", "homs-sy"), ("Hama", "hamah-sy")]


def test_names_that_are_words_or_first_names_need_place_context(bare_index):
    assert places_in(bare_index, "It was a nice day; police said nothing.") == []
    assert places_in(bare_index, "Police said the Split was Most of it. Jackson told reporters.") == []
    assert places_in(bare_index, "In March the army fired at Abu Ahmad's house.") == []
    assert places_in(bare_index, "Protests in Nice and near Split.") == [("Nice", "nice-fr"), ("Split", "split-hr")]
    assert places_in(bare_index, "The port of Bar, Montenegro.") == [("Bar", "bar-me"), ("Montenegro", "montenegro")]
    assert places_in(bare_index, "Dr Leyla Kaya said so.") == []
    # A place's name is matched as written: "UN" is the United Nations, not the town of Un.
    assert places_in(bare_index, "The UN said so.") == []


def test_a_dateline_is_where_the_report_was_filed_not_where_it_happened(tmp_path, bare_reference):
    db = build_docs(tmp_path, bare_reference, {
        "kyiv.txt": "Missiles hit the capital\n\nKYIV, Ukraine (AP) — Russian missiles killed 12 civilians on Tuesday, officials said.\n",
        "mosul.txt": "Car bomb in Anbar\n\nMOSUL, Iraq, March 3 (Reuters) - A car bomb killed at least 9 people in Ramadi, police said.\n",
    })
    claims = dict(rows(db, "SELECT doc_id, place_id FROM claims ORDER BY doc_id"))
    assert claims == {"kyiv": None, "mosul": "ramadi-iq"}
    assert rows(db, "SELECT DISTINCT place_id FROM events WHERE place_id IN ('ukraine', 'mosul-iq', 'iraq')") == []


def test_the_world_layer_is_committed_small_and_credited():
    assert WORLD_PLACES.stat().st_size < 4_000_000
    places = read_reference(REFERENCE_DIR).places
    assert len(places) > 30_000
    kinds = {p.kind for p in places.values() if p.layer == "world"}
    assert {"country", "state", "governorate", "city", "town"} <= kinds
    # The reference folder's rows replace the world's twins (same geonameid), not add to them.
    assert "homs" in places and "homs-sy" not in places


def test_regions_of_some_wars_are_named(bare_index):
    text = "Fighting in Anbar, the Kharkiv region and South Darfur, and shelling near Kharkiv."
    assert places_in(bare_index, text) == [("Anbar", "anbar-governorate"), ("Kharkiv region", "kharkiv-oblast"),
                                           ("South Darfur", "south-darfur"), ("Kharkiv", "kharkiv-ua")]


def test_every_countrys_first_level_regions_are_known(bare_index):
    # a region's bare name is an alias only where no city bears it: "Aden" is the city
    text = ("Strikes hit Abyan and the Helmand province; fighting spread to Amhara, while Aden governorate "
            "and the port of Aden stayed calm.")
    assert places_in(bare_index, text) == [
        ("Abyan", "abyan-governorate-ye"), ("Helmand province", "helmand-province-af"), ("Amhara", "amhara-region-et"),
        ("Aden governorate", "aden-governorate-ye"), ("Aden", "aden-ye")]


def test_a_regions_bare_name_is_its_countrys_whatever_other_countries_call_a_town(bare_index):
    # Libya has a town called Al Jawf; in a story on Yemen, Al-Jawf is Yemen's governorate
    yemen = "Coalition strikes hit Houthi positions in Marib and Al-Jawf."
    assert places_in(bare_index, yemen) == [("Marib", "ma-rib-ye"), ("Al-Jawf", "al-jawf-governorate-ye")]
    libya = "Militias clashed in Benghazi and Al Jawf."
    assert places_in(bare_index, libya)[-1] == ("Al Jawf", "al-jawf-ly")


def test_the_end_of_a_longer_arabic_name_is_not_a_world_place(bare_index):
    assert places_in(bare_index, "Rebels took Ma'arrat al-Numan.") == []
    # English words that look like articles do not hide a place.
    assert places_in(bare_index, "Crowds gathered at Kharkiv station as Mosul fell.") == [
        ("Kharkiv", "kharkiv-ua"), ("Mosul", "mosul-iq")]


def test_folding_a_place_name_to_ascii_keeps_every_letter():
    from etl.core.ids import ascii_fold
    assert [ascii_fold(n) for n in ("Łask", "Đakovo", "Əhmədbəyli", "Adıyaman", "Aarsâl")] == [
        "Lask", "Dakovo", "Ahmadbayli", "Adiyaman", "Aarsal"]


def test_no_world_place_is_named_by_a_lower_case_word():
    # A one-word lower-case alias ("ask", from a fold that dropped the "Ł" of Łask) would make an
    # English word in any sentence a town.
    import csv
    with WORLD_PLACES.open(encoding="utf-8") as f:
        words = [(row["place_id"], alias) for row in csv.DictReader(f)
                 for alias in [row["name"], *row["aliases"].split("|")] if alias.isalpha() and alias.islower()]
    assert words == []


def test_the_start_of_a_longer_name_the_gazetteer_lacks_is_not_a_world_place(bare_index):
    # "Tal" is a spelling of Thal in Pakistan; "Tal Afar" is an Iraqi town the world layer lacks
    assert places_in(bare_index, "An air strike hit Tal Afar on Tuesday.") == []
    # a site a place's name heads keeps the place
    assert places_in(bare_index, "Drones struck Aden International Airport and Mosul Dam.") == [
        ("Aden", "aden-ye"), ("Mosul", "mosul-iq")]


def test_a_news_agency_named_like_a_world_town_is_no_place(tmp_path):
    (tmp_path / "a.txt").write_text("Three people were killed in an Israeli strike on Friday, the ministry told Xinhua.\n",
                                    encoding="utf-8")
    reference = read_reference(REFERENCE_DIR)
    facts = extract_document(read_corpus(tmp_path)[0][0], AliasIndex(reference), reference.sources, None)
    assert [c["place_id"] for c in facts.claims] == [None]


def test_a_far_countrys_town_read_into_a_common_phrase_or_a_longer_name_is_no_place(seeds_index):
    # A story that lies in Iraq and Yemen: a district's "Old City", a spokesman's middle name that
    # spells a Syrian town, a road marker that spells Kiel in Germany.
    text = ("Fighting went on in the Old City of Mosul, where spokesman Saad Jassim al-Rubaie said 14 "
            "soldiers were wounded. In Yemen, troops repelled an attack near the Kilo 16 area of Hodeidah.")
    assert [place for _, place in places_in(seeds_index, text)] == ["mosul", "yemen", "al-hudaydah-ye"]
    # Named on their own, far towns stay places, in the story's country or in another.
    assert [surface for surface, _ in places_in(seeds_index, "Talks on Mosul and Baghdad opened in Geneva.")] == [
        "Mosul", "Baghdad", "Geneva"]
    assert ("Jassim", "jasim") in places_in(seeds_index, "Shelling hit Jassim and Nawa in Deraa province.")


def test_a_curated_region_is_the_worlds_region_of_that_name_not_a_second_one(tmp_path, bare_reference):
    # a region the reference folder adds without a geonameid replaces the world's region it names,
    # so that its mentions are not split between two entries of one region
    folder = tmp_path / "reference"
    shutil.copytree(bare_reference, folder)
    (folder / "places_curated.csv").write_text(
        (REFERENCE_DIR / "places_curated.csv").read_text(encoding="utf-8").splitlines()[0] + "\n"
        + "kursk-oblast,Kursk Oblast,Kursk region,oblast,RU,Kursk,51.50,36.00,4,,curated,hand-placed\n",
        encoding="utf-8")
    places = read_reference(folder).places
    assert [p for p in places if p.startswith("kursk-oblast")] == ["kursk-oblast"]
    assert places_in(AliasIndex(read_reference(folder)), "Shelling in the Kursk region.") == [
        ("Kursk region", "kursk-oblast")]
    # a town of the same name stays: only regions are one by their name
    assert "kursk-ru" in places


def test_a_world_name_with_its_arabic_article_is_found_as_the_press_writes_it(bare_index):
    # the world gazetteer writes "Al Bab", "Al Mayadin"; the press writes the article in lower
    # case and hyphenated
    text = "Shelling hit al-Bab and al-Mayadin on Monday, and el-Fasher was calm."
    assert places_in(bare_index, text) == [("al-Bab", "al-bab-sy"), ("al-Mayadin", "al-mayadin-sy"),
                                           ("el-Fasher", "el-fasher-sd")]
