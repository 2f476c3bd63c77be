"""Date expressions found in a sentence, resolved against the publication date.

Finding is done here with patterns that need capitals for month and weekday names ("may" and
"march" are verbs too) and a preposition or a year before a bare month; resolving is the
warehouse's one date resolver (etl.core.dates), so machine and coded dates follow one rule.
"""
import calendar
import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date

from etl.extract.machine import lexicon
from etl.core.dates import DateError, DateRange, resolve

_MONTH = r"(?:" + "|".join(sorted([m for m in calendar.month_name if m] + ["Sept"] +
                                  [m + r"\." for m in calendar.month_abbr if m and m != "May"], key=len, reverse=True)) + r")"
# Beside a day's number a month may be cut short without its dot: "7 Oct", "Sep 3" (wire and UN style)
_MONTH_BY_DAY = r"(?:" + _MONTH[3:-1] + "|" + "|".join(m for m in calendar.month_abbr if m and m != "May") + r"|Sept)"
WEEKDAY = r"(?:" + "|".join(calendar.day_name) + r")"
_PART_OF_DAY = r"(?:\s+(?i:night|morning|afternoon|evening))?"
_PART_OF_MONTH = r"(?i:early|mid|middle\s+of|late|the\s+beginning\s+of|the\s+end\s+of|the\s+start\s+of)[\s-]+"
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_AMOUNT = r"(?i:\d+|a\s+few|several|a\s+couple\s+of|an?|one|two|three|four|five|six|seven|eight|nine|ten)"

_EXPRESSIONS = [
    rf"(?i:last\s+)?{WEEKDAY}{_PART_OF_DAY}",
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_BY_DAY}(?:,?\s+{_YEAR})?",
    rf"{_MONTH_BY_DAY}\s+\d{{1,2}}(?:st|nd|rd|th)?(?![\d,]\d)(?:,?\s+{_YEAR})?",
    rf"(?:{_PART_OF_MONTH})?(?i:last)\s+{_MONTH}",
    rf"(?:{_PART_OF_MONTH}){_MONTH}(?:,?\s+{_YEAR})?",
    rf"{_MONTH},?\s+{_YEAR}",
    rf"(?:in|In|since|Since|during|During|by)\s+{_MONTH}(?!\s+\d)",
    # a bare month that bounds a stretch or is named as one: "from January to June", "in the month of October"
    rf"(?:(?<=[Ff]rom\s)|(?<=\sto\s)|(?<=until\s)|(?<=through\s)|(?<=month\sof\s)){_MONTH}(?!\s+\d)",
    rf"(?i:(?:(?:early|mid|late)[\s-]+)?(?:last|this|next)\s+month)",
    r"(?i:earlier\s+(?:in\s+the|this)\s+month)",
    r"(?i:earlier\s+this\s+year)",
    r"(?i:(?:last|this|next)\s+(?:year|week))",
    rf"(?i:(?:(?:some|about|around|nearly|almost|roughly|just\s+over|more\s+than)\s+)?{_AMOUNT}\s+(?:day|week|month|year)s?\s+(?:ago|earlier|before))",
    r"(?i:(?:the\s+)?(?:recent|past\s+few|last\s+few)\s+(?:days|weeks))",
    r"(?i:(?:over\s+)?(?:the\s+)?(?:past|last)\s+(?:day|24\s+hours|twenty-four\s+hours))",
    r"(?i:overnight|last\s+night|during\s+the\s+night)",
    # "over the past two days", "in the last three weeks": a stretch that ends when the story was written
    rf"(?i:(?:(?:over|in|during)\s+)?the\s+(?:past|last)\s+{_AMOUNT}\s+(?:days|weeks|months|hours))",
    r"(?i:today|tonight|yesterday|this\s+(?:morning|afternoon|evening))",
    # a running count "as of now", "as of 19:00": the day it was written
    r"(?i:as\s+of\s+(?:now|\d{1,2}[:.]\d{2}))",
    r"(?i:the\s+(?:following|next|previous)\s+day|the\s+day\s+before)",
    rf"(?:in|In|since|Since|during|During|by)\s+{_YEAR}(?![\d,])",
    # "from 24.02.2022 to 21.05.2023": day, month and year with dots (Ukrainian and Russian official texts)
    rf"\d{{1,2}}\.\d{{1,2}}\.{_YEAR}",
]
_PATTERN = lexicon.at_word_starts(re.compile(r"(?<![\w-])(?:" + "|".join(_EXPRESSIONS) + r")(?![\w-])"))
_DATELINE_START = re.compile(r"(?:[A-Z][A-Za-z .'’-]{1,30},\s*)?")
_DATELINE_END = re.compile(r"\s*(?:\([A-Za-z .]+\))?\s*[-–—]\s")
_PREPOSITION = re.compile(r"(?:\b(?:on|On|in|In|since|Since|by|during|from|as of)\s+(?:the\s+)?)$")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str  # as written, with its preposition ("on Sunday")
    dates: DateRange
    # "since 1 December": a toll counted since then runs until the story was written
    until_published: DateRange | None = None


