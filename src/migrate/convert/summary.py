"""The human summary of a conversion: reconciliation first, then what changed and why."""

from __future__ import annotations

from migrate.convert.result import ConversionResult, SourceResult, TargetResult
from migrate.report.model import FileResult, Finding


def _findings(result: FileResult | None, lang: str, limit: int = 8) -> list[str]:
    """One line per finding code and field: how many, what, and the first place."""
    if result is None:
        return []
    groups: dict[tuple[str, str | None], list[Finding]] = {}
    for f in result.sorted_findings():
        groups.setdefault((f.code, f.field), []).append(f)
    lines = []
    for (code, _), found in sorted(groups.items(), key=lambda g: (g[0][0], g[0][1] or "")):
        first = found[0]
        place = f"line {first.line}" if first.line else f"byte {first.byte_offset}"
        same = [v for (c, _), v in groups.items() if c == code]
        exact = len(same) == 1 or sum(map(len, same)) == result.counts[code]
        total = result.counts[code] if len(same) == 1 else len(found)
        count = str(total) if exact else f"≥{total}"
        lines.append(
            f"      {code} ×{count}: {first.message(lang)} (first: record {first.record}, {place})"
        )
    more = [f"      … {len(lines) - limit} more"] if len(lines) > limit else []
    return lines[:limit] + more


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
        mapped = report["mapped"]
        shown = sorted(report["unmapped"].items(), key=lambda kv: (-kv[1], str(kv[0])))[:5]
        miss = ", ".join(f"{k!s}×{v}" for k, v in shown)
        if report["unmapped_distinct"] > len(shown):
            miss += f" … ({report['unmapped_distinct']} distinct values)"
        lines.append(
            f"    code map {name}: {mapped} mapped" + (f", unmapped {miss}" if miss else "")
        )
    if t.findings is not None and t.findings.counts:
        lines.append("    rejected because:")
        lines += _findings(t.findings, lang)
    return lines


def _source(src: SourceResult, targets: list[TargetResult], lang: str) -> list[str]:
    head = (
        f"migrate convert: {src.path} ({src.form}, {src.encoding}): {src.records_read} records read"
    )
    lines = [head]
    for t in targets:
        lines += _target(t, lang)
    if src.form == "fixed-width":
        lines.append(
            f"  source: read {src.records_read} = assigned {src.records_claimed} "
            f"+ unassigned {src.records_unassigned}"
        )
        lines += _findings(src.unassigned, lang)
    return lines


def render(result: ConversionResult, lang: str = "ja") -> str:
    """Plain text for the terminal: per legacy file its targets, then the verdict."""
    lines = []
    for src in result.sources:
        lines += _source(src, [t for t in result.targets if t.source == str(src.path)], lang)
    verdict = "reconciliation holds" if result.reconciled else "RECONCILIATION FAILS"
    lines.append(f"{verdict}; {result.rejected} record(s) rejected")
    if result.dry_run:
        lines.append("dry run: nothing written")
    elif result.out_dir is not None:
        files = [f for t in result.targets for f in (t.output, t.rejects) if f]
        files += [s.unassigned_file for s in result.sources if s.unassigned_file]
        lines.append(f"wrote {result.out_dir}/: {', '.join(files)}, conversion-log.json")
    return "\n".join(lines) + "\n"
