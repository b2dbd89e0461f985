"""The readable summary: per file, per rule, the count and the first examples."""

from __future__ import annotations

from migrate import codes
from migrate.report.model import FileResult, Report

EXAMPLES = 5


def _file_block(result: FileResult, lang: str) -> list[str]:
    status = "OK" if result.valid else "NG"
    what = f"{result.file_name} ({result.file_id})" if result.file_id else "?"
    guessed = " (guessed)" if result.encoding_guessed else ""
    lines = [
        f"{result.path}: {what}, {result.records} records, {result.encoding}{guessed} — {status}"
    ]
    by_code: dict[str, list[str]] = {}
    for f in result.sorted_findings():
        where = f"line {f.line}" if f.line else "file"
        rec = f" record {f.record}" if f.record else ""
        value = f" value={f.value!r}" if f.value not in (None, "") else ""
        by_code.setdefault(f.code, []).append(f"{where}{rec}{value}: {f.message(lang)}")
    order = sorted(result.counts, key=lambda c: (-codes.BY_CODE[c].severity.rank, c))
    for code in order:
        spec = codes.BY_CODE[code]
        n = result.counts[code]
        lines.append(f"  {code} {spec.slug} [{spec.severity.value}] × {n}")
        examples = by_code.get(code, [])
        lines += [f"    {e}" for e in examples[:EXAMPLES]]
        if n > min(len(examples), EXAMPLES):
            lines.append(f"    … {n - min(len(examples), EXAMPLES)} more")
    return lines


def render(report: Report, lang: str = "ja") -> str:
    """The readable summary in ``lang`` (Japanese by default)."""
    out = [
        f"migrate {report.tool_version} — layout {report.layout_id} {report.layout_version} "
        f"({report.spec})"
    ]
    for result in report.files:
        out += _file_block(result, lang)
    t = report.totals()
    verdict = "valid" if report.valid else "invalid"
    out.append(
        f"{verdict}: {t['error']} errors, {t['warning']} warnings, {t['info']} infos "
        f"in {len(report.files)} file(s)"
    )
    return "\n".join(out) + "\n"
