"""The two kinds of bad input: curated data that fails the build, documents that are skipped."""
from dataclasses import dataclass
from pathlib import Path


class BuildError(Exception):
    """An error in curated data (catalog, coded facts, reference data): the build stops."""

    def __init__(self, file: Path | str, line: int | None, message: str):
        self.file = str(file)
        self.line = line
        self.message = message
        where = f"{self.file}:{line}" if line else self.file
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class BuildWarning:
    """Something the build worked around; kept in the warehouse's `warnings` table."""

    file: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"
