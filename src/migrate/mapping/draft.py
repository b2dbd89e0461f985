"""``migrate mapping draft``: propose a first mapping file from a legacy export, for review.

Reads a bounded sample (``profile``), tells the target 移行ファイル (``identify``), matches
columns to items (``match``, with the layout's aliases), proposes transforms (``propose``)
and writes commented YAML (``render``); see docs/mapping-draft.md.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from migrate.io.physical import parse_delimiter
from migrate.layout.catalog import resolve, shipped_layouts
from migrate.layout.model import Layout
from migrate.mapping.identify import tell_file
from migrate.mapping.match import match_headers, match_pairs, match_profiles, match_twins
from migrate.mapping.profile import Sample, profile, read_sample
from migrate.mapping.proposal import Draft
from migrate.mapping.propose import propose_steps
from migrate.mapping.render import render


@dataclass(frozen=True)
class DraftOptions:
    """What ``migrate mapping draft`` was asked for."""

    layout: str
    file_id: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    header: bool = True
    rows: int = 10_000


def propose(layout: Layout, sample: Sample, file_id: str | None = None) -> Draft:
    """Profile the sample, tell the 移行ファイル, match columns and propose transforms."""
    profiles = {c: p for c, p in zip(sample.columns, profile(sample), strict=True)}
    spec, how = tell_file(layout, sample, file_id)
    draft = Draft(sample, layout, spec, how, profiles)
    for step in (match_headers, match_pairs, match_profiles, match_twins):
        step(draft)
    draft.proposals = {i.id: draft.proposals[i.id] for i in spec.items if i.id in draft.proposals}
    for proposal in draft.proposals.values():
        propose_steps(proposal, draft)
    return draft


def _delimiter(value: str | None) -> str | None:
    if value is None:
        return None
    return parse_delimiter(value)


def file_reference(path: Path, output: Path | None) -> str:
    """The legacy file as the mapping names it: relative to the mapping file when written."""
    if output is None:
        return str(path.resolve())
    return os.path.relpath(path.resolve(), output.resolve().parent)


def layout_reference(name: str, output: Path | None) -> str:
    """How the mapping names its layout: the shipped id, or a path the mapping can resolve."""
    if name in shipped_layouts():
        return name
    path = Path(name).resolve()
    if output is None:
        return str(path)
    return os.path.relpath(path, output.resolve().parent)


def draft_mapping(path: Path, options: DraftOptions, output: Path | None = None) -> str:
    """The draft mapping YAML for the legacy export at ``path``."""
    layout = resolve(options.layout)
    with tempfile.TemporaryDirectory(prefix="migrate-draft-") as tmp:
        sample = read_sample(
            path,
            encoding=options.encoding,
            delimiter=_delimiter(options.delimiter),
            header=options.header,
            rows=options.rows,
            workdir=Path(tmp),
            fallback_delimiter=layout.physical.delimiter,
        )
    draft = propose(layout, sample, options.file_id)
    return render(draft, layout_reference(options.layout, output), file_reference(path, output))
