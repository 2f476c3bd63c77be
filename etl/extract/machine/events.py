"""Events: a sentence with a trigger word ("stormed", "shelled", "recaptured", "massacre",
"warned civilians") that is dated or names where it happened becomes an event report with an
ACLED type and sub-type, a stance, actors and a date.

A sentence can report several happenings ("launched an offensive on Sunday, capturing an airport
..., while pushing toward Qardaha on Monday"): each clause's earliest trigger gives one report (a word
of any violence, "attack", only where the clause names no kind of attack: "a roadside bomb").
Territorial sub-types follow who acts: government forces capturing a place is "Government
regains territory", rebels doing it "Non-state actor overtakes territory".
"""
import re
from bisect import bisect_right
from dataclasses import dataclass

from etl.extract.machine import lexicon
from etl.extract.machine.text import Clause

# "fell to X", "the fall of Y to X": the actor after the trigger is the one who took the place.
_PASSIVE = re.compile(r"^(?:fell|fall of|fell to)$", re.IGNORECASE)
# "allowed the rebels to withdraw", "forced government forces to retreat": the actor named just
# before "to <trigger>" is who does it, whoever is the sentence's subject.
_INFINITIVE_SUBJECT = re.compile(r"\s+to\s+$", re.IGNORECASE)
_ALLY = re.compile(r"\b(?:backed by|aided by|supported by|alongside|with the help of|together with)\s+$", re.IGNORECASE)
# Past-tense or nominal triggers state that something happened; "could attack" does not.
_HYPOTHETICAL = re.compile(r"\b(?:could|would|might|may|if|whether|plans? to|threaten(?:s|ed)? to|fear(?:s|ed)? (?:that|of)|"
                           r"risk(?:s|ed)?|possible|likely|unlikely|aim)\b")  # case kept: "May 22" is a date


@dataclass
class Trigger:
    start: int
    end: int
    event_type: str
    sub_event_type: str
    rule: dict


def find_triggers(text: str, clause_spans: list[Clause]) -> list[tuple[Trigger, Clause, tuple[int, int]]]:
    """One trigger for each clause that has one (its earliest, a `generic` rule's only where no other
    rule's word stands in the clause; at one place the longer words win,
    "victory was declared" over "victory", then the rules' order), with the stretch of the sentence
    it governs: its clause and the clauses around it that report nothing of their own ("...,
    according to X")."""
    found: list[Trigger | None] = [None] * len(clause_spans)
    if not clause_spans:
        return []
    starts = [clause.start for clause in clause_spans]
    # One pass of each rule over the sentence (not one per clause): the word lists are long.
    for pattern, rule in lexicon.event_rules():
        for match in pattern.finditer(text, clause_spans[0].start, clause_spans[-1].end):
            number = bisect_right(starts, match.start()) - 1
            best = found[number]
            if match.end() > clause_spans[number].end:
                continue
            # (a word of any violence, "attack", yields to a word of a kind of attack in its clause)
            better = best is None or (best.rule.get("generic") and not rule.get("generic")) or (
                bool(best.rule.get("generic")) == bool(rule.get("generic")) and (
                    match.start() < best.start or (match.start() == best.start and match.end() > best.end)))
            if better:
                found[number] = Trigger(match.start(), match.end(), rule["type"], rule.get("sub_type") or "", rule)
    owner = list(range(len(found)))
    for number in range(len(found)):
        if found[number] is None:
            before = next((n for n in range(number - 1, -1, -1) if found[n]), None)
            after = next((n for n in range(number + 1, len(found)) if found[n]), None)
            # "..., and on 13 May tanks arrived, sparking battles": what a participle follows
            # is its cause, told with it.
            leads_in = after == number + 1 and _PARTICIPLE.match(text, clause_spans[after].start)
            owner[number] = after if (leads_in or before is None) and after is not None else before
    result = []
    for number, trigger in enumerate(found):
        if trigger is None:
            continue
        governed = [clause_spans[n] for n in range(len(found)) if owner[n] == number]
        result.append((trigger, clause_spans[number], (governed[0].start, governed[-1].end)))
    return result


_PARTICIPLE = re.compile(r"[,;]?\s*[a-z]+ing\b")


def denial_at(text: str, start: int, end: int) -> int | None:
    found = lexicon.pattern("denial_cues").search(text, start, end)
    return found.start() if found else None


def is_hypothetical(text: str, start: int, trigger: Trigger) -> bool:
    return bool(_HYPOTHETICAL.search(text, max(start, trigger.start - 40), trigger.start))


def roles(trigger: Trigger, actor_mentions, text: str) -> list[tuple[str, str]]:
    """(actor_id, role) of the actors of the sentence, by their place around the trigger."""
    before = [m for m in actor_mentions if m.char_end <= trigger.start]
    after = [m for m in actor_mentions if m.char_start >= trigger.end]
    passive = _PASSIVE.match(text[trigger.start:trigger.end])
    # The subject (the first actor named before the trigger) acts; "fell to X" turns it round.
    initiators = after[:1] if passive and after else before[:1]
    targets = before[:1] if passive and after else after[:1] if not passive else []
    if before and _INFINITIVE_SUBJECT.fullmatch(text[before[-1].char_end:trigger.start]):
        initiators = before[-1:]
    if trigger.rule.get("doer") == "target":
        # Who withdraws ("the rebels withdrew", "the withdrawal of government forces") loses the ground:
        # ACLED's target; the first other actor named, before or after, is the side that gains it.
        doers = initiators or after[:1]
        targets, initiators = doers, [m for m in before + after if m not in doers][:1]
    result = []
    for mention in actor_mentions:
        if mention in initiators:
            role = "initiator"
        elif mention in targets:
            role = "target"
        elif _ALLY.search(text[max(0, mention.char_start - 25):mention.char_start]):
            role = "initiator ally"
        else:
            role = "participant"
        if (mention.entity_id, role) not in result:
            result.append((mention.entity_id, role))
    return result


def sub_type_for(trigger: Trigger, actor_roles, actors) -> str:
    sides = trigger.rule.get("side")
    if not sides:
        return trigger.sub_event_type
    doer = trigger.rule.get("doer", "initiator")
    side = next((actors[a].side for a, role in actor_roles if role == doer and a in actors), None)
    return sides.get(side) or sides["default"]


def stance_of(text: str, start: int, end: int, source_kind: str | None, own_voice: bool) -> str:
    if lexicon.pattern("denial_cues").search(text, start, end):
        return "denies"
    if not own_voice and source_kind in _PARTIES:
        return "asserts"
    if lexicon.pattern("claim_cues").search(text, start, end):
        return "asserts"
    return "reports"


# Sources that are parties to the war (or speak for one): what they say happened is a claim.
_PARTIES = {"armed group", "government official", "state media", "party media", "opposition activist", "political body"}
