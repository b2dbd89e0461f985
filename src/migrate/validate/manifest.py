"""The manifest of a validation: the layout file, every input hashed, the options, the times."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from migrate import __version__
from migrate.layout.model import Layout
from migrate.report.manifest import Hashed, InputFile, Manifest
from migrate.report.model import Report


def build_manifest(
    layout: Layout, report: Report, options: object, *, encoding: str | None, started_at: str
) -> Manifest:
    """Hash the layout and every input file the report names (each once, in report order)."""
    inputs: list[InputFile] = []
    seen: set[str] = set()
    for result in report.files:
        path = Path(result.path)
        if result.path in seen or not path.is_file():
            continue
        seen.add(result.path)
        if encoding is not None:
            source = "option"
        else:
            source = "guessed" if result.encoding_guessed else "layout"
        inputs.append(InputFile.of(path, result.encoding, source))
    return Manifest(
        command="validate",
        tool_version=__version__,
        layout_id=layout.id,
        layout_version=layout.version,
        layout_file=Hashed.of(layout.path) if layout.path else None,
        inputs=inputs,
        options=asdict(options),  # type: ignore[call-overload]
        started_at=started_at,
    )
