"""Files a layout or mapping names (code tables, code maps): they must stay inside its folder.

A declaration is not data the user named: a path in it that leaves its folder
(``../../../etc/passwd``, an absolute path, a symlink out) is refused before anything is
read, and a file that cannot be read is described without quoting what it holds.
"""

from __future__ import annotations

import errno
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from migrate.errors import InputError, UsageError


class OutsideFolder(ValueError):
    """A declared path that resolves outside the declaring file's folder."""


def inside(base: Path, relative: str, root: Path | None = None) -> Path:
    """``base / relative``, resolved (symlinks followed); OutsideFolder if it leaves ``root``.

    ``root`` defaults to ``base``; the shipped layouts share ``layouts/codes/``, so their root
    is ``layouts/``. A symlink loop is NotRegularFile.
    """
    try:
        folder = (root or base).resolve()
        target = (base.resolve() / relative).resolve()
    except RuntimeError as exc:  # Python 3.11 says a symlink loop this way
        raise NotRegularFile(errno.ELOOP, "a symlink loop") from exc
    if not target.is_relative_to(folder):
        raise OutsideFolder(f"{relative}: leaves the folder {folder} (paths must stay inside it)")
    return target


def unquoted(exc: BaseException, limit: int = 200) -> str:
    """The first line of a reader's message, less what it quotes from the file.

    polars puts quoted data between backquotes; a message never carries a value of the data.
    """
    first = (str(exc).splitlines() or [type(exc).__name__])[0]
    return re.sub(r"`[^`]*(`|$)", "(…)", first)[:limit]


def unreadable(path: Path, exc: BaseException, kind: str) -> str:
    """Why ``path`` could not be read as ``kind``, never quoting the file's content."""
    if isinstance(exc, OSError):
        return f"cannot read {path}: {exc.strerror or str(exc) or type(exc).__name__}"
    if isinstance(exc, UnicodeDecodeError):
        return f"cannot read {path} as {kind}: not UTF-8 (byte {exc.start})"
    return f"cannot read {path} as {kind} ({type(exc).__name__})"


def refuse_overwriting(out_dir: Path, outputs: Iterable[str], inputs: Iterable[Path]) -> None:
    """UsageError (exit 2) when an output in ``out_dir`` would be written over an input."""
    sources = {p.resolve(): p for p in inputs}
    for name in outputs:
        hit = sources.get((out_dir / name).resolve())
        if hit is not None:
            raise UsageError(
                f"{out_dir / name} would overwrite the input {hit}: choose another -o OUT_DIR"
            )


class NotRegularFile(OSError):
    """A path that names something other than a regular file (FIFO, device, directory…)."""


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def regular_file(path: Path) -> Path:
    """``path`` when it names a regular file (symlinks followed), else NotRegularFile.

    Every opener of a file the user or a declaration names calls this first: a FIFO would
    block forever and ``/dev/zero`` never ends, so only regular files are read.
    """
    try:
        mode = path.stat().st_mode
    except OSError as exc:  # missing, a symlink loop (ELOOP), no permission
        why = "no such file or directory" if exc.errno == errno.ENOENT else exc.strerror
        raise NotRegularFile(exc.errno, why or type(exc).__name__) from exc
    if not stat.S_ISREG(mode):
        raise NotRegularFile(f"{_kind(mode)}: only regular files are read")
    return path


def require_regular(path: Path, kind: str) -> Path:
    """``regular_file`` for a file the user named: InputError (exit 2, one line) if not."""
    try:
        return regular_file(path)
    except NotRegularFile as exc:
        raise InputError(f"{path}: cannot read {kind}: {exc.strerror or exc}") from exc


def read_capped(path: Path, limit: int, kind: str) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; OSError (NotRegularFile) if not."""
    regular_file(path)
    with path.open("rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise NotRegularFile(f"larger than the {limit // 2**20} MiB a {kind} may hold")
    return data
