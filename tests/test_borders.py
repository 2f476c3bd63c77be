"""The Map page's country borders: the committed Natural Earth file and the point lookup over it."""
import pytest

from dashboard.borders import BORDERS_GEOJSON, WORLD_GEOJSON, country_at, load_borders, load_world, world_near

COUNTRIES = {"SYR", "LBN", "TUR", "IRQ", "JOR", "ISR", "PSE", "CYP"}


@pytest.mark.parametrize(
    ("place", "lon", "lat", "country"),
    [
        ("Damascus", 36.29, 33.51, "Syria"),
        ("Homs", 36.72, 34.73, "Syria"),
        ("Beirut", 35.50, 33.89, "Lebanon"),
        ("Hermel", 36.39, 34.39, "Lebanon"),
        # About 5 km from the Lebanese border: the reason the file is 1:10m.
        ("al-Qusayr", 36.58, 34.51, "Syria"),
        ("Arsal", 36.42, 34.18, "Lebanon"),
        ("Aleppo", 37.16, 36.20, "Syria"),
        ("Quneitra", 35.82, 33.12, "Syria"),
        ("Kilis", 37.12, 36.72, "Turkey"),
        ("Baghdad", 44.37, 33.31, "Iraq"),
        ("Amman", 35.93, 31.95, "Jordan"),
        ("Tel Aviv", 34.78, 32.08, "Israel"),
        ("Ramallah", 35.20, 31.90, "Palestine"),
        ("Gaza", 34.45, 31.50, "Palestine"),
        ("Nicosia", 33.37, 35.17, "Cyprus"),
    ],
)
def test_places_fall_in_their_country(place, lon, lat, country):
    assert country_at(lon, lat) == country, place


@pytest.mark.parametrize(
    ("place", "lon", "lat"),
    [
        ("the sea between Cyprus and Lebanon", 34.50, 34.00),
        ("Tehran, in a country the file does not carry", 51.40, 35.70),
    ],
)
def test_places_outside_every_border(place, lon, lat):
    assert country_at(lon, lat) is None, place


def test_the_point_of_view_is_germanys():
    # Natural Earth's German edition leaves the Golan Heights to no country and keeps Cyprus
    # whole; the default edition would give Katzrin to Israel and the Karpas to Northern Cyprus.
    # A re-extraction that changes edition must change this test and the file's source together.
    assert country_at(35.69, 32.99) is None  # Katzrin
    assert country_at(34.30, 35.55) == "Cyprus"  # the Karpas peninsula
    assert "Germany" in load_borders()["source"]["point_of_view"]


def test_source_credits_natural_earth():
    source = load_borders()["source"]
    assert source["name"] == "Natural Earth"
    assert source["scale"] == "1:10m"
    assert source["license"] == "public domain"
    assert source["package"] and source["package_version"]


def test_one_feature_per_country_with_name_and_iso_a3():
    collection = load_borders()
    assert collection["type"] == "FeatureCollection"
    codes = [f["properties"]["iso_a3"] for f in collection["features"]]
    assert sorted(codes) == sorted(COUNTRIES)
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["properties"]["name"]
        assert len(feature["properties"]["iso_a3"]) == 3


def _signed_area(ring):
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:])) / 2


def test_rings_are_closed_and_wound_as_rfc_7946_asks():
    for feature in load_borders()["features"]:
        geometry = feature["geometry"]
        assert geometry["type"] in {"Polygon", "MultiPolygon"}
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for rings in polygons:
            for i, ring in enumerate(rings):
                assert len(ring) >= 4 and ring[0] == ring[-1]
                assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in ring)
                # Outer rings counterclockwise, holes clockwise.
                assert (_signed_area(ring) > 0) == (i == 0), feature["properties"]["name"]


def test_file_stays_small():
    assert BORDERS_GEOJSON.stat().st_size < 300_000


def test_loader_reads_the_file_once():
    assert load_borders() is load_borders()


# --- The rest of the world, simplified, for a corpus about another war ------------------------------

def test_the_world_file_holds_every_other_country_and_none_of_the_fine_files():
    world = load_world()
    codes = {f["properties"]["iso_a3"] for f in world["features"]}
    assert {"UKR", "SDN", "YEM", "AFG", "LBY", "IRN", "EGY", "RUS"} <= codes
    assert not codes & COUNTRIES  # those are drawn at 1:10m from borders.geojson
    assert world["source"]["name"] == "Natural Earth" and "simplified" in world["source"]["scale"]
    assert WORLD_GEOJSON.stat().st_size < 800_000


def test_a_map_is_sent_only_the_land_around_it():
    around_ukraine = {f["properties"]["name"] for f in world_near(20, 40, 45, 56)["features"]}
    assert {"Ukraine", "Poland", "Russia", "Belarus"} <= around_ukraine
    assert not {"Australia", "Brazil", "Canada"} & around_ukraine
    assert world_near(-170, -80, -160, -75)["features"] == []  # open ocean


def test_the_world_does_not_change_where_a_point_lies():
    assert country_at(51.40, 35.70) is None  # Tehran: the point lookup reads the fine file alone
