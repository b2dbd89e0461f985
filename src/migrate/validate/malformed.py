"""ST09: records whose quoting RFC 4180 does not allow, located by line and byte offset."""

from __future__ import annotations

from migrate.io.delimited import LINE, REC
from migrate.io.record_index import RecordIndex
from migrate.report.model import FileResult, Finding


def malformed_findings(index: RecordIndex, result: FileResult, cap: int, same_bytes: bool) -> None:
    """One ST09 per badly quoted record (examples up to ``cap``, the count exact).

    ``same_bytes``: the index read the source itself, so its byte offsets are the source's
    (a transcoded file's offsets would be the UTF-8 copy's, and are left out).
    """
    bad = index.malformed()
    if bad.height == 0:
        return
    result.count("ST09", bad.height)
    for rec, line in bad.sort(REC).head(cap).select(REC, LINE).iter_rows():
        offset = index.offsets.get(line) if same_bytes else None
        result.findings.append(
            Finding("ST09", result.path, line=line, record=rec, byte_offset=offset)
        )
