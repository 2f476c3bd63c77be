"""An invented corpus for the comparison rules: fifty short articles on one battle (al-Qusayr, 19 May to
8 June 2013) from different sides, with running totals and tolls of one day, revisions, denials, a
place inside another, and one claimant (Hadi al-Abdallah) who puts about twice the others' figure on
every toll. Its claims are coded without a comparison group, so the rule alone groups them.

Each story is (day of publication after 19 May, claimant, sentence, figure, kind, victims, victim
class, when, place, event). What an analyst draws by hand from them is in tests/test_comparison.py.
"""
from datetime import date, timedelta
from pathlib import Path

import yaml

START = date(2013, 5, 19)
QUSAYR, HOMS, DAMASCUS, DABAA = "al-Qusayr", "Homs Governorate", "Damascus", "Dabaa"
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")


def shelling(day: date) -> str:
    return f"qusayr-shelling-{day.isoformat()}"


def _day(offset: int) -> date:
    return START + timedelta(days=offset)


def _on(offset: int) -> str:
    return f"{_day(offset).day} May" if _day(offset).month == 5 else f"{_day(offset).day} June"


# Hezbollah's dead in the battle: running totals from the opposition (high), the monitor and
# Hezbollah's own television (which concedes fewer).
HEZBOLLAH = [
    (2, "hadi-al-abdallah", "Hadi al-Abdallah said {f} Hezbollah fighters had been killed in al-Qusayr since the battle began.", "40", "Hezbollah fighters", "foreign fighters"),
    (3, "syrian-observatory-for-human-rights", "The Observatory said {f} Hezbollah fighters had been killed in al-Qusayr so far.", "20", "Hezbollah fighters", "foreign fighters"),
    (9, "hadi-al-abdallah", "Hadi al-Abdallah said {f} Hezbollah fighters had now been killed in al-Qusayr since the battle began.", "90", "Hezbollah fighters", "foreign fighters"),
    (10, "syrian-observatory-for-human-rights", "The Observatory said {f} Hezbollah fighters had been killed in al-Qusayr so far.", "45", "Hezbollah fighters", "foreign fighters"),
    (11, "al-manar", "Hezbollah's television station said {f} of its members had been killed in al-Qusayr since the battle began.", "23", "its members", "unknown"),
    (16, "hadi-al-abdallah", "Hadi al-Abdallah said {f} Hezbollah fighters had been killed in al-Qusayr since the battle began.", "150", "Hezbollah fighters", "foreign fighters"),
    (17, "syrian-observatory-for-human-rights", "The Observatory said {f} Hezbollah fighters had been killed in al-Qusayr so far.", "75", "Hezbollah fighters", "foreign fighters"),
    (18, "al-manar", "Hezbollah's television station said the group's martyrs in al-Qusayr numbered {f} since the battle began.", "38", "the group's martyrs", "unknown"),
]
# Other foreign fighters, on the other side: never Hezbollah's dead.
LEBANESE_REBELS = [
    (12, "opposition-activists", "Activists said {f} Lebanese anti-Assad fighters had been killed in al-Qusayr since the battle began.", "12", "Lebanese anti-Assad fighters", "foreign fighters"),
]
# Rebels killed: state media (high) against the monitor, conceded by opposition activists.
REBELS = [
    (4, "syrian-state-media", "State media said {f} terrorists had been killed in al-Qusayr since the battle began.", "300", "terrorists", "opposition fighters"),
    (5, "syrian-observatory-for-human-rights", "The Observatory said {f} rebels had been killed in al-Qusayr so far.", "120", "rebels", "opposition fighters"),
    (12, "syrian-state-media", "State media said {f} terrorists had been killed in al-Qusayr since the battle began.", "500", "terrorists", "opposition fighters"),
    (13, "syrian-observatory-for-human-rights", "The Observatory said {f} rebels had been killed in al-Qusayr so far.", "200", "rebels", "opposition fighters"),
    (14, "opposition-activists", "Opposition activists said {f} rebel fighters had been killed in al-Qusayr in total.", "150", "rebel fighters", "opposition fighters"),
]
# Civilians killed on one day each, in the government's shelling (one event a day).
DAY_A, DAY_B, DAY_C, DAY_D, DAY_E, DAY_F = 1, 5, 9, 13, 16, 18


