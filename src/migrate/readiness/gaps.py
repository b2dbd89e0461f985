"""Target items a mapping leaves empty (CV05, CV06); 宛名番号 shared with another file (CV07)."""

from __future__ import annotations

import io
from pathlib import Path

import polars as pl

from migrate.errors import InputError
from migrate.layout.model import Item
from migrate.mapping.model import Mapping
from migrate.report.model import MASK, FileResult, Finding


def _filled(mapping: Mapping) -> set[str]:
    """Target items the mapping gives a value: a source, a default or a constant."""
    return {
        m.target
        for m in mapping.items
        if m.source is not None or m.default is not None or m.const is not None
    }


def _condition(item: Item) -> str:
    std = item.standard
    if std is None:
        return "required" if item.required else ""
    text = std.output + (f": {std.condition}" if std.condition else "")
    return text + ("; 実装類型 ○" if std.implementation_required else "")


def unmapped(mapping: Mapping) -> FileResult:
    """The gaps of a mapping: CV05 and CV06 findings.

    CV05 for each required (必須) target item with no source; CV06 for each other item the
    target marks 実装類型 ○ with none.
    """
    spec = mapping.file
    result = FileResult(path=str(mapping.path), file_id=spec.id, file_name=spec.name)
    filled = _filled(mapping)
    for item in spec.items:
        if item.id in filled:
            continue
        std = item.standard
        required = item.required or (std is not None and std.output == "必須")
        if required:
            code = "CV05"
        elif std is not None and std.implementation_required:
            code = "CV06"
        else:
            continue
        where = str(mapping.path)
        result.add(Finding(code=code, file=where, field=item.name, detail=_condition(item)))
    return result


def read_column(path: Path, column: str, encoding: str) -> pl.Series:
    """One column of a delimited file with a header, as text (decoded strictly)."""
    try:
        text = path.read_bytes().decode(encoding)
    except (OSError, UnicodeDecodeError, LookupError) as exc:
        raise InputError(f"{path}: cannot read as {encoding}: {exc}") from exc
    frame = pl.read_csv(io.BytesIO(text.encode("utf-8")), infer_schema=False)
    if column not in frame.columns:
        raise InputError(f"{path}: no column {column!r} (columns: {', '.join(frame.columns)})")
    return frame[column]


def overlap(
    ours: pl.Series,
    theirs: pl.Series,
    where: str,
    field: str,
    label: str,
    show_values: bool,
    cap: int,
) -> FileResult:
    """CV07 for each record of ``ours`` whose value is also in ``theirs``.

    An exact count, the first ``cap`` listed (record numbers: 1-based data records of
    ``where``).
    """
    result = FileResult(path=where, file_id=None, records=len(ours))
    frame = pl.DataFrame({"v": ours}).with_row_index("record", offset=1)
    other = pl.DataFrame({"v": theirs.drop_nulls().unique()})
    hits = frame.join(other, on="v", how="semi").sort("record")
    for record, value in hits.head(cap).iter_rows():
        shown = value if show_values else MASK
        hit = Finding(
            code="CV07", file=where, record=record, field=field, value=shown, detail=label
        )
        result.add(hit)
    result.count("CV07", hits.height - min(cap, hits.height))
    return result
