"""One alias resolver: names as written -> places, actors and sources of the reference data.

Lookup keys ignore case, apostrophe style, hyphen-versus-space, a leading "the" and the Arabic
article ("al-", "el-", "an-", ...), so Qusayr = al-Qusayr = Al Qusayr. Text scanning finds every
alias occurrence; where one surface names two entities (the town al-Qusayr and the activist
Ahmad al-Qusayr), context decides (see `_choose`).
"""
import re
from dataclasses import dataclass

from etl.ingest.reference import Reference

_ARTICLE = re.compile(r"^(?:the |al |el |an |ad |ar |as |at |ash |az )", re.IGNORECASE)
_LOCATIVE = re.compile(
    r"\b(?:in|of|to|from|near|around|at|into|inside|outside|towards?|across|through|over|on|"
    r"town|city|village|province|fall|retake|recapture[ds]?|control)\s+(?:the\s+)?$", re.IGNORECASE)


def surface_key(name: str) -> str:
    """Case, apostrophe style and hyphen-versus-space ignored; words kept."""
    text = name.replace("’", "'").replace("‘", "'").lower()
    return " ".join(re.sub(r"[-\s]+", " ", text).split()).rstrip(".")


def normal_key(name: str) -> str:
    """surface_key without a leading "the" or Arabic article: the key for place and name lookups."""
    text = surface_key(name)
    previous = None
    while previous != text:
        previous, text = text, _ARTICLE.sub("", text)
    return text


_WORD_START = re.compile(r"(?<!\w)\w\w")


@dataclass(frozen=True)
class Mention:
    entity_kind: str  # 'place' or 'actor'
    entity_id: str
    surface: str
    char_start: int
    char_end: int


class AliasIndex:
    def __init__(self, reference: Reference):
        self.reference = reference
        self._keys: dict[str, dict[str, set[str]]] = {"place": {}, "actor": {}, "source": {}}
        # Actors are found in running text only by a surface as written: the article in
        # "Al-Qusayr" may be dropped for the town, not for the surname of Ahmad al-Qusayr.
        self._actor_surfaces: dict[str, set[str]] = {}
        for actor in reference.actors.values():
            for name in (actor.name, *actor.aliases):
                self._actor_surfaces.setdefault(surface_key(name), set()).add(actor.actor_id)
        for place in reference.places.values():
            self._add("place", place.place_id, (place.name, *place.aliases))
        for actor in reference.actors.values():
            self._add("actor", actor.actor_id, (actor.name, *actor.aliases))
        for source in reference.sources.values():
            self._add("source", source.source_id, (source.source_id, source.name, *source.aliases))
        self._surface_pattern = self._compile()
        self._candidates_of: dict[str, tuple[tuple[str, str], ...]] = {}  # the same names recur in every article

    def _add(self, kind: str, entity_id: str, names) -> None:
        for name in names:
            key = normal_key(name)
            if key:
                self._keys[kind].setdefault(key, set()).add(entity_id)

    def lookup(self, kind: str, name: str) -> list[str]:
        """Ids of `kind` ('place', 'actor', 'source') that `name` can mean; the id itself works too."""
        table = {"place": self.reference.places, "actor": self.reference.actors,
                 "source": self.reference.sources}[kind]
        if name in table:
            return [name]
        return sorted(self._keys[kind].get(normal_key(name), ()))

    def longest_inside(self, kind: str, words: str, min_length: int = 4) -> list[str]:
        """Ids of the longest name of `kind` found as whole words inside `words` ("local opposition
        spokesman Hadi al-Abdallah" holds a source's name); the leftmost wins a tie of lengths.

        Every stretch of `words` between word edges is looked up, rather than every name searched
        for: a phrase has a few dozen stretches, the index hundreds of names."""
        lowered, keys = normal_key(words), self._keys[kind]
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
    def _compile(self) -> dict[str, re.Pattern]:
        surfaces = set()
        for actor in self.reference.actors.values():
            surfaces.update((actor.name, *actor.aliases))
        for place in self.reference.places.values():
            for name in (place.name, *place.aliases):
                surfaces.add(name)
                # Place names are also written without the Arabic article (al-Qusayr, Qusayr).
                bare = re.sub(r"^(?:al|el|an|ad|ar|as)[- ]", "", name, flags=re.IGNORECASE)
                if bare != name and len(bare) >= 4:
                    surfaces.add(bare)
        alternatives: dict[str, list[str]] = {}
        for surface in sorted(surfaces, key=lambda s: (-len(s), s)):
            if len(surface) < 2:
                continue
            body = re.escape(surface).replace("'", "['’]").replace(r"\-", r"[-\s]").replace(r"\ ", r"\s+")
            first = surface[0]
            if first.isalpha():
                body = f"[{first.lower()}{first.upper()}]" + body[1:] if first.islower() or surface[:3].lower() in (
                    "al-", "el-", "an-") else body
            # Grouped by their first two letters: a word start tries only the names that begin
            # as it does (one alternation of every name is tried at every word: far slower).
            alternatives.setdefault(surface[:2].lower(), []).append(body)
        return {start: re.compile(r"(?:" + "|".join(bodies) + r")(?!\w)") for start, bodies in alternatives.items()}

    def _scan(self, text: str, start: int, end: int):
        """Leftmost, non-overlapping name matches in text[start:end], as one big alternation would find."""
        resume = start
        for word in _WORD_START.finditer(text, start, end):
            at = word.start()
            if at < resume:
                continue
            pattern = self._surface_pattern.get(text[at:at + 2].lower())
            match = pattern.match(text, at, end) if pattern else None
            if match:
                resume = match.end()
                yield match

    def _candidates(self, surface: str) -> tuple[tuple[str, str], ...]:
        if surface not in self._candidates_of:
            places = sorted(self._keys["place"].get(normal_key(surface), ()))
            actors = sorted(self._actor_surfaces.get(surface_key(surface), ()))
            self._candidates_of[surface] = tuple([("place", p) for p in places] + [("actor", a) for a in actors])
        return self._candidates_of[surface]

    def find_mentions(self, text: str, spans) -> list[Mention]:
        """Every alias occurrence inside the given (start, end) spans of `text`."""
        mentions: list[Mention] = []
        seen: set[tuple[str, str]] = set()
        for start, end in spans:
            for match in self._scan(text, start, end):
                candidates = self._candidates(match.group())
                if not candidates:
                    continue
                kind, entity_id = self._choose(candidates, text, match.start(), seen)
                seen.add((kind, entity_id))
                mentions.append(Mention(kind, entity_id, match.group(), match.start(), match.end()))
        return mentions

    def _choose(self, candidates, text, start, seen) -> tuple[str, str]:
        """One surface, several entities: an actor already named in full earlier in the document
        wins unless the words before it are locative ("in", "town of", ...); else the place."""
        if len(candidates) == 1:
            return candidates[0]
        primed = [c for c in candidates if c in seen and c[0] == "actor"]
        before = text[max(0, start - 25):start]
        if primed and not _LOCATIVE.search(before):
            return primed[0]
        places = [c for c in candidates if c[0] == "place"]
        return (places or candidates)[0]