def find_dates(text: str, start: int, end: int, published: DateRange | None,
               anchor: date | None) -> list[DateMention]:
    """Date expressions in text[start:end]; those that cannot be resolved are left out.
    `anchor` is the last day resolved before (for "the following day")."""
    found = []
    for match in _PATTERN.finditer(text, start, end):
        expression = match.group()
        if _DATELINE_START.fullmatch(text, start, match.start()) and _DATELINE_END.match(text, match.end()):
            continue  # "BEIRUT, May 22, 2013 -": when the story was filed, not when anything happened
        if _NAMED_AFTER_A_DAY.match(text, match.end()):
            continue  # "the 26 September neighbourhood of Taiz", "17 July hospital": a place named after a day
        dates = _resolved(expression, published, anchor)
        if dates is None:
            continue
        lead = _PREPOSITION.search(text, max(start, match.start() - 12), match.start())
        first = lead.start() if lead else match.start()
        since = published is not None and (text[first:match.end()].lower().startswith("since")
                                           or _starts_a_toll(text, start, end, first))
        found.append(DateMention(first, match.end(), text[first:match.end()], dates,
                                 DateRange.spanning(dates.start, max(dates.end, published.end)) if since else None))
        if dates.precision == "day":
            anchor = dates.start
    # "on Saturday overnight", "overnight into Sunday", "overnight on Friday": the night of that day
    found = [m for m in found if not (_NIGHT.fullmatch(m.text) and any(
        o is not m and (0 <= m.start - o.end <= 3 or 0 <= o.start - m.end <= 10) for o in found))]
    spans = _spans(text, start, end, published)
    if spans:
        # a span's own words ("1 to 7 March": "7 March") are the span, not a day of their own
        found = sorted([m for m in found if not any(s.start <= m.start and m.end <= s.end for s in spans)] + spans,
                       key=lambda m: m.start)
    return _ranges(text, found)


_NAMED_AFTER_A_DAY = re.compile(r"\s+(?:neighbou?rhoods?|district|street|road|square|bridge|hospital|stadium|camp|"
                                r"quarter|school|university|park|roundabout|military base|base)\b", re.IGNORECASE)
_NIGHT = re.compile(r"(?i:overnight|last\s+night|during\s+the\s+night)")


# Stretches the patterns above read only in part, as UN and monitor reports write them:
# "from 1 to 7 March", "between 12 and 14 May", "February 4-9" (two days of one month), "between
# January and June", "the January-June period" (two months), "in the first half of 2018", "the first six months of the year" (part of a year).
_DAY_SPAN = re.compile(rf"(?:(?:[Bb]etween|[Ff]rom)\s+)?(?<![\w,.])(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|and|until)\s*"
                       rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})(?:,?\s+({_YEAR}))?(?![\w-])")
_MONTH_DAY_SPAN = re.compile(rf"(?:(?:[Bb]etween|[Ff]rom)\s+)?({_MONTH})\s+(\d{{1,2}})\s*(?:-|–|to|and|until)\s*(\d{{1,2}})"
                             rf"(?:,?\s+({_YEAR}))?(?![\w-])")
