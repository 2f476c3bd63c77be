"""Which places a map names, and on which side of its circle, so that no name sits on another.

The rule, for the Overview's small map and the Map page alike: places are taken busiest first (most
events and claims); each is named on the first side of its circle (above, right, below, left) where
its name overlaps no name already placed and no busier place's circle, and stays inside the picture;
where no side is free it goes unnamed, and its name is still in the hover. Why this and not smaller
type or leader lines: around al-Qusayr a dozen villages lie within a few pixels of each other at the
scale that shows the whole war; naming the one with most on it and leaving the rest to the hover
keeps every name readable, and the busiest places, which the reader looks for first, always win.

Sizes are estimated, not measured (the browser draws the text): a character is taken as
`CHAR_WIDTH` of the font size wide, about the widest average of a sans-serif face.
"""
from dataclasses import dataclass

CHAR_WIDTH = 0.6
GAP_PX = 3  # between a circle and its name


@dataclass(frozen=True)
class Mark:
    """A place as drawn: its circle's centre and radius in pixels (y downwards), and its name."""
    x: float
    y: float
    radius: float
    name: str


def _box(x: float, y: float, width: float, height: float) -> tuple[float, float, float, float]:
    return x - width / 2, y - height / 2, x + width / 2, y + height / 2


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _sides(mark: Mark, width: float, height: float) -> list[tuple[float, float]]:
    """Where the name's centre may go, relative to the circle's centre, in order of preference."""
    above = mark.radius + GAP_PX + height / 2
    beside = mark.radius + GAP_PX + width / 2
    return [(0, -above), (beside, 0), (0, above), (-beside, 0)]


def place_names(marks: list[Mark], font_px: float, most: int | None = None,
                frame: tuple[float, float] | None = None) -> list[tuple[float, float] | None]:
    """For each mark (busiest first), the offset of its name's centre from its circle's centre, or None
    where it goes unnamed. `most` caps how many are named; `frame` (width, height) keeps names inside."""
    circles = [_box(m.x, m.y, 2 * m.radius, 2 * m.radius) for m in marks]
    placed, offsets = [], []
    for index, mark in enumerate(marks):
        width, height = CHAR_WIDTH * font_px * len(mark.name), font_px
        chosen = None
        if most is None or len(placed) < most:
            for dx, dy in _sides(mark, width, height):
                box = _box(mark.x + dx, mark.y + dy, width, height)
                inside = frame is None or (box[0] >= 0 and box[1] >= 0 and box[2] <= frame[0] and box[3] <= frame[1])
                # A quieter place's circle may lie under the name: the busiest place is named first.
                if inside and not any(_overlap(box, other) for other in placed + circles[:index]):
                    chosen = (dx, dy)
                    placed.append(box)
                    break
        offsets.append(chosen)
    return offsets
