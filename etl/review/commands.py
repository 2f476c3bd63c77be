"""The build and the export run as the commands a person types (`python -m etl build|export`), each in
a process of its own: the served dashboard reads the warehouse and never runs the build's code itself,
and a file it offers for download is the command line's file, byte for byte."""
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from etl.export.filters import command_options
from etl.export.formats import FORMATS
from etl.settings import ROOT

# One build at a time from this process (a first start, the Review page's "Rebuild now"): two at once
# would each extract every document, and one's file would replace the other's.
_BUILDING = threading.Lock()


class CommandFailed(RuntimeError):
    """A command that stopped with an error; the message is what it printed."""


def _run(arguments: list[str], timeout: float) -> tuple[bool, str]:
    """Run `python -m etl ...` with this interpreter, in the checkout it belongs to; its output."""
    try:
        done = subprocess.run([sys.executable, "-m", "etl", *arguments], cwd=ROOT, capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        printed = "".join(part.decode(errors="replace") if isinstance(part, bytes) else part or ""
                          for part in (exc.stdout, exc.stderr))
        return False, f"{printed}\nstopped after {timeout:.0f} s".strip()
    return done.returncode == 0, (done.stdout + done.stderr).strip()


def build_warehouse(corpus: Path, warehouse: Path, timeout: float, keep_mode: bool = False) -> tuple[bool, str]:
    """`python -m etl build` of `corpus` into `warehouse` (with `--keep-mode`: in the mode the file there
    was built in); whether it succeeded, and what it printed. The build replaces the file in one rename,
    so a failed or stopped build leaves the old warehouse as it was."""
    arguments = ["build", f"--docs={Path(corpus).resolve()}", f"--db={Path(warehouse).resolve()}"]
    with _BUILDING:
        return _run(arguments + (["--keep-mode"] if keep_mode else []), timeout)


def export(warehouse: Path, fmt: str, filters, base_url: str, timeout: float) -> bytes:
    """The bytes `python -m etl export --format FMT` writes for these filters (etl.export.filters)."""
    arguments = ["export", f"--format={fmt}", f"--db={Path(warehouse).resolve()}", f"--base-url={base_url}",
                 *command_options(filters)]
    with tempfile.TemporaryDirectory(prefix="export-") as folder:
        out = Path(folder) / f"export{FORMATS[fmt].suffix}"
        ok, printed = _run(arguments + [f"--out={out}"], timeout)
        if not ok:
            raise CommandFailed(printed)
        return out.read_bytes()