_MONTH_SPAN = re.compile(rf"\b(?:(?:[Bb]etween|[Ff]rom)\s+({_MONTH})(?:\s+({_YEAR}))?\s+(?:and|to|until|through)\s+|"
                         rf"(?<=[Tt]he\s)(?P<first>{_MONTH})(?:\s+(?P<first_year>{_YEAR}))?\s*[-–]\s*)"
                         rf"({_MONTH})(?:,?\s+({_YEAR}))?(?![\w-])")
_YEAR_PART = re.compile(rf"\b(?i:(?:the\s+)?(first|second)\s+half|(?:the\s+)?first\s+(three|six|nine)\s+months|"
                        rf"(?:the\s+)?(first|second|third|fourth|last)\s+quarter)\s+of\s+"
                        rf"((?i:the\s+year|this\s+year|last\s+year)|{_YEAR})(?![\w-])")
_SPAN_HINT = re.compile(rf"{_MONTH}|(?i:half|months|quarter)")
_MONTHS_OF = {"first": (1, 6), "second": (7, 12), "three": (1, 3), "six": (1, 6), "nine": (1, 9)}
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4}


def _spans(text: str, start: int, end: int, published: DateRange | None) -> list[DateMention]:
    """The stretches, their last day or month read by the warehouse's date resolver (which puts
    a day or month without its year in the story's year, or the year before where it would come
    after the story); their first in the same month or year, or the year before where it would
    come after the last ("between November and February")."""
    if not _SPAN_HINT.search(text, start, end):
        return []  # most sentences name no month and no part of a year: one search, not three
    found = []
    for match in _DAY_SPAN.finditer(text, start, end):  # "from 1 to 7 March"
        found.append(_span(text, match, f"{match.group(2)} {match.group(3)} {match.group(4) or ''}", published,
                           lambda last: last.start.replace(day=int(match.group(1)))))
    for match in _MONTH_DAY_SPAN.finditer(text, start, end):  # "February 4-9"
        found.append(_span(text, match, f"{match.group(3)} {match.group(1)} {match.group(4) or ''}", published,
                           lambda last: last.start.replace(day=int(match.group(2)))))
    for match in _MONTH_SPAN.finditer(text, start, end):  # "between January and June", "the January-June period"
        named_first, named_year = match.group(1) or match.group("first"), match.group(2) or match.group("first_year")
        found.append(_span(text, match, f"{match.group(5)} {match.group(6) or ''}", published,
                           lambda last: _first_of(named_first, named_year, last.start)))
    for match in _YEAR_PART.finditer(text, start, end):  # "the first half of the year", "the first six months of 2023"
        half, months, quarter, which = match.groups()
        first, last = _MONTHS_OF[half or months] if (half or months) else (3 * _QUARTERS[quarter.lower()] - 2,
                                                                            3 * _QUARTERS[quarter.lower()])
        year = _resolved(re.sub(r"(?i)^the\s+year$", "this year", which), published)  # "of the year": this year
        if year is None:
            continue
        year = year.start.year
        if not which[0].isdigit() and published is not None and date(year, first, 1) > published.end:
            year -= 1  # "the first half of the year" told in January: last year's
        found.append(_span(text, match, None, published, None,
                           DateRange.spanning(date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1]))))
    return [m for m in found if m is not None]


def _first_of(month_name: str, year: str | None, last: date) -> date:
    month = next(n for n in range(1, 13) if calendar.month_abbr[n].lower() == month_name.rstrip(".")[:3].lower())
    return date(int(year) if year else last.year - (month > last.month), month, 1)


def _resolved(expression: str, published: DateRange | None, anchor: date | None = None) -> DateRange | None:
    """`expression` by the warehouse's resolver, against the story's date; without one, only
    an expression that carries its year can be resolved."""
    reference = published
    if reference is None:
        year = re.search(r"\d{4}", expression)
        if not year:
            return None
        middle = date(int(year.group()), 7, 1)
        reference = DateRange(middle, middle, "day")
    try:
        return resolve(expression.strip(), reference, anchor)
    except (DateError, KeyError, ValueError):
        return None


