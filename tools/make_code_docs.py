"""Regenerate docs/finding-codes.md from the one table in src/migrate/codes.py."""

from __future__ import annotations

from pathlib import Path

from migrate.codes import CODES

OUT = Path(__file__).resolve().parent.parent / "docs" / "finding-codes.md"

HEAD = """# Finding codes

Generated from `src/migrate/codes.py` by `python tools/make_code_docs.py`; a test fails when
this page is stale. Codes are a public contract: a code is never reused or renumbered, a
renamed slug keeps the old one as an alias, and every change is in CHANGELOG.md.

Families: **RD** reading and decoding, **ST** structure, **TY** type, format and length,
**VA** values, **RL** relations between records and files, **CV** conversion (`migrate
convert` only: why a legacy record was rejected). Placeholders: `{field}` is the
データ項目名称, `{detail}` the rule's parameter.

| code | slug | kind | severity | message (ja) | message (en) |
|---|---|---|---|---|---|
"""


def render() -> str:
    rows = [
        f"| {c.code} | `{c.slug}` | {c.kind.value} | {c.severity.value} | {c.ja} | {c.en} |\n"
        for c in CODES
    ]
    return HEAD + "".join(rows)


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT}")
