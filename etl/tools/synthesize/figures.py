"""The figure a claimant puts on a true toll, and how it writes it.

A claimant's figure for one quantity is fixed by (seed, quantity, claimant) and the day it speaks:
two outlets quoting the Observatory on one day quote the same number, and a day later the
Observatory's count has risen. Partisan claimants lean by whose dead it is and whom the dead are
blamed on (styles.yaml, `leanings`)."""
from etl.tools.synthesize.draw import Draw
from etl.tools.synthesize.world import Voice

SIDE_OF_ALIGNMENT = {"pro-government": "government", "opposition": "opposition"}
FORCES_OF_SIDE = {"government": "government forces", "opposition": "opposition fighters"}
# Whose people a count counts, for how a side leans on it: the captured are soldiers, the rest
# (wounded, children, missing, displaced, trapped) civilians.
COUNTS_AS = {"captured": "government forces"}


class Figures:
    def __init__(self, styles: dict, seed: int):
        self.styles, self.seed = styles, seed
        self.leanings = styles["leanings"]
        words = styles["number_words"]
        self.units, self.tens = words["units"], words["tens"]

    def leaning(self, voice: Voice, category: str, blamed: str) -> tuple[float, float]:
        """The range of the factor `voice` puts on the true toll of `category`, the dead blamed on `blamed`."""
        side = SIDE_OF_ALIGNMENT.get(voice.alignment)
        category = COUNTS_AS.get(category, category)
        if side is None:
            return self.leanings.get(voice.alignment, self.leanings["unknown"])
        if category in FORCES_OF_SIDE.values():
            return self.leanings["own_dead" if FORCES_OF_SIDE[side] == category else "enemy_dead"]
        return self.leanings["civilians_blamed_on_own_side" if blamed == side else "civilians_blamed_on_enemy"]

    def stated(self, true: int, voice: Voice, quantity: str, category: str, blamed: str, days_after: int) -> int:
        """The number `voice` gives, `days_after` days after the quantity's first day: short of its
        own final count at first, reaching it as the days pass."""
        if true <= 0:
            return 0
        draw = Draw(self.seed, "figure", quantity, voice.source_id)
        factor = draw.uniform(*self.leaning(voice, category, blamed))
        share = min(1.0, draw.uniform(*self.styles["first_count"]) + self.styles["rise_per_day"] * days_after)
        return max(1, round(true * factor * share))

    def written(self, n: int, voice: Voice, draw: Draw, vague: bool = False, spell: bool = False,
                rounded: bool = False) -> str:
        """`n` as `voice` writes it: a hedge from its habits, rounded as the hedge suggests; `spell`:
        below ten in words; `rounded`: a hedge that rounds."""
        if vague:
            word = next((v["words"] for v in self.styles["vague"] if n >= v["from"]), None)
            if word:
                return word
        habits = self.styles["hedge_habits"]["rounded" if rounded else voice.alignment]
        hedge = draw.weighted(habits)
        if hedge in ("approximate", "upper", "below") and n < 10:
            hedge = "exact"
        if hedge in ("approximate", "upper", "below"):
            n = _round(n, up=hedge != "approximate")
        elif hedge == "lower" and n >= 30:
            n = _round(n, up=False)
        return draw.pick(self.styles["hedges"][hedge]).format(n=self.number(n, spell))

    def number(self, n: int, spell: bool = False) -> str:
        return self.units[n] if spell and n < 10 else grouped(n)

    def opening(self, text: str) -> str:
        """A sentence that opens with a figure in digits: spelt out below a hundred (B02), else
        led by "A total of"."""
        number = text.split(" ", 1)[0]
        if not number.replace(",", "").isdigit():
            return text[:1].upper() + text[1:]
        value = int(number.replace(",", ""))
        rest = text[len(number):]
        if value < 100:
            return self.words(value).capitalize() + rest
        return self.styles["opening_large"][0].format(fig=text)

    def words(self, n: int) -> str:
        if n < 20:
            return self.units[n]
        tens, unit = divmod(n, 10)
        return self.tens[tens] + (f"-{self.units[unit]}" if unit else "")


def _round(n: int, up: bool) -> int:
    """To two significant figures: "about 140", "nearly 1,500"."""
    step = 10 ** max(0, len(str(n)) - 2)
    if step == 1:
        step = 5 if n >= 30 else 1
    return ((n + step - 1) // step if up else n // step) * step or step


def grouped(n: int) -> str:
    """Thousands grouped as the English press writes them: 1,500."""
    return f"{n:,}"
