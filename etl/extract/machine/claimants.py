"""Who says it: the claimant of a figure or report, found in its sentence.

Patterns, tried in order (docs/extraction/README.md):
  1. "according to X" (and "citing X", "X's figures" ...);
  2. a quotation followed by "said X" / "X said";
  3. "X said/reported/claimed/told ..." with X the words before the speech verb;
  4. a pronoun or "the group"/"the Observatory" before a speech verb carries the claimant named
     last in the article ("He also claimed ...");
  5. otherwise the article speaks in its own voice and the outlet is the claimant.
X is then resolved to a source: a known source name or alias inside X, else a fuzzy match of
X's name to a source name, else a new source named after X with a kind read from its words.
"""
import re
from collections import Counter
from functools import lru_cache
from bisect import bisect_left
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from etl.extract.machine import lexicon
from etl.ingest.reference import Source, vocabulary
from etl.ingest.aliases import AliasIndex
from etl.core.ids import slug
from etl.settings import FUZZY_NAME_MIN_SCORE

# Where the claimant's words stop: punctuation that closes a noun phrase, or a clause word.
_STOP = re.compile(r"[,;:!?\"“”()\[\]–—]|(?<!\b[A-Z])\.|\b(?:that|who|which|where|and|but|while|as|when|if|because|after|before|in a|on|at)\b")
# (also "one of the aid workers", "two police officers": one or a few of a group speak for it)
_DETERMINER = re.compile(r"^(?:(?:one|some|several|many|two|three|a few|a number|each) of\s+(?:the|its|their)\s+|"
                         r"(?:the|a|an|one|two|three|some|several|many|numerous)\s+)", re.IGNORECASE)
_NAME = re.compile(r"(?:[A-Z][\w'’.-]*|al-[A-Z][\w'’-]*|bin|ibn|de|van|von|el-[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’.-]*|al-[A-Z][\w'’-]*|el-[A-Z][\w'’-]*|bin|ibn))+")
# A headline's speaker after a colon or dash at its end: "Air strikes kill 45 in Aleppo: monitor".
_TRAILING_SPEAKER = re.compile(r"\s*[:|–—-]\s+((?:[A-Za-z][\w'’.-]*\s?){1,4})[.!]?\s*$")
_NAME_AFTER = re.compile(r",\s+((?:(?:[A-Z][\w'’.-]*|al-[A-Z][\w'’-]*|bin|ibn)\s?){2,5})(?=\s*(?:[.,;]|$|said|told))")
# The longest aside between a speaker and the verb: "Jelani Farhad, spokesman for the governor of
# the western Herat province, said"
_ASIDE_WORDS = 12
# The end of an aside naming a relay: its bracketed short name, then the comma before the speaker's verb;
# and the whole aside before that verb.
_RELAY_CLOSE = re.compile(r"\s*(?:\([^()]{1,40}\))?\s*,\s*(?:also\s+)?")
_RELAY_ASIDE = re.compile(r",\s*according\s+to\s+[^,;]{1,80},\s*(?:also\s+)?$", re.IGNORECASE)
_IN_RELATIVE = re.compile(r"\b(?:which|whom)\s+$")
_AND_END = re.compile(r"\band\s+(?:also\s+)?$", re.IGNORECASE)
_ACRONYM_END = re.compile(r"\(([A-Z][A-Za-z.]{1,9})\)\s*$")
# A line that opens with who speaks: "Activists: Dozens killed ..." (headline), "17:30 SANA: ..." (live blog).
_LEADING_SPEAKER = re.compile(r"\s*(?:\d{1,2}[:.]\d\d\s+(?:GMT\s+|UTC\s+)?[–—-]?\s*)?((?:[A-Za-z][\w'’.-]*\s?){1,4}):\s")
_ONLY_AUXILIARIES = re.compile(r"\s*(?:(?:had|has|have|also|later|then|earlier|previously|was|were)\s*)+", re.IGNORECASE)
# A time that opens a sentence before its subject: "On Sunday evening", "Late on 27 June", "By Monday".
_TIME_OPENER = re.compile(
    r"(?:(?:[Ll]ate|[Ee]arly|[Ee]arlier|[Ll]ater)\s+)?(?:[Oo]n|[Bb]y|[Ii]n|[Ss]ince)\s+"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2})"
    r"(?:\s+(?:morning|afternoon|evening|night))?,?\s+")
# The subject that opens a sentence introducing a quotation: a name ("Umm Khaled, a mother of
# four, described ...") or a speaker noun with its article ("A nurse at the hospital recalled ...").
_INTRO_SUBJECT = re.compile(
    r"\s*((?:[A-Z][\w'’.-]*|al-[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’.-]*|al-[A-Z][\w'’-]*|bin|ibn)){0,4}"
    r"|(?:[Aa]n?|[Tt]he|One)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,4}?)(?=,|\s+(?:[a-z]+ed|says|said|told|spoke)\b)")
# "Ministry of Health", "Department of Defense": a body named by its field after "of".
_BODY_OF = re.compile(r"\b(ministry|department|directorate|office|bureau) of (?:the )?(\w+)(?! of)", re.IGNORECASE)
# Figures a speaker owns: "the Command's statistics", "statistics of the Ministry".
# Also a body's statement or report: "A statement from the ministry", "Figures released by the
# health ministry", "the Syrian Observatory's tally" (A66).
# ("The panel's report" speaks as a report: A26)
_DATA_NOUNS = r"(?:statistics|figures?|data|count|tally|toll|estimates?|records?|tallies|documentation|database|numbers|reckoning)"
_DATA_WORDS = r"(?:(?:own|latest|new|daily|official|final|updated|weekly|monthly)\s+)?"
_OWNED_DATA = re.compile(r"['’]s?\s+" + _DATA_WORDS + _DATA_NOUNS + r"\s*$")
_DATA_OF = re.compile(r"(?:(?:the|a|an|its|their)\s+)?" + _DATA_WORDS + r"(?:" + _DATA_NOUNS + r"|statement|report|bulletin"
                      r"|pictures|photos|images|videos?|footage)\s+(?:(?:released|compiled|published|issued|provided|gathered|"
                      r"collected|kept|put out|posted|shared|uploaded)\s+)?(?:online\s+)?(?:of|from|by)\s+", re.IGNORECASE)
def _without_data_words(text: str, start: int, stop: int) -> tuple[int, int]:
    """A speaker's words without the figures they own: "statistics of the Ministry of Human
    Rights" is the ministry, "the Command's statistics" the Command."""
    data = _DATA_OF.match(text, start, stop)
    if data and data.end() < stop:
        start = data.end()
    owned = _OWNED_DATA.search(text, start, stop)
    if owned and owned.start() > start:
        stop = owned.start()
    return start, stop


# A relative clause about a speaker, from the speaker's name up to a figure inside it.
_ASIDE_ABOUT_SPEAKER = re.compile(r",\s+(?:which|who)\b[^,;:\"“”]*")
# An acronym in brackets after a name: "Doctors Without Borders (MSF)".
_ACRONYM_AFTER = re.compile(r"\s*\([A-Z][A-Za-z.&]{1,11}\)$")
# A name given in an aside: one or more capitalised words ("Abu Samer", "Leila", "Umm Ahmad").
_NAME_OR_WORD = re.compile(r"(?:[A-Z][\w'’.-]*|al-[A-Z][\w'’-]*|bin|ibn)(?:\s+(?:[A-Z][\w'’.-]*|al-[A-Z][\w'’-]*|bin|ibn)){0,3}")
_RELATIVE = re.compile(r"(?:which|who|whose|that|where|when|whom)\b", re.IGNORECASE)
_APPOSITION = re.compile(r"^,\s+(?:an?|the)\s+([^,.;\"“”]{3,80}?)(?=[,.;\"“”]|\s+(?:said|told)\b|$)")


