"""The human summary of a conversion: reconciliation first, then what changed and why."""

from __future__ import annotations

from migrate.convert.result import ConversionResult, TargetResult
from migrate.report.model import FileResult


def _findings(result: FileResult | None, lang: str, limit: int = 5) -> list[str]:
    if result is None:
        return []
    lines = []
    for code, n in sorted(result.counts.items()):
        example = next((f for f in result.findings if f.code == code), None)
        what = example.message(lang) if example else ""
        where = ""
        if example is not None:
            place = f"line {example.line}" if example.line else f"byte {example.byte_offset}"
            where = f" (first: record {example.record}, {place})"
        lines.append(f"      {code} ×{n}: {what}{where}")
    return lines[:limit] + (
        [f"      … {len(lines) - limit} more codes"] if len(lines) > limit else []
    )


def _target(t: TargetResult, lang: str) -> list[str]:
    ok = "ok" if t.reconciled else "DOES NOT BALANCE"
    lines = [
        f"  {t.file_id} ({t.file_name}) ← {t.mapping}",
        f"    in {t.records_in} = out {t.records_out} + rejected {t.records_rejected}: {ok}",
    ]
    changed = [s for s in t.steps if s.counts.get("changed") or s.counts.get("unconverted")]
    for s in changed:
        extra = {k: v for k, v in s.counts.items() if k not in ("values", "changed", "unconverted")}
        more = "".join(f", {k} {v}" for k, v in extra.items() if v)
        lines.append(
            f"    {s.item} #{s.index} {s.transform}: {s.counts['values']} values, "
            f"{s.counts['changed']} changed, {s.counts['unconverted']} unconverted{more}"
        )
    for item, n in t.defaulted.items():
        if n:
            lines.append(f"    {item}: default used {n} times")
    for name, report in t.code_maps.items():
        mapped = sum(report["targets"].values()) - sum(report["unmapped"].values())
        miss = ", ".join(f"{k!s}×{v}" for k, v in sorted(report["unmapped"].items()))
        lines.append(
            f"    code map {name}: {mapped} mapped" + (f", unmapped {miss}" if miss else "")
        )
    if t.findings is not None and t.findings.counts:
        lines.append("    rejected because:")
        lines += _findings(t.findings, lang)
    return lines


def render(result: ConversionResult, lang: str = "ja") -> str:
    """Plain text for the terminal."""
    head = (
        f"migrate convert: {result.source} ({result.form}, {result.encoding}): "
        f"{result.records_read} records read"
    )
    lines = [head]
    for t in result.targets:
        lines += _target(t, lang)
    if result.form == "fixed-width":
        lines.append(
            f"  source: read {result.records_read} = assigned {result.records_claimed} "
            f"+ unassigned {result.records_unassigned}"
        )
        lines += _findings(result.unassigned, lang)
    verdict = "reconciliation holds" if result.reconciled else "RECONCILIATION FAILS"
    lines.append(f"{verdict}; {result.rejected} record(s) rejected")
    if result.dry_run:
        lines.append("dry run: nothing written")
    elif result.out_dir is not None:
        files = [f for t in result.targets for f in (t.output, t.rejects) if f]
        files += [result.unassigned_file] if result.unassigned_file else []
        lines.append(f"wrote {result.out_dir}/: {', '.join(files)}, conversion-log.json")
    return "\n".join(lines) + "\n"
