"""Tell which 移行ファイル of a layout a legacy export holds, for ``mapping draft``."""

from __future__ import annotations

from migrate.errors import UsageError
from migrate.layout.model import FileSpec, Layout
from migrate.mapping.match import match_headers, match_pairs
from migrate.mapping.profile import Sample
from migrate.mapping.proposal import Draft
from migrate.validate import identify

MIN_COVERAGE = 0.5  # share of the source's columns a 移行ファイル must name to be told


def _header_matches(layout: Layout, spec: FileSpec, sample: Sample) -> int:
    trial = Draft(sample, layout, spec, "", {})
    match_headers(trial)
    match_pairs(trial)
    return len(trial.proposals)


def tell_file(layout: Layout, sample: Sample, file_id: str | None) -> tuple[FileSpec, str]:
    """The target 移行ファイル and how it was told; UsageError listing the choices."""
    if file_id is not None:
        try:
            return layout.file(file_id), "given by --file"
        except KeyError as exc:
            raise UsageError(str(exc.args[0])) from exc
    header = list(sample.columns) if sample.header else []
    if header:
        # The 移行ファイル that explains most of the source's columns; ties by Jaccard.
        # identify.by_header alone picks 異動履歴 for a 住民 export whose 異動 columns
        # happen to carry the 異動履歴 names exactly.
        scores = []
        for s in layout.files:
            m = _header_matches(layout, s, sample)
            scores.append((m, m / (len(s.items) + len(header) - m), s))
        best = max(scores, key=lambda t: (t[0], t[1]))
        tied = [t for t in scores if (t[0], t[1]) == (best[0], best[1])]
        if best[0] >= MIN_COVERAGE * len(header) and len(tied) == 1:
            return best[2], "told from the header (the 移行ファイル naming most of its columns)"
    spec = identify.by_header(layout, header) if header else None
    if spec is not None:
        return spec, "told from the header (データ項目名称)"
    spec = identify.by_name(layout, sample.path)
    if spec is not None:
        return spec, "told from the file name"
    names = ", ".join(f"{f.id} ({f.name})" for f in layout.files)
    raise UsageError(
        f"{sample.path}: cannot tell which 移行ファイル of layout {layout.id} this is; "
        f"pass --file with one of: {names}"
    )
