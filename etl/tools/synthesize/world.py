"""The war a synthetic corpus is about: its towns, period, outlets and voices, read from a
reference folder and the war's profile in wars.yaml (or, for a folder with no profile, from the
folder's own sources and places)."""
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date
from pathlib import Path

import yaml
from rapidfuzz.distance import Levenshtein

from etl.ingest.aliases import AliasIndex
from etl.ingest.reference import Reference, Source, read_reference
from etl.settings import ROOT
from etl.tools.synthesize.draw import Weighted

HERE = Path(__file__).resolve().parent
WARS = HERE / "wars.yaml"
# Where incidents happen: settlements. A region or a country is where tolls are summed, not struck.
SETTLEMENTS = ("city", "town", "village")
# A size for places the gazetteer gives no population (the reference folder's own rows).
SIZE_OF_KIND = {"city": 300_000, "town": 40_000, "village": 5_000}
_PRESS_NAME = re.compile(r"[A-Za-z][A-Za-z' -]*[A-Za-z]")
# Which style an outlet writes in, by its kind, for a folder with no profile.
STYLE_OF_KIND = {"news agency": "wire", "newspaper": "newspaper", "state media": "state",
                 "party media": "state", "monitoring group": "monitor"}
# Words that make a name a body's, which takes "the".
_BODY = re.compile(r"\b(?:ministry|office|committee|council|agency|observatory|network|mission|service|forces|"
                   r"army|command|cent(?:re|er)|organi[sz]ation|fund|programme|headquarters|government|"
                   r"administration|red cross|nations|union|staff|guard|police|directorate|department|coalition|"
                   r"front|brigade|group)\b", re.IGNORECASE)
ALIGNMENTS = ("independent", "opposition", "pro-government", "international", "unknown")


class WarError(Exception):
    """A war the corpus cannot be written for; the message says what to give."""


@dataclass(frozen=True, slots=True)
class Town:
    place_id: str
    name: str  # as the press writes it: a name of the gazetteer the extractor reads as this place
    kind: str
    province: str
    latitude: float
    longitude: float
    size: int


@dataclass(frozen=True)
class Voice:
    source_id: str
    alignment: str
    forms: tuple[str, ...]  # how a story first names it
    again: tuple[str, ...]  # how it names it once more
    weight: float = 1.0


@dataclass(frozen=True)
class Outlet:
    voice: Voice  # the outlet speaking in its own voice
    name: str  # the document's outlet, as the catalog would write it
    kind: str
    style: str
    short: str  # in a dateline and "told X"


@dataclass
class War:
    name: str
    country: str  # ISO code
    country_name: str
    period: tuple[date, date]
    began: date
    began_words: str
    killed_per_day: int
    towns: list[Town]
    cities: list[Town]
    outlets: dict[str, list[Outlet]]  # by style
    voices: dict[str, list[Voice]]  # by alignment
    filed_from: list[str]
    people: list[str]
    war_voices: list[Voice]  # who counts the whole war's dead
    words: dict = field(default_factory=dict)  # the profile's words over styles.yaml's

    def __post_init__(self):
        self.town_picker = Weighted([math.sqrt(t.size) for t in self.towns])
        self.voice_pickers = {a: Weighted([v.weight for v in vs]) for a, vs in self.voices.items() if vs}
        self._nearest: dict[str, Town] = {}

    def nearest_city(self, town: Town) -> Town:
        """The city a story measures `town`'s distance from."""
        if town.place_id not in self._nearest:
            others = [c for c in self.cities if c.place_id != town.place_id]
            self._nearest[town.place_id] = min(others, key=lambda c: km_between(c, town), default=town)
        return self._nearest[town.place_id]


def km_between(a: Town, b: Town) -> float:
    """Great-circle distance."""
    la1, la2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat, dlon = la2 - la1, math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(dlon / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def profiles() -> dict:
    return yaml.safe_load(WARS.read_text(encoding="utf-8"))


# Reading a war means indexing the world gazetteer (seconds): a process writing several corpora
# (the tests, a benchmark's three sizes) reads it once.
@lru_cache(maxsize=4)
def load_war(reference_dir: Path | None, war: str | None, period: tuple[date, date] | None) -> War:
    """The war of `war` (a profile's name) or of `reference_dir` (the profile whose reference folder
    it is, else one read from the folder itself)."""
    known = profiles()
    if war is not None and war not in known:
        raise WarError(f"no war {war!r} in {WARS.name}; known: {', '.join(known)}")
    if war is None and reference_dir is None:
        war = next(iter(known))
    if war is None:
        war = next((name for name, p in known.items()
                    if (ROOT / p["reference"]).resolve() == reference_dir.resolve()), None)
    profile = known[war] if war else None
    folder = reference_dir or ROOT / profile["reference"]
    if period is None and profile is None:
        raise WarError(f"no profile in {WARS.name} for {folder}: give --period START..END")
    if not (folder / "sources.yaml").exists():
        raise WarError(f"{folder} has no sources.yaml: not a reference folder")
    reference = read_reference(folder)
    index = AliasIndex(reference)
    country = (profile or {}).get("country") or index.main_war_country()
    if not country:
        raise WarError(f"{folder} has no places of its own to tell the war's country")
    if period is None:
        period = tuple(date.fromisoformat(str(d)) for d in profile["period"])
    country_name = next((p.name for p in reference.places.values() if p.kind == "country" and p.country == country),
                        country)
    towns = _towns(reference, index, country, country_name)
    if not towns:
        raise WarError(f"no town of {country} in {folder} or the world gazetteer has a name the extractor reads")
    if profile:
        outlets, voices = _profile_voices(profile, reference)
        began = date.fromisoformat(str(profile["war_began"]["day"]))
        began_words, per_day = profile["war_began"]["words"], profile["killed_per_day"]
        filed_from, people, words = profile["filed_from"], profile.get("people", []), profile.get("words", {})
        by_id = {v.source_id: v for vs in voices.values() for v in vs}
        war_voices = [by_id[i] for i in profile.get("war_toll", []) if i in by_id]
    else:
        outlets, voices = _folder_voices(reference)
        began, began_words, per_day = period[0], f"{period[0]:%B %Y}", 30
        filed_from, people, words = [max(towns, key=lambda t: t.size).name], [], {}
        war_voices = voices["independent"] + voices["international"]
    if not any(outlets.values()):
        raise WarError(f"no outlet in {folder}/sources.yaml (news agency, newspaper, state media, monitor, UN)")
    # A folder named "reference" is named by the corpus it serves (tests/ukraine/reference: ukraine).
    name = war or (folder.resolve().parent.name if folder.name == "reference" else folder.name)
    return War(name, country, country_name, period, began, began_words, per_day, towns,
               [t for t in towns if t.kind == "city"] or towns, outlets, voices, filed_from, people, war_voices, words)


def _fold(name: str) -> str:
    """The name without diacritics and transliteration marks (Ḩamāh -> Hamah)."""
    text = unicodedata.normalize("NFKD", name.replace("‘", "").replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c))


