"""The SQL page's example questions: the queries of sql_examples.sql, each under its `-- title:` line."""
import re
from dataclasses import dataclass
from pathlib import Path

EXAMPLES_FILE = Path(__file__).resolve().parent / "sql_examples.sql"


@dataclass(frozen=True)
class Example:
    title: str
    sql: str


def load_examples(path: Path = EXAMPLES_FILE) -> list[Example]:
    examples, title, lines = [], None, []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"--\s*title:\s*(.+)", line.strip())
        if match:
            if title:
                examples.append(Example(title, "\n".join(lines).strip()))
            title, lines = match.group(1).strip(), []
        elif title:
            lines.append(line)
    if title:
        examples.append(Example(title, "\n".join(lines).strip()))
    return examples
