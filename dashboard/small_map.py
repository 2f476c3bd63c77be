"""The Overview's small map: a static SVG drawn on the server from the shipped borders and the places.

Why not pydeck here as on the Map page: the Overview is the page every visit starts on, and a WebGL
map is the costliest thing a browser without a graphics card draws (tens of seconds under load on a
small machine; README "Load"). A glance at where things happened needs no panning or picking; the
Map page has those. The SVG (tens of kilobytes, mostly the borders) draws at once and needs no network. It is shown as an
image (Streamlit's HTML element drops SVG), so nothing in it can run; its texts are escaped all the same.
"""
import math
from html import escape

import pandas as pd

from dashboard.borders import polygons, world_polygons
from dashboard.declutter import Mark, place_names
from dashboard.map_view import fitted_places, is_point

# A place's circle: its area grows with its events and claims, as on the Map page.
MIN_RADIUS_PX, RADIUS_PX_PER_ROOT = 3.0, 2.0
LABELLED_PLACES = 6  # the busiest places are named (where a label has room: dashboard/declutter.py)
LABEL_PX = 15
MIN_SPAN_DEGREES = 2.5  # a single town still shows its surroundings
MARGIN = 0.15  # of the span, around the places


def _view(places: pd.DataFrame, width: int, height: int) -> tuple[float, float, float, float, float]:
    """west, north, span in x, span in y (projected degrees) and the cosine of the middle latitude."""
    places = fitted_places(places)
    lat_mid = (places.latitude.min() + places.latitude.max()) / 2
    cos = math.cos(math.radians(lat_mid))
    xs, ys = places.longitude * cos, places.latitude
    span_x = max((xs.max() - xs.min()) * (1 + 2 * MARGIN), MIN_SPAN_DEGREES * cos)
    span_y = max((ys.max() - ys.min()) * (1 + 2 * MARGIN), MIN_SPAN_DEGREES)
    # Widen one side so the view has the drawing's proportions.
    if span_x / span_y < width / height:
        span_x = span_y * width / height
    else:
        span_y = span_x * height / width
    west = (xs.min() + xs.max()) / 2 - span_x / 2
    north = (ys.min() + ys.max()) / 2 + span_y / 2
    return west, north, span_x, span_y, cos


def svg(places: pd.DataFrame, colors: dict[str, str], width: int = 640, height: int = 320) -> str:
    """The map as an SVG element: sea, country borders, one circle per place coloured by its commonest
    event type, the busiest places named."""
    west, north, span_x, span_y, cos = _view(places, width, height)
    scale = width / span_x  # pixels per projected degree

    def point(lon: float, lat: float) -> tuple[float, float]:
        return round((lon * cos - west) * scale, 1), round((north - lat) * scale, 1)

    east, south = west / cos + span_x / cos, north - span_y
    shapes = []
    for name, (w, s, e, n), rings in (*world_polygons(), *polygons()):  # the fine borders over the world's
        if e < west / cos or w > east or n < south or s > north:
            continue  # wholly outside the view
        path = " ".join("M" + " L".join(f"{x},{y}" for x, y in (point(lon, lat) for lon, lat in ring)) + "Z"
                        for ring in rings)
        shapes.append(f'<path d="{path}" fill="#ece8de" stroke="#5a5a5a" stroke-width="0.8" '
                      f'fill-rule="evenodd"><title>{escape(name)}</title></path>')
    points = places[is_point(places)]  # a governorate or a country is no point (dashboard/map_view.py)
    ordered = points.assign(weight=points.events + points.claims).sort_values("weight", ascending=False, kind="stable")
    marks = [Mark(*point(row.longitude, row.latitude), MIN_RADIUS_PX + RADIUS_PX_PER_ROOT * math.sqrt(row.weight), row.name)
             for row in ordered.itertuples()]
    circles, labels = [], []
    for row, mark, name_at in zip(ordered.itertuples(), marks,
                                  place_names(marks, LABEL_PX, LABELLED_PLACES, (width, height))):
        color = colors.get(row.main_type, colors.get("claims only", "#555555"))
        title = escape(f"{row.name}: {row.events} event(s), {row.claims} claim(s); commonest: {row.main_type}")
        circles.append(f'<circle cx="{mark.x}" cy="{mark.y}" r="{mark.radius:.1f}" fill="{color}" fill-opacity="0.8" '
                       f'stroke="#ffffff" stroke-width="1"><title>{title}</title></circle>')
        if name_at:
            labels.append(f'<text x="{mark.x + name_at[0]:.1f}" y="{mark.y + name_at[1]:.1f}" text-anchor="middle" '
                          f'dominant-baseline="central" font-size="{LABEL_PX}" font-family="sans-serif" '
                          f'paint-order="stroke" stroke="#ffffff" stroke-width="3.5" fill="#1e1e1e">'
                          f'{escape(row.name)}</text>')
    # The busiest drawn last, on top; the labels above every circle.
    body = "".join(["".join(shapes), "".join(reversed(circles)), "".join(labels)])
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
            f'role="img" aria-label="Places with events or claims" style="background:#d6e6f0;border-radius:4px">'
            f'{body}</svg>')
