"""One date resolver: a date expression as written -> (start, end, precision), like UCDP's
date_start/date_end/date_prec.

Relative expressions are resolved against the publication date. When the publication date is
itself a range (known only to the month), the expression is resolved against the first and the
last possible day and the result spans both: a range, not a guess. Precision is the smallest
unit (settings.PRECISION_MAX_DAYS) that covers the resulting range.
"""
import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from etl.settings import PRECISION_MAX_DAYS


class DateError(ValueError):
    pass


@dataclass(frozen=True)
class DateRange:
    start: date
    end: date
    precision: str

    @classmethod
    def spanning(cls, start: date, end: date) -> "DateRange":
        if end < start:
            raise DateError(f"date range ends before it starts: {start} .. {end}")
        return cls(start, end, precision_of(start, end))


def precision_of(start: date, end: date) -> str:
    days = (end - start).days + 1
    for name, limit in PRECISION_MAX_DAYS:
        if days <= limit:
            return name
    return "year"


MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_PART_OF_DAY = r"(?:\s+(?:night|morning|afternoon|evening))?"
_PART_OF_MONTH = r"(?:(?P<part>early|mid|middle of|late|the beginning of|the end of|the start of)[\s-]+)?"
_UNIT_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a few": 3, "several": 3, "a couple of": 2}
# How far either side of "N units ago" the true date may lie: reporters round such spans.
_AGO_SLACK_DAYS = {"day": 0, "week": 3, "month": 15, "year": 182}


def parse_published(text: str) -> DateRange:
    """The catalog's publication date: YYYY-MM-DD, YYYY-MM or YYYY."""
    text = str(text).strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            day = date.fromisoformat(text)
            return DateRange(day, day, "day")
        if re.fullmatch(r"\d{4}-\d{2}", text):
            year, month = map(int, text.split("-"))
            return _month(year, month)
        if re.fullmatch(r"\d{4}", text):
            return DateRange(date(int(text), 1, 1), date(int(text), 12, 31), "year")
    except ValueError as exc:
        raise DateError(f"not a real date: {text!r} ({exc})") from exc
    raise DateError(f"publication date {text!r} is not YYYY-MM-DD, YYYY-MM or YYYY")


def _month(year: int, month: int) -> DateRange:
    if not 1 <= month <= 12:
        raise DateError(f"no month {month}")
    last = calendar.monthrange(year, month)[1]
    return DateRange(date(year, month, 1), date(year, month, last), "month")


def _part_of_month(year: int, month: int, part: str | None) -> tuple[date, date]:
    whole = _month(year, month)
    if not part:
        return whole.start, whole.end
    part = part.lower()
    if part in ("early", "the beginning of", "the start of"):
        return date(year, month, 1), date(year, month, 10)
    if part in ("mid", "middle of"):
        return date(year, month, 11), date(year, month, 20)
    return date(year, month, 21), whole.end


