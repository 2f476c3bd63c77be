"""The Map page's key: what a circle's colour, size and ring mean, drawn by the map's own rules (colours
and radius), so that the key cannot say other than the map. Plain HTML with inline styles for st.html;
every text is escaped."""
from html import escape

from dashboard.map_view import RING_PX, radius_px

CLAIMS_ONLY = "claims only"  # place_activity's main_type where a place has claims and no event
SIZE_STEPS = (5, 10, 25, 50, 100, 250, 500, 1000)  # round numbers the size key may show beside 1
LISTED_AREAS = 10  # the busiest places not mapped at town level; the table under the map has them all


def _circle(radius: float, fill: str, ring: str = "#ffffff", ring_px: float = 1) -> str:
    side = 2 * radius
    return (f'<span style="display:inline-block;width:{side:.0f}px;height:{side:.0f}px;border-radius:50%;'
            f'background:{fill};border:{ring_px}px solid {ring};box-sizing:border-box;vertical-align:middle;'
            f'margin-right:6px"></span>')


def _row(mark: str, text: str, width: float) -> str:
    return (f'<div style="display:flex;align-items:center;margin:2px 0"><span style="display:inline-flex;'
            f'justify-content:center;width:{width:.0f}px">{mark}</span>{escape(text)}</div>')


def sizes(most: int) -> list[int]:
    """The weights the size key shows: 1 and up to two round numbers no larger than the busiest place's."""
    return [1] + [n for n in SIZE_STEPS if n <= most][-2:]


def key_html(types: list[str], colors: dict[str, str], most: int, replaying: bool, areas=None) -> str:
    """The key for a map whose circles have these commonest event types and at most `most` events and
    claims; `replaying` adds the ring of a place with an event under way on the day shown; `areas` (places
    with name, place_kind, events, claims) are listed as not mapped at town level."""
    width = 2 * radius_px(max(sizes(most))) + 4
    colour = "".join(_row(_circle(7, colors.get(t, "#555555")),
                          "only casualty claims, no event" if t == CLAIMS_ONLY else t, width) for t in types)
    size = "".join(_row(_circle(radius_px(n), "#bdbdbd"), f"{n:,} event{'s' if n > 1 else ''} and claims"
                        if n > 1 else "1 event or claim", width) for n in sizes(most))
    ring = (_row(_circle(8, "#bdbdbd", "#111111", RING_PX), "an event under way on the day shown", width)
            if replaying else "")
    heading = '<div style="font-weight:600;margin-top:8px">{}</div>'.format
    listed = ""
    if areas is not None and len(areas):
        more = len(areas) - LISTED_AREAS
        listed = (heading("Not mapped at town level") + '<div style="color:#666">Known only to a governorate, region '
                  "or country: a dot in its middle would place what happened where nothing is known to have.</div>"
                  + "".join(f'<div style="margin:2px 0">{escape(a.name)} <span style="color:#666">({escape(a.place_kind)})'
                            f"</span>: {_count(a.events, 'event')}, {_count(a.claims, 'claim')}</div>"
                            for a in areas.head(LISTED_AREAS).itertuples())
                  + (f'<div style="color:#666">and {more} more, in the table of places (where precision 4 to 7)</div>'
                     if more > 0 else ""))
    return (f'<div style="font-size:0.85em;line-height:1.35">{heading("Colour: the commonest ACLED event type")}'
            f'{colour}{heading("Size: the events and claims at the place")}{size}{ring}{listed}</div>')


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
