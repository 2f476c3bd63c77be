"""A publication date read from a dateline in a document's first lines, for a document nobody dated."""
import re

from etl.ingest.parts import Part
from etl.resolve.dates import WEEKDAYS, DateRange, find_full_day
from etl.settings import DATELINE_MAX_PARTS

# What may stand before the date on a dateline: a place in capitals ("BEIRUT, Lebanon,"),
# "Published" or "Updated", a weekday. Anything more and the date is in a sentence, not a dateline.
LEAD = re.compile(
    r"(?:[A-Z][A-Z./'\- ]*,\s*(?:[A-Z][a-z]+,\s*)?)?"
    r"(?i:(?:first published|last updated|published|updated|posted)(?:\s+on)?:?\s*)?"
    r"(?i:(?:" + "|".join(WEEKDAYS) + r"),?\s*)?"
)
NOT_THE_PAGE = ("front_matter", "reader_comment")


def infer_published(text: str, parts: list[Part]) -> tuple[DateRange, str] | None:
    """(the day, the dateline as written) where one of the first parts starts with a full date."""
    looked_at = 0
    for part in parts:
        if part.kind in NOT_THE_PAGE:
            continue
        line = text[part.start:part.end]
        found = find_full_day(line)
        if found and LEAD.fullmatch(line[:found[0].start()]):
            return found[1], line[:found[0].end()]
        looked_at += 1
        if looked_at == DATELINE_MAX_PARTS:
            return None
    return None


# A wire dateline opening a paragraph: where the report was filed, not where its events happened.
# "BEIRUT (Reuters) -", "KYIV, Ukraine (AP) —", "MOSUL, Iraq, March 3 (Reuters) -", "Beirut (AFP) -".
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WIRE = re.compile(
    r"(?P<place>[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){0,3})"
    r"(?P<more>(?:,\s*[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){0,3}){0,2}?)"
    rf"(?:,?\s+(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?)?"
    r"\s*(?P<agency>\([^()\n]{1,40}\))?\s*[-–—]{1,2}\s")


def wire_dateline(text: str, start: int, end: int) -> tuple[int, list[str]] | None:
    """(where the dateline ends, the place names it gives) if text[start:end] opens with one.
    The place is in capitals, or the wire agency follows it in brackets: "Beirut (AFP) -"."""
    match = _WIRE.match(text, start, end)
    if not match or not (match["place"].isupper() or match["agency"]):
        return None
    names = [match["place"]] + [n.strip() for n in match["more"].split(",") if n.strip()]
    return match.end(), names
