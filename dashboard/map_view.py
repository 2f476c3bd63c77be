"""The Map page's map: which places are points, the view it opens on, which places are named there and
where, and the deck.gl layers (no basemap, no network).

A place is drawn as a point only where its coordinates say where something happened: a town, a village,
a district (UCDP where_prec 1 to 3). A governorate, a region, a country or a sea (where_prec 4 to 7)
has coordinates too, its middle, but a dot there would put the fighting in the middle of the desert; such
places are listed beside the map instead ("not mapped at town level").

The view is fitted to the points, wherever they are: the corpus decides the region, not the borders file.
pydeck draws in the browser and cannot say where a name landed, so the view the map opens on is computed
here (Web Mercator, as deck.gl draws it) and the names placed for it by the rule of dashboard/declutter.py.
Circles are sized in pixels, so that they read the same at every zoom and the key beside the map holds.
"""
import math

import pandas as pd
import pydeck as pdk

from dashboard.borders import load_borders, world_near
from dashboard.declutter import Mark, place_names

WIDTH_PX = 700  # about the map's width beside its key in a laptop's window; a wider window only adds room
HEIGHT_PX = 560
TILE_PX = 512  # deck.gl's world is 512 pixels wide at zoom 0
POINT_PRECISION = 3  # UCDP where_prec up to a district: a point; coarser: an area, listed beside the map
MIN_ZOOM, MAX_ZOOM = 1.0, 8.0
FIT_MARGIN = 1.3  # room around the places, as a factor of their span
MIN_SPAN_DEGREES = 1.0  # a single town still shows its surroundings
FONT_PX = 12
NAMED_PLACES = 25  # the busiest places that may be named; more would cover the map even without overlap
# A circle's area grows with the events and claims at the place: radius = MIN + PER_ROOT * sqrt(n).
MIN_RADIUS_PX, RADIUS_PX_PER_ROOT = 3.0, 2.5
RING_PX = 3  # the black ring of a place with an event under way on the replayed day
SEA, LAND, BORDER = [214, 230, 240, 255], [236, 232, 222, 255], [90, 90, 90, 255]
WORLD = [[-180, -85], [180, -85], [180, 85], [-180, 85]]  # as far as Web Mercator goes


def is_point(places: pd.DataFrame) -> pd.Series:
    """Which places the map draws as points (the others are areas: governorates, regions, countries)."""
    return places.where_prec <= POINT_PRECISION


def radius_px(weight) -> float:
    """A circle's radius for `weight` events and claims."""
    return MIN_RADIUS_PX + RADIUS_PX_PER_ROOT * math.sqrt(weight)


def _mercator_y(latitude: float) -> float:
    """0 at the top of the world, 1 at the bottom."""
    sine = math.sin(math.radians(max(min(latitude, 85.0), -85.0)))
    return 0.5 - math.log((1 + sine) / (1 - sine)) / (4 * math.pi)


def fitted_places(places: pd.DataFrame) -> pd.DataFrame:
    """The places a map's view is fitted to (this page's and the Overview's small map): the points, or all
    places where none is a point."""
    points = places[is_point(places)]
    return points if len(points) else places


def fit(places: pd.DataFrame, height_px: int = HEIGHT_PX) -> pdk.ViewState:
    """The view that shows every place `fitted_places` chooses."""
    shown = fitted_places(places)
    west, east = float(shown.longitude.min()), float(shown.longitude.max())
    top, bottom = _mercator_y(float(shown.latitude.max())), _mercator_y(float(shown.latitude.min()))
    span_x = max(east - west, MIN_SPAN_DEGREES) / 360 * FIT_MARGIN
    span_y = max(bottom - top, MIN_SPAN_DEGREES / 360) * FIT_MARGIN
    zoom = math.log2(min(WIDTH_PX / (TILE_PX * span_x), height_px / (TILE_PX * span_y)))
    middle_y = (top + bottom) / 2
    latitude = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * middle_y))))
    return pdk.ViewState(latitude=latitude, longitude=(west + east) / 2, zoom=round(min(max(zoom, MIN_ZOOM), MAX_ZOOM), 2))


def name_offsets(places: pd.DataFrame, view: pdk.ViewState) -> list[list[float] | None]:
    """For each place (a frame with `radius` in pixels), in the frame's order, the pixel offset of its name
    from its circle at `view` (None: unnamed). Busiest first, as the declutter rule wants."""
    world = TILE_PX * 2 ** view.zoom
    centre_x, centre_y = (view.longitude + 180) / 360 * world, _mercator_y(view.latitude) * world
    marks = [Mark((lon + 180) / 360 * world - centre_x, _mercator_y(lat) * world - centre_y, radius, name)
             for lon, lat, radius, name in zip(places.longitude, places.latitude, places.radius, places.name)]
    order = sorted(range(len(marks)), key=lambda i: -(places.events.iloc[i] + places.claims.iloc[i]))
    named = place_names([marks[i] for i in order], FONT_PX, NAMED_PLACES)
    offsets: list[list[float] | None] = [None] * len(marks)
    for i, offset in zip(order, named):
        offsets[i] = list(offset) if offset else None
    return offsets


