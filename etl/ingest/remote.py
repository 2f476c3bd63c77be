"""A corpus at a URL: `--docs s3://bucket/corpus` (or gs://, az://, https://, memory://, file://),
read through fsspec into a staging folder, then built like any corpus folder.

Why staged and not read in place: every later stage reads the corpus as a folder (the catalog, the
documents, the coded facts in `facts/`), and the build reads every document once anyway (ingest
hashes each, and the warehouse keeps its text). Copying the folder's files once keeps one reading
path for a folder and a URL. The staging folder is named as the corpus is (the warehouse's
build_info records the corpus by name) and removed when the build ends, failed or not.

fsspec comes with the `cluster` extra (`pip install '.[cluster]'`); an object store needs its own
fsspec backend as well (s3fs, gcsfs, adlfs), which fsspec names when it is missing.
"""
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Iterator

from etl.core.errors import BuildError

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(location: str | Path) -> bool:
    """Whether `--docs` names a URL (scheme://...) rather than a folder of this machine."""
    return isinstance(location, str) and bool(_URL.match(location))


@contextmanager
def staged(location: str | Path) -> Iterator[Path]:
    """The corpus as a local folder: `location` itself, or a staging copy of the URL's files."""
    if not is_url(location):
        yield Path(location)
        return
    try:
        import fsspec
    except ImportError as missing:
        raise BuildError(location, None, "a corpus URL is read through fsspec: pip install '.[cluster]'") from missing
    try:
        fs, root = fsspec.core.url_to_fs(location)
    except (ImportError, ValueError) as exc:  # an unknown scheme, or its backend (s3fs ...) not installed
        raise BuildError(location, None, f"cannot read this URL: {exc}") from exc
    root = root.rstrip("/")
    if not fs.isdir(root):
        raise BuildError(location, None, "corpus folder not found at this URL")
    name = PurePosixPath(root).name or "corpus"
    with tempfile.TemporaryDirectory(prefix="corpus-") as staging:
        folder = Path(staging) / name
        folder.mkdir()
        for remote in fs.find(root):
            relative = PurePosixPath(remote[len(root):].lstrip("/"))
            if not relative.parts or any(part.startswith(".") for part in relative.parts):
                continue  # hidden files and folders (.git, .DS_Store) are no part of the corpus
            local = folder.joinpath(*relative.parts)
            local.parent.mkdir(parents=True, exist_ok=True)
            local.write_bytes(fs.cat_file(remote))
        yield folder
