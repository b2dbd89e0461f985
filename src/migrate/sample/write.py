"""Write a generated package: one CSV per 移行ファイル, and defects.json when asked."""

from __future__ import annotations

import json
from pathlib import Path

from migrate.errors import UsageError
from migrate.io.atomic import write_bytes_atomic
from migrate.layout.model import (
    Layout,
)
from migrate.sample.defects import Defects
from migrate.sample.generate import generate, to_csv


def write_sample(
    layout: Layout,
    outdir: Path,
    *,
    rows: int = 100,
    seed: int = 0,
    encoding: str = "utf-8",
    defects: float = 0.0,
    file_id: str | None = None,
) -> list[Path]:
    """Generate and write ``<file_id>.csv`` per 移行ファイル (and defects.json); the paths."""
    if rows < 1:
        raise UsageError("--rows must be at least 1")
    if not 0.0 <= defects <= 1.0:
        raise UsageError("--defects must lie between 0 and 1")
    try:
        chosen = [layout.file(file_id)] if file_id is not None else list(layout.files)
    except KeyError as exc:
        raise UsageError(str(exc.args[0])) from exc
    frames = generate(layout, rows, seed)
    found = Defects(layout, frames, seed).run(defects) if defects > 0 else []
    written = []
    for spec in chosen:
        text = to_csv(frames[spec.id], spec, layout)
        path = outdir / f"{spec.id}.csv"
        write_bytes_atomic(path, text.encode(encoding))
        written.append(path)
    if defects > 0:
        ids = {f"{s.id}.csv" for s in chosen}
        doc = [d for d in found if d["file"] in ids]
        path = outdir / "defects.json"
        write_bytes_atomic(path, (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode())
        written.append(path)
    return written
