"""Rows a batch at a time (itertools.batched from Python 3.12, which the project does not require)."""
from collections.abc import Iterable, Iterator


def batched(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
