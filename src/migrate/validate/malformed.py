"""ST09: records whose quoting RFC 4180 does not allow, located by line and byte offset."""

from __future__ import annotations

from pathlib import Path

from migrate.io.delimited import LINE, REC
from migrate.io.record_index import RecordIndex, line_offsets
from migrate.report.model import FileResult, Finding


def malformed_findings(
    index: RecordIndex, result: FileResult, cap: int, transcoded_from: Path | None
) -> None:
    """One ST09 per badly quoted record (examples up to ``cap``, the count exact).

    Byte offsets are the source's: the index's own when it read the source itself, else
    (``transcoded_from``: the source of a UTF-8 copy) found by walking the source's lines.
    """
    bad = index.malformed()
    if bad.height == 0:
        return
    result.count("ST09", bad.height)
    shown = bad.sort(REC).head(cap)
    offsets = index.offsets
    if transcoded_from is not None:
        offsets = line_offsets(transcoded_from, shown[LINE].to_list())
    for rec, line in shown.select(REC, LINE).iter_rows():
        result.findings.append(
            Finding("ST09", result.path, line=line, record=rec, byte_offset=offsets.get(line))
        )
