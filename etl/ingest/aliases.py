"""One alias resolver: names as written -> places, actors and sources of the reference data.

Lookup keys ignore case, apostrophe style, hyphen-versus-space, a leading "the" and the Arabic
article ("al-", "el-", "an-", ...), so Qusayr = al-Qusayr = Al Qusayr. Text scanning finds every
alias occurrence as written (capitalised as in the gazetteer), with three guards for a gazetteer
of the whole world:

- a single-word place name that is a common English word or first name (etl/lexicon/
  place_stopwords.txt: "Nice", "Police", "Jackson") is a place only with place context ("in",
  "town of", "Nice province", "Bar, Montenegro");
- a name several places share is resolved toward the document's own countries (those its
  unambiguous places and its dateline lie in), then the reference folder's (the war's), then
  the reference folder's own rows, then the more populous place: "Tripoli" is Lebanon's in a
  report about Syria and Lebanon, Libya's in one about Libya;
- a wire dateline ("KYIV, Ukraine (AP) -") is where the report was filed: its names only give
  the document's country and are marked, so that no fact is placed there.

Where one surface names both a place and a person (the town al-Qusayr and the activist Ahmad
al-Qusayr), context decides (see `_choose`).
"""
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import yaml

from etl.ingest.dateline import wire_dateline
from etl.ingest.reference import Reference, world_layer
from etl.settings import PLACE_CONTEXT, PLACE_STOPWORDS

_ARTICLE = re.compile(r"^(?:the |al |el |an |ad |ar |as |at |ash |az )", re.IGNORECASE)
_LOCATIVE = re.compile(
    r"\b(?:in|of|to|from|near|around|at|into|inside|outside|towards?|across|through|over|on|"
    r"town|city|village|province|fall|retake|recapture[ds]?|control)\s+(?:the\s+)?$", re.IGNORECASE)
# Place context for a name that is also a common word or first name: a locative word before it ...
_PLACE_CONTEXT = yaml.safe_load(PLACE_CONTEXT.read_text(encoding="utf-8"))
_PLACE_BEFORE = re.compile(
    r"\b(?:" + "|".join(_PLACE_CONTEXT["before"]["prepositions"]) + "|(?:" + "|".join(_PLACE_CONTEXT["before"]["nouns_of"])
    + r")\s+of)\s+(?:the\s+)?$", re.IGNORECASE)
_PLACE_AFTER = re.compile(r"\s+(?:" + "|".join(_PLACE_CONTEXT["after"]) + r")\b", re.IGNORECASE)
# A world-gazetteer name right after an Arabic article or a name-forming word is the end of a
# longer name the gazetteer lacks ("Ma'arrat al-Numan" is not Numan in Nigeria).
# The short articles count only when hyphenated: "at Kharkiv" and "as Nice" are English.
_INSIDE_NAME = re.compile(r"(?<![\w'’])(?:(?:al|el|ibn|bin|abu|umm|bani|beni)[-\s]|(?:an|ad|ar|as|ash|at|az|ed|ud|ul)-)$",
                          re.IGNORECASE)
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+")
# A people's word that parts from its country's name after four letters: "Turkish" (Turkey),
# "Sudanese", "Iraqi"; not "Armed" (Armenia) or "Central" (Central African Republic)
_DEMONYM_END = re.compile(r"(?:ish|ese|ian|ean|an|i|ic|ine|er)$")
_COMMA_NAME = re.compile(r",\s+([A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,3})")

# A word of a name: letters and digits, joined by an apostrophe ("Ma'arrat"), except a final
# possessive ("Qusayr's" is the name Qusayr).
_WORD = re.compile(r"\w+(?:['’](?!s\b)\w+)*")
_GAP = re.compile(r"[\s\-–]+")
_MAX_GAP = 4
_OTHER_GAPS = ("'", "’", ". ", ".")


@lru_cache(maxsize=None)
def surface_key(name: str) -> str:
    """Case, apostrophe style and hyphen-versus-space ignored; words kept."""
    text = name.replace("’", "'").replace("‘", "'").lower()
    # "U.N." is "UN", "U.S. Central Command" is "US Central Command": initials with or without dots
    text = _INITIALS.sub(lambda m: m.group().replace(".", ""), text)
    return " ".join(re.sub(r"[-\s]+", " ", text).split()).rstrip(".")


