"""One story about an incident, sentence by sentence, in its outlet's style: the paragraphs its
style's plan lists (styles.yaml), each a claim of some voice in one of the field's constructions."""
import math
import re
from dataclasses import dataclass
from datetime import date

from etl.tools.synthesize.draw import Draw
from etl.tools.synthesize.figures import FORCES_OF_SIDE, grouped
from etl.tools.synthesize.truth import Campaign, Incident, incident
from etl.tools.synthesize.world import Outlet, Town, Voice, km_between

# Punctuation left by slots that end in an apposition's comma ("in X, a town in Y province,").
_CLEAN = ((re.compile(r",\s*,"), ","), (re.compile(r",\s*\."), "."), (re.compile(r"\s+([,.])"), r"\1"),
          (re.compile(r"  +"), " "))


@dataclass(frozen=True, slots=True)
class Story:
    outlet: Outlet
    published: date
    title: str
    text: str


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _clean(sentence: str) -> str:
    for pattern, replacement in _CLEAN:
        sentence = pattern.sub(replacement, sentence)
    return sentence


class StoryWriter:
    """One story: its paragraphs in the outlet's style, then its headline and dateline. `room` is the
    Newsroom: the war, the styles, the figures."""

    def __init__(self, room, campaign: Campaign, event: Incident, outlet: Outlet, published: date, draw: Draw):
        self.styles, self.war, self.figures, self.single = room.styles, room.war, room.figures, room.single
        self.campaign, self.event, self.outlet, self.published, self.draw = campaign, event, outlet, published, draw
        self.style = outlet.style
        self.named: set[str] = set()  # voices named once already: named again more briefly
        self.paragraphs: list[str] = []
        self.lead_figure, self.lead_category = 0, None
        self.lead_voice: Voice | None = None
        self.told_wounded = False
        fillers = self.styles["filler"]
        self.fillers_left = fillers["any"] + fillers["war"] + fillers.get(self.style, [])
        self.quotes_left = list(self.styles["quote_lines"])
        # Wires and newspapers spell out figures below ten (AP and Reuters style); bulletins use digits.
        self.spell = self.style in ("wire", "newspaper")

    # --- words -------------------------------------------------------------------------------------

    def pick(self, key_or_list):
        items = self.styles[key_or_list] if isinstance(key_or_list, str) else key_or_list
        return self.draw.pick(items)

    def of(self, table: dict | list, voice: Voice) -> str:
        """A word of `table` as `voice` says it: its alignment's list, else the default."""
        return self.pick(table if isinstance(table, list) else table.get(voice.alignment) or table["default"])

    def day(self, day: date, calendar: bool = False) -> str:
        lag = (self.published - day).days
        days = self.styles["days"]
        shapes = (self.styles["calendar_days"] if calendar else days[0] if lag == 0 else days[1] if lag == 1
                  else days["week"] if lag < 7 else days["later"])
        return self.pick(shapes).format(weekday=f"{day:%A}", month=f"{day:%B}", day=day.day, year=day.year)

    def start_day(self, day: date) -> str:
        """The first day of a battle, after "began on": its weekday within a week, else its date."""
        if (self.published - day).days < 7 and self.style != "un":
            return f"{day:%A}"
        return self.pick(self.styles["days"]["later"]).removeprefix("on ").format(month=f"{day:%B}", day=day.day)

    def region(self, town: Town) -> str:
        """The town's first-level region as a region: "Idlib province", "Donetsk Oblast"."""
        if set(town.province.lower().split()) & set(self.styles["region_words"]):
            return town.province
        return self.styles["region"].format(province=town.province)

    def town_slots(self, town: Town) -> dict:
        return {"town": town.name, "Town": town.name, "province": town.province, "Province": town.province,
                "region": self.region(town), "country": self.war.country_name, "Country": self.war.country_name,
                "outlet": self.outlet.short, "Outlet_full": _capital(self.outlet.voice.forms[0]),
                "Outlet_again": _capital(self.outlet.voice.again[0])}

    def place(self, town: Town, form: str) -> str:
        shapes = self.styles["places"]["state" if form == "in" and self.style == "state" else form]
        return self.pick(shapes).format(name=town.name, kind=town.kind, province=town.province,
                                        region=self.region(town))

    def attack(self, attack: str, voice: Voice) -> str:
        return self.of(self.styles["attacks"][attack]["names"], voice)

    def slots(self, event: Incident, voice: Voice) -> dict:
        attack = self.attack(event.attack, voice)
        place = self.place(event.town, "bare")
        return {**self.town_slots(event.town), "attack": attack, "Attack": _capital(attack),
                "attack_place": f"{attack} {self.styles['attacks'][event.attack]['prep']} {place}", "place": place,
                "in_place": self.place(event.town, "in"), "near_place": self.place(event.town, "near"),
                "when": self.day(event.day, self.style == "un")}

    def name(self, voice: Voice) -> tuple[str, bool]:
        """How the story names `voice`, and whether it has named it before."""
        again = voice.source_id in self.named
        self.named.add(voice.source_id)
        return self.pick(voice.again if again else voice.forms), again

    def attribute(self, clause: str, voice: Voice, front: bool = False) -> str:
        """The clause as `voice`'s words, in one of the style's attribution constructions; `front`:
        the clause's first words must open the sentence."""
        who, again = self.name(voice)
        if again:
            shape = self.pick("again_front" if front else "again")
        else:
            construction = self.draw.weighted(self.styles["attribution_habits"]["front" if front else self.style])
            shape = self.pick(self.styles["attributions"][construction])
        return _clean(shape.format(Clause=self.figures.opening(clause), clause=clause, claimant=who, again=who,
                                   Claimant=_capital(who), Again=_capital(who), outlet=self.outlet.short,
                                   weekday=f"{self.published:%A}"))

    # --- figures -----------------------------------------------------------------------------------

    def stated(self, event: Incident, category: str, voice: Voice, true: int | None = None) -> int:
        true = event.toll[category] if true is None else true
        return self.figures.stated(true, voice, f"{event.key}/{category}", category, event.doer,
                                   (self.published - event.day).days)

    def voice(self, alignment: str) -> Voice | None:
        """A voice of `alignment` other than the outlet itself (state media do not quote themselves)."""
        voices = [v for v in self.war.voices.get(alignment, ()) if v.source_id != self.outlet.voice.source_id]
        if not voices:
            return None
        picked = self.war.voices[alignment][self.war.voice_pickers[alignment].index(self.draw)]
        return picked if picked in voices else voices[0]

    def main_category(self, event: Incident) -> str:
        """What a story leads with: the civilians, unless the forces' dead are three times as many."""
        forces = max(FORCES_OF_SIDE.values(), key=lambda c: event.toll[c])
        civilians = event.toll["civilians"]
        return "civilians" if civilians and civilians * 3 >= event.toll[forces] else forces

    def clause(self, event: Incident, category: str, voice: Voice, shapes: list[str], vague: bool = False,
               true: int | None = None) -> tuple[str, int] | None:
        """A clause that states `voice`'s figure for `category` of `event`, and the figure."""
        n = self.stated(event, category, voice, true)
        if n < 2:  # a single death is told of a person ("a woman was killed"), not in these plural shapes
            return None
        kids = min(self.stated(event, "children", voice), n - 1) if category == "civilians" else 0
        wounded = self.stated(event, "wounded", voice)
        fight = self.styles["attacks"][event.attack]["doer"] == "both"  # "died in clashes with X" needs a fight
        shapes = [s for s in shapes if ("{kids}" not in s or kids > 1) and ("{wfig}" not in s or wounded > 1)
                  and ("{enemy}" not in s or fight)]
        if not shapes:
            return None
        shape = self.pick(shapes)
        self.told_wounded |= "{wfig}" in shape
        enemies = self.styles["enemies"].get(category)
        return shape.format(**self.slots(event, voice),
                            fig=self.figures.written(n, voice, self.draw, vague, self.spell),
                            victims=self.of(self.styles["victims"][category], voice),
                            kids=self.figures.number(kids, self.spell), wfig=self.figures.number(wounded, self.spell),
                            wounded=self.pick(self.styles["victims"]["wounded"]),
                            enemy=self.of(enemies, voice) if enemies else ""), n

    # --- paragraphs (the roles of a style's plan) --------------------------------------------------

    def add(self, sentence: str | None) -> None:
        if sentence:
            self.paragraphs.append(sentence)

    def lead(self) -> None:
        {"state": self.state_lead, "monitor": self.own_lead, "un": self.own_lead}.get(self.style, self.press_lead)()

    def press_lead(self) -> None:
        """A wire's or newspaper's lead: the toll as a voice of the style's choice gives it."""
        event = self.event
        category = self.main_category(event)
        weights = {a: w for a, w in self.styles["styles"][self.style]["lead"].items() if self.war.voices.get(a)}
        voice = self.lead_voice = self.voice(self.draw.weighted(weights)) if weights else self.outlet.voice
        made = self.clause(event, category, voice, self.styles["clauses"][f"{category} killed"])
        if not made:
            return
        self.lead_figure, self.lead_category = made[1], category
        self.add(self.attribute(made[0], voice))
        if category == "civilians" and not self.told_wounded and self.draw.chance(0.5):
            wounded = self.clause(event, "wounded", voice, self.styles["clauses"]["civilians wounded"])
            self.add(wounded and self.attribute(wounded[0], voice))
        if event.toll["missing"] and self.draw.chance(0.5):
            missing = self.clause(event, "missing", voice, self.styles["clauses"]["missing"])
            self.add(missing and self.attribute(missing[0], voice))

    def state_lead(self) -> None:
        """State media: the civilians the other side killed, else the army's success (whoever died
        where it struck were terrorists)."""
        event = self.event
        voice = self.voice("pro-government") or self.outlet.voice
        if event.doer == "opposition" and self.main_category(event) == "civilians":
            category = "civilians"
            made = self.clause(event, category, voice, self.styles["clauses"]["civilians killed"])
        else:
            category = "opposition fighters"
            made = self.clause(event, category, voice, self.styles["army_claims"], vague=self.draw.chance(0.3),
                               true=event.dead if event.doer == "government" else None)
        if made:
            self.lead_figure, self.lead_category = made[1], category
            self.add(self.attribute(made[0], voice))

    def own_lead(self) -> None:
        """A monitor's bulletin or a UN update: the toll in the outlet's own voice (an update relays
        local sources half the time)."""
        event, voice = self.event, self.outlet.voice
        category = self.main_category(event)
        shapes = (self.styles["clauses"][f"{category} killed"] if category != "civilians" else
                  self.styles["monitor_claims" if self.style == "monitor" else "un_claims"])
        made = self.clause(event, category, voice, shapes)
        if not made:
            return
        self.named.add(voice.source_id)
        self.lead_figure, self.lead_category = made[1], category
        relay = self.voice("unknown") if self.style == "un" and self.draw.chance(0.5) else None
        self.add(self.attribute(made[0], relay) if relay else _clean(f"{self.figures.opening(made[0])}."))

    def rival(self) -> None:
        """The other side's account: a partisan figure, or the government side's denial."""
        event = self.event
        if self.main_category(event) == "civilians":
            if event.doer == "government" and self.draw.chance(0.35):
                return self.denial()
            accuser = self.voice("opposition" if event.doer == "government" else "pro-government")
            made = accuser and self.clause(event, "civilians", accuser, self.styles["clauses"]["civilians killed"])
            self.add(made and self.attribute(made[0], accuser))
            return
        for alignment, enemy in (("pro-government", "opposition fighters"), ("opposition", "government forces")):
            voice = self.voice(alignment)
            if voice and self.draw.chance(0.7):
                army = alignment == "pro-government"
                shapes = self.styles["army_claims"] if army else self.styles["clauses"][f"{enemy} killed"]
                made = self.clause(event, enemy, voice, shapes, vague=army and self.draw.chance(0.3))
                self.add(made and self.attribute(made[0], voice))
                if not army and event.toll["captured"] and self.draw.chance(0.5):
                    taken = self.clause(event, "captured", voice, self.styles["clauses"]["captured"])
                    self.add(taken and self.attribute(taken[0], voice))

    def denial(self) -> None:
        voice = self.voice("pro-government")
        if voice:
            who, _ = self.name(voice)
            self.add(self.pick("denials").format(Claimant=_capital(who), town=self.event.town.name))

    def fighters(self) -> None:
        """The forces' dead at the same place, told after the civilians."""
        event = self.event
        voice = self.outlet.voice if self.style == "monitor" else self.lead_voice or self.voice("independent")
        if not voice or self.main_category(event) != "civilians":
            return
        for category in FORCES_OF_SIDE.values():
            if event.toll[category]:
                made = self.clause(event, category, voice, self.styles["clauses"][f"{category} killed"])
                self.add(made and self.attribute(made[0], voice))

    def quote(self) -> None:
        town = self.event.town.name
        if self.draw.chance(0.25) and self.event.toll["civilians"] > 3:
            n = max(2, self.event.toll["civilians"] // 2)
            self.add(self.pick("quotes_with_figure").format(n=n, town=town))
            return
        person = self.pick(self.war.people) if self.war.people else "one man"
        line = self.pick(self.quotes_left)
        self.quotes_left.remove(line)
        self.add(self.pick("quotes").format(quote=line, person=person, town=town, outlet=self.outlet.short))

    def running(self) -> None:
        """The battle's toll so far, and the people it has driven out or shut in."""
        campaign, published = self.campaign, self.published
        if not campaign.battle or published <= campaign.start:
            return
        since = self.pick("since").format(start=self.start_day(campaign.start))
        own = self.style in ("monitor", "un")
        voice = self.outlet.voice if own else self.voice(self.draw.weighted(self.styles["running_voices"]))
        voice = voice or self.outlet.voice
        days = (published - campaign.start).days
        kinds = [("killed", campaign.total("civilians", published))]
        if self.style == "un" or self.draw.chance(0.3):
            kinds.append(("displaced", campaign.displaced_per_day * days))
        if self.style == "un" and self.draw.chance(0.5):
            kinds.append(("trapped", campaign.trapped))
        for kind, true in kinds:
            n = self.figures.stated(true, voice, f"{campaign.key}/{kind}", "civilians", campaign.attacker, days)
            if n < 5:  # a battle's toll is told once it is one
                continue
            # Crowds on the move are counted in round numbers.
            written = self.figures.written(n, voice, self.draw, rounded=kind != "killed")
            victims = self.of(self.styles["victims"]["civilians"], voice)
            clause = self.pick(self.styles["running_claims"][kind]).format(fig=written, since=since,
                                                                           town=campaign.town.name, victims=victims)
            self.add(f"{self.figures.opening(clause)}." if voice is self.outlet.voice else self.attribute(clause, voice))

    def elsewhere(self) -> None:
        """Another incident of the day, told in one sentence (state media tell only the army's successes)."""
        draw = self.draw
        town = self.war.towns[self.war.town_picker.index(draw)]
        if town.place_id == self.event.town.place_id:
            return
        other = incident(self.styles, f"{self.event.key}-{town.place_id}", town, self.event.day,
                         draw.weighted(self.single), draw.pick(("government", "opposition")), draw)
        if self.style == "state":
            voice = self.voice("pro-government") or self.outlet.voice
            made = self.clause(other, "opposition fighters", voice, self.styles["army_claims"], true=other.dead)
        else:
            voice = self.outlet.voice if self.style == "monitor" else self.voice("independent") or self.outlet.voice
            category = self.main_category(other)
            made = self.clause(other, category, voice, self.styles["clauses"][f"{category} killed"])
        if made:
            sentence = self.pick("elsewhere").format(clause=made[0], region=self.region(town))
            own = voice is self.outlet.voice
            self.add(_clean(sentence) if own else self.attribute(sentence[:-1], voice, front=True))

    def background(self) -> None:
        """The whole war's toll (a running total of the country)."""
        if not self.war.war_voices:
            return
        voice = self.draw.pick(self.war.war_voices)
        true = self.war.killed_per_day * (self.published - self.war.began).days
        n = max(1000, self.figures.stated(true, voice, "war", "civilians", "none", 99) // 1000 * 1000)
        who, _ = self.name(voice)
        self.add(self.pick("war_claims").format(n=grouped(n), began=self.war.began_words, claimant=who,
                                                Claimant=_capital(who), country=self.war.country_name))

    def filler(self) -> None:
        if not self.fillers_left:
            return
        shape = self.pick(self.fillers_left)
        self.fillers_left.remove(shape)
        town = self.event.town
        city = self.war.nearest_city(town)
        self.add(shape.format(**self.town_slots(town), city=city.name, km=max(5, round(km_between(city, town) / 5) * 5),
                              direction=_direction(city, town, self.styles), year=self.war.period[0].year,
                              share=self.draw.between(20, 60)))

    # --- the story ---------------------------------------------------------------------------------

    def write(self) -> Story:
        for role, chance in self.styles["styles"][self.style]["plan"]:
            if self.draw.chance(chance):
                getattr(self, role)()
        while len(self.paragraphs) < self.styles["paragraphs"]["least"] and self.fillers_left:
            self.filler()
        title = self.headline()
        filed_from = self.pick(self.war.filed_from)
        opening = self.pick(self.styles["datelines"][self.style]).format(
            CITY=filed_from.upper(), City=filed_from, outlet=self.outlet.short, month=f"{self.published:%B}",
            day=self.published.day, PROVINCE=self.event.town.province.upper(), Province=self.event.town.province)
        body = [opening + self.paragraphs[0], *self.paragraphs[1:self.styles["paragraphs"]["most"]]]
        return Story(self.outlet, self.published, title, "\n\n".join([title, *body]) + "\n")

    def headline(self) -> str:
        key = self.style
        if key == "wire" and self.lead_category != "civilians":
            key = "wire_fighting"
        elif key == "state" and self.lead_category == "civilians":
            key = "state_civilians"
        shapes = [s for s in self.styles["headlines"][key] if "{n}" not in s or self.lead_figure]
        attack = self.attack(self.event.attack, self.outlet.voice)
        return _capital(self.pick(shapes).format(
            **self.town_slots(self.event.town), n=grouped(self.lead_figure), attack=attack, Attack=_capital(attack),
            kill="kill" if attack.endswith("s") else "kills", issue=self.draw.between(1, 20)))


def _direction(origin: Town, target: Town, styles: dict) -> str:
    """The compass point of `target` seen from `origin`."""
    bearing = math.degrees(math.atan2(target.longitude - origin.longitude, target.latitude - origin.latitude)) % 360
    return styles["directions"][int((bearing + 22.5) // 45) % 8]
