"""python -m etl.tools.synthesize --docs N --out DIR [--seed S] [--war NAME | --reference DIR --period A..B]"""
import argparse
import sys
import time
from datetime import date
from pathlib import Path

from etl.tools.synthesize.corpus import CorpusError, synthesize
from etl.tools.synthesize.world import WarError, profiles


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _period(text: str) -> tuple[date, date]:
    try:
        start, end = (date.fromisoformat(part.strip()) for part in text.split(".."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not START..END, e.g. 2022-02-24..2023-12-31") from None
    if end < start:
        raise argparse.ArgumentTypeError(f"{text!r} ends before it starts")
    return start, end


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m etl.tools.synthesize",
                                description="Write a synthetic corpus of war reporting as JSON lines the build reads.")
    p.add_argument("--docs", type=_count, required=True, help="how many documents (stories) to write")
    p.add_argument("--out", type=Path, required=True,
                   help="corpus folder to write (created if need be; batch-*.jsonl files already there are replaced)")
    p.add_argument("--seed", type=int, default=0, help="the same seed writes the same bytes (default: 0)")
    p.add_argument("--war", choices=sorted(profiles()), default=None,
                   help="a war profile of etl/tools/synthesize/wars.yaml (default: the reference folder's, else syria)")
    p.add_argument("--reference", type=Path, default=None,
                   help="the war's reference folder (default: the profile's, seeds/reference/ for syria)")
    p.add_argument("--period", type=_period, default=None, metavar="START..END",
                   help="days the incidents fall on (default: the profile's; required for a folder with no profile)")
    p.add_argument("--per-file", type=_count, default=1000, help="documents per batch-NNNN.jsonl file (default: 1000)")
    return p


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    started = time.perf_counter()
    try:
        written = synthesize(args.docs, args.out, args.seed, args.reference, args.war, args.period, args.per_file)
    except (WarError, CorpusError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: cannot write the corpus to {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"wrote {written.documents} documents of the war {written.war!r} in {written.files} files to {args.out} "
          f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