def _civilians(day: int, claimant: str, figure: str, place: str = QUSAYR, words: str = "civilians") -> tuple:
    where = "in Homs province" if place == HOMS else "in Damascus" if place == DAMASCUS else "in al-Qusayr"
    speaker = {"hadi-al-abdallah": "Hadi al-Abdallah said", "syrian-observatory-for-human-rights": "The Observatory said",
               "united-nations": "The UN said", "local-coordination-committees": "The LCC said",
               "syrian-state-media": "State media said"}[claimant]
    return (day, claimant, f"{speaker} {{f}} {words} were killed {where} on {_on(day)}.", figure, words, "civilians",
            _on(day), place, shelling(_day(day)) if place != DAMASCUS else None)


DAY_TOLLS = [
    _civilians(DAY_A, "syrian-observatory-for-human-rights", "10"), _civilians(DAY_A, "hadi-al-abdallah", "22"),
    _civilians(DAY_A, "local-coordination-committees", "12"), _civilians(DAY_A, "united-nations", "11"),
    _civilians(DAY_B, "syrian-observatory-for-human-rights", "8"), _civilians(DAY_B, "hadi-al-abdallah", "17"),
    _civilians(DAY_B, "united-nations", "9", place=HOMS),  # a place that holds al-Qusayr
    _civilians(DAY_B, "syrian-state-media", "7"),  # the side that shelled concedes
    _civilians(DAY_B, "syrian-observatory-for-human-rights", "5", place=DAMASCUS),  # elsewhere: another quantity
    _civilians(DAY_C, "syrian-observatory-for-human-rights", "14"), _civilians(DAY_C, "hadi-al-abdallah", "30"),
    _civilians(DAY_C, "united-nations", "15"),
    _civilians(DAY_D, "hadi-al-abdallah", "25"),  # nobody else: weak
    _civilians(DAY_E, "syrian-observatory-for-human-rights", "6"), _civilians(DAY_E, "united-nations", "7"),
    _civilians(DAY_E, "hadi-al-abdallah", "13"), _civilians(DAY_E, "local-coordination-committees", "6"),
    _civilians(DAY_F, "syrian-observatory-for-human-rights", "9"), _civilians(DAY_F, "united-nations", "8"),
    _civilians(DAY_F, "hadi-al-abdallah", "19"),
]
# The army denies the shelling of day C; the UN denies a clash state media reports in Dabaa.
DENIALS = [
    (DAY_C + 1, "syrian-army", f"The army denied shelling al-Qusayr on {_on(DAY_C)}.", shelling(_day(DAY_C)), _on(DAY_C), QUSAYR, SHELLING),
    (15, "united-nations", f"The UN said there had been no fighting in Dabaa on {_on(14)}.", "dabaa-clash-2013-06-02", _on(14), DABAA,
     ("Battles", "Armed clash")),
]
DABAA_CLAIM = (14, "syrian-state-media", "State media said {f} terrorists were killed in Dabaa on " + _on(14) + ".", "50",
               "terrorists", "opposition fighters", _on(14), DABAA, "dabaa-clash-2013-06-02")
# Running totals of civilians killed: apart from the tolls of a day.
CIVILIAN_TOTALS = [
    (15, "syrian-observatory-for-human-rights", "The Observatory said {f} civilians had been killed in al-Qusayr since the battle began.", "120", "civilians", "civilians"),
    (15, "hadi-al-abdallah", "Hadi al-Abdallah said {f} civilians had been killed in al-Qusayr so far.", "300", "civilians", "civilians"),
    (16, "united-nations", "The UN said at least {f} civilians had been killed in al-Qusayr in total.", "100", "civilians", "civilians"),
]
# People inside the besieged town (trapped): "residents", "people" and "civilians" are one population;
# the wounded among them are another quantity.
TRAPPED = [
    (3, "united-nations", "The UN said about {f} civilians remained trapped in al-Qusayr.", "25,000", "civilians", "civilians"),
    (4, "hadi-al-abdallah", "Hadi al-Abdallah said {f} residents were trapped in al-Qusayr.", "50,000", "residents", "mixed"),
    (6, "syrian-observatory-for-human-rights", "The Observatory said {f} people were trapped inside al-Qusayr.", "20,000", "people", "unknown"),
    (15, "hadi-al-abdallah", "Hadi al-Abdallah said {f} residents were still trapped in al-Qusayr.", "45,000", "residents", "mixed"),
]
WOUNDED_TRAPPED = [
    (7, "humanitarian-agencies", "Humanitarian agencies said {f} wounded were trapped in al-Qusayr.", "1,000", "wounded", "unknown"),
    (8, "opposition-activists", "Activists said up to {f} wounded civilians were trapped in al-Qusayr.", "1,500", "wounded civilians", "civilians"),
]
WOUNDED_DAY_A = [
    _civilians(DAY_A, "syrian-observatory-for-human-rights", "30", words="wounded")[:3] + ("30", "wounded", "civilians", _on(DAY_A), QUSAYR, shelling(_day(DAY_A))),
]
NO_FIGURES = [(19, "The siege tightens"), (20, "Analysis: what the battle means for Lebanon"), (20, "Aid convoys wait at the edge of the town")]


