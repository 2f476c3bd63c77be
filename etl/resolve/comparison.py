"""Comparison groups: which casualty claims measure the same quantity (docs/comparison.md).

Every claim gets a group, across documents and claimants. A coder's `comparison_group` stands; a
reviewer's move or split stands above everything; every other claim is placed by the rule: the same
kind of toll, the same victims (normalised: class, subgroup and the actor they belong to), the same
place or one inside it, and the same time (a toll of a day with tolls of an overlapping period or the
same event; a running total with running totals; a count "so far" with a running total, else with the
one toll of a period it fits). A group is a set of claims that are pairwise compatible, so that a claim about Syria cannot chain a claim about Homs to one about Aleppo. Words
of the rule are data: etl/lexicon/comparison.yaml.
"""
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

import yaml

from etl.core.errors import BuildWarning
from etl.ingest.aliases import AliasIndex
from etl.settings import (CUMULATIVE_WINDOW_DAYS, LEXICON_DIR, NEWS_WINDOW_DAYS, RESTATED_FROM, RIVALS_WITHIN,
                          WAR_SCALE_TOLL)

LEXICON_FILE = LEXICON_DIR / "comparison.yaml"
UNKNOWN = ("unknown", "mixed")  # victim classes that do not say who the victims are


@lru_cache(maxsize=None)
def lexicon() -> dict:
    words = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))
    words["_cumulative"] = _any_of(words["cumulative_cues"])
    words["_open_count"] = _any_of(words["open_count_cues"])
    words["_update"] = _any_of(words["update_cues"])
    words["_own_possessive"] = _any_of(words["own_possessives"])
    words["_other_possessive"] = _any_of(words["other_possessives"])
    words["_fighting"], words["_unnamed_may_be"] = frozenset(words["fighting_words"]), frozenset(words["unnamed_may_be"])
    return words