def _shift_month(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + (day.month - 1) + months
    return index // 12, index % 12 + 1


def _nearest_year(day: date, month: int, dom: int = 1) -> int:
    """A day-month (or a month) without a year is taken in the latest year that puts it no more
    than a week after the reference day: news tells what has happened ("in June", written in
    December, is the June before), and a week's grace keeps "on 2 January" written on 30 December
    in the new year."""
    for year in (day.year + 1, day.year, day.year - 1):
        if date(year, month, min(dom, 28)) <= day + _GRACE:
            return year
    return day.year - 1


_GRACE = timedelta(days=7)


def _day(year: int, month: int, dom: int) -> date:
    try:
        return date(year, month, dom)
    except ValueError as exc:
        raise DateError(f"not a real date: {year}-{month:02d}-{dom:02d}") from exc


def _ago(amount: int, unit: str, day: date) -> tuple[date, date]:
    if unit == "day":
        centre = day - timedelta(days=amount)
    elif unit == "week":
        centre = day - timedelta(weeks=amount)
    elif unit == "month":
        year, month = _shift_month(day, -amount)
        centre = date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    else:
        centre = date(day.year - amount, day.month, min(day.day, 28))
    slack = timedelta(days=_AGO_SLACK_DAYS[unit])
    return centre - slack, centre + slack


# Each rule: a pattern, and a function of (match, reference day, anchor) -> (start, end).
def _rules():
    def weekday(m, day, _):
        back = (day.weekday() - WEEKDAYS[m["weekday"].lower()]) % 7
        if m["last"] and back == 0:
            back = 7
        found = day - timedelta(days=back)
        return found, found

    def day_month(m, day, _):
        month = MONTHS[m["month"].lower()]
        dom = int(m["dom"])
        year = int(m["year"]) if m["year"] else _nearest_year(day, month, dom)
        found = _day(year, month, dom)
        return found, found

    def month_part(m, day, _):
        month = MONTHS[m["month"].lower()]
        year = int(m["year"]) if m["year"] else _nearest_year(day, month)
        return _part_of_month(year, month, m["part"])

    def last_named_month(m, day, _):
        month = MONTHS[m["month"].lower()]
        year = day.year if month < day.month else day.year - 1
        return _part_of_month(year, month, m["part"])

    def relative_month(m, day, _):
        offset = {"last": -1, "this": 0, "next": 1}[m["which"].lower()]
        year, month = _shift_month(day, offset)
        return _part_of_month(year, month, m["part"])

    def earlier_in_month(m, day, _):
        return day.replace(day=1), max(day.replace(day=1), day - timedelta(days=1))

    def relative_year(m, day, _):
        year = day.year + {"last": -1, "this": 0, "next": 1}[m["which"].lower()]
        return date(year, 1, 1), date(year, 12, 31)

    def earlier_this_year(m, day, _):
        return date(day.year, 1, 1), day

    def relative_week(m, day, _):
        monday = day - timedelta(days=day.weekday())
        monday += timedelta(weeks={"last": -1, "this": 0, "next": 1}[m["which"].lower()])
        return monday, monday + timedelta(days=6)

    def ago(m, day, _):
        amount = m["amount"].lower()
        number = int(amount) if amount.isdigit() else _UNIT_NUMBERS[amount]
        return _ago(number, m["unit"].lower(), day)

    def recent(m, day, _):
        back = 6 if m["unit"].lower() == "days" else 27
        return day - timedelta(days=back), day

    def past_day(m, day, _):
        # a daily bulletin's "over the past 24 hours": the day before publication and the day itself
        return day - timedelta(days=1), day

    def past_stretch(m, day, _):
        # "over the past three weeks", written on 10 June: from 20 May to the day of writing (as
        # "over the past 24 hours" is the day before and the day itself)
        amount = m["amount"].lower()
        number = int(amount) if amount.isdigit() else _UNIT_NUMBERS[amount]
        unit = m["unit"].lower()
        if unit == "months":
            year, month = _shift_month(day, -number)
            return date(year, month, min(day.day, calendar.monthrange(year, month)[1])), day
        days = {"hours": -(-number // 24), "days": number, "weeks": 7 * number}[unit]
        return day - timedelta(days=days), day

    def today(m, day, _):
        shift = 1 if m[0].lower() == "yesterday" else 0
        return day - timedelta(days=shift), day - timedelta(days=shift)

    def following(m, _, anchor):
        if anchor is None:
            raise DateError(f"{m[0]!r} needs an anchor date (the day it follows or precedes)")
        step = 1 if (m["dir"] or "").lower() in ("following", "next") else -1
        return anchor + timedelta(days=step), anchor + timedelta(days=step)

    def iso(m, *_):
        first, _, last = m[0].partition("..")
        return parse_published(first).start, parse_published(last or first).end

    def year(m, *_):
        return date(int(m["year"]), 1, 1), date(int(m["year"]), 12, 31)

    def dotted(m, *_):
        found = _day(int(m["year"]), int(m["month"]), int(m["dom"]))
        return found, found

    amount = r"(?P<amount>\d+|a few|several|a couple of|an?|one|two|three|four|five|six|seven|eight|nine|ten)"
    return [
        (r"\d{4}-\d{2}(?:-\d{2})?(?:\.\.\d{4}-\d{2}(?:-\d{2})?)?", iso),  # 2013-05 or 2013-05-01..2013-05-18
        (r"(?P<last>last\s+)?" + _WEEKDAY + _PART_OF_DAY, weekday),
        (r"(?P<dom>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(?P<year>\d{4}))?", day_month),
        (_MONTH + r"\s+(?P<dom>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?", day_month),
        (_PART_OF_MONTH + r"last\s+" + _MONTH, last_named_month),
        (_PART_OF_MONTH + _MONTH + r"(?:,?\s+(?P<year>\d{4}))?", month_part),
        (_PART_OF_MONTH + r"(?P<which>last|this|next)\s+month", relative_month),
        (r"earlier\s+(?:in\s+the|this)\s+month", earlier_in_month),
        (r"(?P<which>last|this|next)\s+year", relative_year),
        (r"earlier\s+this\s+year", earlier_this_year),
        (r"(?P<which>last|this|next)\s+week", relative_week),
        (r"(?:(?:some|about|around|nearly|almost|roughly|just over|more than)\s+)?" + amount
         + r"\s+(?P<unit>day|week|month|year)s?\s+(?:ago|earlier|before)", ago),
        (r"(?:in\s+)?(?:the\s+)?(?:recent|past\s+few|last\s+few)\s+(?P<unit>days|weeks)", recent),
        (r"(?:over\s+)?(?:the\s+)?(?:past|last)\s+(?:day|24\s+hours|twenty-four\s+hours)", past_day),
        # "Russian strikes overnight killed nine": the night before the story, which spans two days
        (r"overnight|last\s+night|during\s+the\s+night", past_day),
        (r"(?:(?:over|in|during)\s+)?the\s+(?:past|last)\s+" + amount + r"\s+(?P<unit>days|weeks|months|hours)", past_stretch),
        (r"today|tonight|this\s+(?:morning|afternoon|evening)|yesterday|now|(?:as\s+of\s+)?\d{1,2}[:.]\d{2}(?:\s+(?:today|tonight))?", today),
        (r"the\s+(?P<dir>following|next|previous)\s+day|the\s+day\s+(?P<before>before)", following),
        (r"(?P<year>\d{4})", year),
        # "24.02.2022": day, month and year with dots, as Ukrainian and Russian official texts write them
        (r"(?P<dom>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})", dotted),
    ]


_COMPILED = [(re.compile(pattern, re.IGNORECASE), rule) for pattern, rule in _rules()]
# A day written in full, year included, so it needs no reference date: "20 May 2013", "May 20, 2013".
_FULL_DAYS = [re.compile(pattern, re.IGNORECASE) for pattern in (
    r"\b(?P<dom>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})\b",
    r"\b" + _MONTH + r"\s+(?P<dom>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b",
)]


def find_full_day(text: str) -> tuple[re.Match, DateRange] | None:
    """The first real day written in full in `text`, with where it is written."""
    matches = sorted((m for pattern in _FULL_DAYS for m in pattern.finditer(text)), key=lambda m: m.start())
    for match in matches:
        try:
            day = _day(int(match["year"]), MONTHS[match["month"].lower()], int(match["dom"]))
        except DateError:
            continue
        return match, DateRange(day, day, "day")
    return None
_LEADING = re.compile(r"^(?:on|in|since|by|during|from|as of|at)\s+", re.IGNORECASE)


def resolve(expression: str, published: DateRange, anchor: date | None = None) -> DateRange:
    """Resolve a date expression against the publication date (and an anchor for 'the following day')."""
    text = _LEADING.sub("", " ".join(expression.split()).strip(" ,.")).strip()
    for pattern, rule in _COMPILED:
        match = pattern.fullmatch(text)
        if not match:
            continue
        first = rule(match, published.start, anchor)
        last = rule(match, published.end, anchor)
        return DateRange.spanning(min(first[0], last[0]), max(first[1], last[1]))
    raise DateError(f"cannot resolve the date expression {expression!r}")
