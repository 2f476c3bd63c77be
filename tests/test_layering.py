"""The ETL's folders read in the order the data flows: each stage imports only the shared core
and the stages before it, so a newcomer can read ingest -> extract -> resolve -> load -> export
without meeting a later stage's code early."""
import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGES = ["core", "ingest", "extract", "resolve", "load", "export"]


def _etl_imports(path: Path) -> set[str]:
    """The module of etl each import of `path` reaches (`from etl import review` reaches etl.review)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "etl" and node.level == 0:
            names.update(f"etl.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
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


# --- Build, then serve: the dashboard reads the warehouse and asks etl through one door ------------------

SERVED = [ROOT / "streamlit_app.py", *sorted((ROOT / "dashboard").rglob("*.py"))]
INTERFACE = "etl.review"


def test_the_dashboard_imports_nothing_of_etl_but_the_review_interface():
    wrong = [f"{path.relative_to(ROOT)} imports {name}" for path in SERVED for name in sorted(_etl_imports(path))
             if name != INTERFACE]
    assert not wrong, "the dashboard reaches past etl.review:\n" + "\n".join(wrong)


def test_serving_loads_neither_the_build_nor_the_extractor():
    # What the interface itself imports counts too: run the server's modules in a fresh interpreter.
    probe = ("import sys, dashboard.bootstrap, dashboard.downloads, dashboard.settings, etl.review; "
             "print(' '.join(sorted(m for m in sys.modules if m == 'etl' or m.startswith('etl.'))))")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    loaded = done.stdout.split()
    assert INTERFACE in loaded
    assert not [m for m in loaded if m == "etl.build" or m.startswith(("etl.extract.machine", "etl.evaluate"))], loaded


def test_the_dashboard_serves_where_the_build_writes_by_default():
    from etl.settings import DEFAULT_DB, SEEDS_DIR

    probe = "from dashboard import settings; print(settings.WAREHOUSE); print(settings.CORPUS)"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin"})  # no CONFLICT_* variable: the defaults
    assert done.stdout.split("\n")[:2] == [str(DEFAULT_DB), str(SEEDS_DIR)], done.stderr