def _any_of(phrases) -> re.Pattern:
    alternatives = sorted((re.escape(p).replace(r"\ ", r"\s+") for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.replace("’", "'").lower())


@dataclass(slots=True)  # one a claim: at a million claims, a dict each would be a gigabyte
class Profile:
    """What the rule reads off one claim."""
    claim: dict
    kind: str
    subgroup: str | None  # wounded, children ... (None: the whole class)
    victim_class: str  # civilians, opposition fighters, ..., unknown
    actor_id: str | None  # the actor the victims belong to, where the text says so
    actor_how: str | None  # 'named' (in the victim words) or 'pointed' (a possessive or a member word)
    place_id: str | None
    time: str  # period (a toll of the days it names, or of the news), running (a cumulative cue, or a state with no day), open ("so far") or undated (no day in the text and none to read it against)
    cue: str | None
    period: tuple[date, date] | None
    as_of: date | None
    event_id: str | None
    words_read: str | None  # how a victim word was read, for the reason
    news: bool = False  # a toll with no day of its own, read as of the days before publication
    war: bool = False  # a country's toll of the whole war (`_war_total`), whatever day it was told on
    unnamed: bool = False  # its victims are not named (`_unnamed`)
    group: "Group | None" = None  # the group it was put in, as the grouping goes
    updating: bool = False  # its claimant updates its count in the article ("has risen to", "As of 19:00"; set by Grouping.group)
    revising: bool = False  # its own sentence tells it as an update

    @property
    def running(self) -> bool:
        """No day of its own to compare: a running total, or a figure whose time the text leaves open."""
        return self.time != "period"

    @property
    def specificity(self) -> int:
        return ((self.victim_class not in UNKNOWN) + (self.actor_id is not None)
                + (self.place_id is not None) + (self.time not in ("open", "undated")))


@dataclass
class Group:
    members: list[Profile] = field(default_factory=list)
    name: str | None = None
    assigned_by: str = "rule"  # coder, rule or reviewer
    reasons: dict = field(default_factory=dict)  # claim_id -> (reason, confidence, assigned_by)
    # What its members say, gathered as they join, so that most claims are turned away at once: how many
    # members have each class, actor, place and kind of time (the keys are what they say; `closeness`, the
    # reason and the confidence read the counts, not the members, so a claim costs the same in a group of
    # thousands).
    classes: Counter = field(default_factory=Counter)
    unnamed: set = field(default_factory=set)  # the figures (low bounds) of members whose victims are not named
    sides: set = field(default_factory=set)  # the figures of members who are one side's fighters (`_of_a_side`)
    actors: Counter = field(default_factory=Counter)
    places: Counter = field(default_factory=Counter)
    times: Counter = field(default_factory=Counter)
    sentences: set = field(default_factory=set)
    kinds: set = field(default_factory=set)  # (kind, subgroup) pairs: more than one only in a coder's group
    # Members that differ in nothing `Grouping._joins` and `closeness` read, once each with their number: a
    # battle's group holds hundreds of figures of a few places and days, and a claim is weighed against
    # each kind of member once, not each member.
    distinct: dict = field(default_factory=dict)  # (victims, actor, place, time, event, period, as of, war) -> [member, count]

    def add(self, p: Profile) -> None:
        self.members.append(p)
        self.kinds.add(_bucket(p))
        self.distinct.setdefault((p.victim_class, p.actor_id, p.place_id, p.time, p.event_id, p.period, p.as_of,
                                  p.war, p.claim["doc_id"] if p.time == "undated" else None), [p, 0])[1] += 1
        self.classes[p.victim_class] += 1
        if p.unnamed:
            self.unnamed.add(p.claim["low"])
        elif _of_a_side(p.victim_class):
            self.sides.add(p.claim["low"])
        self.actors[p.actor_id] += 1
        self.places[p.place_id] += 1
        self.times[p.time] += 1
        self.sentences.add(_sentence(p))
        p.group = self


class _Places:
    """The gazetteer's hierarchy: a country holds its places, a governorate the places of its admin1."""

    def __init__(self, places):
        self.places = places
        levels = lexicon()["place_levels"]
        self.level = {pid: levels.get(p.kind, "place") for pid, p in places.items()}
        # The places that hold others below the country: (country, admin1) -> its governorates.
        self._containers: dict[tuple, list[str]] = {}
        self._compatible: dict[tuple[str, str], bool] = {}  # pairs of places already asked about
        for pid, p in places.items():
            if self.level[pid] == "admin1" and p.admin1:
                self._containers.setdefault((p.country, p.admin1), []).append(pid)

    def inside(self, inner: str, outer: str) -> bool:
        if inner == outer:
            return True
        a, b = self.places.get(inner), self.places.get(outer)
        if a is None or b is None or not a.country or a.country != b.country:
            return False
        level = self.level[outer]
        if level == "country":
            return self.level[inner] != "country"
        if level == "admin1":
            return bool(b.admin1) and a.admin1 == b.admin1 and self.level[inner] == "place"
        return False

    def compatible(self, a: str | None, b: str | None) -> bool:
        if a is None or b is None:
            return True
        known = self._compatible.get((a, b))
        if known is None:
            known = self._compatible[(a, b)] = self.inside(a, b) or self.inside(b, a)
        return known

    def keys(self, place_id: str | None) -> set:
        """Where a group with a member at this place is filed, for `near`."""
        place = self.places.get(place_id) if place_id else None
        if place is None or not place.admin1:
            return {place_id}
        return {place_id, ("admin1", place.country, place.admin1)}

    def near(self, place_id: str | None) -> set | None:
        """The filing keys of every group a claim at this place may be compatible with without sharing
        an event; None: all of them. A country's figure and a place's in it are compatible only as
        figures of one event (`Grouping._joins`), so the country is not near its places."""
        place = self.places.get(place_id) if place_id else None
        if place is None:
            return None
        level = self.level[place_id]
        keys = {None, place_id}
        if level == "place":
            keys.update(self._containers.get((place.country, place.admin1), ()) if place.admin1 else ())
        elif level == "admin1" and place.admin1:
            keys.add(("admin1", place.country, place.admin1))
        return keys

    def rank(self, place_id: str | None) -> int:
        return {None: 0, "country": 1, "admin1": 2}.get(self.level.get(place_id) if place_id else None, 3)


def profile(claim: dict, published_on: date | None, index: AliasIndex) -> Profile:
    words = lexicon()
    victims = claim["victim_group"] or ""
    tokens = _words(victims)
    subgroup = next((words["subgroups"][t] for t in tokens if t in words["subgroups"]), None)
    if subgroup == claim["kind"]:  # "600 wounded" is the wounded toll itself
        subgroup = None
    victim_class, read = claim["victim_class"], None
    if claim["kind"] in words["stock_kinds"] and victim_class in UNKNOWN:
        said = next((t for t in tokens if t in words["civilian_population_words"]), None)
        if said:
            victim_class, read = "civilians", f"“{said}” read as civilians (people {claim['kind']})"
    actor_id, actor_how = _owner(claim, tokens, index)
    sentence = claim["sentence"] or ""
    cue = words["_cumulative"].search(sentence)
    open_cue = None if cue else words["_open_count"].search(sentence)
    period, news = None, False
    as_of = claim["date_start"] or published_on
    war = _war_total(claim, index, published_on, cue)
    if war:
        # "more than 94,000 killed since March 2011", "the war has killed hundreds of thousands": the
        # country's toll of the whole war, one quantity whatever day each source gave it on (its
        # revisions are the claim_revisions view's): a running total with no day to part it by
        time, as_of = "running", None
    elif open_cue:
        time = "open"
    elif claim["date_start"] is not None and not cue:
        time, period = "period", (claim["date_start"], claim["date_end"] or claim["date_start"])
    elif not cue and published_on is not None and claim["kind"] not in words["stock_kinds"]:
        # A toll of violence the text gives no day for, with no word of a running total, is the
        # news the article reports: a toll of the days just before it was published (a number of
        # people trapped or displaced is a state that lasts: it stays a running figure).
        time, period, news = "period", (published_on - timedelta(days=NEWS_WINDOW_DAYS), published_on), True
    else:
        time = "running"  # a cumulative cue, or a state the text gives no day for: the battle's so far
        # (a total "since 19 May" stands as of the last day it counts, not its first)
        as_of = claim["date_end"] or as_of
    if as_of is None and not war:
        # No day in the text and no publication date to read it against (a web page kept without its
        # date): a day's toll and a campaign's total look alike ("3 fighters killed in Mosul", "30,000
        # killed in the battle for Mosul"), so the figure is weighed only against the others of its own
        # article or of the event it names, never against every figure of its place in any year.
        time = "undated"
    cue = cue or open_cue
    return Profile(claim=claim, kind=claim["kind"], subgroup=subgroup, victim_class=victim_class,
                   actor_id=actor_id if victim_class != "civilians" else None, actor_how=actor_how,
                   place_id=claim["place_id"], time=time, cue=cue.group() if cue else None, period=period,
                   as_of=as_of, event_id=claim.get("event_id"), words_read=read,
                   news=news, war=war, unnamed=_unnamed(victim_class, actor_id, tokens))


def _war_total(claim: dict, index: AliasIndex, published_on: date | None, cue) -> bool:
    """A toll of violence of a whole country over a war's span: at least WAR_SCALE_TOLL, or counted
    over more than one battle's span (CUMULATIVE_WINDOW_DAYS) up to the time it was told ("since March
    2011"; not a report on a closed half-year, "between 1 January and 30 June")."""
    place = index.reference.places.get(claim["place_id"]) if claim["place_id"] else None
    if place is None or place.kind != "country" or claim["kind"] in lexicon()["stock_kinds"]:
        return False
    if (claim["low"] or 0) >= WAR_SCALE_TOLL:
        return True
    if not claim["date_start"] or not claim["date_end"] or (claim["date_end"] - claim["date_start"]).days <= CUMULATIVE_WINDOW_DAYS:
        return False
    return bool(cue) or (published_on is not None
                         and claim["date_end"] >= published_on - timedelta(days=NEWS_WINDOW_DAYS))


def _owner(claim: dict, tokens: list[str], index: AliasIndex) -> tuple[str | None, str | None]:
    """The actor the victims belong to: one named in the victim words ("Hezbollah fighters"), else
    the actor a possessive or a member word points back to ("its members", "the group's martyrs")."""
    if claim["victim_class"] in ("civilians", "mixed"):
        return None, None  # townspeople named after their town are nobody's fighters
    actors = index.reference.actors
    named = [a for a in index.longest_inside("actor", claim["victim_group"] or "")
             if actors[a].kind in lexicon()["armed_actor_kinds"]]
    if len(named) == 1:
        return named[0], "named"
    words = lexicon()
    sentence, start = claim["sentence"] or "", claim["char_start"] - claim["sentence_start"]
    before = sentence[max(0, start - 40):start + len(claim.get("evidence") or "")]
    own = words["_own_possessive"].search(before)
    members_only = any(t in words["belonging_words"] for t in tokens) and \
        all(t in words["belonging_words"] or not t.isalpha() for t in tokens)
    if not (own or members_only or words["_other_possessive"].search(before)):
        return None, None
    speaker = (claim["claimant_start"] - claim["sentence_start"], claim["claimant_end"] - claim["sentence_start"]) \
        if claim.get("claimant_start") is not None else (-1, -1)
    armed = [m for m in index.find_mentions(sentence, [(0, len(sentence))])
             if m.entity_kind == "actor" and actors[m.entity_id].kind in words["armed_actor_kinds"]
             and (own or not speaker[0] <= m.char_start < speaker[1])]
    earlier = [m for m in armed if m.char_start < start]
    chosen = earlier[-1] if earlier else armed[0] if armed else None
    return (chosen.entity_id, "pointed") if chosen else (None, None)


ANY_PLACE = ("any place",)  # where groups are filed under their events, whatever their places


class GroupIndex:
    """Where the groups made so far are filed, so that a claim meets only those `Grouping.compatible`
    could let it join: a large corpus has thousands of groups. Each filter is a necessary condition of
    `compatible` with at least one member of the group, so the groups made are the same as if every
    claim were tried against every group (`AllGroups`, tests/test_comparison.py)."""

    def __init__(self, places: "_Places"):
        self.places = places
        self.buckets: dict[tuple, dict] = {}  # (kind, subgroup, victim class) -> place key -> time slot -> groups
        self.classes: dict[tuple, set] = {}  # (kind, subgroup) -> the victim classes filed under it
        self.filed: dict[int, set] = {}
        self.made: dict[int, int] = {}  # a group's place in the order groups were made: ties go to the first

    def file(self, g: Group, m: Profile) -> None:
        self.made.setdefault(id(g), len(self.made))
        bucket = _bucket(m) + (m.victim_class,)
        self.classes.setdefault(_bucket(m), set()).add(m.victim_class)
        filed = self.filed.setdefault(id(g), set())
        slots = _filed_slots(m)
        shelves = [(key, slot) for key in self.places.keys(m.place_id) for slot in slots]
        # figures of one event are compatible wherever in a country they are placed
        shelves += [(ANY_PLACE, slot) for slot in slots if slot and slot[0] == "event"]
        for key, slot in shelves:
            if (bucket, key, slot) not in filed:
                filed.add((bucket, key, slot))
                self.buckets.setdefault(bucket, {}).setdefault(key, {}).setdefault(slot, []).append(g)

    def candidates(self, p: Profile) -> list[Group]:
        """The groups that may take the claim, in the order they were made."""
        # a group of named victims takes only its own class or unknown ones (`fits`): one of its
        # members is filed under the claim's class or under unknown
        sought = self.classes.get(_bucket(p), set()) if p.victim_class == "unknown" else {p.victim_class, "unknown"}
        near, slots = self.places.near(p.place_id), _sought_slots(p)
        if near is not None:
            near = near | {ANY_PLACE}
        found = {}
        for c in sought:
            shelf, keys = self.buckets.get(_bucket(p) + (c,), {}), near
            if p.place_id is not None and (c in UNKNOWN) != (p.victim_class in UNKNOWN):
                keys = {p.place_id, None}  # victims named and victims not named join only at one place
            shelves = shelf.values() if keys is None else [shelf[key] for key in keys if key in shelf]
            found.update((id(g), g) for by_slot in shelves
                         for groups_ in (by_slot.values() if slots is None else
                                         [by_slot[slot] for slot in slots if slot in by_slot])
                         for g in groups_)
        return sorted(found.values(), key=lambda g: self.made[id(g)])


class AllGroups:
    """Every group made so far, in order: what `GroupIndex` must be equivalent to."""

    def __init__(self, places: "_Places"):
        self.groups: dict[int, Group] = {}

    def file(self, g: Group, m: Profile) -> None:
        self.groups.setdefault(id(g), g)

    def candidates(self, p: Profile) -> list[Group]:
        return list(self.groups.values())


class Grouping:
    index_class = GroupIndex  # how the groups made so far are searched

    def __init__(self, reference):
        self.places = _Places(reference.places)
        self.reference = reference

    # -- compatibility ---------------------------------------------------------------------------
    def compatible(self, a: Profile, b: Profile) -> bool:
        if _sentence(a) == _sentence(b):
            return False  # one claimant's two figures in one sentence count two things
        if a.kind != b.kind or a.subgroup != b.subgroup:
            return False
        if a.victim_class != b.victim_class and a.victim_class != "unknown" and b.victim_class != "unknown":
            return False
        if (a.unnamed and _of_a_side(b.victim_class) or b.unnamed and _of_a_side(a.victim_class)) \
                and a.claim["low"] != b.claim["low"]:
            return False
        if a.actor_id and b.actor_id and a.actor_id != b.actor_id:
            return False
        if not self.places.compatible(a.place_id, b.place_id):
            return False
        return not _apart_in_one_article(a, b) and self._joins(a, b)

    def _joins(self, a: Profile, b: Profile) -> bool:
        """The rest of `compatible`, once the sentence, kind, victims, actor, place and article are known to
        allow it."""
        if "undated" in (a.time, b.time) and a.claim["doc_id"] != b.claim["doc_id"] \
                and not (a.event_id and a.event_id == b.event_id):
            return False
        if a.war != b.war or a.war and a.victim_class != b.victim_class:
            # A war's toll is only another source's toll of the same war, of the same victims: not a
            # running total of months ("140 killed since December"), nor "2,000 soldiers" beside "94,000 people"
            return False
        if (a.victim_class in UNKNOWN) != (b.victim_class in UNKNOWN) and a.place_id and b.place_id \
                and a.place_id != b.place_id:
            # Victims not named are taken as a named group's only at its own place: "80,000 people
            # killed in Syria" is not a count of "Hezbollah fighters killed in al-Qusayr".
            return False
        if a.time == b.time == "period" and a.event_id and a.event_id == b.event_id:
            return True
        if a.place_id != b.place_id and "country" in (self.places.level.get(a.place_id), self.places.level.get(b.place_id)):
            # A country's toll is not a place's in it unless both are of one event: "the conflict has
            # killed 80,000" in Syria is not a battle's running total, nor "120 killed across Syria on
            # Monday" a town's toll of that Monday. (It also keeps a country-wide figure from being
            # weighed against every group of its days in the country: GroupIndex.)
            return False
        if a.time == b.time == "period":
            return a.period[0] <= b.period[1] and b.period[0] <= a.period[1]
        if {a.time, b.time} in ({"period", "running"}, {"period", "undated"}):
            return False  # a day's toll is not the running total (nor, in its article, a toll of no day)
        # Running totals, or a figure whose time is open: within one battle's span of each other.
        return not (a.as_of and b.as_of and abs((a.as_of - b.as_of).days) > CUMULATIVE_WINDOW_DAYS)

    def fits(self, p: Profile, group: Group, sentence: tuple, bucket: set, article: list) -> bool:
        """compatible(p, m) for every member m, with the cheap tests on the group's sets first (the claim's
        sentence, {kind and subgroup} and the claims of its article placed so far given, made once a claim
        rather than once a group)."""
        if sentence in group.sentences or group.kinds != bucket:
            return False
        if p.victim_class != "unknown" and not group.classes.keys() <= {p.victim_class, "unknown"}:
            return False
        if p.unnamed and group.sides - {p.claim["low"]} or _of_a_side(p.victim_class) and group.unnamed - {p.claim["low"]}:
            return False
        if p.actor_id and not group.actors.keys() <= {p.actor_id, None}:
            return False
        if not all(self.places.compatible(p.place_id, q) for q in group.places):
            return False
        # the figures of one article are weighed member by member: `distinct` keeps one member of each kind,
        # not each article
        if any(m.group is group and _apart_in_one_article(p, m) for m in article):
            return False
        # the group's sets above stand for the sentence, kind, victims, actor and place of every member
        return all(self._joins(p, m) for m, _ in group.distinct.values())

    def closeness(self, a: Profile, group: Group) -> tuple:
        # An open count ("82 bodies so far") is a running total where there is one to join.
        return (a.time == "open" and group.times["running"] + group.times["undated"] > 0, group.places[a.place_id],
                group.classes[a.victim_class], group.actors[a.actor_id])

    # -- grouping --------------------------------------------------------------------------------
    def group(self, profiles: list[Profile]) -> list[Group]:
        groups: dict[str, Group] = {}
        # a claimant who updates its count in an article ("the toll has risen again", "As of 19:00: 14
        # dead") revises its figures there (`_parts_of_one_report`); one who does not gives parts of one report
        update = lexicon()["_update"]
        for p in profiles:
            p.revising = bool(update.search(p.claim["sentence"] or ""))
        updating = {_voice(p) for p in profiles if p.revising}
        for p in profiles:
            p.updating = _voice(p) in updating
        for p in profiles:  # the coder's groups come first and stand as coded
            name = p.claim.get("comparison_group")
            if name and p.claim["method"] != "machine":
                by = "coder" if p.claim["method"] == "coded" else "reviewer"
                g = groups.setdefault(name, Group(name=name, assigned_by=by))
                g.add(p)
                g.reasons[p.claim["claim_id"]] = (f"put in this group by the {by}", 1.0, by)
        coded = {cid for g in groups.values() for cid in g.reasons}
        ruled = [p for p in profiles if p.claim["claim_id"] not in coded]
        ordered = list(groups.values())
        index = self.index_class(self.places)
        placed: dict[str, list[Profile]] = {}  # document -> its claims placed so far
        for g in ordered:
            for m in g.members:
                index.file(g, m)
                placed.setdefault(m.claim["doc_id"], []).append(m)
        ruled.sort(key=lambda p: (-p.specificity, -self.places.rank(p.place_id), p.as_of or date.min,
                                  p.claim["claim_id"]))
        for p in ruled:
            sentence, bucket, article = _sentence(p), {_bucket(p)}, placed.setdefault(p.claim["doc_id"], [])
            fits = [g for g in index.candidates(p) if self.fits(p, g, sentence, bucket, article)]
            if len(fits) > 1:
                closeness = [self.closeness(p, g) for g in fits]
                best = max(closeness)
                fits = [g for g, close in zip(fits, closeness) if close == best]
            if len(fits) == 1:
                chosen = fits[0]
                chosen.reasons[p.claim["claim_id"]] = (self.reason(p, chosen), self.confidence(p, chosen), "rule")
            else:
                chosen = Group()
                ordered.append(chosen)
                chosen.reasons[p.claim["claim_id"]] = (
                    self.reason(p, None) + ("" if not fits else f"; it fits {len(fits)} groups equally, so it stands "
                                                                 "apart"), 1.0 if not fits else 0.5, "rule")
            chosen.add(p)
            index.file(chosen, p)
            article.append(p)
        return self.join_restatements(ordered, ruled)

    def join_restatements(self, ordered: list[Group], ruled: list[Profile]) -> list[Group]:
        """A figure told again that the rule left alone in a group goes to the group of its other telling,
        whatever the retelling leaves out or reads otherwise (a headline with no victims, a table row with
        no day). Only a claim alone moves, so no group the rule made loses a member or takes a claim that
        contradicts it."""
        restated = self.restatements(ruled)
        wanted = set(restated) | {first.claim["claim_id"] for first in restated.values()}
        where = {m.claim["claim_id"]: g for g in ordered for m in g.members if m.claim["claim_id"] in wanted}
        gone = set()
        for claim_id, first in restated.items():
            pair = (where[claim_id], where[first.claim["claim_id"]])
            if pair[0] is pair[1]:
                continue
            alone, other = pair if len(pair[0].members) == 1 else pair[::-1]
            if len(alone.members) != 1:
                continue
            [m] = alone.members
            told = first if m is not first else next(q for q in other.members if q.claim["claim_id"] == claim_id)
            other.reasons[m.claim["claim_id"]] = (
                f"the same figure as its claimant's claim {told.claim['claim_id']} elsewhere in the article: "
                "one quantity told twice", 0.9, "rule")
            other.add(m)
            where[m.claim["claim_id"]] = other
            gone.add(id(alone))
        return [g for g in ordered if id(g) not in gone]

    def restatements(self, ruled: list[Profile]) -> dict[str, Profile]:
        """Each figure that one claimant tells again in an article (a headline's "at least 45" and the
        lead's "at least 45 civilians"; a table's "Children: 4,609" after "among them 4,609 children"),
        mapped to its first telling in the rule's order: the same kind and number, in another sentence,
        with nothing said of it that contradicts the other (victims, actor, place, days)."""
        first: dict[tuple, list[Profile]] = {}
        restated = {}
        for p in ruled:
            c = p.claim
            if (c["low"] or 0) < RESTATED_FROM:
                continue
            tellings = first.setdefault((*_voice(p), p.kind, c["low"]), [])
            told = next((q for q in tellings if self._restates(p, q)), None)
            if told is None:
                tellings.append(p)
            else:
                restated[c["claim_id"]] = told
        return restated

    def _restates(self, p: Profile, q: Profile) -> bool:
        def agree(a, b, unsaid=(None,)):
            return a == b or a in unsaid or b in unsaid
        return (_sentence(p) != _sentence(q) and agree(p.claim["high"], q.claim["high"])
                and agree(p.victim_class, q.victim_class, ("unknown",)) and agree(p.subgroup, q.subgroup)
                and agree(p.actor_id, q.actor_id) and self.places.compatible(p.place_id, q.place_id)
                and (p.period is None or q.period is None
                     or p.period[0] <= q.period[1] and q.period[0] <= p.period[1]))

    def reason(self, p: Profile, group: Group | None) -> str:
        parts = [f"{p.kind}", self.victims_text(p)]
        place = self.reference.places.get(p.place_id)
        parts.append(f"at {place.name}" if place else "no place given")
        if p.war:
            parts.append("the country's toll of the war, whatever day it was told on")
        elif p.time == "running":
            parts.append(f"a running total (“{p.cue}”)" if p.cue else "a running total (no day given)")
        elif p.time == "open":
            parts.append("no day given" + (f" (“{p.cue}”)" if p.cue else ""))
        elif p.time == "undated":
            parts.append("no day given and no publication date to read one from: weighed only against its own "
                         "article's figures" + (f" and event {p.event_id}'s" if p.event_id else "")
                         + (f" (“{p.cue}”)" if p.cue else ""))
        elif p.news:
            parts.append("no day given: a toll of the news, " + _days(*p.period) + (f", event {p.event_id}" if p.event_id else ""))
        else:
            parts.append("a toll of " + _days(*p.period) + (f", event {p.event_id}" if p.event_id else ""))
        if group is None:
            return "no other claim about this quantity: " + ", ".join(parts)
        joined = "same quantity as the group: " + ", ".join(parts)
        notes = []
        if p.victim_class == "unknown" and group.classes.keys() - {"unknown"}:
            notes.append("victims not named, taken as the group's")
        if p.place_id and group.places.keys() - {None, p.place_id}:
            notes.append("a place inside or around the group's")
        if p.place_id is None:
            notes.append("no place given, taken as the group's")
        if p.actor_how == "pointed":
            notes.append("the victims' actor read from the sentence")
        if p.time == "open" and group.times.keys() - {"open"}:
            notes.append("its time taken as the group's")
        return joined + ("; " + "; ".join(notes) if notes else "")

    def confidence(self, p: Profile, group: Group) -> float:
        score = 0.9
        if p.victim_class == "unknown" and group.classes.keys() - {"unknown"}:
            score -= 0.2
        if p.place_id is None or group.places.keys() - {None, p.place_id}:
            score -= 0.1
        if p.actor_how == "pointed":
            score -= 0.1
        if p.actor_id is None and group.actors.keys() - {None}:
            score -= 0.1
        if p.time == "open" and group.times.keys() - {"open"}:
            score -= 0.1
        return round(max(score, 0.3), 2)

    def victims_text(self, p: Profile) -> str:
        words = lexicon()
        if p.actor_id:
            actor = self.reference.actors[p.actor_id].name
            # "Syrian rebels" and "government forces" name people already; "Hezbollah" names a group
            text = actor if actor.endswith("s") else words["actor_victims"].format(actor=actor)
        else:
            text = words["victims_of_class"][p.victim_class]
        text = f"{p.subgroup} {text}" if p.subgroup else text
        if text == "wounded people":
            text = "wounded"
        return text + (f" ({p.words_read})" if p.words_read else "")

    # -- names -----------------------------------------------------------------------------------
    def name(self, group: Group) -> str:
        words = lexicon()
        members = group.members
        top = max(members, key=lambda m: ((m.victim_class not in UNKNOWN) * 2 + (m.actor_id is not None),
                                          m.victim_class != "unknown"))
        victims = self.victims_text(replace(top, words_read=None))
        placed = [m.place_id for m in members if m.place_id]
        place_id = max(placed, key=lambda pid: (self.places.rank(pid), placed.count(pid)), default=None)
        place = self.reference.places[place_id].name if place_id else words["nowhere"]
        verb = words["verbs"][top.kind]
        if top.kind in words["stock_kinds"]:
            return words["stock"].format(victims=victims, verb=verb, place=place)
        periods = [m.period for m in members if m.period]
        if top.war:
            return words["war_total"].format(victims=victims, verb=verb, place=place)
        if not periods:
            return words["running_total"].format(victims=victims, verb=verb, place=place)
        narrowest = min(periods, key=lambda pr: (pr[1] - pr[0], pr))
        return words["day_toll"].format(victims=victims, verb=verb, place=place, day=_days(*narrowest))


# Victims not named beside one side's fighters: "at least 72 people killed", said by medics, is not a
# count of the 13 soldiers an army says it lost there. A side's losses are told as such; a toll of people
# is everyone's, or the civilians' (`unnamed_may_be`), never one side's, unless it is the same number ("eight
# killed", "at least eight police officers killed": the same dead). Named are also victims whose words
# point to an actor ("its members") or call them fighters of a side not read ("2,000 of its fighters").
def _unnamed(victim_class: str, actor_id: str | None, victim_words: list[str]) -> bool:
    return victim_class == "unknown" and actor_id is None and not lexicon()["_fighting"].intersection(victim_words)


def _of_a_side(victim_class: str) -> bool:
    return victim_class != "unknown" and victim_class not in lexicon()["_unnamed_may_be"]


def _apart_in_one_article(a: Profile, b: Profile) -> bool:
    return a.claim["doc_id"] == b.claim["doc_id"] and (_parts_of_one_report(a, b) or _far_apart_in_one_article(a, b))


def _parts_of_one_report(a: Profile, b: Profile) -> bool:
    """One claimant's two figures in one article are two quantities, a report's total and its part,
    unless the claimant updates its count there and the later figure revises the earlier: told as an
    update itself, or no lower than it (tolls grow through a day). A governor's "As of 19:00: 14 dead"
    and, later, "The toll has risen again. 18 people have died" are one quantity revised; a ministry's
    "the toll has risen to 11,180" and its "213 martyrs in the past 24 hours" after it are its total and a
    part. The same number told with a hedge and without ("kills at least 7 soldiers", "the seven killed") is
    one count."""
    ca, cb = a.claim, b.claim
    if _voice(a) != _voice(b) or ca["low"] == cb["low"]:  # the same number, hedged or not: one count
        return False
    earlier, later = sorted((a, b), key=lambda p: (p.claim["sentence_start"], p.claim["char_start"]))
    return not (later.updating and (later.revising or (later.claim["low"] or 0) >= (earlier.claim["low"] or 0)))


def _far_apart_in_one_article(a: Profile, b: Profile) -> bool:
    """Two sources' figures in one article, one `RIVALS_WITHIN` times the other or more, one of victims not
    named: the reporter who sets sources side by side sets rival counts of one thing ("activists said 100,
    the army 40"); a gap that wide in one article, where one count says not whose dead it counts, is a part
    beside a whole ("two people" the Foreign Office speaks for and "at least 170 people" killed at an
    airport). Where both name their victims, a dispute that wide stands ("20,000 Islamic State fighters",
    says a general; "only 2,000 of its fighters", says the group), as it does across articles (a monitor's
    150 against a coalition's 3); a count of none is not weighed here."""
    lows = a.claim["low"], b.claim["low"]
    return (a.claim["doc_id"] == b.claim["doc_id"] and _voice(a) != _voice(b) and all(lows)
            and max(lows) >= RIVALS_WITHIN * min(lows) and (a.unnamed or b.unnamed))


def _voice(p: Profile) -> tuple:
    return p.claim["doc_id"], p.claim["claimant_id"]


def _sentence(p: Profile) -> tuple:
    return p.claim["doc_id"], p.claim["sentence_start"], p.claim["claimant_id"]


def _bucket(p: Profile) -> tuple:
    return p.kind, p.subgroup


# Where a group is filed in time, and where a claim looks, so that a claim meets only the groups
# `compatible` could let it join. Two figures of days ("period") join only where their days overlap or
# they are of one event; any other pair only where their days (as_of) are within the window
# CUMULATIVE_WINDOW_DAYS of each other, except a day's toll and a running total, which never join.
# So a member is filed under the days it covers, and under the window-wide slot of its day
# with its kind of time; a claim looks in the days of its own days (figures of days), in the slots of
# the window around its day (the kinds it may join), under its event, and under "untimed".


def _slot(day: date) -> int:
    return day.toordinal() // CUMULATIVE_WINDOW_DAYS


def _days_of(start: date, end: date) -> range:
    return range(min(start, end).toordinal(), max(start, end).toordinal() + 1)


def _filed_slots(m: Profile) -> list:
    if m.as_of is None:
        return [None]
    slots = [("window", m.time, _slot(m.as_of))]
    if m.period:
        slots += [("days", day) for day in _days_of(*m.period)]
        if m.event_id:
            slots.append(("event", m.event_id))
    return slots


def _sought_slots(p: Profile) -> set | None:
    if p.as_of is None:
        return None  # no day of its own: any group may take it
    window = timedelta(days=CUMULATIVE_WINDOW_DAYS)
    near = range(_slot(p.as_of - window), _slot(p.as_of + window) + 1)
    joins = {"period": ("open",), "running": ("running", "open"), "open": ("period", "running", "open")}[p.time]
    slots = {None} | {("window", time, slot) for time in joins for slot in near}
    if p.period:
        slots |= {("days", day) for day in _days_of(*p.period)}
        if p.event_id:
            slots.add(("event", p.event_id))
    return slots


def _days(start: date, end: date) -> str:
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {start:%B %Y}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


@dataclass
class GroupDecision:
    """A reviewer's move or split (docs/codebook.md), with where it was written."""
    decision: str  # move | split
    claims: list[str]
    group: str
    new_group: str | None
    where: str  # file:line
    reviewer: str | None


def resolve_groups(claims: list[dict], documents, reference, index: AliasIndex,
                   decisions: list[GroupDecision]) -> tuple[list[dict], Callable[[], Iterator[dict]], list[BuildWarning]]:
    """Set every claim's comparison_group; the rows of comparison_groups, and a function that yields those
    of comparison_members."""
    published = {d.doc_id: d.published_on for d in documents}
    grouping = Grouping(reference)
    profiles = [profile(c, published.get(c["doc_id"]), index)
                for c in sorted(claims, key=lambda c: c["claim_id"])]
    groups = grouping.group(profiles)
    for g in groups:
        g.name = g.name or grouping.name(g)
    _unique_names(groups)
    warnings = _apply_decisions(groups, decisions, grouping)
    groups = [g for g in groups if g.members]
    group_rows, members = [], []
    for g in groups:
        for p in g.members:
            p.claim["comparison_group"] = g.name
            members.append((p.claim["claim_id"], g, p))
        top = g.members[0]
        places = [m.place_id for m in g.members if m.place_id]
        events_named = [m.event_id for m in g.members if m.event_id]
        sides = sorted({_side(m, reference) for m in g.members} - {"unknown"})
        group_rows.append({
            "comparison_group": g.name, "kind": top.kind, "assigned_by": g.assigned_by,
            "victim_side": sides[0] if len(sides) == 1 else ("unknown" if not sides else "mixed"),
            "place_id": max(places, key=lambda pid: (grouping.places.rank(pid), places.count(pid)), default=None),
            "event_id": max(sorted(set(events_named)), key=events_named.count) if events_named else None,
            "running_total": not any(m.time == "period" for m in g.members),
            "period_start": min((m.period[0] for m in g.members if m.period), default=None),
            "period_end": max((m.period[1] for m in g.members if m.period), default=None),
        })
    members.sort(key=lambda member: member[0])

    def member_rows() -> Iterator[dict]:
        """In the claims' order, made as they are written: at a million claims, their reasons and victim
        words held as rows at once would be the build's largest list."""
        for claim_id, g, p in members:
            reason, confidence, by = g.reasons[claim_id]
            yield {"claim_id": claim_id, "comparison_group": g.name, "assigned_by": by, "reason": reason,
                   "confidence": confidence, "victims": grouping.victims_text(replace(p, words_read=None)),
                   "victim_actor_id": p.actor_id, "victim_side": _side(p, reference), "running_total": p.running,
                   "cumulative_cue": p.cue, "period_start": p.period[0] if p.period else None,
                   "period_end": p.period[1] if p.period else None}
    return group_rows, member_rows, warnings


def _side(p: Profile, reference) -> str:
    """Whose dead: the side of the actor the victims belong to, else of their class."""
    if p.actor_id:
        return reference.actors[p.actor_id].side
    return {"civilians": "civilians", "opposition fighters": "opposition", "government forces": "government",
            "foreign fighters": "foreign fighters", "mixed": "all sides"}.get(p.victim_class, "unknown")


def _unique_names(groups: list[Group]) -> None:
    seen: dict[str, int] = {}
    for g in groups:
        if g.name in seen:
            seen[g.name] += 1
            g.name = f"{g.name} ({seen[g.name]})"
        else:
            seen[g.name] = 1


def _apply_decisions(groups: list[Group], decisions: list[GroupDecision], grouping: Grouping) -> list[BuildWarning]:
    """A reviewer's word stands above the coder's and the rule's: splits first, then moves, each
    in the order written."""
    warnings = []
    by_claim = {cid: g for g in groups for cid in g.reasons}
    order = sorted(decisions, key=lambda d: (d.decision != "split", d.where))
    for d in order:
        file, _, line = d.where.rpartition(":")
        missing = [c for c in d.claims if c not in by_claim]
        if missing:
            warnings.append(BuildWarning(file, f"review {d.decision}: no claim {', '.join(missing)} in this build "
                                               f"(the machine may read the text differently now); ignored", int(line)))
        moving = [c for c in d.claims if c in by_claim]
        if d.decision == "split":
            source = next((g for g in groups if g.name == d.group), None)
            outside = [c for c in moving if source is None or by_claim[c] is not source]
            if source is None or outside:
                warnings.append(BuildWarning(file, f"review split of {d.group!r}: " + (
                    "no such group in this build" if source is None else f"{', '.join(outside)} not in it")
                    + "; ignored", int(line)))
                continue
            target_name = d.new_group
        else:
            target_name = d.group
        target = next((g for g in groups if g.name == target_name), None)
        if target is None:
            target = Group(name=target_name, assigned_by="reviewer")
            groups.append(target)
        for cid in moving:
            old = by_claim[cid]
            member = next(m for m in old.members if m.claim["claim_id"] == cid)
            old.members.remove(member)
            old.reasons.pop(cid)
            target.members.append(member)
            what = f"split from {d.group!r}" if d.decision == "split" else f"moved from {old.name!r}"
            target.reasons[cid] = (f"{what} by {d.reviewer or 'a reviewer'} ({d.where})", 1.0, "reviewer")
            by_claim[cid] = target
    return warnings
