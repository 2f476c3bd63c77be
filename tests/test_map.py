"""The Map page's map as a reader meets it: towns as points and coarser places listed, the view on the
places whatever war they are of, and a key that says what colour and size mean."""
import json

import pandas as pd

from dashboard import charts, map_key, map_view


def places(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["name", "place_kind", "where_prec", "latitude", "longitude", "events", "claims",
                                       "main_type", "active_on_day"])


UKRAINE = places(("Bakhmut", "city", 1, 48.59, 38.00, 4, 6, "Battles", False),
                 ("Kharkiv", "city", 1, 49.99, 36.23, 2, 1, "Explosions/Remote violence", False),
                 ("Donetsk Oblast", "province", 4, 48.0, 37.8, 1, 3, "Battles", False),
                 ("Ukraine", "country", 6, 49.0, 32.0, 0, 5, "claims only", False))


def test_a_town_is_a_point_and_a_province_or_a_country_is_not():
    assert list(map_view.is_point(UKRAINE)) == [True, True, False, False]


def test_the_view_is_on_the_places_whatever_war_they_are_of():
    view = map_view.fit(UKRAINE)
    assert 48.5 < view.latitude < 50.2 and 36 < view.longitude < 38.2  # between Bakhmut and Kharkiv
    assert view.zoom > 5  # framed on the two towns, not on the middle of the country or on Syria


def test_the_deck_draws_only_points_on_the_land_around_them():
    deck = json.loads(map_view.place_map(UKRAINE[map_view.is_point(UKRAINE)], charts.EVENT_TYPE_COLORS).to_json())
    circles = next(layer for layer in deck["layers"] if layer["id"] == "places")
    assert sorted(c["name"] for c in circles["data"]) == ["Bakhmut", "Kharkiv"]
    land = [layer for layer in deck["layers"] if layer["@@type"] == "GeoJsonLayer"]
    assert "Ukraine" in {f["properties"]["name"] for f in land[0]["data"]["features"]}
    # Circles in pixels, so that the key's sizes hold at every zoom.
    assert circles["radiusUnits"] == "pixels"
    assert [c["radius"] for c in circles["data"]] == [map_view.radius_px(10), map_view.radius_px(3)]


def test_the_key_names_each_colour_shown_and_sizes_by_the_maps_own_rule():
    text = map_key.key_html(["Battles", map_key.CLAIMS_ONLY], charts.EVENT_TYPE_COLORS, most=30, replaying=True,
                            areas=UKRAINE[~map_view.is_point(UKRAINE)])
    assert "Battles" in text and "only casualty claims, no event" in text and "Riots" not in text
    assert charts.EVENT_TYPE_COLORS["Battles"] in text
    assert map_key.sizes(30) == [1, 10, 25] and f"width:{2 * map_view.radius_px(25):.0f}px" in text
    assert "an event under way on the day shown" in text
    assert "Not mapped at town level" in text and "Donetsk Oblast" in text and "Ukraine" in text


def test_the_key_is_inert_text():
    areas = places(("<script>alert(1)</script>", "region", 5, 0, 0, 1, 0, "Battles", False))
    text = map_key.key_html(["Battles"], charts.EVENT_TYPE_COLORS, 1, replaying=False, areas=areas)
    assert "<script>" not in text and "&lt;script&gt;" in text
