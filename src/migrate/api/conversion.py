"""``convert`` and ``sample``: what ``migrate convert`` and ``migrate sample`` do.

The converter and the sample writer are imported when called: ``import migrate`` (which
re-exports these functions) and ``migrate validate`` need neither.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from migrate.api.validation import LayoutRef, as_layout
from migrate.convert.result import ConversionResult
from migrate.errors import UsageError
from migrate.mapping.model import Mapping

PathLike = str | os.PathLike[str]


def convert(
    source: PathLike | None,
    mappings: Sequence[PathLike | Mapping],
    *,
    out_dir: PathLike | None = None,
    dry_run: bool = False,
    max_errors: int | None = 100,
    show_values: bool = False,
    form: str = "csv",
) -> ConversionResult:
    """Convert the legacy file ``source`` by ``mappings``; what ``migrate convert`` does.

    ``mappings`` are paths or loaded mappings, one per target 移行ファイル; without
    ``source`` each mapping reads its ``source.path``.

    Writes ``<file>.csv``, ``rejects/`` and ``conversion-log.json`` into ``out_dir`` (give
    it, or ``dry_run``). ``ConversionResult.clean`` is true when no record was rejected;
    ``to_dict()`` is the conversion log. ``max_errors`` caps the findings listed per code
    (None or 0: all). ``form`` is what is written: ``csv``, or ``xml`` (the layout's XML
    form, docs/xml.md).
    """
    from migrate.convert.pipeline import ConvertOptions
    from migrate.convert.pipeline import convert as run_convert
    from migrate.mapping.loader import load_mapping

    loaded = [m if isinstance(m, Mapping) else load_mapping(Path(m)) for m in mappings]
    options = ConvertOptions(
        out_dir=Path(out_dir) if out_dir is not None else None,
        dry_run=dry_run,
        max_examples=max_errors or 2**31 - 1,
        show_values=show_values,
        form=form,
    )
    return run_convert(Path(source) if source is not None else None, loaded, options)


def sample(
    layout: LayoutRef,
    output: PathLike,
    *,
    file: str | None = None,
    rows: int = 100,
    seed: int = 0,
    encoding: str = "utf-8",
    defects: float = 0.0,
) -> list[Path]:
    """Write a synthetic, deterministic export package of ``layout`` into ``output``.

    One ``<file_id>.csv`` per 移行ファイル (or ``file`` only), all values invented. With
    ``defects`` (a share of records, 0 to 1) each chosen record gets one defect, listed in
    ``defects.json``. Returns the paths written.
    """
    from migrate.sample.write import write_sample

    resolved = as_layout(layout)
    if resolved.physical.fixed_width:
        raise UsageError(
            f"layout {resolved.id} is fixed-width: migrate sample writes delimited files"
        )
    return write_sample(
        resolved,
        Path(output),
        rows=rows,
        seed=seed,
        encoding=encoding,
        defects=defects,
        file_id=file,
    )