def _running(rows, place=QUSAYR, kind="killed"):
    return [(day, who, text, figure, victims, cls, None, place, None, kind) for day, who, text, figure, victims, cls in rows]


def stories() -> list[tuple]:
    """(day, claimant, text with {f}, figure, victims, class, when, place, event, kind) for every claim."""
    day_tolls = [row + ("killed",) for row in DAY_TOLLS] + [DABAA_CLAIM + ("killed",)]
    wounded = [(d, who, f"The Observatory said {{f}} civilians were wounded in al-Qusayr on {_on(DAY_A)}.", fig, "civilians",
                cls, when, place, event, "wounded") for d, who, _, fig, _, cls, when, place, event in WOUNDED_DAY_A]
    return (_running(HEZBOLLAH) + _running(LEBANESE_REBELS) + _running(REBELS) + day_tolls + _running(CIVILIAN_TOTALS)
            + _running(TRAPPED, kind="trapped") + _running(WOUNDED_TRAPPED, kind="trapped") + wounded)


def write_corpus(folder: Path) -> Path:
    """Fifty articles, their catalog and coded facts (no comparison_group anywhere)."""
    facts_dir = folder / "facts"
    facts_dir.mkdir(parents=True)
    catalog, events_defined = [], set()
    articles: list[tuple] = []
    for number, story in enumerate(stories()):
        articles.append((f"b{number:02d}.txt", story, None))
    for number, denial in enumerate(DENIALS):
        articles.append((f"d{number:02d}.txt", None, denial))
    for number, (day, title) in enumerate(NO_FIGURES):
        articles.append((f"n{number:02d}.txt", (day, title), "none"))
    for file, story, denial in articles:
        if denial == "none":
            day, title = story
            text = f"{title}\n\nThe fighting for al-Qusayr went on, and little could be checked from outside.\n"
            facts = {"document": file, "coder": "test"}
        elif denial is not None:
            day, source, sentence, event, when, place, (event_type, sub_type) = denial
            title = "A denial"
            text = f"{title}\n\n{sentence}\n"
            facts = {"document": file, "coder": "test", "events": [{
                "event": event, "type": event_type, "sub_type": sub_type, "when": when, "place": place,
                "reports": [{"stance": "denies", "claimant": source, "quote": sentence}]}]}
        else:
            day, source, template, figure, victims, cls, when, place, event, kind = story
            sentence = template.format(f=figure)
            title = f"Report {file[:-4]}"
            text = f"{title}\n\n{sentence} The figure could not be verified independently.\n"
            claim = {"quote": sentence, "figure": ("up to " if "up to " + figure in sentence else
                                                    "about " if "about " + figure in sentence else
                                                    "at least " if "at least " + figure in sentence else "") + figure,
                     "kind": kind, "victim_group": victims, "victim_class": cls, "claimant": source, "place": place}
            if when:
                claim["when"] = when
            if event:
                claim["event"] = event
            facts = {"document": file, "coder": "test", "claims": [claim]}
            if event and event not in events_defined:
                events_defined.add(event)
                event_type, sub_type = SHELLING if event.startswith("qusayr-shelling") else ("Battles", "Armed clash")
                actors = ([{"actor": "Syrian government forces", "role": "initiator"}] if event_type == SHELLING[0]
                          else [{"actor": "Syrian government forces", "role": "initiator"},
                                {"actor": "Syrian rebels", "role": "target"}])
                facts["events"] = [{"event": event, "type": event_type, "sub_type": sub_type, "when": when,
                                    "place": place, "actors": actors,
                                    "reports": [{"stance": "asserts" if source != "united-nations" else "reports",
                                                 "claimant": source, "quote": sentence}]}]
        (folder / file).write_text(text, encoding="utf-8")
        catalog.append({"file": file, "title": title, "outlet": "Reuters", "kind": "news agency",
                        "published": _day(day).isoformat()})
        (facts_dir / f"{file[:-4]}.yaml").write_text(yaml.safe_dump(facts, sort_keys=False, allow_unicode=True),
                                                    encoding="utf-8")
    (folder / "catalog.yaml").write_text(yaml.safe_dump(catalog, sort_keys=False), encoding="utf-8")
    return folder
