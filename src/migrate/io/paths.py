"""Files a layout or mapping names (code tables, code maps): they must stay inside its folder.

A declaration is not data the user named: a path in it that leaves its folder
(``../../../etc/passwd``, an absolute path, a symlink out) is refused before anything is
read, and a file that cannot be read is described without quoting what it holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from migrate.errors import UsageError


class OutsideFolder(ValueError):
    """A declared path that resolves outside the declaring file's folder."""


def inside(base: Path, relative: str, root: Path | None = None) -> Path:
    """``base / relative``, resolved (symlinks followed); OutsideFolder if it leaves ``root``.

    ``root`` defaults to ``base``; the shipped layouts share ``layouts/codes/``, so their root
    is ``layouts/``.
    """
    folder = (root or base).resolve()
    target = (base.resolve() / relative).resolve()
    if not target.is_relative_to(folder):
        raise OutsideFolder(f"{relative}: leaves the folder {folder} (paths must stay inside it)")
    return target


def unreadable(path: Path, exc: BaseException, kind: str) -> str:
    """Why ``path`` could not be read as ``kind``, never quoting the file's content."""
    if isinstance(exc, OSError):
        return f"cannot read {path}: {exc.strerror or type(exc).__name__}"
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