def _span(text, match, last_words, published, first_of, dates: DateRange | None = None) -> DateMention | None:
    """A stretch's mention: its last day or month resolved from `last_words`, its first day
    `first_of(last)` (or the `dates` given whole)."""
    try:
        if dates is None:
            last = _resolved(last_words, published)
            if last is None:
                return None
            dates = DateRange.spanning(first_of(last), last.end)
    except (DateError, ValueError):
        return None  # "between 30 and 3 May" is no stretch; "31 to 32 June" no days
    lead = _PREPOSITION.search(text, max(0, match.start() - 12), match.start())
    first = lead.start() if lead and not match.group().lower().startswith(("between", "from")) else match.start()
    return DateMention(first, match.end(), text[first:match.end()], dates)


def _starts_a_toll(text: str, start: int, end: int, first: int) -> bool:
    """Whether the day at `first` is the first day of a running toll: "since the start of the
    assault on 19 May", "the offensive that began on November 27" (machine.yaml `toll_start`)."""
    verb, noun, clause = _toll_start()
    if verb.search(text, max(start, first - 40), first) or noun.search(text, max(start, first - 100), first) \
            or clause.search(text, max(start, first - 100), first):
        return True
    # "the operation, which Ankara launched on January 20, had so far cost the lives of 289": a
    # campaign's launch, in a sentence that counts a running total
    return bool(_launched().search(text, max(start, first - 40), first)
                and lexicon.pattern("running_total").search(text, start, end))


@lru_cache(maxsize=1)
def _launched() -> re.Pattern:
    since_verbs = lexicon.alternation(lexicon.raw()["toll_start"]["since_verbs"])
    return re.compile(rf"\b(?:{since_verbs})\s+(?:(?:on|in)\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _toll_start() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    words = lexicon.raw()["toll_start"]
    verbs, nouns, between, since_verbs = (lexicon.alternation(words[k]) for k in ("verbs", "nouns", "between", "since_verbs"))
    # the verb, then at most a word of time ("at dawn"), then the day's preposition, just before the day
    verb = re.compile(rf"\b(?:{verbs})(?:\s+(?:{between}))?\s+(?:(?:on|in|at)\s+)?$", re.IGNORECASE)
    # "since the start of <a phrase with no clause break>", the day's preposition after it
    noun = re.compile(rf"\bsince\s+the\s+(?:{nouns})\s+of\b[^,.;:()\"]{{0,80}}$", re.IGNORECASE)
    # "since Turkey launched its offensive", the day after the verb's object
    clause = re.compile(rf"\bsince\b[^,.;:()\"]{{0,50}}\b(?:{since_verbs})\b[^,.;:()\"]{{0,40}}$", re.IGNORECASE)
    return verb, noun, clause


# "Between 24 February 2022, when the invasion began, and 30 June 2023": two days that bound one
# stretch of time, the first after "between" or "from", the second after "and", "to" or "until"
# (an apposition about the first may stand between them).
_RANGE_OPENS = re.compile(r"\b(?:[Bb]etween|[Ff]rom)\s+$")
_RANGE_OPENED = re.compile(r"(?:[Bb]etween|[Ff]rom)\s")  # the first day's own preposition opens it
_RANGE_JOINS = re.compile(r"\s*(?:,[^.;]{0,160}?,)?\s*(?:and|to|until|till|through|[-–])\s*")


def _ranges(text: str, found: list[DateMention]) -> list[DateMention]:
    merged: list[DateMention] = []
    for mention in found:
        first = merged[-1] if merged else None
        opens = first is not None and (_RANGE_OPENS.search(text, max(0, first.start - 9), first.start)
                                       or _RANGE_OPENED.match(first.text))
        if (opens and _RANGE_JOINS.fullmatch(text, first.end, mention.start)
                and first.dates.start <= mention.dates.end):
            opening = opens.start() if opens.re is _RANGE_OPENS else first.start
            merged[-1] = DateMention(opening, mention.end, text[opening:mention.end],
                                     DateRange.spanning(first.dates.start, mention.dates.end))
            continue
        merged.append(mention)
    return merged
