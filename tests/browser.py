"""What the browser tests need besides the tests: the app as a deployment serves it, and Chromium.

The app is served the way Streamlit Community Cloud serves it: from a clean checkout of the committed
code, with only requirements.txt installed and no warehouse, so the entry point has to build it.
The browser is the system's Chromium (Debian's `chromium` package), driven by Playwright without a
browser download of its own.
"""
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
# A tall window: Streamlit scrolls its main area inside a container, so a full-page screenshot would
# show no more than the window does.
VIEWPORT = {"width": 1400, "height": 2200}
CHROMIUM_ENV = "CHROMIUM_PATH"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
# No sandbox: CI runs as root. /dev/shm is small in containers and Chromium crashes when it fills up.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
]
INSTALL_TIMEOUT = 900  # seconds for a fresh venv and requirements.txt
START_TIMEOUT = 180    # seconds for the server to answer its health check
RUN_TIMEOUT_MS = 180_000  # the first page of a fresh deployment builds the warehouse
SETTLE_MS = 800       # charts and the map draw a moment after the script has finished
WAREHOUSE_FILE = "warehouse/conflict.duckdb"
# What a reader sees when a page fails: Streamlit's exception box, and the page's own error alerts.
EXCEPTION = '[data-testid="stException"]'
ERROR_ALERT = '[data-testid="stAlertContentError"]'
# Streamlit has drawn the page: its script has run (the state is "initial" before the first run) and
# stopped, the running indicator is gone, and no element is still a placeholder (elements load their
# code after the run).
SETTLED = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.dataset.testConnectionState === 'CONNECTED'
        && app.dataset.testScriptState === 'notRunning'
        && !document.querySelector('[data-testid="stStatusWidget"]')
        && !document.querySelector('[data-testid="stSkeleton"], [data-testid="stAppSkeleton"]');
}"""


def chromium_path() -> str:
    """The browser to drive; the run fails (never skips) without it, saying how to get it."""
    path = os.environ.get(CHROMIUM_ENV) or DEFAULT_CHROMIUM
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        pytest.fail(
            f"No Chromium at {path}: the browser tests drive the system's Chromium. On Debian install it "
            f"with `apt-get install -y chromium` (as root), or point {CHROMIUM_ENV} at a Chromium or Chrome "
            f"binary. The README's test command installs it where it is missing.", pytrace=False)
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(command: list[str], cwd: Path, timeout: int, env: dict | None = None) -> None:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode:
        pytest.fail(f"`{' '.join(command)}` failed ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}",
                    pytrace=False)


def _clean_env() -> dict:
    """The environment of a fresh deployment: none of this project's settings, no test-run paths."""
    return {key: value for key, value in os.environ.items()
            if not key.startswith("CONFLICT_") and key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}


def clean_checkout(target: Path) -> Path:
    """The committed HEAD of this repository, as a fresh clone has it (work in progress is not in it)."""
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if head.returncode:
        pytest.fail(f"The deployment check clones this repository's HEAD, but {ROOT} is no git checkout:\n"
                    f"{head.stderr}", pytrace=False)
    _run(["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(target)], ROOT, 300)
    _run(["git", "checkout", "--quiet", "--detach", head.stdout.strip()], target, 300)
    return target


def install_requirements(checkout: Path) -> Path:
    """A venv with requirements.txt alone: what the deployment installs, not the test requirements."""
    venv = checkout.with_name(checkout.name + "-venv")  # beside the checkout, out of the server's file watcher
    _run([sys.executable, "-m", "venv", str(venv)], checkout, 300, _clean_env())
    _run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
          "-r", "requirements.txt"], checkout, INSTALL_TIMEOUT, _clean_env())
    return venv


@dataclass
class Server:
    """The app under test; without a checkout and a process, one that was already running."""
    url: str
    checkout: Path | None = None
    process: subprocess.Popen | None = None
    log: Path | None = None

    def log_tail(self, chars: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log and self.log.exists() else ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            # The server has its own process group: this ends it and any query worker it started.
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=20)


def start_server(checkout: Path, venv: Path, log: Path) -> Server:
    """`streamlit run streamlit_app.py` from the checkout, as the README and the deployment start it.

    Bound to the loopback address: the tests' browser is the only client the server should have.
    """
    port = free_port()
    command = [str(venv / "bin" / "streamlit"), "run", "streamlit_app.py", "--server.port", str(port),
               "--server.headless", "true", "--server.address", "127.0.0.1"]
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=checkout, env=_clean_env(), stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    server = Server(f"http://127.0.0.1:{port}", checkout, process, log)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The app exited ({process.returncode}) before answering:\n{server.log_tail()}", pytrace=False)
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=5) as answer:
                if answer.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    server.stop()
    pytest.fail(f"The app did not answer its health check within {START_TIMEOUT} s:\n{server.log_tail()}",
                pytrace=False)


def serve_deployment(base: Path) -> Server:
    """The app as a deployment runs it, from a clean checkout in `base`; the caller stops it."""
    checkout = clean_checkout(base / "app")
    if (checkout / WAREHOUSE_FILE).exists():
        pytest.fail("a clean checkout must not hold a warehouse", pytrace=False)
    venv = install_requirements(checkout)
    return start_server(checkout, venv, base / "streamlit.log")


class Offline:
    """Keeps a browser context off the network: only the app's own origin is reached, every other request
    is aborted and remembered, so that a test can say nothing tried to leave the machine."""

    def __init__(self, origin: str):
        self.origin = origin
        self.blocked: list[str] = []

    def attach(self, context) -> None:
        context.route("**/*", self._handle)

    def _handle(self, route) -> None:
        url = route.request.url
        if _origin(url) == self.origin:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("internetdisconnected")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def settle(page, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
    """Wait until Streamlit has drawn the page (`SETTLED`), then a moment for charts to draw."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_function(SETTLED, timeout=timeout_ms)
    page.wait_for_timeout(SETTLE_MS)


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def distinct_colours(png: bytes) -> int:
    image = Image.open(BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=image.width * image.height)
    return len(colours)
