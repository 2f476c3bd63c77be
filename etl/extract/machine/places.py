"""Where: place mentions of a document (alias lookup, then fuzzy, else kept unresolved) and the
place a fact belongs to."""
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

import yaml
from rapidfuzz import fuzz, process

from etl.extract.machine import lexicon
from etl.extract.machine.text import Sentence
from etl.ingest.aliases import AliasIndex, normal_key
from etl.ingest.reference import FIRST_LEVEL_KINDS
from etl.settings import PLACE_CONTEXT, FUZZY_PLACE_MIN_SCORE

# Settlements first: a fact's place is the most local one its sentence names.
_RANK = {"village": 0, "town": 0, "city": 0, "military base": 0, "neighbourhood": 0, "district": 1,
         "governorate": 2, "province": 2, "state": 2, "oblast": 2, "autonomous republic": 2, "region": 2, "mountain range": 2, "river valley": 2, "border": 3, "country": 4, "sea": 4}
# A capitalised name after a locative word looks like a place even when the gazetteer lacks it.
_PLACE_LIKE = re.compile(
    r"\b(?:in|near|at|outside|around|into|from|village of|town of|city of|outskirts of|district of|"
    r"neighbou?rhood of|province of|suburb of|countryside of|road to|villages? of)\s+"
    r"((?:(?:al|el|an|ad|ar|as|ash|at|az)-|Deir |Tel |Tell |Jisr |Ras |Ain |Bab |Khan |Kafr |Kfar |Maarat |Beit |Jabal |Jebel |Wadi |Mount )?"
    r"[A-Z][a-z'’]+(?:[- ](?:al-|el-)?[A-Z][a-z'’]+){0,2})")
_NOT_PLACES = re.compile(r"^(?:January|February|March|April|May|June|July|August|September|October|November|December|"
                         r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|This|That|Then|These|Those|"
                         r"His|Her|Their|Its|Our|A|An|Mr|Mrs|Ms|Dr|President|General|Colonel|Islam|God|Allah|"
                         r"English|Arabic|Twitter|Facebook|YouTube|Reuters|AFP)\b")

# A city that speaks or owns an air force is its government ("Moscow said", "Moscow's jets"), not
# where anything happened.
_CONTEXT = yaml.safe_load(PLACE_CONTEXT.read_text(encoding="utf-8"))
_METONYMS = _CONTEXT["metonym"]
# News agencies whose names are also world places ("(Xinhua)" is no town in Hunan)
_AGENCIES = frozenset(name.lower() for name in _CONTEXT["agencies"])
# "the Homs town of Rastan": a name followed by these words and another name only locates that one
# (unless the first name is itself of that kind: "the Shejaiya district of Gaza City" is in Shejaiya)
_LOCATES_NEXT = re.compile(r"(?:['’]s)?\s+(" + "|".join(_CONTEXT["locating_nouns"]) + r")\s+of\s+(?:the\s+)?(?=[A-Z])",
                           re.IGNORECASE)
_SAME_KIND = _CONTEXT["same_kind"]
_POSSESSIVE_NEXT = re.compile(r"['’]s\s+(?:(?:northern|southern|eastern|western|central|north|south|east|west)(?:-\w+)?\s+)?")
_FIRST_LEVEL_WORDS = frozenset(_CONTEXT["first_level_words"])
# The words that name a settlement as such ("Idlib city", "the town of Afrin")
_TOWN_WORDS = "|".join(_CONTEXT["named_again"])
# "the southern province of Deraa", "Ukraine's central region of Kirovohrad": the name is the
# first-level region's, however the gazetteer spells the region
_NAME = r"([A-Z][\w'’-]+(?:\s+(?:al-|el-|ez-|as-|ad-)?[A-Z][\w'’-]+){0,2})"
_REGION_OF = re.compile(r"\b(" + "|".join(lexicon.region_words()) + r")\s+of\s+(?:the\s+)?" + _NAME)
# "in Donetsk and Luhansk regions", "Idlib and Hama provinces": two regions named together
_JOINT_REGIONS = re.compile(_NAME + r"\s+and\s+" + _NAME + r"\s+((?i:" + "|".join(lexicon.region_words()) + r")s)\b")
# "districts of Hodeidah governorate": the name before a region word, spelt otherwise than the
# gazetteer's region ("Al Hudaydah Governorate")
_NAME_REGION = re.compile(_NAME + r"\s+((?i:" + "|".join(lexicon.region_words()) + r"))\b")
# "Idleb countryside", "the southern countryside of Aleppo", "rural Damascus": the rural part of
# the first-level region named after the town (the rif of Syrian usage), not the town
_COUNTRYSIDE = "|".join(_CONTEXT["countryside"]["after"])
_DIRECTION = "|".join(_CONTEXT["directions"])
_RURAL = re.compile(r"\b(?:(?:" + _COUNTRYSIDE + r")\s+of\s+(?:the\s+)?(?:(?:city|town)\s+of\s+)?|(?:"
                    + "|".join(_CONTEXT["countryside"]["before"]) + r")\s+)" + _NAME
                    + r"|" + _NAME + r"(?:['’]s)?\s+(?:(?:" + _DIRECTION + r")\s+)?(?:" + _COUNTRYSIDE + r")\b")