def _around(view: pdk.ViewState, height_px: int) -> tuple[int, int, int, int]:
    """The box (west, south, east, north, whole degrees) the view shows, widened by its own size on every
    side, so that the land is there when the reader pans or zooms out a little."""
    world = TILE_PX * 2 ** view.zoom
    half_x = WIDTH_PX / world * 180
    middle_y = _mercator_y(view.latitude) * world

    def latitude(y: float) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * min(max(y / world, 0.0), 1.0)))))
    north, south = latitude(middle_y - 1.5 * height_px), latitude(middle_y + 1.5 * height_px)
    return (math.floor(view.longitude - 3 * half_x), math.floor(south), math.ceil(view.longitude + 3 * half_x),
            math.ceil(north))


def place_map(points: pd.DataFrame, colors: dict[str, str], height: int = HEIGHT_PX) -> pdk.Deck:
    """Country borders from the shipped GeoJSON and one circle per point, coloured by its commonest event
    type (`colors`), outlined where an event is under way on the replayed day; the busiest named."""
    frame = points.copy()
    frame["radius"] = [radius_px(weight) for weight in frame.events + frame.claims]
    frame["fill"] = [_rgb(colors.get(t, "#555555"), 255 if active else 190)
                     for t, active in zip(frame.main_type, frame.active_on_day)]
    frame["outline"] = [[17, 17, 17, 255] if active else [255, 255, 255, 255] for active in frame.active_on_day]
    frame["ring"] = [RING_PX if active else 1 for active in frame.active_on_day]
    view = fit(frame, height) if len(frame) else pdk.ViewState(latitude=34.8, longitude=37.0, zoom=6.2)
    # Only the places named at the first view (declutter) have a label: none sits on another.
    offsets = name_offsets(frame, view) if len(frame) else []
    frame["label"] = [name if offset else "" for name, offset in zip(frame.name, offsets)]
    frame["label_offset"] = [offset or [0, 0] for offset in offsets]
    layers = [
        # No basemap: a pale-blue rectangle is the sea, the shipped borders are the land on it: the world's,
        # simplified, around the view, and Syria's and its neighbours' at 1:10m over them.
        pdk.Layer("PolygonLayer", [{"polygon": WORLD}], get_polygon="polygon", get_fill_color=SEA,
                  stroked=False, pickable=False),
        pdk.Layer("GeoJsonLayer", world_near(*_around(view, height)), stroked=True, filled=True,
                  get_fill_color=LAND, get_line_color=BORDER, line_width_min_pixels=1, pickable=False),
        pdk.Layer("GeoJsonLayer", load_borders(), stroked=True, filled=True, get_fill_color=LAND,
                  get_line_color=BORDER, line_width_min_pixels=1, pickable=False),
        pdk.Layer("ScatterplotLayer", frame, get_position=["longitude", "latitude"], get_radius="radius",
                  radius_units='"pixels"', get_fill_color="fill", get_line_color="outline", stroked=True,
                  get_line_width="ring", line_width_units='"pixels"', pickable=True, id="places"),
        pdk.Layer("TextLayer", frame, get_position=["longitude", "latitude"], get_text="label",
                  get_size=FONT_PX, get_color=[30, 30, 30, 255], get_pixel_offset="label_offset",
                  # Quoted: pydeck reads a bare string as an expression ("sans-serif" would be a subtraction).
                  get_text_anchor='"middle"', get_alignment_baseline='"center"', font_family='"sans-serif"',
                  character_set='"auto"',  # names such as Dūmā and ʿAfrīn: the default set is ASCII alone
                  pickable=False),
    ]
    return pdk.Deck(
        layers=layers, map_provider=None,  # no basemap: nothing is fetched from a tile or style server
        initial_view_state=view,
        # A text tooltip (not HTML): names and figures come from documents and must stay inert.
        tooltip={"text": "{name} ({events} events, {claims} claims)\n{what_happened}\n{figures}"},
        height=height,
    )


def _rgb(hex_color: str, alpha: int) -> list[int]:
    return [int(hex_color[i:i + 2], 16) for i in (1, 3, 5)] + [alpha]
