"""The dashboard's pages, read from pages.toml beside this file: one list for the app, the tests, the
load test and the benchmark, so that none of them can miss a page or know it by another name."""
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

LIST = Path(__file__).with_name("pages.toml")


@dataclass(frozen=True)
class Page:
    name: str
    file: str
    title: str
    heading: str
    icon: str
    filters: bool
    default: bool = False
    opened_with: dict[str, str] = field(default_factory=dict)

    @property
    def path(self) -> str:
        """Where the page is served: the default page at the root, every other at its name."""
        return "/" if self.default else f"/{self.name}"


def _read(path: Path = LIST) -> tuple[Page, ...]:
    pages = tuple(Page(**entry) for entry in tomllib.loads(path.read_text(encoding="utf-8"))["page"])
    if sum(page.default for page in pages) != 1:
        raise ValueError(f"{path.name}: exactly one page must be the default")
    return pages


PAGES = _read()
BY_NAME = {page.name: page for page in PAGES}