_ACTS = r"\s+(?:has\s+|had\s+|have\s+|also\s+)?(?:" + "|".join(_METONYMS["verbs"]) + r")\b"
_METONYM = re.compile(r"(?:" + _ACTS + r"|['’]s?\s+(?:\w+\s+)?(?:" + "|".join(_METONYMS["owned"]) + r")\b)")
_COUNTRY_ACTS = re.compile(_ACTS)
# A word used as an adjective: a lower-case word after it ("Somali troops")
_ADJECTIVE_USE = re.compile(r"\s+[a-z]")
# "the Red Crescent in Libya said": a place after a preposition locates, it does not act
_LOCATED_BEFORE = re.compile(r"\b(?:in|at|from|near|of|across|inside)\s+$", re.IGNORECASE)
_DEMONYM = re.compile(r"(?:ian|ese|ish|ean|i)$")  # "from Syrian media": an adjective, not a place
# How far around a fact's figure or trigger its place may be named in the sentence; beyond that
# the sentence is about somewhere else and the paragraph's place is used.
_NEAR = (60, 100)
# A figure, at most three words of its victims or toll, then "in": "40 dead in", "63 people killed in the"
_OWN_PLACE = re.compile(r"[\w,.'’-]+(?:\s+[\w'’-]+){0,3}\s+in\s+(?:the\s+)?")
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")  # "in Idlib province's Maarat al-Numan": the town's
# An item of a toll's breakdown by place in running text: "190 martyrs fell in Damascus Suburbs, ...,
# 30 in Aleppo, 22 in Daraa": a figure, at most two words, "in" and a name.
_BY_PLACE_ITEM = re.compile(r"\b\d[\d,]*\s+(?:[a-z]+\s+){0,2}in\s+(?:the\s+)?[A-Z]")
# An item of a breakdown by place, "Tartous: 71; Damascus Suburbs: 26; Aleppo: 14": the words
# before the colon are the figure's label, and the names after it label the next items.
_LABELS = re.compile(r"(?:^|[;,.•|-])\s*[A-Z][\w'’ -]{1,40}?:\s*\d")
_LABELLED = re.compile(r"(?:^|[;,.\n•|-])\s*([A-Z][\w'’ -]{1,40}?)\s*:\s*$")
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$")
_COMPOUND = re.compile(r"-[a-z\d]")  # "U.S.-backed", "a Badr-1 missile"
_OPENING_PLACE = re.compile(r"\s*(?:In|At|Near|Outside|Inside)\s+((?:the\s+)?(?:(?:"
                            + "|".join(_CONTEXT["locating_nouns"]) + r")\s+of\s+)?[A-Z][^,;:]{1,60}),")
# A place that only locates another ("al-Dabaa airport north of al-Qusayr", "a village 20 km south of
# Idlib"): the fact is at the place it locates, so this one counts only where the sentence names no other.
_REFERENCE_POINT = re.compile(
    r"\b(?:(?:\d+|a few|several)\s*(?:km|kms|kilometres|kilometers|miles)\s+(?:\(\d+\s*(?:km|miles)\)\s+)?)?"
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+)?(?:(?:city|town|village|capital)\s+of\s+)?$",
    re.IGNORECASE)
# Where people fled, escaped or crossed to is not where the fact happened ("an escape route to the
# village of Debaa", "residents fled towards Sahnaya", "to flee across the border into Lebanon").
# The wounded "taken to hospitals in Kursk" were hurt elsewhere.
_DESTINATION = re.compile(
    r"\b(?:" + "|".join(_CONTEXT["destination"]["verbs"]) + r")\b"
    r"[^.;:]{0,50}?\b(?:to|towards?|into)\s+(?:the\s+)?(?:(?:village|town|city|area|neighbou?rhood)\s+of\s+"
    r"|(?:an?\s+|the\s+)?(?:" + "|".join(_CONTEXT["destination"]["facilities"]) + r")\s+in\s+)?$"
    r"|\b(?:" + "|".join(_CONTEXT["destination"]["reached"]) + r")\s+(?:the\s+)?$",
    re.IGNORECASE)
# A country named as where something happened: "killed in Syria", "across Syria", "Syria's war".
# "in western Afghanistan": a part of the country (place_context.yaml `directions`)
# A settlement named again by its kind: "the number of wounded in the town" is a town's, whatever the paragraph
_THE_SETTLEMENT = re.compile(r"\bthe (?:" + _TOWN_WORDS + r")\b", re.IGNORECASE)
# The same, where a toll is told, an adjective allowed ("killed in the northern city")
_THE_TOWN = re.compile(r"\b(?:in|at|near) the (?:[a-z]+ )?(?:" + _TOWN_WORDS + r")\b", re.IGNORECASE)
# A first-level region named again by its word alone ("in the governorate", not "the province of Idlib")
_THE_REGION = re.compile(r"\bthe (?:" + "|".join(_CONTEXT["region_named_again"]["words"]) + r")\b(?!\s+(?:of|"
                         + "|".join(_CONTEXT["region_named_again"]["not_before"]) + r")\b)", re.IGNORECASE)
