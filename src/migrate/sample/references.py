"""References between generated files: referring fields sample the referenced file's records."""

from __future__ import annotations

import numpy as np
import polars as pl

from migrate.errors import UsageError
from migrate.layout.model import FileSpec, Layout, Reference
from migrate.sample.keys import key_carrier, sequence_values, sequence_within
from migrate.sample.streams import rng_for


def reference_order(layout: Layout) -> list[tuple[FileSpec, Reference]]:
    """References so that a file's fields are final before another file samples them."""
    refs = [(f, r) for f in layout.files for r in f.references]

    def touched(f: FileSpec, r: Reference) -> set[tuple[str, str]]:
        carrier = key_carrier(f)[1]
        extra = {carrier} if carrier and not set(f.keys) <= set(r.fields) else set()
        return {(f.id, x) for x in {*r.fields, *extra}}

    out: list[tuple[FileSpec, Reference]] = []
    while refs:

        def ready(fr: tuple[FileSpec, Reference]) -> bool:
            needs = {(fr[1].file, t) for t in fr[1].target_fields}
            return not any(needs & touched(*o) for o in refs if o is not fr)

        nxt = next((fr for fr in refs if ready(fr)), refs[0])
        refs.remove(nxt)
        out.append(nxt)
    return out


def apply_reference(
    frames: dict[str, pl.DataFrame], spec: FileSpec, ref: Reference, seed: int
) -> None:
    """Overwrite ``ref.fields`` with values sampled from the referenced file's records."""
    src, fields, targets = frames[spec.id], list(ref.fields), list(ref.target_fields)
    pool = (
        frames[ref.file]
        .select(targets)
        .filter(pl.all_horizontal([pl.col(t) != "" for t in targets]))
    )
    rng = rng_for(seed, "ref", spec.id, *fields)
    whole_key = bool(spec.keys) and set(spec.keys) <= set(fields)
    if whole_key:
        pool = pool.unique(maintain_order=True)
        if pool.height < src.height:
            raise UsageError(f"{spec.name}: {ref.file} has too few records to refer to")
        idx = np.sort(rng.choice(pool.height, src.height, replace=False))
    else:
        if pool.height == 0:
            raise UsageError(f"{spec.name}: {ref.file} has no records to refer to")
        idx = rng.integers(0, pool.height, src.height)
    picked = pool[idx].rename(dict(zip(targets, fields, strict=True)))
    src = src.with_columns(picked.get_columns())
    carrier = key_carrier(spec)[1]
    if spec.keys and not whole_key and set(spec.keys) & set(fields) and carrier:
        if carrier in fields:
            raise UsageError(f"{spec.name}: cannot keep the key unique under its references")
        others = [src[k] for k in spec.keys if k != carrier]
        src = src.with_columns(
            sequence_values(spec.item(carrier), sequence_within(*others)).alias(carrier)
        )
    frames[spec.id] = src


def row_count(spec: FileSpec, rows: int) -> int:
    """``rows``; 90% of it for a file whose whole key refers to another file's records."""
    whole = any(spec.keys and set(spec.keys) <= set(r.fields) for r in spec.references)
    return max(1, int(rows * 0.9)) if whole else rows
