"""A readiness verdict as a sign-off: its manifest, its 件数突合表 rows, its verdict.

The HTML and Excel renderers of ``migrate validate`` lay it out. The 件数突合表 has one row
per legacy 移行ファイル (records read, records without an error, records with one) and one per
target グループ (records read by its mapping, records that go in, records blocked). A dry run
writes nothing, so no row has rejected or written counts.
"""

from __future__ import annotations

from collections import abc

from migrate.layout.model import Layout
from migrate.mapping.model import Mapping
from migrate.readiness.model import Readiness
from migrate.report.manifest import Hashed, Manifest
from migrate.report.signoff import Reconciliation, SignOff, build, validation_rows
from migrate.version import __version__


def readiness_manifest(
    verdict: Readiness,
    target: Layout,
    mappings: abc.Sequence[Mapping],
    options: abc.Mapping[str, object],
) -> Manifest:
    """Hash the target layout and every mapping; legacy files as the source check hashed them."""
    return Manifest(
        command="readiness",
        tool_version=__version__,
        layout_id=target.id,
        layout_version=target.version,
        layout_file=Hashed.of(target.path) if target.path else None,
        mappings=[Hashed.of(m.path) for m in mappings],
        inputs=list(verdict.inputs),
        options={"source_layout": verdict.layout, **options},
    )


def readiness_rows(verdict: Readiness) -> list[Reconciliation]:
    """Per legacy file as validate counts it; per target グループ: read, go in, blocked."""
    rows = validation_rows([s.result for s in verdict.sources])
    rows += [
        Reconciliation(
            file=t.source,
            name=f"移行先 / target: {t.file_name} ({t.file_id})",
            records_in=t.records_in,
            valid=t.records_ready,
            with_errors=t.records_blocked,
        )
        for t in verdict.targets
    ]
    return rows


def readiness_signoff(verdict: Readiness, manifest: Manifest | None = None) -> SignOff:
    """The sign-off model of a readiness verdict: it passes when the source is ready."""
    report = verdict.report()
    report.manifest = manifest
    return build(report, rows=readiness_rows(verdict), fails=not verdict.ready)
