"""The corpus folder: stories streamed to JSON-lines files of a fixed number of lines each."""
import json
import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from etl.tools.synthesize.newsroom import Newsroom
from etl.tools.synthesize.story import Story
from etl.tools.synthesize.truth import campaigns
from etl.tools.synthesize.world import HERE, War, load_war

STYLES = HERE / "styles.yaml"
BATCH_NAME = "batch-{:04d}.jsonl"
BATCH_GLOB = "batch-[0-9][0-9][0-9][0-9].jsonl"


class CorpusError(Exception):
    """A corpus that cannot be written where asked; the message says why."""


@dataclass(frozen=True)
class Written:
    documents: int
    files: int
    war: str


def styles(words: dict | None = None) -> dict:
    """styles.yaml with a war's own words over it."""
    return merged(yaml.safe_load(STYLES.read_text(encoding="utf-8")), words or {})


def merged(base: dict, over: dict) -> dict:
    """`over` on `base`: mappings merge key by key, anything else replaces."""
    result = dict(base)
    for key, value in over.items():
        result[key] = merged(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return result


def line(number: int, story: Story) -> str:
    """One document: the catalog's fields beside its text (docs/document-formats.md, JSON lines)."""
    record = {"id": f"s{number:07d}", "title": story.title, "outlet": story.outlet.name, "kind": story.outlet.kind,
              "published": story.published.isoformat(), "text": story.text}
    return json.dumps(record, ensure_ascii=False) + "\n"


def _prepare(out: Path) -> None:
    """An empty folder for the corpus, or one that holds only an earlier corpus of ours (replaced):
    a corpus written into a folder of other documents would be built with them."""
    out.mkdir(parents=True, exist_ok=True)
    others = sorted(p.name for p in out.iterdir() if not p.match(BATCH_GLOB))
    if others:
        raise CorpusError(f"{out} holds other files ({', '.join(others[:3])}{', ...' if len(others) > 3 else ''}); "
                          f"write the corpus to a new or empty folder")
    for old in out.glob(BATCH_GLOB):
        old.unlink()


def _stories_per_campaign(war: War, field: dict, room: Newsroom, seed: int, sample: int = 400) -> float:
    """How many stories a campaign gets on average, from the first campaigns themselves: how many
    campaigns fill the war's period for the corpus asked for."""
    stories = 0
    for number, campaign in zip(range(sample), campaigns(war, field, seed, sample)):
        stories += sum(room.coverage(event) for event in campaign.incidents)
    return stories / sample


def synthesize(docs: int, out: Path, seed: int = 0, reference: Path | None = None, war: str | None = None,
               period: tuple[date, date] | None = None, per_file: int = 1000) -> Written:
    """Write `docs` stories into `out`, `per_file` to a file. Earlier batch files there are replaced."""
    _prepare(out)
    the_war = load_war(reference, war, period)
    field = styles(the_war.words)
    room = Newsroom(the_war, field, seed)
    expected = max(1, math.ceil(docs / _stories_per_campaign(the_war, field, room, seed)))
    written, files, handle = 0, 0, None
    try:
        for campaign in campaigns(the_war, field, seed, expected):
            for story in room.stories(campaign):
                if written % per_file == 0:
                    if handle:
                        handle.close()
                    handle = open(out / BATCH_NAME.format(files), "w", encoding="utf-8", newline="\n")
                    files += 1
                handle.write(line(written, story))
                written += 1
                if written == docs:
                    return Written(written, files, the_war.name)
    finally:
        if handle:
            handle.close()
    raise AssertionError("campaigns() never ends")
