"""The ETL's folders read in the order the data flows: each stage imports only the shared core
and the stages before it, so a newcomer can read ingest -> extract -> resolve -> load -> export
without meeting a later stage's code early."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGES = ["core", "ingest", "extract", "resolve", "load", "export"]


def _etl_imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {name for name in names if name == "etl" or name.startswith("etl.")}


def test_each_stage_imports_only_the_core_and_the_stages_before_it():
    wrong = []
    for position, stage in enumerate(STAGES):
        allowed = {"etl.settings"} | {f"etl.{s}" for s in STAGES[:position + 1]}
        for path in sorted((ROOT / "etl" / stage).rglob("*.py")):
            for name in _etl_imports(path):
                if not any(name == a or name.startswith(a + ".") for a in allowed):
                    wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not wrong, "imports against the flow of data:\n" + "\n".join(wrong)
