"""The date table: relative expressions of the seeds resolved against the publication date."""
from datetime import date

import pytest

from etl.core.dates import DateError, parse_published, resolve

MAY_2013 = parse_published("2013-05")       # 000: only the month is known
MON_20_MAY = parse_published("2013-05-20")  # 002
WED_5_JUNE = parse_published("2013-06-05")  # 001, 004
MON_5_AUG = parse_published("2013-08-05")   # 003


@pytest.mark.parametrize(
    "expression, published, start, end, precision",
    [
        ("on Sunday", MON_20_MAY, date(2013, 5, 19), date(2013, 5, 19), "day"),
        ("Monday", MON_20_MAY, date(2013, 5, 20), date(2013, 5, 20), "day"),
        ("Tuesday night", WED_5_JUNE, date(2013, 6, 4), date(2013, 6, 4), "day"),
        ("on Wednesday", WED_5_JUNE, date(2013, 6, 5), date(2013, 6, 5), "day"),
        ("on Sunday", MON_5_AUG, date(2013, 8, 4), date(2013, 8, 4), "day"),
        ("early last month", MAY_2013, date(2013, 4, 1), date(2013, 4, 10), "month"),
        ("last year", MAY_2013, date(2012, 1, 1), date(2012, 12, 31), "year"),
        ("earlier in the month", MON_20_MAY, date(2013, 5, 1), date(2013, 5, 19), "month"),
        ("19 May", MON_20_MAY, date(2013, 5, 19), date(2013, 5, 19), "day"),
        ("On 11 May", MON_20_MAY, date(2013, 5, 11), date(2013, 5, 11), "day"),
        ("May 19", WED_5_JUNE, date(2013, 5, 19), date(2013, 5, 19), "day"),
        ("early June", MON_5_AUG, date(2013, 6, 1), date(2013, 6, 10), "month"),
        ("in early May", MAY_2013, date(2013, 5, 1), date(2013, 5, 10), "month"),
        ("February 2012", MON_20_MAY, date(2012, 2, 1), date(2012, 2, 29), "month"),
        ("last October", MON_20_MAY, date(2012, 10, 1), date(2012, 10, 31), "month"),
        ("some two weeks ago", MON_20_MAY, date(2013, 5, 3), date(2013, 5, 9), "week"),
        # 000 is dated only to May 2013: "two weeks ago" is a range over the whole month, not a guess.
        ("some two weeks ago", MAY_2013, date(2013, 4, 14), date(2013, 5, 20), "month"),
        # a month or day without a year is the latest one up to a week after publication: written
        # in December, "in June" is the June before; "on 2 January" written on 30 December is next year's
        ("in June", parse_published("2023-12-22"), date(2023, 6, 1), date(2023, 6, 30), "month"),
        ("on 2 January", parse_published("2016-12-30"), date(2017, 1, 2), date(2017, 1, 2), "day"),
        ("as of now", parse_published("2023-12-30"), date(2023, 12, 30), date(2023, 12, 30), "day"),
        # day, month and year with dots (Ukrainian and Russian official texts)
        ("24.02.2022", MON_20_MAY, date(2022, 2, 24), date(2022, 2, 24), "day"),
    ],
)
def test_relative_dates(expression, published, start, end, precision):
    resolved = resolve(expression, published)
    assert (resolved.start, resolved.end, resolved.precision) == (start, end, precision)


def test_the_following_day_needs_its_anchor():
    assert resolve("The following day", MON_20_MAY, date(2013, 5, 13)).start == date(2013, 5, 14)
    with pytest.raises(DateError):
        resolve("The following day", MON_20_MAY)


@pytest.mark.parametrize("expression", ["31 June", "the day after tomorrow's yesterday", "2013-02-30"])
def test_impossible_or_unknown_dates_are_refused(expression):
    with pytest.raises(DateError):
        resolve(expression, MON_20_MAY)


def test_publication_dates_keep_their_precision():
    assert (MAY_2013.start, MAY_2013.end, MAY_2013.precision) == (date(2013, 5, 1), date(2013, 5, 31), "month")
    assert WED_5_JUNE.precision == "day"


@pytest.mark.parametrize("sentence, start, end", [
    # a daily bulletin counts the day before publication and the day itself
    ("Over the past 24 hours the enemy lost up to 40 servicemen.", date(2024, 8, 6), date(2024, 8, 7)),
    ("In the past day, 12 soldiers were killed in the east.", date(2024, 8, 6), date(2024, 8, 7)),
    # two days after "between" and "and" bound one stretch, an apposition about the first between them
    ("Between 1 March 2022, when the siege began, and 30 June 2023, the mission recorded 900 deaths.",
     date(2022, 3, 1), date(2023, 6, 30)),
    ("From 3 May to 9 May, 14 civilians were killed.", date(2024, 5, 3), date(2024, 5, 9)),
    # two days of one month, two months, a part of a year (UN and monitor reports)
    ("From 1 to 7 March, the monitor recorded 40 deaths.", date(2024, 3, 1), date(2024, 3, 7)),
    # (a year's last digits are no day of a stretch)
    ("Between 1 March 2022 and 31 May 2023 the mission recorded 900 deaths.", date(2022, 3, 1), date(2023, 5, 31)),
    ("Shelling on 12-14 July 2023 killed nine people.", date(2023, 7, 12), date(2023, 7, 14)),
    ("Between February and May, 210 civilians were injured.", date(2024, 2, 1), date(2024, 5, 31)),
    ("Between November and February, 30 people died of cold.", date(2023, 11, 1), date(2024, 2, 29)),
    ("In the first half of the year, the mission documented 1,100 civilian casualties.", date(2024, 1, 1), date(2024, 6, 30)),
    ("During the first six months of 2023, 700 were killed.", date(2023, 1, 1), date(2023, 6, 30)),
    ("The last quarter of last year saw 80 deaths.", date(2023, 10, 1), date(2023, 12, 31)),
    # a month cut short without its dot beside a day; a month's day span; two months joined by a dash
    ("Gunmen stormed the village on 12 Oct, killing nine.", date(2023, 10, 12), date(2023, 10, 12)),
    ("The killing of 61 civilians took place between February 4-9.", date(2024, 2, 4), date(2024, 2, 9)),
    ("The mission counted 2,200 injured civilians over the February-July period.", date(2024, 2, 1), date(2024, 7, 31)),
    # the night before the story, which spans two days; the night of a day named with it
    ("Russian strikes overnight killed nine people, regional officials said.", date(2024, 8, 6), date(2024, 8, 7)),
    ("Shelling on Saturday overnight killed three in Sumy.", date(2024, 8, 3), date(2024, 8, 3)),
    # a place named after a day is no date: "the 26 September neighbourhood"
    ("Mortar fire killed five people in the 26 September neighbourhood of Taiz on Monday.", date(2024, 8, 5), date(2024, 8, 5)),
    # a stretch that would end after the story was written is last year's
    ("Between September and November, 90 people were killed.", date(2023, 9, 1), date(2023, 11, 30)),
    # dates written with dots, as a defence ministry's bulletin writes them
    ("The total combat losses of the enemy from 24.02.2022 to 21.05.2023 are approximately:", date(2022, 2, 24), date(2023, 5, 21)),
])
def test_a_sentence_s_dates_are_read_as_the_stretch_they_name(sentence, start, end):
    from etl.core.dates import DateRange
    from etl.extract.machine.dates import find_dates
    published = DateRange(date(2024, 8, 7), date(2024, 8, 7), "day")
    found = find_dates(sentence, 0, len(sentence), published, None)
    assert [(m.dates.start, m.dates.end) for m in found] == [(start, end)]