# A body described by its kind, not named: "an activist group", "a rights network"
_DESCRIBED_BODY = re.compile(r"\b(?:group|network|organi[sz]ation)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Claimant:
    claimant_id: str  # sources.source_id of who speaks
    text: str | None
    start: int | None
    end: int | None
    carried: bool = False  # named in an earlier sentence (pronoun)
    new_source: Source | None = None


class ClaimantFinder:
    def __init__(self, index: AliasIndex, sources: dict[str, Source], outlet_source_id: str | None):
        self.index, self.sources, self.outlet = index, sources, outlet_source_id
        self.speech = lexicon.speech_patterns()
        self.pronoun = re.compile(r"^(?:" + self.speech["pronouns"].regex.pattern + r")$", re.IGNORECASE)
        # A quotation followed by "said X" ("..." said X; '...', told X)
        self.inverted = re.compile(r"(?:[”\"’'],?\s+(?:" + self.speech["inverted"].regex.pattern + r")|,\s+(?:"
                                   + self.speech["inverted_after_comma"].regex.pattern + r"))\s+(?=[A-Za-z])")
        self.statement_opener = re.compile(r"(?:[Ii]n|[Tt]hrough|[Vv]ia)\s+(?:(?:a|an|its|their|his|her|the)\s+)?(?:\w+\s+)?(?:"
                                           + self.speech["statement_nouns"].regex.pattern + r")\b(?:\s+(?:(?:posted|published|issued|released|shared)\s+)?(?:on|to)\s+[\w.-]+)?,?\s+")
        self._statement_before = re.compile(r"\b(?:" + self.speech["statement_nouns"].regex.pattern + r")\s+$", re.IGNORECASE)
        self.characterising = re.compile(r"\b(?:" + self.speech["characterising"].regex.pattern + r")\s", re.IGNORECASE)
        self.names = {s.name: s.source_id for s in sources.values()}
        # every name and alias of a known source, in lower case between spaces, for `_described`
        self._source_names = _source_names(sources)
        self._article_normal = " "
        self._by_words: dict[tuple[str, str], str | None] = {}  # descriptions resolved in this article
        self._article_words: set[str] = set()
        # the first four letters of the article's words, and how often each stands (a country's, for `_find_described`)
        self._stem_counts: Counter = Counter()
        self._actors_named: set[str] = set()
        self._story_place_words: set[str] = set()
        self._story_stem: str | None = None
        self._story_country: str | None = None
        self.named_at: dict[str, int] = {}  # where each speaker was last named, for what "he added" continues
        self.added: dict[str, Source] = {}
        self.last: Claimant | None = None
        self.article_speakers: list[Claimant] = []  # named speakers of the article, in order (`prescan`)
        self._sentences: list[tuple[int, int]] = []
        self._sentence_starts: list[int] = []
        self.last_person: Claimant | None = None  # for "he"/"she"
        self.bodies: list[Claimant] = []  # the bodies named as speakers, in order, for "the office", "the council"
        self._spans_text: str | None = None  # the text the two below are of
        self._spans_of: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self._named: dict[tuple[int, int], Claimant | None] = {}
        self._joint_first: dict[tuple, tuple[int, int]] = {}  # speakers told together (start, end, words) -> the first's words

    # -- finding the words ---------------------------------------------------------------------
    def _phrase_after(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        stop = _STOP.search(text, start, end)
        stop_at = stop.start() if stop else end
        # Keep an apposition ("Muhammad Radwan Raad, a Homs-based activist") with the name.
        apposition = _APPOSITION.match(text[stop_at:end]) if stop and text[stop.start()] == "," else None
        if apposition and (_DIGIT.search(apposition.group(1)) or self.speech["clause_verbs"].search(apposition.group(1))):
            apposition = None  # "According to the Observatory, an estimated 40 people were killed": the rest is what was said
        if apposition:
            stop_at += apposition.end()
        named = _NAME_AFTER.match(text, stop_at, end) if stop and text[stop_at:stop_at + 1] == "," else None
        if named:  # "said the spokesman of the Southern Front, Major Issam Rayyes."
            stop_at = named.start(1) + len(named.group(1).rstrip(" ."))
        start, stop_at = _without_data_words(text, start, stop_at)
        phrase = text[start:stop_at]
        stripped = phrase.rstrip()
        return (start, start + len(stripped)) if stripped else None

    def _first_of_joint(self, window: str, cut: int) -> tuple[int, int] | None:
        """"a local official and a humanitarian worker said", "Myanmar Now, the Irrawaddy and BBC Burmese
        reported": speakers told together, the last after "and"; the first named stands for them (A74).
        The (start, end) in `window` of the first, where every one of them reads as a speaker."""
        stops = [m for m in _STOP.finditer(window) if m.end() <= cut]
        if not stops or stops[-1].group() != "and" or not self._joint_part(window[cut:]):
            return None
        first = None
        for at in range(len(stops) - 1, -1, -1):
            if stops[at].group() not in ("and", ","):
                break
            part_start = stops[at - 1].end() if at > 0 else 0
            part = window[part_start:stops[at].start()]
            if not self._joint_part(part):
                break
            first = (part_start + len(part) - len(part.lstrip()), part_start + len(part.rstrip()))
            if at > 0 and stops[at - 1].group() not in ("and", ","):
                break
        return first

    def _joint_part(self, part: str) -> bool:
        return bool(part.strip()) and len(part.split()) <= 6 and not _DIGIT.search(part) and (
            self._speaker_like(part) or bool(self.index.lookup("source", part.strip())))

    def _phrase_before(self, text: str, begin: int, verb_start: int) -> tuple[int, int] | None:
        # "Figures released by the Network on Monday showed", "Gaza's health ministry late on Sunday
        # said": the day between the speaker and the verb is no part of the speaker
        # "On Friday, Lt. X ... told", "Meanwhile the UN said", "In a statement posted on Facebook, the organization states"
        opening = _OPENING_ADVERBIAL.match(text, begin, verb_start) or self.statement_opener.match(text, begin, verb_start)
        if opening and opening.end() < verb_start:
            begin = opening.end()
        adjunct = _DAY_BEFORE_VERB.search(text, begin, verb_start)
        if adjunct and adjunct.group().strip(" ,") and adjunct.start() > begin:
            verb_start = adjunct.start()
        relay = _RELAY_ASIDE.search(text, begin, verb_start)
        if relay and relay.start() > begin:  # "A security source, according to Saba, said": the source speaks
            verb_start = relay.start()
        window = text[begin:verb_start]
        if _AND_END.search(window):
            return None  # "Activists documented 51 names and say ...": the subject is the first verb's
        acronym = _ACRONYM_END.search(window)
        if acronym:  # "The UN Office for the Coordination of Humanitarian Affairs (OCHA) said"
            return begin + acronym.start(1), begin + acronym.end(1)
        cut = 0
        for match in _STOP.finditer(window):
            cut = match.end()
        joint = self._first_of_joint(window, cut)
        if joint and not self.index.lookup("source", window[joint[0]:].strip()):
            # the claimant's words are all the speakers' (the evidence names each); the first is who
            # the claim is filed under (`_resolve`)
            whole = (begin + joint[0], begin + len(window.rstrip()))
            self._joint_first[whole + (text[whole[0]:whole[1]],)] = (begin + joint[0], begin + joint[1])
            return whole
        phrase = window[cut:]
        if not phrase.strip() or _ONLY_AUXILIARIES.fullmatch(phrase):
            # "the regional governor, Valentyn Reznichenko, had put the number of dead at 40"
            return self._subject_before_aside(text, begin, verb_start - len(phrase) + len(phrase.rstrip()) if phrase.strip()
                                              else verb_start)
        # "An AFP correspondent at the scene counted": a place phrase after the speaker's words
        stops = list(_STOP.finditer(window))
        # "Medics at a field clinic in the eastern district said", '"...," a nurse at the hospital
        # said': the noun before the place phrase speaks, unless the place phrase names a known
        # source ("doctors at the Observatory" is the Observatory). Looked at after the last stop
        # that is no place word.
        other = [m for m in stops if m.group().lower() not in ("at", "in a", "on")]
        seg_start = other[-1].end() if other else 0
        places_after = [m for m in stops if m.start() >= seg_start]
        segment = window[seg_start:]
        if places_after and not _DIGIT.search(segment) and len(segment.split()) <= 14:
            head = window[seg_start:places_after[0].start()]
            if self.index.lookup("source", segment.strip()):
                # the whole phrase is a known source's name: "a source at the Homs Governorate"
                start = begin + seg_start + len(segment) - len(segment.lstrip())
                return start, begin + seg_start + len(segment.rstrip())
            if (head.strip() and len(head.split()) <= 6 and self._speaker_like(head)
                    and not self.index.longest_inside("source", window[places_after[0].end():], min_length=3)):
                start = begin + seg_start + len(head) - len(head.lstrip())
                return start, begin + seg_start + len(head.rstrip())
        relatives = [n for n, m in enumerate(stops) if m.group().lower() in ("who", "which")]
        if relatives and relatives[-1] < len(stops) - 1 and not self._speaker_like(phrase):
            # "A security official who spoke on condition of anonymity said": a relative clause
            # with words of its own ("on", "to") between the speaker and the verb
            number = relatives[-1]
            head = window[stops[number - 1].end() if number else 0:stops[number].start()]
            if self._speaker_like(head) and len(head.split()) <= 8:
                return self._subject_before_aside(text, begin, begin + stops[number].start())
        if len(stops) >= 1 and stops[-1].group().lower() in ("at", "on", "in a", "who", "which", "that") \
                and not self._speaker_like(phrase):
            earlier = stops[-2].end() if len(stops) >= 2 else 0
            head = window[earlier:stops[-1].start()]
            relative = stops[-1].group().lower() in ("who", "which", "that")
            # "X told Amnesty International that he counted": a speech verb heads a clause, not a speaker's name
            told = self.speech["verbs"].regex.match(head.strip())
            if relative and self._speaker_like(head) and len(head.split()) <= 8 and not told:
                # "A security official who spoke on condition of anonymity said": the official
                return self._subject_before_aside(text, begin, begin + stops[-1].start())
            if len(window[earlier:].split()) <= 8 and self._speaker_like(head) and not _DIGIT.search(window[earlier:]) \
                    and not told:
                cut, phrase = earlier, window[earlier:]
        start = begin + cut + (len(phrase) - len(phrase.lstrip()))
        # drop auxiliaries/adverbs that sit between the subject and the verb ("He also claimed")
        tail = re.search(r"(?:\s+(?:also|later|earlier|had|has|have|was|were|then|previously|separately|quickly|"
                         r"repeatedly|initially|first|would|could|had also|has also))+\s*$", text[start:verb_start], re.IGNORECASE)
        stop = start + tail.start() if tail else verb_start
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        opener = self.statement_opener.match(text, start, stop)
        if opener:  # "In statement the ministry said", "In a post on Telegram, the governor said": the ministry, the governor
            start = opener.end()
        start, stop = _without_data_words(text, start, stop)
        reached = self.speech["reached_by"].search(text, start, stop)
        if reached and reached.start() > start:  # "A resident reached by telephone said": the resident
            stop = reached.start()
            while stop > start and text[stop - 1] in " ,":
                stop -= 1
        if stop - start > 120 or len(text[start:stop].split()) > 12:
            return None
        return (start, stop) if stop > start else None

    def _subject_before_aside(self, text: str, begin: int, verb_start: int) -> tuple[int, int] | None:
        """The subject of a speech verb that follows an aside: "Rami Abdel Rahman, director of
        the Observatory, told AFP"; "The Observatory, which tracks the war through a network of
        sources, said"; "The group's commander, Serhildan Amed, told". Of the comma-separated
        pieces before the verb (a relative clause skipped), a proper name or a known source wins,
        else the first piece."""
        cuts = [begin + 0] + [begin + m.end() for m in re.finditer(",", text[begin:verb_start])]
        if text[cuts[-1]:verb_start].strip():  # words after the last comma, up to the verb or aside
            cuts.append(verb_start)
        pieces = []
        for left, right in zip(cuts[:-1], cuts[1:]):
            piece = text[left:right - 1] if text[right - 1] == "," else text[left:right]
            stripped = piece.strip()
            if stripped:
                pieces.append((left + piece.index(stripped), left + piece.index(stripped) + len(stripped)))
        options = []
        for start, end in reversed(pieces[-3:]):
            words = text[start:end]
            named_as = self.speech["named_as"].search(words)
            if named_as and _NAME_OR_WORD.fullmatch(words[named_as.end():].strip()):
                # "..., who gave his name as Abu Samer, said": the name given speaks
                given = words[named_as.end():].strip()
                return start + words.index(given, named_as.end()), start + words.index(given, named_as.end()) + len(given)
            if _RELATIVE.match(words):
                continue
            if _DIGIT.search(words) and lexicon.any_kind_word().regex.search(words):
                break  # "..., 17 people lost their lives, said one of the aid workers": a toll, no subject before it
            acronym = _ACRONYM_AFTER.search(words)
            if acronym:  # "Doctors Without Borders (MSF), which runs a clinic, said": the name before it
                end -= len(words) - acronym.start()
                words = words[:acronym.start()]
            opener = _TIME_OPENER.match(words)
            if opener:  # "On Sunday evening the regional governor, ...": the governor
                start += opener.end()
                words = words[opener.end():]
            stop = None
            for stop in _STOP.finditer(words):
                pass
            if stop:  # "At a hospital in the town, Abu Bassam Shami" -> the words after the last clause word
                start += stop.end()
                while start < end and text[start].isspace():
                    start += 1
            if start >= end or len(text[start:end].split()) > _ASIDE_WORDS:
                break
            options.insert(0, (start, end))
        if not options:
            return None
        named = [o for o in options if self.index.lookup("source", text[o[0]:o[1]]) or _NAME.search(text[o[0]:o[1]])]
        # "The Ombudsman, Dmytro Lubinets, said": the person, as coders record the speaker
        people = [o for o in named if _NAME.search(text[o[0]:o[1]]) and not _BODY_WORDS.search(text[o[0]:o[1]])
                  and not _DETERMINER.match(text[o[0]:o[1]])]
        return (people or named or options)[0] if len(options) > 1 else options[0]

    def find(self, text: str, sentence_start: int, sentence_end: int, focus: int) -> Claimant:
        """The claimant of the figure or report at `focus` in the sentence."""
        candidates = []
        for start, end in self._speaker_spans(text, sentence_start, sentence_end):
            claimant = self._resolve(text, start, end)
            # "Hundreds have been killed in a new offensive, which the military has said aims to stop
            # ...": who speaks in a relative clause after the figure speaks of its antecedent
            if claimant and (start <= focus or not _IN_RELATIVE.search(text, max(0, start - 10), start)):
                candidates.append(claimant)
        cited = [c for c in candidates if _CITING.search(text, max(0, c.start - 8), c.start)]
        if cited and len(cited) < len(candidates) and min(c.start for c in candidates) < min(c.start for c in cited):
            # "Saudi media, citing an Interior Ministry official, said ...": who cites adopts the
            # figure; the one cited is its evidence (A07)
            candidates = [c for c in candidates if c not in cited]
        if candidates:
            # The claimant nearest before the focus wins; else the nearest after it.
            before = [c for c in candidates if c.start <= focus]
            chosen = max(before, key=lambda c: c.start) if before else min(candidates, key=lambda c: c.start)
            named = [c for c in before if not c.carried]
            if chosen.carried and named:
                # "A local official told Amnesty International that he had counted 19 bodies": "he"
                # is whom the sentence named as speaking before it, not someone of an earlier one
                chosen = max(named, key=lambda c: c.start)
            if chosen.end is not None and chosen.end <= focus and _ASIDE_ABOUT_SPEAKER.fullmatch(text, chosen.end, focus):
                # "Turkey, which already hosts 3.6 million refugees, said ...": the outlet's words
                # about the speaker, not what the speaker said
                return self.own_voice()
            if not chosen.carried:
                self._remember(chosen)
            return chosen
        quoted = self._quote_speaker(text, sentence_start, sentence_end)
        return quoted or self._given_by_next(text, sentence_end) or self.own_voice()

    def _given_by_next(self, text: str, sentence_end: int) -> "Claimant | None":
        """'Eleven people were killed ... The toll was given by the local council.': the next
        sentence names who gave this one's figures."""
        following = bisect_left(self._sentence_starts, sentence_end)
        if following >= len(self._sentence_starts):
            return None
        start, end = self._sentences[following]
        said_this = self.speech["said_this"].search(text, start, end)
        if not said_this and not lexicon.figures().search(text, start, end):
            said_this = self.speech["told_us"].search(text, start, end)  # a sentence of no figures of its own
        if said_this:
            span = self._phrase_before(text, start, said_this.start())
            return self._resolve(text, *span) if span else None
        if not self.speech["figures_subject"].search(text, start, min(end, start + 40)):
            return None
        given = self.speech["given_by"].search(text, start, end)
        if not given:
            return None
        span = self._phrase_after(text, given.end() + (1 if text[given.end():given.end() + 1] == " " else 0), end)
        return self._resolve(text, *span) if span else None

    def _quote_speaker(self, text: str, sentence_start: int, sentence_end: int) -> "Claimant | None":
        """A sentence inside a quotation whose speaker is named where the quotation closes, later
        in the paragraph ("We have received 82 bodies. Most are children," he said.)."""
        paragraph_end = text.find("\n", sentence_end)
        paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
        paragraph_start = text.rfind("\n", 0, sentence_start) + 1
        opened = _quote_open(text, paragraph_start, sentence_start) or text[sentence_start:sentence_start + 1] in _OPENING
        if not opened:
            return None
        return self._speaker_at_close(text, sentence_start, paragraph_end) \
            or self._speaker_before_quote(text, paragraph_start, sentence_start) \
            or self._speaker_of_quote_going_on(text, paragraph_start)

    def _speaker_of_quote_going_on(self, text: str, paragraph_start: int) -> "Claimant | None":
        """'"They took my husband out into the yard. ¶ "Two days later I found the two of them dead.':
        a paragraph that opens with a quotation mark after a paragraph whose quotation did not close
        goes on with it, in the words of whoever that paragraph named speaking (up to three back)."""
        start = paragraph_start
        for _ in range(3):
            if text[start:start + 1] not in _OPENING:
                return None
            before_end = start
            while before_end > 0 and text[before_end - 1].isspace():
                before_end -= 1
            before_start = text.rfind("\n", 0, before_end) + 1
            before = text[before_start:before_end]
            if not before or before[-1] in "”\"’»":
                return None  # the quotation before closed: this one is new
            for span_start, span_end in reversed(self._speaker_spans(text, before_start, before_end)):
                claimant = self._resolve(text, span_start, span_end)
                if claimant:
                    return claimant
            start = before_start
        return None

    def _speaker_before_quote(self, text: str, paragraph_start: int, sentence_start: int) -> "Claimant | None":
        """'Umm Khaled, a mother of four, described the walk. "There were 80 of us ... Nine did not
        make it."': a quotation no speech verb closes is the words of whom the sentence before it,
        in its paragraph, is about (its subject: a name, or a speaker noun)."""
        opening = max(text.rfind(mark, paragraph_start, sentence_start + 1) for mark in _OPENING)
        if opening <= paragraph_start:
            return None
        intro_start = max(paragraph_start, text.rfind(". ", paragraph_start, opening - 2) + 2)
        subject = _INTRO_SUBJECT.match(text, intro_start, opening)
        if not subject:
            return None
        words = _LOCATORS.split(subject.group(1))[0]  # "A nurse at the hospital": the nurse
        if not self._speaker_like(words):
            return None
        return self._resolve(text, subject.start(1), subject.start(1) + len(words))

    def _speaker_at_close(self, text: str, sentence_start: int, paragraph_end: int) -> "Claimant | None":
        """The speaker named where the quotation that holds the sentence closes."""
        close = _QUOTE_CLOSE.search(text, sentence_start, paragraph_end)
        for _ in range(3):  # a quotation running over paragraphs: each opens again, one closes
            if close:
                break
            following = text.find("\n", paragraph_end + 1)
            next_start = paragraph_end + len(text[paragraph_end:]) - len(text[paragraph_end:].lstrip())
            if next_start >= len(text) or text[next_start] not in _OPENING:
                return None
            paragraph_end = len(text) if text.find("\n", next_start) < 0 else text.find("\n", next_start)
            close = _QUOTE_CLOSE.search(text, next_start + 1, paragraph_end)
        if not close:
            return None
        spans = self._speaker_spans(text, close.start(), min(paragraph_end, close.end() + 160))
        for start, end in spans:
            if start >= close.start():
                claimant = self._resolve(text, start, end)
                if claimant:
                    return claimant
        return None

    def _speaker_spans(self, text: str, sentence_start: int, sentence_end: int) -> list[tuple[int, int]]:
        """The words that may name who speaks in the sentence, remembered: a sentence's figures
        and reports each ask for its claimant."""
        if text is not self._spans_text:
            self._spans_text, self._spans_of, self._named = text, {}, {}
        key = (sentence_start, sentence_end)
        if key not in self._spans_of:
            self._spans_of[key] = self._find_speaker_spans(text, sentence_start, sentence_end)
        return self._spans_of[key]

    def _find_speaker_spans(self, text: str, sentence_start: int, sentence_end: int) -> list[tuple[int, int]]:
        speech = self.speech
        spans = []
        for match in speech["according"].finditer(text, sentence_start, sentence_end):
            after = match.end()
            while after < sentence_end and text[after] == " ":
                after += 1
            span = self._phrase_after(text, after, sentence_end)
            if span and self._relays(text, sentence_start, match.start(), span[1], sentence_end):
                continue
            if span:
                spans.append(span)
        stretch = text[sentence_start:sentence_end]
        quoted_or_comma = "," in stretch or '"' in stretch or "”" in stretch or "’" in stretch or "'" in stretch
        inverted_verbs = set()  # where a verb that its speaker follows stands ("..., said the watchdog")
        for match in (self.inverted.finditer(stretch) if quoted_or_comma else ()):
            span = self._phrase_after(text, sentence_start + match.end(), sentence_end)
            if span and self.speech["clause_verbs"].search(text, *span):
                continue  # "X, a member of the council, said the hospital had run out of blood": what was said
            if span and match.group().startswith(","):
                comma = sentence_start + match.start()
                verb = comma + len(match.group()) - len(match.group().lstrip(", "))
                last_piece = text[max(sentence_start, text.rfind(",", sentence_start, comma) + 1):comma]
                subject = self._phrase_before(text, sentence_start, verb)
                if subject and self._speaker_like(last_piece) and self._speaker_like(text[subject[0]:subject[1]]):
                    # "Jelani Farhad, spokesman for the governor, said the Taliban attacked",
                    # "Provincial police chief, Mohammad Mayar, said police repelled ...": the verb
                    # has its subject before it; what follows it is what was said
                    continue
            if span:
                spans.append(span)
                if self._speaker_like(text[span[0]:span[1]]):
                    words = match.group()
                    inverted_verbs.add(sentence_start + match.start() + len(words) - len(words.lstrip(",”\"’' ")))
        trailing = _TRAILING_SPEAKER.search(text, max(sentence_start, sentence_end - 60), sentence_end)
        if trailing:
            spans.append((trailing.start(1), trailing.end(1)))
        leading = _LEADING_SPEAKER.match(text, sentence_start, sentence_end) \
            if ":" in text[sentence_start:sentence_start + 60] else None
        if leading:
            words = leading.group(1).strip()
            known = self.index.lookup("source", words) or self.index.lookup("source", _DETERMINER.sub("", words))
            if known or (not words[:1].isupper() or self.speech["speaker_nouns"].search(words)) and self._speaker_like(words):
                spans.append((leading.start(1), leading.start(1) + len(words)))
        for match in speech["verbs"].finditer(text, sentence_start, sentence_end):
            if _PASSIVE_BEFORE.search(text, max(sentence_start, match.start() - 24), match.start()):
                continue  # "150 residents are still listed as missing": no one speaks
            if match.start() in inverted_verbs:
                continue  # "... when a shell hit their house, said the watchdog": the words before are what was said
            if _PARTICIPLE.match(match.group()) \
                    and self._statement_before.search(text, max(sentence_start, match.start() - 24), match.start()):
                continue  # "In a statement posted on Facebook, ...": a participle of the statement, not its speaker's verb
            span = self._phrase_before(text, sentence_start, match.start())
            disputed = span and self.speech["disputing"].search(text, span[0], span[1])
            if disputed and match.group().lower().startswith("claim"):
                # "The ministry dismissed rebel claims that 25 soldiers died": the rebels claim it
                span = _owner_of_claims(text, disputed.end(), span[1])
            if span and self.characterising.search(text, max(sentence_start, span[0] - 12), span[1]):
                # "in what the UN describes as ...", "plunged the country into what the UN calls
                # ...": the UN's words for a thing, not a figure's claimant
                continue
            if span:
                spans.append(span)
        for match in _BY_COUNT.finditer(text, sentence_start, sentence_end):  # "By the Observatory's count, ..."
            group = 1 if match.group(1) else 2
            spans.append((match.start(group), match.end(group)))
        # "Figures released by the health ministry", "the Observatory's tally": the body that issued them
        return [_without_data_words(text, start, end) for start, end in spans]

    def _relays(self, text: str, sentence_start: int, according: int, end: int, sentence_end: int) -> bool:
        """"A security source in Saada, according to the Saba news agency, said that ...": an aside between
        a speaker and its verb names the channel that relayed the words, not who speaks."""
        if not text[sentence_start:according].rstrip().endswith(","):
            return False
        closed = _RELAY_CLOSE.match(text, end, sentence_end)
        return bool(closed) and bool(self.speech["verbs"].regex.match(text, closed.end()))

    def own_voice(self) -> Claimant:
        return Claimant(self.outlet or "unknown-outlet", None, None, None)

    # -- from words to a source -------------------------------------------------------------
    def _resolve(self, text: str, start: int, end: int) -> Claimant | None:
        first = self._joint_first.get((start, end, text[start:end]))
        if first:
            found = self._resolve(text, *first)
            return Claimant(found.claimant_id, text[start:end], start, end, new_source=found.new_source) if found else None
        words = text[start:end]
        bare = _DETERMINER.sub("", words.strip())
        # A definite description that is also a known source's alias ("the Observatory") names
        # that source; only a bare pronoun or description carries the speaker named before.
        known = self._of_this_war(self.index.lookup("source", words) or self.index.lookup("source", bare), words)
        if not known and (self.pronoun.match(bare) or self.pronoun.match(words.strip())):
            pronoun = (words.strip() if self.pronoun.match(words.strip()) else bare).lower()
            carried = (self._group_named_before(text, start) if pronoun in _GROUP_WORDS else None) \
                or self._carried(pronoun)
            if carried is not None:
                return Claimant(carried.claimant_id, words, start, end, carried=True)
            if bare.lower() in _BARE_PRONOUNS:
                return None
            # "the ministry said" with no ministry named before: the words name the speaker
        # Remembered (for the text of `_speaker_spans`): a name resolves the same way each time,
        # since a source it adds is kept and found again.
        if text is not self._spans_text:
            return self._resolve_name(text, start, end, words, bare)
        if (start, end) not in self._named:
            self._named[(start, end)] = self._resolve_name(text, start, end, words, bare)
        return self._named[(start, end)]

    def _carried(self, pronoun: str) -> "Claimant | None":
        """Who "he", "she" or "the group" is: the last person named as a speaker for a personal
        pronoun, the last body for "it" and a description, else whoever spoke last. A body's
        description with a noun of its own ("the monitor", "the council") is only a body it fits."""
        if pronoun.startswith("the same "):  # "The same sources also said": whoever spoke last
            return self.last
        if pronoun in _PERSONAL:  # "the governor" is the person named before, whose name holds no title
            # (no body: "the governor" after "the ministry said" is the governor)
            return self.last_person or (self.last if pronoun in _BARE_PRONOUNS else None)
        if pronoun in _IMPERSONAL and pronoun != "it":
            # "the ministry" is no person named before: else its words name it
            return self._fitting(pronoun, self.bodies)
        if not pronoun.startswith(("they", "he", "she")):
            return self._fitting(pronoun, self.bodies or ([self.last] if self.last else []))
        return self.last

    def _group_named_before(self, text: str, start: int) -> "Claimant | None":
        """"Al-Shabaab claimed responsibility for the attack. The group said it had killed more than
        20 soldiers": "the group" is the body the sentence before names, a known source that is no
        person (its last such name), whether or not it spoke there."""
        here = bisect_left(self._sentence_starts, start + 1) - 1
        if here < 1:
            return None
        before_start, before_end = self._sentences[here - 1]
        for name in reversed(list(_CAPITALISED.finditer(text, before_start, before_end))):
            words = _DETERMINER.sub("", name.group())  # "The YPG later took back two villages"
            found = self._of_this_war(self.index.lookup("source", words), words)
            source = self.sources.get(found[0]) if len(found) == 1 else None
            if source is not None and not _person_named(source.name):
                return Claimant(source.source_id, words, name.end() - len(words), name.end())
        return None

    def _fitting(self, description: str, speakers: list["Claimant"]) -> "Claimant | None":
        """The latest of the bodies named before that the description can name: a pronoun or a word any speaker takes ("the
        group", "the statement"), its own noun ("the council" for the town's council), or a noun of
        the words of its kind of source ("the monitor" for the Observatory, whose name says
        "observatory"); else None."""
        noun = description.split()[-1]
        # "the watchdog group": a word any speaker takes, with words of a kind of source before it
        rule = next((pattern for _, pattern in lexicon.source_kind_rules() if pattern.search(description)), None)
        if not speakers or description in _BARE_PRONOUNS or noun in _ANY_SPEAKER and rule is None:
            return speakers[-1] if speakers else None
        # "the monitor" fits the Observatory: the words of its kind of source stand in the body's names
        for speaker in reversed(speakers[-_BODIES_KEPT:]):  # the latest that fits
            source = self.sources.get(speaker.claimant_id) or self.added.get(speaker.claimant_id)
            names = " ".join([speaker.text or "", *([source.name, *source.aliases] if source else [])]).lower()
            if re.search(rf"\b{re.escape(noun)}", names) or (rule is not None and rule.search(names)):
                return speaker
        return None

    def note_speakers(self, text: str, sentence_start: int, sentence_end: int) -> None:
        """Remember who speaks in a sentence, figures or not: "X told AFP the toll was higher."
        is what a following "he said" refers to."""
        for start, end in self._speaker_spans(text, sentence_start, sentence_end):
            claimant = self._resolve(text, start, end)
            if claimant and not claimant.carried:
                self._remember(claimant)

    def _remember(self, claimant: "Claimant") -> None:
        self.last = claimant
        if claimant.start is not None:
            self.named_at[claimant.claimant_id] = claimant.start
        source = self.sources.get(claimant.claimant_id)
        # "Médecins Sans Frontières said ... . ..., it said": the capitalised name of a known body
        # (one with an acronym or a body's word among its names) is no person's
        body = source is not None and source.kind in _BODY_KINDS \
            and claimant.claimant_id in self.index.lookup("source", claimant.text or "") \
            and any(_ACRONYM.fullmatch(name) or _BODY_WORDS.search(name) for name in (source.name, *source.aliases))
        # "Prokopenko described the night"; "Abdi said" of a known source named "Mohamed Abdi"
        surname = bool(_LONE_NAME.fullmatch((claimant.text or "").strip())) \
            and (source is None or _person_named(source.name)) and not _BODY_WORDS.search(claimant.text or "")
        if not body and (_is_person(claimant.text or "") or surname):
            self.last_person = claimant
        elif not self._people(claimant.text or ""):  # "Medics said ... . ..., it says": "it" is no group of people
            self.bodies.append(claimant)

    def _people(self, words: str) -> bool:
        """Words naming several people ("Medics", "local officials", "residents of the town"),
        whom "they" refers to and "it" does not."""
        head = _LOCATORS.split(words.strip())[0].split()
        if not head:
            return False
        last = head[-1]
        common = last.islower() or len(head) == 1 or (len(head) == 2 and _DETERMINER.match(words.strip()))
        return common and last.lower().endswith("s") and bool(self.speech["speaker_nouns"].regex.fullmatch(last))

    def _resolve_name(self, text: str, start: int, end: int, words: str, bare: str) -> Claimant | None:
        if not re.search(r"[A-Za-z]", bare) or len(bare) < 2:
            return None
        found = self._of_this_war(self.index.lookup("source", words) or self.index.lookup("source", bare)
                                  or self._number_variant(bare), words)
        surname = found and bare.strip()[1:].islower() and any(
            f in self.sources and _person_named(self.sources[f].name) for f in found)
        if surname:
            # "Alwani said" of "Omar al-Alwani": a person's surname is a name, not common words; it is
            # the person the article names in full ("Serhildan Amed"), else the one whose alias it is
            named = self._named_in_full(bare)
            found = [named] if named else found
        elif found and bare.strip()[1:].islower():
            # "the Coalition said" in a story that named "the Saudi-led coalition": common words
            # name the source the article named in full, before the alias another war gave them;
            # "police said" in a story about Iraq names "Iraqi police", whose other words it holds
            named = self._named_in_full(bare)
            # a known source's own alias ("local officials") is not overruled by how often the
            # article names another country
            described = None if named else self._described(text, bare, dominance=False)
            fitting = named or (described if described and self._of_this_war([described], words) else None)
            found = [fitting] if fitting else found
        if not found:
            # "the General Coordination of Displaced Persons and Refugees in Darfur": a known name
            # that runs on past where the speaker's words were cut ("and", "in")
            longer = self._name_running_on(text, start + len(words.rstrip()) - len(bare), end)
            if longer:
                return Claimant(longer[0], text[start:longer[1]], start, longer[1])
            titled = self._titled_person(words, start, end)
            if titled:
                return titled
        if not found and _DESCRIBED_BODY.search(bare) and len(bare.split()) <= 3:
            # "an activist group says" in the lead: the body of that kind the article names, not the
            # activists ("an activist") whose alias its words begin with
            named = self._named_later(text, bare)
            if named:
                return Claimant(named.claimant_id, words, start, end)
        if not found:  # "an AFP correspondent"
            found = self._of_this_war(self.index.longest_inside("source", words, min_length=3), words)
        if not found:
            found = self._speaking_for_actor(words)
        role = _ROLE_OF.search(words) or (None if found else _ROLE_ALONE.fullmatch(bare.strip()))
        if not found and role:
            named = self._role_named_later(text, start, end, role.group(1))
            if named:
                return Claimant(named.claimant_id, words, start, end, new_source=named.new_source)
        if found:
            return Claimant(found[0], words, start, end)
        tail = bare.rsplit(",", 1)[-1] if "," in bare else ""
        # "the head of the council, Ali Mardini": the person; "the Ministry of Human Rights" is a
        # body, whose capitalised words are no person's name
        name_match = _NAME.search(tail) or (None if _BODY_WORDS.search(bare) else _NAME.search(bare))
        # "the governor of Turkey's Hatay province": a possessive is a place's or a body's, not a person's name
        name = name_match.group() if name_match and not _POSSESSIVE.search(name_match.group()) else None
        if name:
            best = process.extractOne(name, list(self.names), scorer=fuzz.ratio)
            if best and best[1] >= FUZZY_NAME_MIN_SCORE:
                return Claimant(self.names[best[0]], words, start, end)
        if not self._speaker_like(words):
            return None
        if not name and len(bare.split()) <= 3:
            named = self._named_later(text, bare)
            if named:
                return Claimant(named.claimant_id, words, start, end)
        if not name:
            described = self._described(text, bare)
            if described and self._of_this_war([described], words):  # not the "Syrian" one in a story about Yemen
                return Claimant(described, words, start, end)
            sided = self._sided_known(bare, words)
            if sided:
                return Claimant(sided, words, start, end)
        source = self._new_source(name or bare, words)
        return Claimant(source.source_id, words, start, end, new_source=source)

    def _role_named_later(self, text: str, start: int, end: int, role: str) -> "Claimant | None":
        """"Ousted Libyan leader Muammar Gaddafi's spokesman said ..." ¶ "Spokesman Moussa Ibrahim ...
        also said": the person the article names later with the same role (A72)."""
        title = re.compile(rf"\b{re.escape(role)}\s*,?\s+((?:al-)?[A-Z][\w'’-]+(?:\s+(?:al-|bin\s+|ibn\s+)?[A-Z][\w'’-]+){{1,3}})",
                           re.IGNORECASE)
        later = title.search(text, end, end + _ROLE_REACH)
        if later is None or not later.group(1)[0].isupper():
            # "Afghan spokesman: ..." in a headline, "Mohammad Radmanish, the deputy spokesman for the
            # Ministry of Defense, said" in the body: the name before the role in apposition (A76)
            later = re.compile(rf"({_PERSON}),\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,2}}{re.escape(role)}\b",
                               re.IGNORECASE).search(text, end, end + _ROLE_REACH)
            if later is None or not later.group(1)[0].isupper():
                return None
        return self._resolve_name(text, later.start(1), later.end(1), later.group(1), later.group(1))

    def _name_running_on(self, text: str, name_start: int, end: int) -> tuple[str, int] | None:
        """(source id, end) of the longest known name that begins where the speaker's words do
        and ends past them, within the sentence: an organisation's name with "and" or "in" in it."""
        if not text[name_start:name_start + 1].isupper():
            return None
        stop = _NAME_STOP.search(text, end, min(len(text), end + _NAME_RUNS_ON))
        limit = stop.start() if stop else min(len(text), end + _NAME_RUNS_ON)
        for edge in sorted((m.start() for m in _WORD_END.finditer(text, end + 1, limit)), reverse=True):
            found = self.index.lookup("source", text[name_start:edge])
            if found:
                return found[0], edge
        return None

    def _sided_known(self, bare: str, words: str) -> str | None:
        """"a security source told Saba", "the Ministry of Human Rights said" in Saba: the known source
        of the outlet's own side whose name holds the description ("Houthi security source
        (unnamed)", "Houthi-run Ministry of Human Rights"), where a party's or a state's media quotes
        an unnamed official or one of its side's bodies by common words."""
        outlet = self.sources.get(self.outlet or "")
        if outlet is None or outlet.kind not in _SIDED_MEDIA or not outlet.actor_id:
            return None
        key = " " + _normal(bare) + " "
        fitting = sorted({source_id for source_id, name in self._source_names if key in name
                          and self.sources.get(source_id) and self.sources[source_id].actor_id == outlet.actor_id})
        return fitting[0] if len(fitting) == 1 else None

    def _titled_person(self, words: str, start: int, end: int) -> Claimant | None:
        """"Gaza emergency services spokesman Ashraf Salem": the person named after a title, who
        speaks for the body named before it (a new person takes that body's kind and alignment)."""
        match = _titled_name().search(words)
        if not match:
            return None
        name = match.group("name")
        known = self.index.lookup("source", name)
        if not known:
            best = process.extractOne(name, list(self.names), scorer=fuzz.ratio)
            known = [self.names[best[0]]] if best and best[1] >= FUZZY_NAME_MIN_SCORE else []
        if known:
            return Claimant(known[0], words, start, end)
        body = self._of_this_war(self.index.longest_inside("source", words[:match.start()], min_length=3), words)
        speaks_for = (self.sources.get(body[0]) or self.added.get(body[0])) if body else None
        source = self._new_source(name, words, speaks_for)
        return Claimant(source.source_id, words, start, end, new_source=source)

    def _of_this_war(self, found: list[str], words: str) -> list[str]:
        """A known source named by common words that leave out its country ("a military source",
        "security sources") is that source only in an article that names the country: the
        reference's "Syrian military source" is not the speaker of a story about Yemen. A word of
        the source's name that begins like a country's name ("Syrian", "Lebanese") and is not in
        the speaker's words must stand in the article, by its first four letters."""
        if not found or not words.strip()[1:].islower():
            return found  # a proper name or an acronym ("the U.N.") names its source anywhere
        kept = []
        for source_id in found:
            source = self.sources.get(source_id) or self.added.get(source_id)
            if not source or self._country_fits(source.name, words):
                kept.append(source_id)
        return kept

    def _country_fits(self, name: str, words: str) -> bool:
        """Whether the article names the country of `name`'s words that `words` leaves out."""
        marks = self.index.country_marks(name, words)
        return not marks or any(w[:4] in self._stem_counts for w in marks)

    def _national_name(self, source: Source) -> str:
        """A source's name, or its actor's where its own says no country ("General Command of the
        Army and Armed Forces" speaks for the Syrian government forces)."""
        actor = self.index.reference.actors.get(source.actor_id) if source.actor_id else None
        return source.name if not actor or self.index.country_marks(source.name, "") else f"{source.name} {actor.name}"

    def _number_variant(self, bare: str) -> list[str]:
        """'a resident' names the source 'Residents'; 'activist' the source 'Activists'."""
        if not bare or " " in bare.strip() and len(bare.split()) > 3:
            return []
        variant = bare[:-1] if bare.endswith("s") else bare + "s"
        return self.index.lookup("source", variant)

    def _speaking_for_actor(self, words: str) -> list[str]:
        """'Hezbollah announced': the source that speaks for an actor named alone as the speaker."""
        actors = self.index.lookup("actor", words) or self.index.lookup("actor", _DETERMINER.sub("", words.strip()))
        if actors and words.strip()[1:].islower():
            # "the army said" in a story about Gaza: not the reference's "Syrian government forces"
            # (the document's own mentions name it where a place of its country stands in it)
            actors = [a for a in actors if a in self._actors_named
                      or self._country_fits(self.index.reference.actors[a].name, words)]
        if not actors:
            return []
        # "Hezbollah announced": the actor's own voice ("Hezbollah (statements)"), before "sources
        # close to" it and before its television station
        media = set(vocabulary()["media_kinds"])
        actor = _normal(self.index.reference.actors[actors[0]].name)
        speaking = sorted((s.kind in media, _normal(re.sub(r"\(.*?\)", "", s.name)) != actor, s.source_id)
                          for s in self.sources.values() if s.actor_id == actors[0])
        return [source_id for *_, source_id in speaking[:1]]

    def _described(self, text: str, bare: str, dominance: bool = True) -> str | None:
        """`_find_described`, once per description and article: an article says "police" many times."""
        key = ("described" if dominance else "described as named", bare)
        if key not in self._by_words:
            self._by_words[key] = self._find_described(text, bare, dominance)
        return self._by_words[key]

    def _find_described(self, text: str, bare: str, dominance: bool = True) -> str | None:
        """'police said' in a story about Mosul: the known source whose name holds the words and
        whose other words the article names ('Iraqi police', 'Mosul medics'); ambiguity unresolved
        by the article leaves the words to name a new source."""
        # "the Ministry of Health" is a "health ministry": the order its known names use
        bare = _BODY_OF.sub(lambda m: f"{m.group(2)} {m.group(1)}", bare)
        key = " " + _normal(_LOCATORS.split(bare)[0]) + " "
        if len(key.strip()) < 3:
            return None
        shortened = False
        standin = _PLACE_STANDIN.match(key)
        standin = standin if standin and not any(key in name for _, name in self._source_names) else None
        if standin:
            # "local health officials" in a story on Saada: the known source that names the place
            # instead ("Saada health officials"), only if the article names that place
            key, shortened = " " + key[standin.end():], True
        if not any(key in name for _, name in self._source_names):
            # "a police officer" is the police's: try without the person's title
            shorter = _PERSON_TITLE.sub(" ", key)
            shortened = len(shorter.strip()) >= 3 and shorter != key
            key = shorter if shortened else key
        scored = []
        for source_id, name in self._source_names:
            if key in name:
                # "the army said" in a story about Gaza: a name that says its country ("Syrian army")
                # comes last where the article does not name that country
                source = self.sources.get(source_id)
                marks = self.index.country_marks(self._national_name(source), bare) if source else []
                named = max((self._stem_counts[w[:4]] for w in marks), default=0)
                nation = -1 if marks and not named else 0
                # the name's own words: not those any speaker's name has ("source", "officials", "province")
                others = [w for w in name.split() if w not in key.split() and len(w) > 3 and w not in _GENERIC_NAME_WORDS
                          and not self.speech["speaker_nouns"].regex.fullmatch(w)]
                # a word of the name stands in the article, or a country word's stem does ("Iraqi police"
                # in a story on Iraq; not any word's: "accord" is no "according", "statements" no "state")
                present = sum(1 for w in others if w in self._article_words or w in marks and w[:4] in self._stem_counts
                              or standin and w in self._story_place_words)
                # (then the closest name: "aid workers in Tigray" before "aid workers and hospital officials in Tigray")
                scored.append([nation, present, named, -len(others), -len(name.split()), source_id])
        if not scored:
            return None
        # two countries' sources fit the words alike: the article's own country decides where it
        # names it far more often than any other (Israel 11 times, Lebanon once in a story on Gaza)
        # "authorities said" of a strike's dead: those who count them are the authorities of the place
        # hit, however often the article names the attacker's country (`place_side_words`, A64)
        if _PLACE_SIDE.search(key) and self._story_stem:
            home = {entry[-1] for entry in scored if entry[1] > 0 and self._of_story_country(entry[-1], by_place=True)}
            if len(home) == 1:
                return home.pop()
        counts = sorted({entry[2] for entry in scored if entry[2]}, reverse=True) + [0, 0]
        for entry in scored:
            entry[2] = int(dominance and entry[2] > 0 and entry[2] == counts[0] and counts[0] >= _COUNTRY_DOMINANCE * counts[1])
        scored = [tuple(entry) for entry in scored]
        scored_names = list(scored)
        # a source's best-fitting name speaks for it: its other aliases are no rival sources
        best_of: dict[str, tuple] = {}
        for entry in scored:
            best_of[entry[-1]] = max(best_of.get(entry[-1], entry), entry)
        scored = sorted(best_of.values(), reverse=True)
        best = scored[0]
        named_apart = any(entry[-1] == best[-1] and entry[3] < 0 for entry in scored_names)
        if best[1] == 0 and (len(scored) > 1 or shortened or named_apart):
            # "a rescue worker" is no International Rescue Committee's, "the health office" no
            # Hodeidah health office's, unless the article names the rest of the name
            return None
        if len(scored) > 1 and scored[1][:5] == best[:5]:
            # "officials say" in a story on Dnipro, where Ukraine's and Russia's officials fit alike:
            # the officials of the one country the story's places are in
            tied = [entry[-1] for entry in scored if entry[:5] == best[:5]]
            home = [source_id for source_id in tied if self._of_story_country(source_id)]
            return home[0] if len(home) == 1 else None
        return best[-1]

    def _of_story_country(self, source_id: str, by_place: bool = False) -> bool:
        """Whether the source's name (or its actor's) says the story's country; `by_place`: or names a
        place of it first of all ("Gaza authorities" in a story on Nuseirat)."""
        source = self.sources.get(source_id)
        if not (source and self._story_stem):
            return False
        if any(w.startswith(self._story_stem) for w in self.index.country_marks(self._national_name(source))):
            return True
        places = self.index.reference.places
        return by_place and any(
            places[found[0]].country == self._story_country
            for found in (self.index.lookup("place", w) for w in _CAPITALISED_WORD.findall(source.name)) if found)

    def _named_in_full(self, bare: str) -> str | None:
        """`_find_named_in_full`, once per description and article."""
        key = ("in full", bare)
        if key not in self._by_words:
            self._by_words[key] = self._find_named_in_full(bare)
        return self._by_words[key]

    def _find_named_in_full(self, bare: str) -> str | None:
        """The one known source whose longer name or alias holds the words and stands in the
        article ("Saudi-led coalition" for "the Coalition"); None if none or several do."""
        key = " " + _normal(bare) + " "
        if len(key.strip()) < 3:
            return None
        named = {source_id for source_id, name in self._source_names if key in name
                 and " " + _DETERMINER.sub("", name.strip()) + " " != key and name in self._article_normal}
        return named.pop() if len(named) == 1 else None

    def _named_later(self, text: str, description: str) -> "Claimant | None":
        """'a monitor said' in a lead, 'kill 45: monitor' in a headline: the speaker of that kind
        the article names (the Syrian Observatory, named in the next paragraph)."""
        kind = next((k for k, pattern in lexicon.source_kind_rules() if pattern.search(description)), None)
        if kind is None:
            return None
        # "A police official says ..." is the police chief the story names later ("Provincial
        # police chief, Mohammad Mayar, said"); "a security source" in a Houthi agency's story is
        # no coalition spokesman: an unnamed official's words other than the title stand where the
        # named speaker is introduced
        anonymous = _ANONYMOUS.search(description)
        qualifiers = set(_normal(description[:anonymous.start()]).split()) - {"a", "an", "the"} if anonymous else set()
        # "the enclave's health ministry" is a ministry the article names, not the "Israeli authorities" it
        # quotes later: a body's word in the description must be in the speaker's name (A78)
        bodies = {_normal(m.group()) for m in _NAMED_BODY_WORDS.finditer(description)}
        for speaker in self.article_speakers:
            source = self.sources.get(speaker.claimant_id) or self.added.get(speaker.claimant_id)
            if source and source.kind == kind and (not qualifiers or qualifiers & set(
                    _normal(text[max(0, speaker.start - _INTRODUCED):speaker.end]).split())) \
                    and (not bodies or all(b in _normal(source.name + " " + " ".join(source.aliases)) for b in bodies)):
                return speaker
        return None

    def prescan(self, text: str, spans: list[tuple[int, int]], actors_named: set[str] = frozenset(),
                places: list[tuple[str, str | None]] = (), story_places: list[str] = (),
                story_countries: set[str] = frozenset()) -> None:
        """Read who the article names as speakers, in order, before its first sentence is read.
        `actors_named`: the actors the document's mentions name (AliasIndex.find_mentions has
        decided whether "rebels" in it are the war's rebels). `places`: (name as written, country)
        of the places it names; two places of a country name it as its name would ("Idlib province
        ... Ariha ... Sarmin" is a story on Syria), one alone may be a stray ("al-Thawra" hospital).
        `story_places`: the names of the story's main place and its region, which "local" stands for;
        `story_countries`: the countries of the places it names, one of which decides between two
        countries' sources that fit "officials say" alike."""
        # the article's words first: resolving its speakers reads them (`_described`, `_of_this_war`)
        self._article_normal = " " + _normal(text) + " "
        self._by_words = {}
        self._article_words = set(self._article_normal.split())
        self._stem_counts = Counter(w[:4] for w in self._article_normal.split() if len(w) > 3)
        self._actors_named = actors_named
        self._story_place_words = set(_normal(" ".join(story_places)).split())
        only = next(iter(story_countries)) if len(story_countries) == 1 else None
        self._story_stem = (self.index.country_prefix(only) or "")[:4] or None
        self._story_country = only
        named_by: dict[str, set[str]] = {}
        for surface, country in places:
            if country:
                named_by.setdefault(country, set()).add(surface.lower())
        for country, surfaces in named_by.items():
            prefix = self.index.country_prefix(country)
            if prefix and len(surfaces) >= 2:
                self._stem_counts[prefix[:4]] += len(surfaces)
        found = []
        for start, end in spans:
            for span_start, span_end in self._speaker_spans(text, start, end):
                words = text[span_start:span_end]
                bare = _DETERMINER.sub("", words.strip())
                if _NAME.search(words) or self.index.lookup("source", words) or self.index.longest_inside("source", words):
                    claimant = self._resolve_name(text, span_start, span_end, words, bare)
                    if claimant:
                        found.append(claimant)
        self.article_speakers = found
        self._sentences = spans
        self._sentence_starts = [start for start, _ in spans]

    def _speaker_like(self, words: str) -> bool:
        """Words that can name a speaker: a proper name, or a speaker noun (machine.yaml), and no
        figure or toll word ("At least 11 fighters died in the clashes" is a clause, not a speaker)."""
        if _DIGIT.search(words) or any(m.group().islower() for m in lexicon.any_kind_word().regex.finditer(words)) \
                or _CLAUSE_INSIDE.search(words):
            return False
        if _NAME.search(words) or re.match(r"^[A-Z]{2,}", words.strip()):
            return True
        if _LONE_NAME.fullmatch(words.strip()) and words.strip() not in _NOT_SPEAKERS:
            return True  # a surname or a capital alone: "Prokopenko said", "Moscow denied"
        return self.speech["speaker_nouns"].search(words) is not None

    def _new_source(self, name: str, words: str, speaks_for: Source | None = None) -> Source:
        name = " ".join(name.split()).strip(" ,.'’\"")
        name = name[0].upper() + name[1:] if name else name
        outlet = self.sources.get(self.outlet or "")
        sided = speaks_for is None and outlet is not None and outlet.kind in _SIDED_MEDIA and bool(_ANONYMOUS.search(words.strip()))
        if sided:  # one source per outlet: Saba's "security source" is not a wire agency's
            name = f"{name} ({outlet.name})"
        source_id = slug(name, "unnamed-source")
        if source_id in self.sources:
            return self.sources[source_id]
        if source_id in self.added:
            return self.added[source_id]
        kind = next((k for k, pattern in lexicon.source_kind_rules() if pattern.search(words)), "political body")
        actor_id = None
        alignment = next((a for a, pattern in lexicon.source_side_rules() if pattern.search(words)), None) \
            or lexicon.raw()["kind_alignments"].get(kind, "unknown")
        actors = [m for m in self.index.find_mentions(words, [(0, len(words))]) if m.entity_kind == "actor"]
        if actors:  # "the Houthi-run health ministry": the actor named says whose side
            actor = self.index.reference.actors[actors[0].entity_id]
            actor_id = actor.actor_id if actor.kind == "person" else None
            alignment = vocabulary()["alignment_of_side"].get(actor.side, alignment)
        if sided:
            # "a security source told Saba": an unnamed official in a party's or a state's own
            # media is of that party's or state's side
            alignment, actor_id = outlet.alignment, outlet.actor_id
        if speaks_for is not None:  # a spokesman or official of a known body speaks for it
            kind, alignment, actor_id = speaks_for.kind, speaks_for.alignment, speaks_for.actor_id
        # (the words stay no alias where a known source answers to them already: "a military source"
        # of a story on Yemen is not Syria's, yet coders of Syria name theirs so; nor for an outlet's
        # unnamed official, whom other outlets' words would name too)
        alias = words.strip() != name and not sided and not self.index.lookup("source", words.strip())
        source = Source(source_id, name, kind, alignment, actor_id, (words.strip(),) if alias else (),
                        f"added by the machine extractor from {words.strip()!r}"
                        + (f", speaking for {speaks_for.name}" if speaks_for is not None else "")
                        + (", of the side of its outlet" if sided else ""))
        self.added[source_id] = source
        return source


def _owner_of_claims(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The words between a disputing verb and "claims", without article or possessive: "rebel"
    in "dismissed rebel claims", "militia" in "rejected the militia's claims"."""
    words = text[start:end]
    owner = _DETERMINER.sub("", words.lstrip())
    start = end - len(owner)
    end -= 2 if text[end - 2:end] in ("'s", "’s") else 0
    return (start, end) if end - start >= 3 else None


def _normal(words: str) -> str:
    return " ".join(_ALNUM.findall(words.lower()))


_ALNUM = re.compile(r"[a-z0-9]+")
_NAMES_OF: dict[int, tuple] = {}  # the sources of a build are one dict: their names are normalised once


_COUNTRY_DOMINANCE = 3  # times as often as the other country, for `_find_described` to choose between them


@lru_cache(maxsize=1)
def _titled_name() -> re.Pattern:
    """A title, any ranks, then a proper name ending the words (machine.yaml `person_titles`, `ranks`)."""
    speech = lexicon.raw()["speech"]
    titles, ranks = lexicon.alternation(speech["person_titles"]), lexicon.alternation(speech["ranks"])
    return re.compile(rf"\b(?i:{titles})\s+(?:(?:{ranks})\s+)*(?P<name>{_NAME.pattern})\s*$")


def _source_names(sources: dict[str, Source]) -> list[tuple[str, str]]:
    """Every name and alias of the known sources, lower case between spaces (for `_described`)."""
    key = (id(sources), len(sources))
    if key not in _NAMES_OF:
        _NAMES_OF.clear()
        _NAMES_OF[key] = (sources, [(s.source_id, " " + _normal(n) + " ") for s in sources.values()
                                    for n in (s.name, *s.aliases)])
    return _NAMES_OF[key][1]


# Where a description's locating words start: "medics at a field clinic in the west" -> "medics".
_LOCATORS = re.compile(r"\s+(?:at|in|on|from|of|near|with|inside|across)\s+", re.IGNORECASE)
_PERSON_TITLE = re.compile(r" (?:officers?|officials?|spokes(?:man|woman|person)|sources?|members?|doctors?|workers?) $")
_DIGIT = re.compile(r"\d")
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|been|being)\s+(?:still\s+|now\s+|also\s+|officially\s+)?$", re.IGNORECASE)
_NAME_RUNS_ON = 80  # how far past the speaker's words a known name may run on
_NAME_STOP = re.compile(r"[.;:,()\"“”]|\s(?:said|says|told|which|who|that)\b")
_WORD_END = re.compile(r"(?<=\w)(?!\w)")
_POSSESSIVE = re.compile(r"\w['’]s\b")
# A capitalised name, hyphenated or of several words ("Al-Shabaab", "Islamic State"), that may name a source
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:of\s+|al-)?[A-Z][\w'’-]+)*")
_LONE_NAME = re.compile(r"[A-Z][a-z’'-]{2,}")  # a surname or a capital alone: "Prokopenko said", "Moscow denied"
_BARE_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
# The word lists of speakers (machine.yaml `speech`), read once.
_SPEECH_WORDS = lexicon.raw()["speech"]
# Descriptions that name a group of people acting together, never one person
_GROUP_WORDS = frozenset(_SPEECH_WORDS["group_words"])
_PLACE_SIDE = lexicon.words_pattern(_SPEECH_WORDS["place_side_words"])
_CAPITALISED_WORD = re.compile(r"\b[A-Z][\w'’-]+")
# "local", "provincial": words that stand for the name of the story's place in a speaker's description
_PLACE_STANDIN = re.compile(r" (?:" + "|".join(_SPEECH_WORDS["place_standins"]) + r") ")
_PERSONAL = frozenset(_SPEECH_WORDS["personal_pronouns"])
_BODY_KINDS = frozenset(_SPEECH_WORDS["body_kinds"])
_ACRONYM = re.compile(r"[A-Z][A-Z.&]{1,9}")
_IMPERSONAL = frozenset(_SPEECH_WORDS["impersonal_pronouns"])
_BODIES_KEPT = 6  # how far back "the council" looks for the council among the bodies that spoke
_ANY_SPEAKER = frozenset(_SPEECH_WORDS["any_speaker_nouns"])
_GENERIC_NAME_WORDS = frozenset(lexicon.region_words() + _SPEECH_WORDS["generic_name_words"])
_NOT_SPEAKERS = frozenset(_SPEECH_WORDS["not_speakers"])
_SIDED_MEDIA = frozenset(_SPEECH_WORDS["sided_media"])
_INTRODUCED = 60  # how far before a speaker's name its title may stand ("Provincial police chief, Name")
_ANONYMOUS = re.compile(r"\b(?:" + "|".join(_SPEECH_WORDS["anonymous_heads"]) + r")$", re.IGNORECASE)
_PERSON_WORDS = lexicon.words_pattern(_SPEECH_WORDS["person_words"])
_BODY_WORDS = lexicon.words_pattern(_SPEECH_WORDS["body_words"])
_NAMED_BODY_WORDS = lexicon.words_pattern(_SPEECH_WORDS["named_body_words"])
_OPENING = "\"“‘«"
_QUOTE_CLOSE = re.compile(r"[”\"’»],?\s")


def _is_person(words: str) -> bool:
    """Whether the words that name a speaker name a person (for "he"/"she") rather than a body."""
    if _BODY_WORDS.search(words) and not _PERSON_WORDS.search(words):
        return False
    return bool(_PERSON_WORDS.search(words) or _NAME.search(words))


# "Gaddafi's spokesman", "the governor's aide": a role of someone the article may name later
_ROLE_OF = re.compile(r"['’]s?\s+(" + lexicon.alternation(_SPEECH_WORDS["role_words"]) + r")\s*$", re.IGNORECASE)
# A bare description of one role, or of one role and its country: "Afghan spokesman", "a spokesman".
_ROLE_ALONE = re.compile(r"(?:[A-Z][\w'’-]+\s+)?(" + lexicon.alternation(_SPEECH_WORDS["role_words"]) + r")", re.IGNORECASE)
_PERSON = r"(?-i:(?:al-)?[A-Z][\w'’-]+(?:\s+(?:al-|bin\s+|ibn\s+)?[A-Z][\w'’-]+){1,3})"
_ROLE_REACH = 2000  # how far on the article names the one in that role ("Spokesman Moussa Ibrahim")
_PARTICIPLE = re.compile(r"(?:" + lexicon.alternation(_SPEECH_WORDS["statement_participles"]) + r")\b", re.IGNORECASE)
_CITING = re.compile(r"\bciting\s+$")
# Words that open a sentence before its subject: "On Friday, ...", "Meanwhile the UN office said ...",
# "Yesterday, Tuesday, the network ..."
_OPENING_ADVERBIAL = re.compile(
    r"\s*(?i:" + lexicon.alternation(_SPEECH_WORDS["opening_words"]) + r")(?:,\s+[A-Z][a-z]+day)?(?:,\s*|\s+(?=the\b|[A-Z]))")
# (a clause, not a speaker: "the network released its monthly report that documented ...")
_CLAUSE_INSIDE = re.compile(r"\b[a-z]{3,}ed\s+(?:its|their|his|her|a|an|the)\s")
_DAY_BEFORE_VERB = re.compile(r"(?:,?\s+(?:late|early|earlier|later))?(?:,?\s+(?:on|this|last)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
                              r"Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?|\s+(?:late|early)\s+(?:on\s+)?\w+day)?,?\s*$")
# "By the Syrian Observatory's count, 112 fighters died"; "by the count of the UN mission"
_BY_COUNT = re.compile(r"\b[Bb]y\s+((?:the\s+)?[A-Z][^,;]{1,80}?['’]s?\s+(?:own\s+|latest\s+)?(?:count|tally|estimates?|reckoning|figures?))\b"
                       r"|\b[Bb]y\s+the\s+(?:count|tally|estimate|reckoning)\s+of\s+((?:the\s+)?[A-Z][^,;]{1,80}?)(?=[,;]|$)")


def _person_named(name: str) -> bool:
    """Whether a known source's name is a person's ("Mohamed Abdi", "Omar al-Alwani"): two to four
    capitalised words, no body's word, no acronym in brackets ("People's Protection Units (YPG)")."""
    name = name.strip()
    return "(" not in name and 2 <= len(name.split()) <= 4 and bool(_NAME.fullmatch(name)) and not _BODY_WORDS.search(name)


def _quote_open(text: str, start: int, end: int) -> bool:
    """Whether a quotation opened in text[start:end] is still open at its end."""
    curly_open, curly_close = text.count("“", start, end), text.count("”", start, end)
    if curly_open or curly_close:
        return curly_open > curly_close
    return text.count('"', start, end) % 2 == 1


