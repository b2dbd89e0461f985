"""A conversion as a sign-off: its manifest, its reconciliation as 件数突合表 rows, its verdict."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from migrate.convert.options import ConvertOptions
from migrate.convert.result import ConversionResult
from migrate.mapping.model import Mapping
from migrate.report.manifest import Hashed, InputFile, Manifest
from migrate.report.signoff import Reconciliation, SignOff, build
from migrate.version import __version__


def conversion_manifest(
    mappings: Sequence[Mapping], result: ConversionResult, options: ConvertOptions
) -> Manifest:
    """Hash every mapping, the (first) layout file and every legacy file read."""
    layout = mappings[0].layout if mappings else None
    return Manifest(
        command="convert",
        tool_version=__version__,
        layout_id=layout.id if layout else "",
        layout_version=layout.version if layout else "",
        layout_file=Hashed.of(layout.path) if layout and layout.path else None,
        mappings=[Hashed.of(m.path) for m in mappings],
        inputs=[InputFile.of(Path(s.path), s.encoding, "mapping") for s in result.sources],
        options={
            "out_dir": str(options.out_dir) if options.out_dir else None,
            "dry_run": options.dry_run,
            "max_errors": options.max_examples,
            "show_values": options.show_values,
        },
    )


def reconciliation_rows(result: ConversionResult) -> list[Reconciliation]:
    """Per target: in = out + rejected; per fixed-width legacy file: read = assigned + not."""
    rows = [
        Reconciliation(
            file=t.source,
            name=f"{t.file_name} ({t.file_id})",
            records_in=t.records_in,
            valid=t.records_out,
            with_errors=t.records_rejected,
            rejected=t.records_rejected,
            out=t.records_out,
        )
        for t in result.targets
    ]
    rows += [
        Reconciliation(
            file=str(s.path),
            name="全レコード / all records",
            records_in=s.records_read,
            valid=s.records_claimed,
            with_errors=s.records_unassigned,
            rejected=s.records_unassigned,
            out=s.records_claimed,
        )
        for s in result.sources
        if s.form == "fixed-width"
    ]
    return rows


def conversion_signoff(result: ConversionResult, manifest: Manifest) -> SignOff:
    """The sign-off model of a conversion: it passes when it is clean (exit code 0)."""
    report = result.findings_report()
    report.manifest = manifest
    return build(report, rows=reconciliation_rows(result), fails=not result.clean)
