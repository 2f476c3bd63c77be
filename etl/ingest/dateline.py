"""A publication date for a document nobody dated: from a dateline in its first lines, else from
its URL or its first lines as htmldate (installed with trafilatura) reads them."""
import calendar
import re
from datetime import date

from etl.ingest.parts import Part
from etl.core.dates import WEEKDAYS, DateRange, find_full_day
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


_URL_MONTH = re.compile(r"/(?P<year>(?:19|20)\d\d)[/_-](?P<month>0[1-9]|1[0-2])(?:/|$)")
_HTML_PARTS = 8  # the first parts of a page htmldate is shown: where a page prints its date


def infer_published_elsewhere(text: str, parts: list[Part], url: str | None) -> tuple[DateRange, str] | None:
    """(the date, where it was read) from the URL ("/2013/05/19/") or a date the first lines print
    ("Posted on 19 May 2013"), read by htmldate offline. A URL with only a year and month gives
    the month; htmldate's guesses from a bare year are refused."""
    try:
        from htmldate import find_date
    except ImportError:  # htmldate comes with trafilatura; without it only datelines are read
        return None
    lines = [text[p.start:p.end] for p in parts if p.kind not in NOT_THE_PAGE][:_HTML_PARTS]
    html = "<html><body>" + "".join(f"<p>{_escape(line)}</p>" for line in lines) + "</body></html>"
    if url:
        found = _quietly(find_date, html, url=url, extensive_search=False)
        if found:
            day = date.fromisoformat(found)
            if re.search(rf"{day.year}[/_-]?{day.month:02d}[/_-]?{day.day:02d}(?!\d)", url):
                return DateRange(day, day, "day"), f"the URL {url!r}"
            if re.search(rf"{day.year}[/_-]?{day.month:02d}(?!\d)", url):
                last = calendar.monthrange(day.year, day.month)[1]
                return DateRange.spanning(date(day.year, day.month, 1), date(day.year, day.month, last)), f"the URL {url!r}"
        month = _URL_MONTH.search(url)
        if month:  # htmldate reads days; "/2016/11/" alone gives the month
            year, number = int(month["year"]), int(month["month"])
            last = calendar.monthrange(year, number)[1]
            return DateRange.spanning(date(year, number, 1), date(year, number, last)), f"the URL {url!r}"
    found = _quietly(find_date, html, extensive_search=False)
    if found:
        day = date.fromisoformat(found)
        if find_full_day(" ".join(lines)) and str(day.day) in " ".join(lines):
            return DateRange(day, day, "day"), "a date in the page's first lines"
    return None


def _quietly(function, *args, **kwargs) -> str | None:
    try:
        return function(*args, **kwargs)
    except (ValueError, TypeError):
        return None


def _escape(line: str) -> str:
    return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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
