"""The seam every source goes through: text columns by item id, checked in one pass.

A delimited file (``engine``), a fixed-width or XML file's record kinds (``record_kinds``)
and an in-memory frame (``frames``) all reach ``check_values`` with the same shape, so every
rule, key and reference check runs the same way on each.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from uuid import uuid4

import polars as pl

from migrate.io.read_problems import Locator
from migrate.io.record_index import RecordIndex
from migrate.layout.model import FileSpec, Layout
from migrate.report.model import FileResult
from migrate.validate.compile import compile_rules, with_preludes
from migrate.validate.key_spill import KeySpill
from migrate.validate.malformed import malformed_findings
from migrate.validate.options import Options
from migrate.validate.package import Prepared
from migrate.validate.record_key import record_key
from migrate.validate.relations import duplicate_keys, missing_references, structure_findings
from migrate.validate.rule_pass import PassOptions, run_rules

# Records per query of the rule pass over a CSV file (see ``PassOptions.part_records``).
PART_RECORDS = 1_000_000


def check_values(
    values: pl.LazyFrame,
    index: Locator,
    spec: FileSpec,
    layout: Layout,
    columns: list[str],
    result: FileResult,
    options: Options,
    workdir: Path,
    *,
    size: int = 0,
    keyed: bool = True,
    transcoded_from: Path | None = None,
    part: Callable[[int, int | None], pl.LazyFrame] | None = None,
) -> Prepared:
    """The seam every source goes through: text columns by item id, checked in one pass.

    ``values`` holds the text columns named by item id (``columns``, the items present) and
    ``__record``; ``index`` locates the records. Runs every rule in one pass, the structure
    of a file's irregular records (``ST04``–``ST06``, and ``ST09`` located in the source
    ``transcoded_from`` when the text is a UTF-8 copy), then the duplicate keys. Findings
    carry the record's key unless ``keyed`` is False; ``size`` (bytes) scales the progress.
    ``part``: the values of a part of the records (first record, records or None for the
    rest), for a source that can skip to a record cheaply; a long one is then checked in
    parts of ``PART_RECORDS``.
    """
    available = set(columns)
    prepared = with_preludes(values, spec, layout, available)
    rules = compile_rules(spec, layout, available)
    spill = None
    if spec.keys and set(spec.keys) <= available:
        spill = KeySpill.for_records(workdir / f"keys-{uuid4().hex}", spec.keys, index.records())
    pass_options = PassOptions(
        workdir=workdir,
        cap=options.cap,
        show_values=options.show_values,
        key=record_key(spec, available) if keyed else None,
        progress=options.progress,
        size=size,
        keys=spill,
        part_records=PART_RECORDS if part is not None else None,
        part=_prepared_parts(part, spec, layout, available) if part is not None else None,
    )
    run_rules(prepared, rules, columns, index, result, pass_options)
    if isinstance(index, RecordIndex):
        structure_findings(index, result, options.cap)
        malformed_findings(index, result, options.cap, transcoded_from)
    if spill is not None:
        duplicate_keys(spill.later_duplicates(), spec, index, result, options.cap)
        shutil.rmtree(spill.folder, ignore_errors=True)
    return Prepared(spec, values, index, result, available)


def _prepared_parts(
    part: Callable[[int, int | None], pl.LazyFrame],
    spec: FileSpec,
    layout: Layout,
    available: set[str],
) -> Callable[[int, int | None], pl.LazyFrame]:
    """Each part's values with the rules' prelude columns, as the whole frame has them."""

    def prepared(first: int, records: int | None) -> pl.LazyFrame:
        return with_preludes(part(first, records), spec, layout, available)

    return prepared


def check_references(
    source: Prepared, prepared: dict[str, list[Prepared]], options: Options
) -> None:
    """Values of a 移行ファイル's reference fields must exist in the referenced 移行ファイル.

    A value may exist in any of its files, when the package holds several.
    """
    for ref in source.spec.references:
        targets = prepared.get(ref.file, [])
        if (
            not targets
            or not set(ref.fields) <= source.available
            or not all(set(ref.target_fields) <= t.available for t in targets)
        ):
            continue
        paths = ", ".join(t.result.path for t in targets)
        label = f"{targets[0].spec.name} ({paths})"
        fields = list(ref.target_fields)
        values = pl.concat([t.values.select(fields) for t in targets])
        missing_references(
            source.values,
            source.spec,
            source.index,
            ref,
            values,
            label,
            source.result,
            options.cap,
        )
