"""The Map page's first view: fitted to the places, and which of them are named there, and where.

pydeck draws in the browser and cannot say where a name landed, so the view the map opens on is
computed here (Web Mercator, as deck.gl draws it) and the names placed for it by the rule of
dashboard/declutter.py. Zooming in keeps the same names; every place's name is in its hover.
"""
import math

import pandas as pd
import pydeck as pdk

from dashboard.borders import bounds
from dashboard.declutter import Mark, place_names

WIDTH_PX = 900  # about the map's width in a laptop's window; a wider window only adds room
TILE_PX = 512  # deck.gl's world is 512 pixels wide at zoom 0
EARTH_METRES = 40_075_016.686  # the equator's length
COUNTRY_PRECISION = 6  # UCDP where_prec: a country's centroid says no place, so the view is not fitted to it
MIN_ZOOM, MAX_ZOOM = 1.5, 8.0
FIT_MARGIN = 1.3  # room around the places, as a factor of their span
MIN_SPAN_DEGREES = 1.0  # a single town still shows its surroundings
FONT_PX = 12
NAMED_PLACES = 25  # the busiest places that may be named; more would cover the map even without overlap


def _mercator_y(latitude: float) -> float:
    """0 at the top of the world, 1 at the bottom."""
    sine = math.sin(math.radians(max(min(latitude, 85.0), -85.0)))
    return 0.5 - math.log((1 + sine) / (1 - sine)) / (4 * math.pi)


def fitted_places(places: pd.DataFrame) -> pd.DataFrame:
    """The places a map's view is fitted to (this page's and the Overview's small map): those finer than a
    country inside the region the shipped borders cover (elsewhere the map has no land to draw), else the
    first of these that has any: inside the region, finer than a country, all. The others are still
    drawn, a pan away."""
    (west, south), _, (east, north), _ = bounds(margin=0)
    inside = places.longitude.between(west, east) & places.latitude.between(south, north)
    finer = (places.where_prec.fillna(0) < COUNTRY_PRECISION) if "where_prec" in places else pd.Series(True, places.index)
    return next(chosen for chosen in (places[inside & finer], places[inside], places[finer], places) if len(chosen))


def fit(places: pd.DataFrame, height_px: int) -> pdk.ViewState:
    """The view that shows the places `fitted_places` chooses."""
    shown = fitted_places(places)
    west, east = float(shown.longitude.min()), float(shown.longitude.max())
    top, bottom = _mercator_y(float(shown.latitude.max())), _mercator_y(float(shown.latitude.min()))
    span_x = max(east - west, MIN_SPAN_DEGREES) / 360 * FIT_MARGIN
    span_y = max(bottom - top, MIN_SPAN_DEGREES / 360) * FIT_MARGIN
    zoom = math.log2(min(WIDTH_PX / (TILE_PX * span_x), height_px / (TILE_PX * span_y)))
    middle_y = (top + bottom) / 2
    latitude = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * middle_y))))
    return pdk.ViewState(latitude=latitude, longitude=(west + east) / 2, zoom=round(min(max(zoom, MIN_ZOOM), MAX_ZOOM), 2))


def name_offsets(places: pd.DataFrame, radius_metres: pd.Series, view: pdk.ViewState) -> list[list[float] | None]:
    """For each place, in the frame's order, the pixel offset of its name from its circle at `view`
    (None: unnamed). Busiest first, as the declutter rule wants."""
    world = TILE_PX * 2 ** view.zoom
    centre_x, centre_y = (view.longitude + 180) / 360 * world, _mercator_y(view.latitude) * world
    marks = [Mark((lon + 180) / 360 * world - centre_x, _mercator_y(lat) * world - centre_y,
                  radius / (EARTH_METRES * math.cos(math.radians(lat)) / world), name)
             for lon, lat, radius, name in zip(places.longitude, places.latitude, radius_metres, places.name)]
    order = sorted(range(len(marks)), key=lambda i: -(places.events.iloc[i] + places.claims.iloc[i]))
    named = place_names([marks[i] for i in order], FONT_PX, NAMED_PLACES)
    offsets: list[list[float] | None] = [None] * len(marks)
    for i, offset in zip(order, named):
        offsets[i] = list(offset) if offset else None
    return offsets
