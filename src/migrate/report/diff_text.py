"""The readable diff: the verdict, count changes, capped files, then the findings by change."""

from __future__ import annotations

from migrate.report.diff import Listed, ReportDiff


def _line(diff: ReportDiff, f: Listed, lang: str) -> str:
    key = f" key {f.key}" if f.key else ""
    where = f" (line {f.line})" if f.line else ""
    message = f.message_ja if lang == "ja" else f.message
    capped = " [capped: may be only unlisted]" if diff.is_capped(f) else ""
    return f"    {f.file} {f.code} [{f.severity}]{key}{where}: {message}{capped}"


def render(diff: ReportDiff, lang: str = "ja") -> str:
    """The diff as text: counts that changed, then new, fixed and capped findings."""
    out = [f"migrate report diff: {diff.old_source} → {diff.new_source}"]
    out.append(
        f"new {len(diff.new)}, fixed {len(diff.fixed)}, unchanged {len(diff.unchanged)}"
        + (" — new errors" if diff.new_errors else "")
    )
    changed = [c for c in diff.counts if c.delta]
    if changed:
        out.append("counts (exact):")
        out += [
            f"  {c.file} {c.code} [{c.severity}]: {c.old} → {c.new} ({c.delta:+d})" for c in changed
        ]
    if diff.capped:
        out.append("capped (--max-errors; listed findings compare only as far as listed):")
        out += [
            f"  {c.side}: {c.file} {c.code}: {c.listed} of {c.counted} listed" for c in diff.capped
        ]
    for title, items in (("new", diff.new), ("fixed", diff.fixed)):
        if items:
            out.append(f"  {title}:")
            out += [_line(diff, f, lang) for f in items]
    out += [f"note: {n}" for n in diff.notes]
    return "\n".join(out) + "\n"
