"""The worklist as csv, json or text.

csv is UTF-8 **with a BOM**: Excel opens a CSV without one in the ANSI code page (CP932 on a
Japanese Windows), which garbles every kanji and cannot show 外字 at all; with the BOM it
reads UTF-8. A cell that would begin with ``= + - @``, a tab or CR is prefixed with ``'`` so
a spreadsheet shows it as text, never runs it as a formula (the columns char_map reads,
符号位置 and 同定結果, never need it).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from migrate.chars.worklist import Worklist
from migrate.japan.gaiji import CLASS_LABELS

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(worklist: Worklist) -> str:
    """The rows as CSV: UTF-8 with a BOM, CRLF, formulas defused."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in worklist.to_rows():
        writer.writerow([_cell(c) for c in row])
    return "\ufeff" + buf.getvalue()


def to_json(worklist: Worklist) -> str:
    """``to_dict`` as JSON (docs/schemas/chars.schema.json)."""
    return json.dumps(worklist.to_dict(), ensure_ascii=False, indent=2) + "\n"


def to_text(worklist: Worklist) -> str:
    """A block per entry, then a one-line summary."""
    d = worklist.to_dict()
    s = d["summary"]
    lines = [f"migrate chars — layout {worklist.layout}"]
    lines += [f"  note: {n}" for n in worklist.notes]
    for e in worklist.sorted_entries():
        label = CLASS_LABELS[e.char_class][0]
        lines.append(f"{e.text}  {e.code_points}  {label}  {e.status.value}  × {e.count}")
        lines.append(f"    項目: {'、'.join(e.items)}")
        lines += [f"    {loc.text()}" for loc in e.locations]
        if e.count > len(e.locations):
            lines.append(f"    … (first {len(e.locations)} locations shown)")
        lines += [f"    候補: {c.render()}" for c in e.candidates]
        if e.decision:
            lines.append(f"    同定結果: {e.decision}")
    lines.append(
        f"{s['entries']} distinct character(s) in {len(worklist.sources)} file(s): "
        f"{s['undecided']} to decide, {s['allowed']} allowed, {s['decided']} decided "
        f"({s['occurrences']} occurrence(s))"
    )
    return "\n".join(lines) + "\n"


FORMATS: dict[str, Callable[[Worklist], str]] = {
    "csv": to_csv,
    "json": to_json,
    "text": to_text,
}
