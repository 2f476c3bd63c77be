"""What "really" happened in a synthetic war: campaigns (a single incident, or a battle for a
town over weeks with an incident on some of its days), each incident with its place, day, kind
of attack, the side that struck and its true toll. Stories are written about these afterwards,
each claimant putting its own figure on them (figures.py)."""
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterator

from etl.tools.synthesize.draw import Draw
from etl.tools.synthesize.world import Town, War


@dataclass(frozen=True, slots=True)
class Incident:
    key: str
    town: Town
    day: date
    attack: str  # a key of styles.yaml's attacks
    doer: str  # the side that struck: government, opposition (both sides fight in clashes)
    toll: dict  # category -> the true number

    @property
    def dead(self) -> int:
        return self.toll["civilians"] + self.toll["government forces"] + self.toll["opposition fighters"]


@dataclass
class Campaign:
    key: str
    town: Town
    start: date
    attacker: str
    battle: bool
    incidents: list[Incident] = field(default_factory=list)
    displaced_per_day: int = 0
    trapped: int = 0

    def total(self, category: str, until: date) -> int:
        """The true running toll of the battle up to and including `until`."""
        return sum(i.toll[category] for i in self.incidents if i.day <= until)


def toll(attack: dict, draw: Draw) -> dict:
    """The true toll of one incident: civilians killed and the children among them, the wounded, the
    dead of each side's forces (the warehouse's victim classes), the missing, soldiers captured."""
    ranges = attack["tolls"]
    civilians = draw.between(*ranges["civilians"])
    dead_of_forces = {side: draw.between(*ranges[side]) for side in ("government forces", "opposition fighters")}
    wounded = round((civilians + sum(dead_of_forces.values())) * draw.uniform(*ranges["wounded_per_dead"]))
    others = {category: draw.between(*ranges.get(category, (0, 0))) for category in ("missing", "captured")}
    return {"civilians": civilians, "children": round(civilians * draw.uniform(*ranges["children"])),
            "wounded": wounded, **dead_of_forces, **others}


def incident(styles: dict, key: str, town: Town, day: date, attack_name: str, doer: str, draw: Draw) -> Incident:
    """An incident at `town` on `day`; `doer` strikes where the kind of attack leaves it open (clashes)."""
    attack = styles["attacks"][attack_name]
    side = attack["doer"] if attack["doer"] != "both" else doer
    return Incident(key, town, day, attack_name, side, toll(attack, draw))


def campaigns(war: War, styles: dict, seed: int, expected: int) -> Iterator[Campaign]:
    """Campaigns in order of their first day, spread over the war's period so that about
    `expected` of them fill it; more follow at random days if the stories need them."""
    start, end = war.period
    days = (end - start).days + 1
    battles = styles["battles"]
    single = {name: spec["weight"] for name, spec in styles["attacks"].items()}
    number = 0
    while True:
        draw = Draw(seed, "campaign", number)
        offset = int((number + draw.unit()) / expected * days) if number < expected else draw.between(0, days - 1)
        first = start + timedelta(days=offset)
        town = war.towns[war.town_picker.index(draw)]
        key = f"c{number:06d}"
        if draw.chance(battles["share"]):
            yield _battle(styles, key, town, first, draw)
        else:
            attack = draw.weighted(single)
            doer = draw.pick(("government", "opposition"))
            campaign = Campaign(key, town, first, doer, False)
            campaign.incidents.append(incident(styles, f"{key}-0", town, first, attack, doer, draw))
            yield campaign
        number += 1


def _battle(styles: dict, key: str, town: Town, first: date, draw: Draw) -> Campaign:
    battles = styles["battles"]
    attacker = "government" if draw.chance(0.65) else "opposition"
    campaign = Campaign(key, town, first, attacker, True, displaced_per_day=draw.between(*battles["displaced_per_day"]),
                        trapped=draw.between(*battles["trapped"]))
    length = draw.between(*battles["days"])
    for offset in range(length):
        if offset == 0 or draw.chance(battles["incident_days"]):
            attack = draw.weighted(battles["attacks"])
            doer = attacker if attack != "rebel shelling" else "opposition"
            campaign.incidents.append(incident(styles, f"{key}-{offset}", town, first + timedelta(days=offset),
                                               attack, doer, draw))
    return campaign