def _press_name(place, index: AliasIndex, country_name: str) -> str | None:
    """The spelling of `place` closest to its name that the extractor, reading a sentence of a story,
    takes for this place and nothing else."""
    # The alias nearest the gazetteer's own name is the usual press spelling (Hamah, not Chama).
    target = _fold(place.name).lower()
    spellings = sorted({n for n in (place.name, _fold(place.name), *place.aliases) if _PRESS_NAME.fullmatch(n)},
                       key=lambda n: (Levenshtein.distance(n.lower(), target), len(n), n))
    for spelling in spellings:
        written = re.sub(r"^Al ", "al-", spelling)
        probe = f"Shelling hit the town of {written} in {country_name} on Monday."
        mentions = index.find_mentions(probe, [(0, len(probe))])
        # The mention may leave out the Arabic article ("al-Yarmuk" is found as "Yarmuk").
        if (mentions and mentions[0].entity_id == place.place_id and written.endswith(mentions[0].surface)
                and not index.lookup("actor", spelling) and not index.lookup("source", spelling)):
            return written
    return None


def _towns(reference: Reference, index: AliasIndex, country: str, country_name: str) -> list[Town]:
    towns = []
    for place in sorted(reference.places.values(), key=lambda p: p.place_id):
        if place.country != country or place.kind not in SETTLEMENTS or not place.admin1:
            continue
        name = _press_name(place, index, country_name)
        province = _fold(place.admin1)
        if name and _PRESS_NAME.fullmatch(province):
            towns.append(Town(place.place_id, name, place.kind, province, place.latitude, place.longitude,
                              place.population or SIZE_OF_KIND[place.kind]))
    return towns


def _voice(source: Source, alignment: str, spec: dict | None = None) -> Voice:
    spec = spec or {}
    forms = tuple(spec.get("forms") or _forms(source))
    return Voice(source.source_id, alignment, forms, tuple(spec.get("again") or forms[-1:]), spec.get("weight", 1.0))


def _forms(source: Source) -> list[str]:
    """How a story names a source of a folder with no profile: its name (an unnamed group by its
    aliases), with "the" before the name of a body ("the Russian Ministry of Defence", not "the TASS")."""
    names = [source.name] if "(" not in source.name else list(source.aliases[:2]) or [source.name.split(" (")[0]]
    return [f"the {n}" if _BODY.search(n) and not n.startswith(("The ", "the ")) else n for n in names]


def _profile_voices(profile: dict, reference: Reference) -> tuple[dict, dict]:
    def source(source_id: str) -> Source:
        if source_id not in reference.sources:
            raise WarError(f"{WARS.name}: source {source_id!r} is not in the reference folder's sources.yaml")
        return reference.sources[source_id]
    outlets: dict[str, list[Outlet]] = {}
    for source_id, spec in profile["outlets"].items():
        s = source(source_id)
        # The outlet in its own voice: its full name first, its short name after.
        voice = _voice(s, s.alignment, {"forms": [_forms(s)[0]], "again": [spec["short"]]})
        outlets.setdefault(spec["style"], []).append(
            Outlet(voice, spec.get("outlet", s.name), s.kind, spec["style"], spec["short"]))
    voices = {alignment: [_voice(source(sid), alignment, spec)
                          for sid, spec in (profile["voices"].get(alignment) or {}).items()]
              for alignment in ALIGNMENTS}
    return outlets, voices


def _folder_voices(reference: Reference) -> tuple[dict, dict]:
    outlets: dict[str, list[Outlet]] = {}
    voices: dict[str, list[Voice]] = {a: [] for a in ALIGNMENTS}
    for s in sorted(reference.sources.values(), key=lambda s: s.source_id):
        style = STYLE_OF_KIND.get(s.kind)
        if s.kind == "UN/humanitarian body" and s.alignment == "international":
            style = "un"
        if style == "state" and s.alignment != "pro-government":
            style = None  # the state style tells the government side's operations
        short = min((a for a in s.aliases if a.isupper() and len(a) <= 6), key=len, default=s.name)
        if style:
            outlets.setdefault(style, []).append(Outlet(_voice(s, s.alignment), s.name, s.kind, style, short))
        if s.kind not in ("news agency", "newspaper", "journalist", "think tank analyst", "reader"):
            voices[s.alignment].append(_voice(s, s.alignment))
    return outlets, voices
