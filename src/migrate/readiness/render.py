"""The text form of a readiness verdict: per 移行ファイル, per target グループ, then the verdict."""

from __future__ import annotations

from migrate import codes
from migrate.readiness.model import Readiness, TargetReadiness
from migrate.report.model import FileResult, Finding


def _counts(counts: dict[str, int], lang: str) -> str:
    def one(code: str, n: int) -> str:
        c = codes.BY_CODE[code]
        return f"{code} {c.slug} × {n}"

    return ", ".join(one(c, n) for c, n in counts.items()) if counts else "-"


def _where(f: Finding) -> str:
    parts = [f"line {f.line}" if f.line else "", f"record {f.record}" if f.record else ""]
    return " ".join(p for p in parts if p) or "file"


def _examples(result: FileResult | None, lang: str, limit: int = 3) -> list[str]:
    """Up to ``limit`` examples per error code (values as the report masks them)."""
    if result is None:
        return []
    out: list[str] = []
    seen: dict[str, int] = {}
    for f in result.sorted_findings():
        if f.spec.severity.value != "error" or seen.get(f.code, 0) >= limit:
            continue
        seen[f.code] = seen.get(f.code, 0) + 1
        value = f" = {f.value}" if f.value not in (None, "") else ""
        out.append(f"      {f.code} {_where(f)}: {f.message(lang)}{value}")
    return out


def _target_lines(t: TargetReadiness, lang: str) -> list[str]:
    lines = [
        f"target {t.file_name} ({t.file_id}) ← {t.mapping}",
        f"  records: {t.records_in} in, {t.records_ready} go in, {t.records_blocked} blocked",
    ]
    conv = [c for c in t.conversions if c.changed or c.extra]
    if conv:
        lines.append("  converted (records per transform step):")
        for c in conv:
            extra = "".join(f", {k} {v}" for k, v in c.extra.items())
            lines.append(f"    {c.item} #{c.step} {c.transform}: {c.changed} changed{extra}")
    lines.append(f"  blocked by: {_counts(t.to_dict()['blocked_by_code'], lang)}")
    lines += _examples(t.findings, lang)
    lines.append(f"  characters outside 文字要件: {_counts(t.characters, lang)}")
    gaps = t.gaps.sorted_findings() if t.gaps else []
    for code, label in (
        ("CV05", "required items with no source"),
        ("CV06", "実装類型 ○ items with no source"),
    ):
        named = [f"{g.field} ({g.detail})" for g in gaps if g.code == code]
        lines.append(f"  {label}: {'; '.join(named) if named else '-'}")
    return lines


def render(r: Readiness, lang: str = "en") -> str:
    """The verdict as text; ``lang`` chooses the language of finding messages."""
    lines = [f"migrate readiness: {r.source} ({r.layout}) → {r.target}"]
    for s in r.sources:
        res = s.result
        lines.append(f"source {res.file_name} ({res.file_id}) {res.path}: {res.records} records")
        lines.append(f"  blockers: {_counts(s.blockers, lang)}")
        lines += _examples(res, lang)
    for t in r.targets:
        lines += _target_lines(t, lang)
    if r.uncovered:
        lines.append(f"target groups no mapping fills: {', '.join(r.uncovered)}")
    if r.cross is not None:
        n = r.cross.counts.get("CV07", 0)
        lines.append(f"cross-file: {n} 宛名番号 also in the exclusive file")
        lines += _examples(r.cross, lang)
    stages = "; ".join(f"{k} {_counts(v, lang)}" for k, v in r.blockers.items())
    verdict = "READY" if r.ready else f"NOT READY: {stages}"
    lines.append(f"verdict: {verdict}")
    return "\n".join(lines) + "\n"
