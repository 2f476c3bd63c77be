"""Seeded choices. Every choice is made from `random()` alone: of the random module, only that
sequence is promised to stay the same across Python versions, so a seed writes the same corpus
on any of them (choice() and randint() have changed their algorithms before)."""
import random
from bisect import bisect
from itertools import accumulate


class Draw:
    def __init__(self, *key):
        # A string seed is hashed with SHA-512 (the module's version 2 seeding): independent of
        # PYTHONHASHSEED, and two keys give independent streams.
        self._random = random.Random("/".join(map(str, key))).random

    def unit(self) -> float:
        return self._random()

    def uniform(self, low: float, high: float) -> float:
        return low + (high - low) * self._random()

    def between(self, low: int, high: int) -> int:
        """A whole number from low to high, both included."""
        return low + int(self._random() * (high - low + 1))

    def chance(self, p: float) -> bool:
        return self._random() < p

    def pick(self, items):
        return items[int(self._random() * len(items))]

    def weighted(self, weights: dict):
        """A key of `weights`, as likely as its weight."""
        keys = list(weights)
        return keys[Weighted(list(weights.values())).index(self)]


class Weighted:
    """Picks among many items by weight in log time (towns by their size)."""

    def __init__(self, weights):
        self.totals = list(accumulate(weights))

    def index(self, draw: Draw) -> int:
        return min(bisect(self.totals, draw.unit() * self.totals[-1]), len(self.totals) - 1)