_INITIALS = re.compile(r"(?<![\w.])(?:[a-z]\.){2,}(?![a-z])")


@lru_cache(maxsize=None)
def normal_key(name: str) -> str:
    """surface_key without a leading "the" or Arabic article: the key for place and name lookups."""
    text = surface_key(name)
    previous = None
    while previous != text:
        previous, text = text, _ARTICLE.sub("", text)
    return text


def spelling_key(key: str) -> str:
    """A normal key with the spellings of one transliterated name made one: doubled letters single,
    a final "h" after a vowel dropped ("al massira tv" and "al masirah tv"; "hammad", "hamad"). Used
    for sources only, whose names the press spells many ways; places keep their own spellings, where
    one letter may part two towns."""
    return _FINAL_H.sub(r"\1", _DOUBLED.sub(r"\1", key))


_DOUBLED = re.compile(r"([a-z])\1")
_FINAL_H = re.compile(r"(?<=\w\w)([aeiou])h\b")


def _gap_key(gap: str) -> str:
    """What separates two words of a name: any run of spaces and hyphens is one space."""
    return _GAP.sub(" ", gap).replace("’", "'")


_REGION_KINDS = ("country", "state", "governorate", "oblast", "autonomous republic")
_NAME_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][\w'’]*) $")
_SENTENCE_END = re.compile(r"[.!?:;\"“”(]\s*$")


def _after_a_name(text: str, span_start: int, start: int) -> bool:
    """A world-gazetteer name right after a capitalised word inside a sentence ends a longer
    name ("Dr Leyla Kaya" is a person, not Kaya in Burkina Faso)."""
    before = _NAME_BEFORE.search(text, max(span_start, start - 30), start)
    if not before:
        return False
    ahead = text[max(span_start, before.start() - 3):before.start()]
    return before.start() > span_start and not _SENTENCE_END.search(ahead) and ahead.strip() != ""


_NAME_AFTER = re.compile(r" ([A-Z][\w'’-]*)")
_NUMBER_AFTER = re.compile(r" \d")  # "Kilo 16", "Route 4": a marker's name


def _before_a_name(text: str, end: int, span_end: int) -> bool:
    """A world-gazetteer name right before a capitalised word that is no place word starts a
    longer name the gazetteer lacks ("Tal Afar" is not Thal in Pakistan, "Kafr Nabl" not Kafr)."""
    after = _NAME_AFTER.match(text, end, span_end)
    return bool(after) and not _PLACE_AFTER.match(text, end, span_end)


@lru_cache(maxsize=None)
def place_stopwords() -> dict[str, bool]:
    """Single-word place names that are common words or first names -> whether they are never a
    place on their own ('!': months, weekdays, "Abu"), rather than a place in place context."""
    words = {}
    for line in PLACE_STOPWORDS.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            words[word.lstrip("!")] = word.startswith("!")
    return words


@lru_cache(maxsize=None)
def _surface_keys(surface: str) -> tuple[tuple[str, str, int, str], ...]:
    """(first word, key, number of words, trailing dot) of each way `surface` is matched: its
    words as written, joined by their gaps (a run of spaces and hyphens is one space)."""
    words = list(_WORD.finditer(surface.replace("’", "'")))
    if len(surface) < 2 or not words:
        return ()
    first = words[0].group()
    key = first
    for before, word in zip(words, words[1:]):
        key += _gap_key(surface[before.end():word.start()]) + word.group()
    tail = "." if surface[words[-1].end():].strip() == "." else ""
    firsts = {first}
    # A name written lowercase ("rebels"), or with its article ("al-Qusayr"; the world gazetteer
    # writes "Al Bab" where the press writes "al-Bab"), may also start a sentence; any other name
    # matches only capitalised as written.
    if surface[0].islower() or surface[:3].lower() in ("al-", "el-", "an-", "al ", "el "):
        firsts |= {first[0].upper() + first[1:], first[0].lower() + first[1:]}
    # The name as written first.
    return tuple((f, f + key[len(first):], len(words), tail) for f in sorted(firsts, key=lambda f: f != first))


@dataclass(frozen=True)
class Mention:
    entity_kind: str  # 'place' or 'actor'
    entity_id: str
    surface: str
    char_start: int
    char_end: int
    in_dateline: bool = False  # in a wire dateline: where the report was filed, not a fact's place


@dataclass
class _PlaceTables:
    keys: dict[str, tuple[str, ...]]  # lookup key -> place ids
    places_of: dict[str, tuple[str, ...]]  # a name's words as written -> place ids
    # A name's words as written -> (how many words, trailing dot); None for the first words of a
    # longer name, so that scanning stops extending a phrase as soon as no name starts so.
    names: dict[str, tuple[int, str] | None]


# A world-gazetteer name that heads a river's or a lake's name is not the town: "the Lamia river",
# "the Jordan River" (place_context.yaml `features`).
_FEATURE_AFTER = re.compile(r"\s+(?:" + "|".join(_PLACE_CONTEXT["features"]) + r")\b", re.IGNORECASE)
_OF_THE = re.compile(r" of the ", re.IGNORECASE)


def _place_names(place) -> list[tuple[str, tuple]]:
    """(lookup key, the ways it is matched in text) of each name of `place`."""
    entries = []
    for name in (place.name, *place.aliases):
        # Place names are also written without the Arabic article (al-Qusayr, Qusayr).
        bare = re.sub(r"^(?:al|el|an|ad|ar|as)[- ]", "", name, flags=re.IGNORECASE)
        written = _surface_keys(name) + (_surface_keys(bare) if bare != name and len(bare) >= 4 else ())
        # and "of the" without its article ("Democratic Republic of Congo")
        plain = _OF_THE.sub(" of ", name)
        written += _surface_keys(plain) if plain != name else ()
        entries.append((normal_key(name), written))
    return entries


def _build_tables(places) -> _PlaceTables:
    keys: dict[str, set] = {}
    places_of: dict[str, set] = {}
    names: dict[str, tuple[int, str] | None] = {}
    for place in places:
        for key, written in _place_names(place):
            if key:
                keys.setdefault(key, set()).add(place.place_id)
            for _, scan_key, words, tail in written:
                places_of.setdefault(scan_key, set()).add(place.place_id)
                _add_name(names, scan_key, words, tail)
    # Sets become sorted tuples: the garbage collector walks every set on each full collection,
    # but leaves alone tuples that hold only strings (tens of thousands here).
    return _PlaceTables({k: tuple(sorted(v)) for k, v in keys.items()},
                        {k: tuple(sorted(v)) for k, v in places_of.items()}, names)


def _add_name(names: dict, key: str, words: int, tail: str) -> None:
    names[key] = (words, tail)
    for prefix in _prefixes(key):
        names.setdefault(prefix, None)


@lru_cache(maxsize=None)
def _prefixes(key: str) -> tuple[str, ...]:
    return tuple(key[:m.end()] for m in _WORD.finditer(key))[:-1]


_WORLD_TABLES: list = []  # [(the world layer's dict, its tables)]
_LAST_TABLES: list = []  # [(a reference's places dict, its tables)]: a build makes three indexes of one


def _place_tables(places: dict) -> _PlaceTables:
    """The lookup and scanning tables of `places`. The world layer's are made once a process and
    copied, less the rows a reference folder replaced and plus its own: a build, and every test
    build, then costs a copy of the world's tables rather than reading 100,000 names again."""
    if _LAST_TABLES and _LAST_TABLES[0][0] is places:
        return _LAST_TABLES[0][1]
    world = world_layer()
    if not _WORLD_TABLES or _WORLD_TABLES[0][0] is not world:
        _WORLD_TABLES[:] = [(world, _build_tables(world.values()))]
    base = _WORLD_TABLES[0][1]
    replaced = [p for pid, p in world.items() if places.get(pid) is not p]
    if len(replaced) > len(world) // 2:  # (nearly) no world layer: build from scratch
        tables = _build_tables(places.values())
    else:
        tables = _PlaceTables(dict(base.keys), dict(base.places_of), dict(base.names))
        for place in replaced:
            for key, written in _place_names(place):
                if key in tables.keys:
                    tables.keys[key] = tuple(i for i in tables.keys[key] if i != place.place_id)
                for _, scan_key, _, _ in written:
                    if scan_key in tables.places_of:
                        tables.places_of[scan_key] = tuple(i for i in tables.places_of[scan_key] if i != place.place_id)
        own = _build_tables(p for pid, p in places.items() if world.get(pid) is not p)
        for mine, theirs in ((tables.keys, own.keys), (tables.places_of, own.places_of)):
            for key, ids in theirs.items():
                mine[key] = tuple(sorted(set(mine.get(key, ())) | set(ids)))
        for key, entry in own.names.items():
            if entry is not None or key not in tables.names:
                tables.names[key] = entry
        # A name no place has any more is not matched (it could hide a shorter name inside it).
        for table in (tables.keys, tables.places_of):
            for key in [k for k, ids in table.items() if not ids]:
                del table[key]
        for key in [k for k, entry in tables.names.items() if entry is not None and k not in tables.places_of]:
            tables.names[key] = None
    _LAST_TABLES[:] = [(places, tables)]
    return tables


class AliasIndex:
    def __init__(self, reference: Reference):
        self.reference = reference
        tables = _place_tables(reference.places)
        self._keys: dict[str, dict] = {"place": tables.keys, "actor": {}, "source": {}, "source spelling": {}}
        # A place is what a name written as in the gazetteer means ("UN" is the United Nations,
        # not the Indian town of Un).
        self._places_of = tables.places_of
        # Actors are found in running text only by a surface as written: the article in
        # "Al-Qusayr" may be dropped for the town, not for the surname of Ahmad al-Qusayr.
        self._actor_surfaces: dict[str, set[str]] = {}
        for actor in reference.actors.values():
            for name in (actor.name, *actor.aliases):
                self._actor_surfaces.setdefault(surface_key(name), set()).add(actor.actor_id)
        for actor in reference.actors.values():
            self._add("actor", actor.actor_id, (actor.name, *actor.aliases))
        for source in reference.sources.values():
            self._add("source", source.source_id, (source.source_id, source.name, *source.aliases))
        # The war's countries: those of the reference folder's own places.
        self._war_countries = Counter(p.country for p in reference.places.values()
                                      if p.layer != "world" and p.country and p.kind != "country")
        self._compile(tables)
        self._candidates_of: dict[str, tuple[tuple[str, str], ...]] = {}  # the same names recur in every article
        self._stopwords = place_stopwords()
        # every country's name cut to five letters ("syria", "israe", "iraq"), by its first four
        self._country_prefixes: dict[str, set[str]] = {}
        self._country_prefix: dict[str, str] = {}  # country code -> its prefix
        self._actor_words_of: dict[str, tuple] = {}
        for place in reference.places.values():
            name = normal_key(place.name)
            if place.kind == "country" and len(name) >= 4:
                self._country_prefixes.setdefault(name[:4], set()).add(name[:5])
                self._country_prefix.setdefault(place.country, name[:5])

    def _add(self, kind: str, entity_id: str, names) -> None:
        for name in names:
            key = normal_key(name)
            if key:
                self._keys[kind].setdefault(key, set()).add(entity_id)
                if kind == "source" and not name.isupper() and len(key) >= 5:
                    # (not an acronym: "SANA" is no "Sanaa")
                    self._keys["source spelling"].setdefault(spelling_key(key), set()).add(entity_id)

    def main_war_country(self) -> str | None:
        """The country most of the reference folder's own places are in."""
        return self._war_countries.most_common(1)[0][0] if self._war_countries else None

    def country_place(self, code: str | None) -> str | None:
        """The place entry of the country with ISO code `code` (the reference folder's first)."""
        if not code:
            return None
        if not hasattr(self, "_country_places"):
            self._country_places = {}
            for place in sorted(self.reference.places.values(), key=lambda p: p.layer == "world"):
                if place.kind == "country" and place.country:
                    self._country_places.setdefault(place.country, place.place_id)
        return self._country_places.get(code)

    def _preference(self, place_id: str, countries: Counter | None = None) -> tuple:
        """Sort key among places of one name: the document's countries, the war's countries, the
        reference folder's rows, then the more populous."""
        place = self.reference.places[place_id]
        return (-(countries or {}).get(place.country, 0), -self._war_countries.get(place.country, 0),
                place.layer == "world", -(place.population or 0), place_id)

    def lookup(self, kind: str, name: str) -> list[str]:
        """Ids of `kind` ('place', 'actor', 'source') that `name` can mean; the id itself works too.
        A place name the reference folder gives means its places only (a coded fact's "Homs" is
        the war's Homs, whatever else the world calls so); places come likeliest first."""
        table = {"place": self.reference.places, "actor": self.reference.actors,
                 "source": self.reference.sources}[kind]
        if name in table:
            return [name]
        found = self._keys[kind].get(normal_key(name), ())
        if not found and kind == "source":  # "Al Massira TV" for "Al Masirah TV"
            found = self._keys["source spelling"].get(spelling_key(normal_key(name)), ())
        if kind != "place":
            return sorted(found)
        own = [p for p in found if table[p].layer != "world"]
        return sorted(own or found, key=self._preference)

    def longest_inside(self, kind: str, words: str, min_length: int = 4) -> list[str]:
        """Ids of the longest name of `kind` found as whole words inside `words` ("local opposition
        spokesman Hadi al-Abdallah" holds a source's name); the leftmost wins a tie of lengths.

        Every stretch of `words` between word edges is looked up, rather than every name searched
        for: a phrase has a few dozen stretches, the index hundreds of names."""
        found = self._longest_inside(normal_key(words), self._keys[kind], min_length)
        if not found and kind == "source":
            found = self._longest_inside(spelling_key(normal_key(words)), self._keys["source spelling"], min_length)
        return found

    @staticmethod
    def _longest_inside(lowered: str, keys: dict, min_length: int) -> list[str]:
        starts = [m.start() for m in re.finditer(r"(?<!\w)(?=.)", lowered)]
        ends = [m.start() for m in re.finditer(r"(?<=.)(?!\w)", lowered)]
        best: tuple[int, int, list[str]] | None = None
        for start in starts:
            for end in ends:
                if end - start >= min_length and lowered[start:end] in keys:
                    if best is None or (end - start, -start) > best[:2]:
                        best = (end - start, -start, sorted(keys[lowered[start:end]]))
        return best[2] if best else []

    # -- scanning ---------------------------------------------------------------------------
    def _compile(self, tables: _PlaceTables) -> None:
        """Every surface as the words it is written with: scanning looks each word of the text up
        in a table (a word that starts no name costs one lookup), rather than trying tens of
        thousands of names as regular expressions at every word."""
        self._names = dict(tables.names)
        for actor in self.reference.actors.values():
            for surface in (actor.name, *actor.aliases):
                for _, key, words, tail in _surface_keys(surface):
                    _add_name(self._names, key, words, tail)

    def _scan(self, text: str, start: int, end: int):
        """Leftmost, non-overlapping name matches in text[start:end], longest first at each word:
        (surface as written, start, end). A phrase is extended word by word while some name
        starts with it."""
        names = self._names
        curly = "’" in text[start:end]
        words = list(_WORD.finditer(text, start, end))
        i, count = 0, len(words)
        while i < count:
            key = words[i].group()
            entry = names.get(key.replace("’", "'") if curly else key, False)
            if entry is False:
                i += 1
                continue
            if curly:
                key = key.replace("’", "'")
            best, best_entry = (1, entry) if entry else (0, None)
            j = i + 1
            while j < count:
                gap = text[words[j - 1].end():words[j].start()]
                if gap != " " and (len(gap) > _MAX_GAP or _GAP.fullmatch(gap) is None and gap not in _OTHER_GAPS):
                    break
                word = words[j].group()
                key = key + (" " if gap == " " else _gap_key(gap)) + (word.replace("’", "'") if curly else word)
                entry = names.get(key, False)
                if entry is False:
                    break
                j += 1
                if entry:
                    best, best_entry = j - i, entry
            if not best:
                i += 1
                continue
            first_start, match_end = words[i].start(), words[i + best - 1].end()
            if best_entry[1] and text.startswith(best_entry[1], match_end) and match_end < end:
                match_end += 1
            yield text[first_start:match_end], first_start, match_end
            i += best

    def _candidates(self, surface: str) -> tuple[tuple[str, str], ...]:
        if surface not in self._candidates_of:
            written = _surface_keys(surface)
            places = sorted(self._places_of.get(written[0][1], ())) if written else []
            actors = sorted(self._actor_surfaces.get(surface_key(surface), ()))
            self._candidates_of[surface] = tuple([("place", p) for p in places] + [("actor", a) for a in actors])
        return self._candidates_of[surface]

    def _in_place_context(self, text: str, start: int, end: int) -> bool:
        if _PLACE_BEFORE.search(text, max(0, start - 30), start) or _PLACE_AFTER.match(text, end):
            return True
        return bool(self._regions_after(text, end))

    def _regions_after(self, text: str, end: int) -> list:
        """The countries or regions named right after a comma: "Bar, Montenegro", "Jackson,
        Mississippi", "Homs, Syria's third city" (the longest run of words that names one)."""
        after = _COMMA_NAME.match(text, end)
        if not after:
            return []
        words = after.group(1).split()
        for n in range(len(words), 0, -1):
            found = [self.reference.places[p] for p in self._keys["place"].get(normal_key(" ".join(words[:n])), ())]
            found = [p for p in found if p.kind in _REGION_KINDS]
            if found:
                return found
        return []

    def _country_of(self, candidates) -> set[str]:
        """The country a name puts its document in: the one all its places share, else that of
        the one place the reference folder gives it; none if an actor may be meant."""
        places = [self.reference.places[p] for kind, p in candidates if kind == "place"]
        if len(places) < len(candidates):
            return set()
        countries = {p.country for p in places if p.country}
        if len(countries) > 1:
            countries = {p.country for p in places if p.layer != "world" and p.country}
        return countries if len(countries) == 1 else set()

    def _in_named_country(self, candidates, text: str, end: int):
        """"Bar, Montenegro": the places of the name in the country (or region) named after it."""
        if len(candidates) == 1:
            return candidates
        regions = self._regions_after(text, end)
        inside = tuple(c for c in candidates if any(
            self.reference.places[c[1]].country == r.country and (r.kind == "country" or self.reference.places[c[1]].admin1 == r.admin1)
            for r in regions))
        return inside or candidates

    def find_mentions(self, text: str, spans) -> list[Mention]:
        """Every alias occurrence inside the given (start, end) spans of `text`."""
        found = []  # (surface, start, end, candidates, in a dateline, its span)
        countries: Counter = Counter()
        named_in: dict[str, set[str]] = {}  # country -> the names by which the document places something there
        stems = lru_cache(maxsize=1)(lambda: {w[:4].lower() for w in _WORD.findall(text) if len(w) > 3})
        for start, end in spans:
            dateline = wire_dateline(text, start, end)
            if dateline:
                for name in dateline[1]:
                    countries.update({self.reference.places[p].country for p in self.lookup("place", name)[:1]})
            for surface, match_start, match_end in self._scan(text, start, end):
                candidates = self._candidates(surface)
                if not candidates:
                    continue
                if all(kind == "place" for kind, _ in candidates):
                    never = self._stopwords.get(surface.lower())
                    if never or never is not None and not self._in_place_context(text, match_start, match_end):
                        continue
                    if all(self.reference.places[p].layer == "world" for _, p in candidates) and (
                            _INSIDE_NAME.search(text, max(0, match_start - 5), match_start)
                            or _FEATURE_AFTER.match(text, match_end)
                            or (_after_a_name(text, start, match_start) or _before_a_name(text, match_end, end)) and not any(
                                self.reference.places[p].kind in _REGION_KINDS for _, p in candidates)):
                        continue
                    candidates = self._in_named_country(candidates, text, match_end)
                found.append((surface, match_start, match_end, candidates,
                              bool(dateline) and match_end <= dateline[0], (start, end)))
                for country in self._country_of(candidates):
                    countries[country] += 1
                    named_in.setdefault(country, set()).add(normal_key(surface))
        mentions: list[Mention] = []
        seen: set[tuple[str, str]] = set()
        for surface, match_start, match_end, candidates, in_dateline, span in found:
            if self._stray(surface, candidates, named_in, text, match_start, match_end, span):
                continue
            candidates = self._of_document(candidates, surface, stems, countries)
            if not candidates:
                continue
            kind, entity_id = self._choose(candidates, text, match_start, seen, countries)
            seen.add((kind, entity_id))
            mentions.append(Mention(kind, entity_id, surface, match_start, match_end, in_dateline))
        return mentions

    def country_marks(self, name: str, leaving_out: str = "") -> list[str]:
        """The words of an actor's or source's name that name a country ("Syrian", "Israeli",
        "Iraqi"; not "Armed", which only begins like "Armenia"), lower case, except those of
        `leaving_out`."""
        said = set(normal_key(leaving_out).split())
        return [w for w in (w.lower() for w in _CAPITALISED.findall(name))
                if w not in said and w[:4] in self._country_prefixes
                and (any(w.startswith(p) for p in self._country_prefixes[w[:4]]) or _DEMONYM_END.search(w))]

    def country_prefix(self, country: str | None) -> str | None:
        """The first five letters of a country's name, by its code ("SY": "syria")."""
        return self._country_prefix.get(country) if country else None

    def _actor_words(self, actor_id: str) -> tuple[frozenset[str], tuple[str, ...]]:
        """An actor's common-word aliases (their keys) and the country words of its name, once."""
        if actor_id not in self._actor_words_of:
            actor = self.reference.actors[actor_id]
            self._actor_words_of[actor_id] = (frozenset(normal_key(a) for a in actor.aliases if a[:1].islower()),
                                              tuple(self.country_marks(actor.name)))
        return self._actor_words_of[actor_id]

    def _of_document(self, candidates, surface: str, stems, countries: Counter) -> tuple:
        """Common words that a war's reference data gives an actor ("the army", "rebels",
        "government forces": aliases written in lower case) name it only in a document that names
        its country or a place in it: "the army" of a story about Gaza is not the Syrian
        government forces. A proper name ("Hezbollah", "Syrian Arab Army") names its actor
        anywhere."""
        if not any(kind == "actor" for kind, _ in candidates):
            return candidates
        key = normal_key(surface)
        said = set(key.split())
        kept = []
        for kind, entity_id in candidates:
            if kind == "actor":
                common_keys, name_marks = self._actor_words(entity_id)
                marks = [w for w in name_marks if w not in said] if key in common_keys else []
                if marks and not any(w[:4] in stems() or any(w.startswith(self.country_prefix(c) or "\0")
                                                             for c in countries) for w in marks):
                    continue
            kept.append((kind, entity_id))
        return tuple(kept)

    def _stray(self, surface: str, candidates, named_in: dict[str, set[str]], text: str, start: int, end: int,
               span: tuple[int, int]) -> bool:
        """A town of a country nothing else in the document lies in, when the document lies
        elsewhere (in a country it names by two names or more) and the name is a common phrase or part of a longer name: "the Old City" of Mosul
        is not Jerusalem's, "Ali Jassim al-Bayati" in a Baghdad story is no town of Syria, "the
        Kilo 16 area" of Hodeidah is not Kiel (alias "Kilo"). A foreign town named on its own
        ("talks in Geneva", "Beit Hanoun" in a story told from Israel) stays a place."""
        if not candidates or any(kind != "place" for kind, _ in candidates):
            return False
        places = [self.reference.places[p] for _, p in candidates]
        if any(p.kind in _REGION_KINDS or not p.country for p in places):
            return False
        key = normal_key(surface)
        elsewhere = {country for country, names in named_in.items() if len(names - {key}) >= 2}
        if not elsewhere or any(p.country in elsewhere for p in places):
            return False
        return (key in self._stopwords or _after_a_name(text, span[0], start) or _before_a_name(text, end, span[1])
                or bool(_NUMBER_AFTER.match(text, end, span[1])))

    def _choose(self, candidates, text, start, seen, countries) -> tuple[str, str]:
        """One surface, several entities: an actor already named in full earlier in the document
        wins unless the words before it are locative ("in", "town of", ...); else the place its
        document, the war or the size of places makes likelier."""
        if len(candidates) == 1:
            return candidates[0]
        primed = [c for c in candidates if c in seen and c[0] == "actor"]
        before = text[max(0, start - 25):start]
        if primed and not _LOCATIVE.search(before):
            return primed[0]
        places = sorted((c for c in candidates if c[0] == "place"),
                        key=lambda c: self._preference(c[1], countries))
        return (places or candidates)[0]
