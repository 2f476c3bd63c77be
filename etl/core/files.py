"""Writing a file so that readers only ever see the old one or the new one, whole.

The new content goes to a temporary file beside the target, named after the target and the writing
process, and is renamed over the target (atomic on POSIX). A build killed half-way leaves only its
temporary file; the next write beside the same target removes those of processes that are gone.
"""
import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; writers there must not overlap
    fcntl = None


def temporary_for(target: Path) -> Path:
    return target.with_name(f".{target.name}.tmp-{os.getpid()}")


def remove_abandoned(target: Path) -> None:
    """Temporary files of `target` whose writing process no longer runs (killed, crashed)."""
    for leftover in target.parent.glob(f".{target.name}.tmp-*"):
        pid = leftover.name.rsplit(".tmp-", 1)[1].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _running(int(pid)):
            if leftover.is_dir():  # a database's own spill folder
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)


def remove_database(path: Path) -> None:
    """A DuckDB file being written and what DuckDB keeps beside it: its write-ahead log and the folder it
    spills to when a query needs more than its memory limit."""
    for leftover in (Path(path), Path(f"{path}.wal")):
        leftover.unlink(missing_ok=True)
    shutil.rmtree(f"{path}.tmp", ignore_errors=True)


def replace_durably(temporary: Path, target: Path) -> None:
    """Rename `temporary` over `target`, then make the rename itself survive a power cut."""
    with open(temporary, "rb+") as written:
        os.fsync(written.fileno())
    os.replace(temporary, target)
    try:
        folder = os.open(target.parent, os.O_RDONLY)
    except OSError:
        return  # not every system lets a folder be opened; the rename is still atomic
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: alive
    return True


# Sessions of one dashboard are threads of one process: this lock orders them on every system.
_IN_PROCESS = threading.Lock()


@contextmanager
def folder_lock(folder: Path):
    """Hold an exclusive lock on `folder` while the block reads, changes and replaces a file in it, so
    that two writers (two review sessions) cannot each replace the file with their own copy and lose
    the other's change: a lock between the threads of this process, and an advisory `flock` on the
    folder itself between processes (no lock file is left behind). Where `flock` is missing (Windows)
    or refused (some network file systems), only the first applies."""
    with _IN_PROCESS:
        handle = None
        try:
            if fcntl is not None:
                handle = os.open(folder, os.O_RDONLY)
                fcntl.flock(handle, fcntl.LOCK_EX)
        except OSError:
            pass  # no lock between processes here; the one between threads still holds
        try:
            yield
        finally:
            if handle is not None:
                os.close(handle)  # closing releases the flock