_PART_OF_COUNTRY = re.compile(r"\b(?:" + "|".join(_CONTEXT["directions"]) + r")\s+$", re.IGNORECASE)
_IN_COUNTRY = re.compile(r"\b(?:in|inside|across|throughout|all over)\s+$", re.IGNORECASE)
_COUNTRY_WAR = re.compile(r"['’]s\s+(?:\w+\s+)?(?:war|conflict|uprising|revolution|crisis)\b")
_LOCATING = re.compile(r"\b(?:situated|located|lying|lies|between|near|with|where|which|who|from|towards?)\b", re.IGNORECASE)
# Several villages placed by a city ("half a dozen villages east of the port city of Latakia")
# lie in its governorate, not in the city.
_AROUND_CITY = re.compile(
    r"\b(?:villages|towns|hamlets|localities)\s+(?:\w+\s+){0,2}?(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of|"
    r"around|surrounding|outside|near)\s+(?:the\s+)?(?:(?:port|coastal|northern|southern|eastern|western)\s+)?"
    r"(?:(?:city|town)\s+of\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class PlaceMention:
    place_id: str | None  # None: looks like a place, not in the gazetteer
    surface: str
    start: int
    end: int
    match: str  # 'alias', 'fuzzy' or 'unresolved'
    confidence: float


_KEYS_OF: dict[int, dict[str, str]] = {}


def _place_keys(index: AliasIndex) -> dict[str, str]:
    """Every name of the reference folder's places: lookup key -> place id, built once per alias
    index. Only the war's own places are matched fuzzily (their transliterations vary); the world
    gazetteer's 34,000 names would make every capitalised word after "in" something's near-miss."""
    if id(index) not in _KEYS_OF:
        keys: dict[str, str] = {}
        for place in index.reference.places.values():
            if place.layer == "world":
                continue
            for name in (place.name, *place.aliases):
                keys.setdefault(normal_key(name), place.place_id)
        _KEYS_OF.clear()
        _KEYS_OF[id(index)] = keys
    return _KEYS_OF[id(index)]


_WORLD_KEYS_OF: dict[int, dict[str, dict[str, str]]] = {}


def _world_keys(index: AliasIndex) -> dict[str, dict[str, str]]:
    """The world gazetteer's names by country (country -> lookup key -> place id), built once per
    alias index: a document's own countries' places are matched fuzzily too ("Tajoura" for Tajura
    in a report on Libya), never the whole world's."""
    if id(index) not in _WORLD_KEYS_OF:
        by_country: dict[str, dict[str, str]] = {}
        for place in index.reference.places.values():
            if place.layer == "world" and place.country and place.kind != "country":
                keys = by_country.setdefault(place.country, {})
                for name in (place.name, *place.aliases):
                    keys.setdefault(normal_key(name), place.place_id)
        _WORLD_KEYS_OF.clear()
        _WORLD_KEYS_OF[id(index)] = by_country
    return _WORLD_KEYS_OF[id(index)]


_GOVERNORATES_OF: dict[int, dict[tuple, str]] = {}


def _governorates(index: AliasIndex) -> dict[tuple, str]:
    """(country, admin1) -> the first-level region of that name (a governorate, province, state,
    oblast ...; the reference folder's first), built once per alias index (the world gazetteer has
    too many places to search them all for each fact)."""
    if id(index) not in _GOVERNORATES_OF:
        found: dict[tuple, str] = {}
        for place in sorted(index.reference.places.values(), key=lambda p: p.layer == "world"):
            if place.kind in FIRST_LEVEL_KINDS and place.admin1:
                found.setdefault((place.country, place.admin1), place.place_id)
        _GOVERNORATES_OF.clear()
        _GOVERNORATES_OF[id(index)] = found
    return _GOVERNORATES_OF[id(index)]


class _Spans:
    """Character spans that may overlap, asked whether any overlaps a given one."""

    def __init__(self, spans):
        self._spans = sorted(spans)
        self._starts = [start for start, _ in self._spans]
        self._longest = max((end - start for start, end in self._spans), default=0)

    def overlaps(self, start: int, end: int) -> bool:
        # Only spans starting within the longest span's length before `start` can reach it.
        first = bisect_left(self._starts, start - self._longest)
        last = bisect_left(self._starts, end, lo=first)
        return any(start < span_end for _, span_end in self._spans[first:last])


# A city is never the village or the town a report leaves unnamed
_CITY_KINDS = frozenset({"city"})
# A settlement the sentence does not name: "on a village in", "a remote town of"
_A_SETTLEMENT = re.compile(r"\b(?:a|an|one)\s+(?:[a-z-]+\s+){0,2}(?:" + "|".join(_CONTEXT["unnamed_settlement"])
                           + r")\b(?!\s+of\b)")
# Up to four capitalised words after a place's name ("Chin| National Front"), in which a source's name may go on
_NAME_WORDS = re.compile(r"(?:\s+(?:[A-Z][\w'’-]*|for|of|and|the)){1,4}")


class PlaceFinder:
    def __init__(self, index: AliasIndex, text: str, sentences: list[Sentence], actor_spans, alias_mentions=None):
        """`alias_mentions`: the alias index's mentions in the sentences, when the caller has
        scanned them already (they are used only if scanned in the order scanned here)."""
        self.index, self.text = index, text
        places = index.reference.places
        spans = sorted({(s.start, s.end) for s in sentences})
        if alias_mentions is None or spans != [(s.start, s.end) for s in sentences]:
            alias_mentions = index.find_mentions(text, spans)
        mentions = []
        for mention in alias_mentions:
            # A dateline's place is where the report was filed, not where its facts happened.
            # "U.S.-backed", "Homs-based", "Turkey-led": a place that qualifies someone, not where anything happened
            if (mention.entity_kind != "place" or mention.in_dateline or _COMPOUND.match(text, mention.char_end)
                    or not _LOCATED_BEFORE.search(text, max(0, mention.char_start - 8), mention.char_start) and (
                        _METONYM.match(text, mention.char_end) and _RANK.get(places[mention.entity_id].kind, 1) == 0
                        or _COUNTRY_ACTS.match(text, mention.char_end) and places[mention.entity_id].kind == "country")):
                continue
            if self._another_peoples_word(mention, places[mention.entity_id], index):
                continue  # "Somali troops" are Somalia's, not in Ethiopia's Somali Region
            if self._heads_a_sources_name(mention, index):
                continue  # "the Chin National Front": a body's name, not where anything happened
            if places[mention.entity_id].layer == "world" and (index.lookup("source", mention.surface)
                                                                or index.lookup("actor", mention.surface)
                                                                or mention.surface.lower() in _AGENCIES):
                continue  # "Saba" the news agency, not Saaba in Burkina Faso: the world's name yields to the war's
            mentions.append(PlaceMention(mention.entity_id, mention.surface, mention.char_start, mention.char_end, "alias", 0.95))
        mentions = self._regions_named(mentions, spans)
        taken = _Spans([(m.start, m.end) for m in mentions] + list(actor_spans))
        self._keys = _place_keys(index)
        self._countries = sorted({places[m.place_id].country for m in mentions if places[m.place_id].country})
        self._country_keys: dict[str, str] | None = None  # built when a name first needs a fuzzy match
        for start, end in spans:
            for match in _PLACE_LIKE.finditer(text, start, end):
                name_start, name_end = match.span(1)
                surface = match.group(1)
                if _NOT_PLACES.match(surface) or _DEMONYM.search(surface) or taken.overlaps(name_start, name_end):
                    continue
                if index.lookup("source", surface) or index.lookup("actor", surface):
                    continue
                mentions.append(self._fuzzy(surface, name_start, name_end))
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]
        self._country_wide = lexicon.country_wide()
        body = [s for s in sentences if s.part_kind not in ("headline", "caption")]
        lead = [s for s in body if s.paragraph == body[0].paragraph] if body else []
        self.dominant = self._main_place(index)
        # "an air strike on a village in northwest Myanmar" in the lead, the article naming one village
        # in Myanmar: the story is about that village, not the country or the region around it
        if self.dominant and lead and self._rank_of(self.dominant) >= 2:
            self.dominant = self._unnamed_settlement(self.dominant, lead[0].start, lead[-1].end) or self.dominant
        # The country "across the country" means: the main place's, else the war's (the reference
        # folder's places), never one written into the code or the lexicon.
        code = places[self.dominant].country if self.dominant else index.main_war_country()
        self.country = index.country_place(code)

    def _heads_a_sources_name(self, mention, index: AliasIndex) -> bool:
        """The place's name is the first word or words of a known source's name that the text spells
        out ("Chin Human Rights Organisation", "Chin National Front")."""
        following = _NAME_WORDS.match(self.text, mention.char_end)
        if not following:
            return False
        words = following.group().split()
        return any(index.lookup("source", self.text[mention.char_start:mention.char_end] + " " + " ".join(words[:n]))
                   for n in range(len(words), 0, -1))

    def _another_peoples_word(self, mention, place, index: AliasIndex) -> bool:
        """A region's one-word name that is another country's people word, used as an adjective
        ("Somali troops", "a Somali army base"): the people's, not the region's."""
        if " " in mention.surface or _RANK.get(place.kind, 1) != 2 or not _ADJECTIVE_USE.match(self.text, mention.char_end):
            return False
        marks = index.country_marks(mention.surface)
        return bool(marks) and marks[0][:5] != index.country_prefix(place.country)

    def _main_place(self, index: AliasIndex) -> str | None:
        """The place the article is about: the settlement it names most, unless no town stands out
        or a region or country is named more often (docs/extraction/constructions.md P21-P24)."""
        places = index.reference.places
        # (where people fled or were taken to is not what the story is about: "tried to reach Uganda")
        told = [m for m in self.mentions if not _DESTINATION.search(self.text, max(0, m.start - 80), m.start)]
        resolved = [m for m in told if m.place_id and _RANK.get(places[m.place_id].kind, 1) <= 1]
        counts = Counter(m.place_id for m in resolved)
        # (first named wins ties)
        dominant = max(counts, key=lambda p: (counts[p], -min(m.start for m in resolved if m.place_id == p))) \
            if counts else None
        # (three or more: "Hajin, Deir ez-Zor" names a town and where it lies)
        spread = dominant and counts[dominant] == 1 and len(counts) >= 3
        top = counts[dominant] if dominant else 0
        if spread:
            # A bulletin on the desert that names Homs, Raqqa and Aleppo once each is about none of
            # them: the story's main place is the region that holds most of them, else their country.
            held = Counter((places[p].country, places[p].admin1) for p in counts)
            (country, admin1), most = held.most_common(1)[0]
            if most * 2 > len(counts):
                dominant = self._region_holding(country, admin1) or dominant
            else:
                dominant = index.country_place(country) if len({c for c, _ in held}) == 1 else None
        # A region or country the article names more often than any settlement is what it is about
        # (a ministry's statement on "the Gaza Strip" that names Rafah once; a UN report on Afghanistan).
        regions = Counter(m.place_id for m in told if m.place_id
                          and (_RANK.get(places[m.place_id].kind, 1) == 2 or places[m.place_id].kind == "country"))
        if regions:
            # The story's country is the one told with its towns: "U.S. officials ... U.S.-made bombs"
            # in a story on Yemen that names Hodeidah and Sanaa is a party to it, not where it happened.
            inside = Counter(index.country_place(places[m.place_id].country) for m in told
                             if m.place_id and places[m.place_id].country)
            country = max(inside, key=lambda p: (inside[p], p in regions and -self._first(p)), default=None)
            region = max(regions, key=lambda p: (places[p].kind != "country" or p == country, regions[p], -self._first(p)))
            if regions[region] > top:
                dominant = region
        if dominant and places[dominant].kind == "country":
            # "a security post in western Afghanistan ... the governor of Herat province": a story
            # that names one place inside its country is about that place
            # (a region and its own towns are one place: "the central region of Kirovohrad ... its
            # capital Kropyvnytskyi" is about the region)
            inside = {m.place_id for m in self.mentions if m.place_id and _RANK.get(places[m.place_id].kind, 1) <= 2
                      and places[m.place_id].country == places[dominant].country}
            held = {(places[p].country, places[p].admin1) for p in inside}
            region = self._region_holding(*held.pop()) if len(held) == 1 else None
            if region in inside:
                dominant = region
            elif len(inside) == 1:
                dominant = inside.pop()
        return dominant

    def _regions_named(self, mentions: list[PlaceMention], spans) -> list[PlaceMention]:
        """The mentions with a name that a region word frames ("the province of Deraa") read as
        that first-level region, not the town of the same name."""
        found = []
        for start, end in spans:
            for match in _REGION_OF.finditer(self.text, start, end):
                region = self._region_of_name(match.group(2), match.group(1).lower())
                if region:
                    found.append(PlaceMention(region, match.group(2), *match.span(2), "alias", 0.9))
            for match in _NAME_REGION.finditer(self.text, start, end):
                region = self._region_of_name(match.group(1), match.group(2).lower())
                if region:
                    found.append(PlaceMention(region, match.group(0), *match.span(0), "alias", 0.9))
            for match in _JOINT_REGIONS.finditer(self.text, start, end):
                word = match.group(3)[:-1].lower()
                # ("In Donetsk and ...": a capitalised word before the name is none of it)
                first_start = match.start(1)
                if not self._region_of_name(match.group(1), word) and " " in match.group(1):
                    first_start = self.text.index(" ", first_start) + 1
                joint = self._joint_regions(self.text[first_start:match.end(1)], match.group(2), word)
                if joint:
                    found.append(PlaceMention(joint, self.text[first_start:match.end()], first_start, match.end(),
                                              "alias", 0.9))
            for match in _RURAL.finditer(self.text, start, end):
                name = 1 if match.group(1) else 2
                # (only a region named after the town: "the Qusayr countryside" is around Qusayr)
                region = next(filter(None, (self._region_named(match.group(name), word)
                                            for word in lexicon.region_words())), None)
                if region:
                    found.append(PlaceMention(region, match.group(name), *match.span(name), "alias", 0.9))
        if not found:
            return mentions
        # A region the gazetteer names there already ("Rural Damascus" is Rif Dimashq) stands.
        regions = _Spans([(m.start, m.end) for m in mentions if _RANK.get(self.index.reference.places[m.place_id].kind, 1) == 2])
        found = [m for m in found if not regions.overlaps(m.start, m.end)]
        framed = _Spans([(m.start, m.end) for m in found])
        unframed = [self._one_sense(m, found) for m in mentions if not framed.overlaps(m.start, m.end)]
        return sorted(unframed + found, key=lambda m: m.start)

    def _one_sense(self, mention: PlaceMention, framed: list[PlaceMention]) -> PlaceMention:
        """A town's bare name in an article that calls the region by the town's name and "region"
        ("Syria's northwest Idlib region ... killed in Idlib this month") is the region, as the article
        uses the name in one sense throughout, unless it also names the town as such ("Idlib city",
        "the city of Idlib"). Not after "Aleppo province": an article that says "province" keeps
        "Aleppo" for the city ("shelling of eastern Aleppo")."""
        places = self.index.reference.places
        place = places[mention.place_id]
        if _RANK.get(place.kind, 1) > 1 or not place.admin1:
            return mention
        key = normal_key(mention.surface)
        region = self._region_holding(place.country, place.admin1)
        if not any(normal_key(m.surface) == key + " region" for m in framed if m.place_id == region):
            return mention
        if re.search(rf"\b{re.escape(mention.surface)}\s+(?:{_TOWN_WORDS})\b|\b(?:{_TOWN_WORDS})\s+of\s+{re.escape(mention.surface)}\b",
                     self.text, re.IGNORECASE):
            return mention
        return PlaceMention(region, mention.surface, mention.start, mention.end, mention.match, mention.confidence)

    def _joint_regions(self, first: str, second: str, word: str) -> str | None:
        """The smallest place that holds two regions named together ("Donetsk and Luhansk regions"):
        a fact told of both is of their country, as neither region holds it."""
        places = self.index.reference.places
        regions = [self._region_of_name(first, word), self._region_of_name(second, word)]
        if not all(regions):
            return None
        if regions[0] == regions[1]:
            return regions[0]
        countries = {places[region].country for region in regions}
        return self.index.country_place(countries.pop()) if len(countries) == 1 else None

    def _region_of_name(self, name: str, word: str) -> str | None:
        """The first-level region a name stands for with a region word: named so in the gazetteer
        ("Kirovohrad region"), else, for a word only first-level regions take ("province"), the
        region its town of that name lies in (Deraa -> Daraa Governorate)."""
        region = self._region_named(name, word)
        if region:
            return region
        places = self.index.reference.places
        for place_id in self.index.lookup("place", name):
            place = places[place_id]
            if place.admin1 and _RANK.get(place.kind, 1) <= 1:
                region = self._region_holding(place.country, place.admin1)
                # ("the Idlib region" is Idlib Governorate, named after its town; "the western
                # Houla region" is the Houla plain, Houla's governorate being Homs)
                if region and (word in _FIRST_LEVEL_WORDS or self._named_after(region, name)):
                    return region
        return None

    def _named_after(self, region: str, name: str) -> bool:
        """Whether a first-level region bears the town's name ("Idlib Governorate", "Idleb province")."""
        return any(region in self.index.lookup("place", f"{name} {word}") for word in lexicon.region_words()) \
            or region in self.index.lookup("place", name)

    def _first(self, place_id: str) -> int:
        return next(m.start for m in self.mentions if m.place_id == place_id)

    def _fuzzy(self, surface: str, start: int, end: int) -> PlaceMention:
        key = normal_key(surface)
        if len(key) >= 5:
            if self._country_keys is None:
                world = _world_keys(self.index)
                self._country_keys = {k: p for country in self._countries for k, p in world.get(country, {}).items()}
            for keys in (self._keys, self._country_keys):  # the war's places first, then the document's countries'
                best = process.extractOne(key, list(keys), scorer=fuzz.ratio) if keys else None
                if best and best[1] >= FUZZY_PLACE_MIN_SCORE:
                    return PlaceMention(keys[best[0]], surface, start, end, "fuzzy", round(best[1] / 100 * 0.9, 2))
        return PlaceMention(None, surface, start, end, "unresolved", 0.5)

    def settlement(self, place_id: str | None) -> bool:
        """Whether the place is a town, a village, a city or a district of one."""
        return place_id is not None and _RANK.get(self.index.reference.places[place_id].kind, 1) <= 1

    def _rank_of(self, place_id: str) -> int:
        return _RANK.get(self.index.reference.places[place_id].kind, 1)

    def _rank(self, mention: PlaceMention) -> int:
        return _RANK.get(self.index.reference.places[mention.place_id].kind, 1)

    def in_span(self, start: int, end: int, exclude=()) -> list[PlaceMention]:
        # Found by bisection: a long article asks this for every fact.
        first = bisect_left(self._starts, start)
        last = bisect_left(self._starts, end, lo=first)
        return [m for m in self.mentions[first:last] if m.place_id and m.end <= end
                and not any(s <= m.start < e for s, e in exclude)]

    def for_fact(self, sentence: Sentence, focus: int, previous: list[Sentence], exclude=(),
                 within: tuple[int, int] | None = None, row_region: str | None = None,
                 long_running: bool = False) -> tuple[str | None, bool]:
        """(place_id, carried): the most local place named near the focus (inside `within`, the
        part of the sentence the fact is told in), nearest after it, else the last settlement
        named earlier in the paragraph, else the article's main place. `row_region`: the sentence
        is a table row whose first cell names a region of that word ("State": "Khartoum" is
        Khartoum state). `long_running`: the fact counts over months or years ("since March 2011"):
        with no place of its own it is the country's, not the town the paragraph is about."""
        low, high = within or (sentence.start, sentence.end)
        if row_region:
            label = sentence.text.strip(" |").split("|")[0].strip()
            region = self._region_named(label, row_region)
            if region:
                return region, False
        # (searched in the sentence's own text: "^" is where the sentence starts)
        label = _LABELLED.search(self.text[sentence.start:focus])
        if label:
            place = self._labelled(label.group(1), sentence, sentence.start + label.start(1),
                                   sentence.start + label.end(1), exclude)
            if place:
                return place, False
            high = min(high, focus)  # a label that is not a place: the next items' names are not this one's
        here = [m for m in self.in_span(max(low, focus - _NEAR[0]), min(high, focus + _NEAR[1]), exclude)
                if not _DESTINATION.search(self.text, max(sentence.start, m.start - 80), m.start)]
        # "in Ukraine's Kharkiv region": the place the possessive introduces, however near the window's edge
        here = list(dict.fromkeys(self._possessed(m) or m for m in here))
        here = [m for m in here if not self._locates_next(m)] or here
        # "the highest toll since the battle for El Geneina": a place the figure is compared with
        here = [m for m in here if not lexicon.compared_with(self.text, sentence.start, m.start, focus)]
        if not here:
            # "In Homs city, terrorists fired mortar shells ..., claiming the lives of 3": a place
            # that opens the sentence frames all of it, however far the figure is
            opening = _OPENING_PLACE.match(self.text, sentence.start, high)
            if opening:
                here = self.in_span(opening.start(1), opening.end(1), exclude)
        if not here:
            # "health facilities in the governorate have received 46 dead": the region named before
            again = _THE_REGION.search(self.text, low, high)
            if again:
                named = [m for m in self.mentions[:bisect_left(self._starts, again.start())]
                         if m.place_id and self._rank(m) == 2]
                place = self.index.reference.places.get(self.dominant) if not named and self.dominant else None
                region = named[-1].place_id if named else place and self._region_holding(place.country, place.admin1)
                if region:
                    return region, False
        carried = self._carried(sentence, previous)
        own = next((m for m in here if m.start > focus), None)
        if own and _OWN_PLACE.fullmatch(self.text, focus, own.start) and not _POSSESSIVE_AFTER.match(self.text, own.end) \
                and not self._locates_next(own):
            # "the 40 dead in North Darfur were 22 killed ... in Kutum": the place named right after
            # a toll's own words is the toll's, however local a place named later in the sentence
            return self._breakdown_region(own, sentence) or self._widened(own), False
        if here:
            best_rank = min(self._rank(m) for m in here)
            local = [m for m in here if self._rank(m) == best_rank]
            # "from Qardaha to Aramo": where a movement starts is not where it happened.
            local = [m for m in local if not _FROM.search(self.text, max(0, m.start - 12), m.start)] or local
            located = [m for m in local if not _REFERENCE_POINT.search(self.text, max(0, m.start - 40), m.start)]
            if not located:
                # "the Tajoura detention centre, east of Tripoli, ... killing 40": the place the
                # reference point locates, named just before it, however far from the figure
                point = local[0]
                located = [m for m in self.in_span(max(sentence.start, point.start - 90), point.start, exclude)
                           if self._rank(m) <= self._rank(point)][-1:]
            local = located or local
            after = [m for m in local if m.start >= focus]
            chosen = after[0] if after else local[-1]
            # A country named near the figure is too coarse where the paragraph is about a town,
            # unless the sentence says it happened in the country as a whole.
            if best_rank < 3 or carried is None or self._in_country(chosen):
                return self._widened(chosen), False
        country_wide = self._country_wide.search(self.text, low, high)
        if country_wide and not long_running and carried and self._rank_of(carried) <= 1 \
                and _THE_TOWN.search(self.text, focus, country_wide.start()):
            # "37 people were killed in the northern city, out of a total of 162 killed across the
            # country": the toll's own words name the town again; the country is the total's
            return carried, False
        if self.country and (long_running or country_wide):
            return self.country, False
        return carried, True

    def breakdown_whole(self, sentence: Sentence, following: Sentence | None, focus: int) -> str | None:
        """"documented 142 martyrs today, among them 13 children. Tartous: 71; Damascus Suburbs: 26;
        Aleppo: 14": a toll whose breakdown by place follows it (in the rest of its sentence or the
        next, three items or more) over two first-level regions or more is of their country, not of
        the first town its items name. None if the figure is itself an item ("190 in Damascus Suburbs")."""
        if _BY_PLACE_ITEM.match(self.text, focus):
            return None
        spans = [(focus, sentence.end)]
        if following is not None and following.paragraph == sentence.paragraph:
            spans.append((following.start, following.end))
        places = self.index.reference.places
        for start, end in spans:
            told = self.text[start:end]
            if len(_BY_PLACE_ITEM.findall(told)) + len(_LABELS.findall(told)) < 3:
                continue
            named = [places[m.place_id] for m in self.in_span(start, end) if self._rank(m) <= 2]
            countries = {p.country for p in named}
            regions = {p.admin1 or p.name for p in named}
            if len(countries) == 1 and len(regions) >= 2:
                return self.index.country_place(countries.pop())
        return None

    def _breakdown_region(self, mention: PlaceMention, sentence: Sentence) -> str | None:
        """"190 martyrs fell in Damascus Suburbs, 30 in Aleppo, 22 in Daraa": in a breakdown of a toll
        by place (three items or more) that counts a first-level region, an item's town is the region
        named after it (Aleppo province), as a breakdown by region names its regions by their towns."""
        if self._rank(mention) > 1 or len(_BY_PLACE_ITEM.findall(sentence.text)) < 3:
            return None
        if not any(self._rank(m) == 2 for m in self.in_span(sentence.start, sentence.end)):
            return None
        return next(filter(None, (self._region_named(mention.surface, word) for word in lexicon.region_words())), None)

    def story_place_names(self) -> list[str]:
        """The names of the story's main place and of the first-level region that holds it: what
        "local" stands for in "local health officials" (Dahyan lies in Saada province)."""
        if not self.dominant:
            return []
        place = self.index.reference.places[self.dominant]
        region = self._region_holding(place.country, place.admin1)
        return [place.name] + ([self.index.reference.places[region].name] if region and region != place.place_id else [])

    def story_countries(self) -> set[str]:
        """The countries of the towns, cities, villages and regions the story names (not of a country
        named only as a party: "Russian missiles" in a story on Dnipro)."""
        places = self.index.reference.places
        return {places[m.place_id].country for m in self.mentions
                if m.place_id and self._rank(m) <= 2 and places[m.place_id].country}

    def country_wide(self, sentence: Sentence) -> bool:
        """Whether the sentence tells a happening of the whole country ("across the country", "the
        war ... has killed")."""
        return bool(self._country_wide.search(self.text, sentence.start, sentence.end))

    def _possessed(self, mention: PlaceMention) -> PlaceMention | None:
        """The place a name's possessive introduces: Kharkiv region in "Ukraine's Kharkiv region"."""
        possessive = _POSSESSIVE_NEXT.match(self.text, mention.end)
        if not possessive:
            return None
        return next((m for m in self.in_span(possessive.end(), possessive.end() + 60) if m.start == possessive.end()), None)

    def _locates_next(self, mention: PlaceMention) -> bool:
        """Whether the name only says where the next one lies ("the Homs town of Rastan", "Yemen's
        Saada", "in Ukraine's Kharkiv region")."""
        if self._possessed(mention):
            return True
        locating = _LOCATES_NEXT.match(self.text, mention.end)
        if not locating:
            return False
        noun = locating.group(1).lower()
        kind = self.index.reference.places[mention.place_id].kind
        return _SAME_KIND.get(noun, noun) != _SAME_KIND.get(kind, kind)

    def _region_named(self, label: str, word: str) -> str | None:
        """The region a label names with its region word ("Khartoum" + "state"), also when the
        label already holds the word or an article ("Al Jazirah" is Gezira state by its alias)."""
        for name in (f"{label} {word}", label):
            found = [p for p in self.index.lookup("place", name) if _RANK.get(self.index.reference.places[p].kind, 1) == 2]
            if found:
                return found[0]
        return None

    def _labelled(self, label: str, sentence: Sentence, start: int, end: int, exclude) -> str | None:
        """The place a breakdown item's label names: in a breakdown by region (three labels or
        more in the sentence), the region a label heads ("Aleppo" -> Aleppo province), else the
        place the label names."""
        if len(_LABELS.findall(sentence.text)) >= 3:
            for word in lexicon.region_words():
                region = self.index.lookup("place", f"{label} {word}")
                if region:
                    return region[0]
        named = [m for m in self.in_span(start, end, exclude) if m.end == end]
        return named[-1].place_id if named else None

    def listed_after(self, start: int, end: int, exclude=()) -> list[tuple[str, int]]:
        """The settlements a territorial trigger lists ("the fall of three villages - A, B and C",
        "capturing an airport north of Aleppo and villages east of Latakia"), up to the words
        that only locate them ("situated between Qusayr and Homs")."""
        stop = _LOCATING.search(self.text, start, end)
        listed: dict[str, int] = {}  # place_id -> where its name ends
        for mention in self.in_span(start, stop.start() if stop else end, exclude):
            if self._rank(mention) == 0:
                listed.setdefault(self._widened(mention), mention.end)
        return list(listed.items())

    def seat(self, trigger_rule: dict, start: int, end: int) -> str | None:
        """Where a contact with a government took place: the seat of the one addressed."""
        seat = trigger_rule.get("seat")
        if not seat or not lexicon.seat_cues(seat["place"]).search(self.text, start, end):
            return None
        return (self.index.lookup("place", seat["place"]) or [None])[0]

    def _unnamed_settlement(self, coarse: str, low: int, high: int) -> str | None:
        """"an air strike on a village in northwest Myanmar": the one settlement the article names inside
        that country or region (place_context.yaml `unnamed_settlement`), if it names exactly one."""
        if not _A_SETTLEMENT.search(self.text, low, high):
            return None
        places = self.index.reference.places
        region = places[coarse]
        inside = {m.place_id for m in self.mentions if m.place_id and self._rank(m) == 0
                  and places[m.place_id].kind not in _CITY_KINDS and places[m.place_id].country == region.country
                  and (region.kind == "country" or places[m.place_id].admin1 == region.admin1)}
        return inside.pop() if len(inside) == 1 else None

    def _in_country(self, mention: PlaceMention) -> bool:
        # ("in western Afghanistan" is a part of the country, which a place named elsewhere may say)
        return self._rank(mention) == _RANK["country"] and bool(
            _IN_COUNTRY.search(self.text, max(0, mention.start - 16), mention.start)
            or _COUNTRY_WAR.match(self.text, mention.end)) \
            and not _PART_OF_COUNTRY.search(self.text, max(0, mention.start - 24), mention.start)

    def _widened(self, mention: PlaceMention) -> str:
        """The governorate of a city that only locates several villages around it."""
        if self._rank(mention) > 0 or not _AROUND_CITY.search(self.text, max(0, mention.start - 70), mention.start):
            return mention.place_id
        place = self.index.reference.places[mention.place_id]
        return self._region_holding(place.country, place.admin1) or mention.place_id

    def _region_holding(self, country: str | None, admin1: str | None) -> str | None:
        """The first-level region of that name in that country, if the gazetteer has it."""
        return _governorates(self.index).get((country, admin1)) if admin1 else None

    def _carried(self, sentence: Sentence, previous: list[Sentence]) -> str | None:
        for earlier in reversed(previous):
            if earlier.paragraph != sentence.paragraph:
                break
            settled = [m for m in self.in_span(earlier.start, earlier.end) if self._rank(m) <= 1]
            if settled:
                return settled[-1].place_id
            if self.country and self.country_wide(earlier) and not _THE_SETTLEMENT.search(sentence.text):
                # "Russian jets struck 1,623 targets across the country. The Observatory says the strikes
                # had killed 595 people": the paragraph is about the whole country
                return self.country
        return self.dominant
