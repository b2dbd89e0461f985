"""Regenerate docs/finding-codes.md from the finding-code table in src/migrate/codes/."""

from __future__ import annotations

from pathlib import Path

from migrate.codes import CODES, Code

OUT = Path(__file__).resolve().parent.parent / "docs" / "finding-codes.md"

FAMILIES = {
    "RD": "reading and decoding",
    "ST": "structure",
    "TY": "type, format and length",
    "VA": "values",
    "RL": "relations between records and files",
    "CV": "conversion (`migrate convert` only)",
    "XM": "XML reading and XML Schema (docs/xml.md)",
}

HEAD = """# Finding codes

Generated from `src/migrate/codes/` by `python tools/make_code_docs.py`; a test fails when
this page is stale. Codes are a public contract: a code is never reused or renumbered, a
renamed slug keeps the old one as an alias, and every change is in CHANGELOG.md.

Families: **RD** reading and decoding, **ST** structure, **TY** type, format and length,
**VA** values, **RL** relations between records and files, **CV** conversion (`migrate
convert` only: why a legacy record was rejected), **XM** XML reading and XML Schema.
Placeholders: `{field}` is the データ項目名称, `{detail}` the rule's parameter.

Names: every code can be named by its code (`VA08`) or by any of its aliases: its slug
(`mynumber-check-digit`) and the slugs it had before a rename (`migrate.codes.get`
resolves them all). Reports always write the code and its current slug.

Status, as ruff marks its rules: **stable** codes keep their meaning; **preview** codes may
still change meaning or severity; **deprecated** codes are no longer emitted but keep their
number, which is never reused.

| code | slug | kind | severity | status | message (ja) | message (en) |
|---|---|---|---|---|---|---|
"""


def _anchor(c: Code) -> str:
    return f"{c.code.lower()}-{c.slug}"


def _row(c: Code) -> str:
    return (
        f"| [{c.code}](#{_anchor(c)}) | `{c.slug}` | {c.kind.value} | {c.severity.value} "
        f"| {c.status.value} | {c.ja} | {c.en} |\n"
    )


def _section(c: Code) -> str:
    if c.doc is None:
        raise ValueError(f"{c.code} has no documentation: add it to src/migrate/codes/docs_*.py")
    d = c.doc
    aliases = ", ".join(f"`{a}`" for a in c.aliases)
    return (
        f"### {c.code} {c.slug}\n\n"
        f"{c.severity.value} · {c.kind.value} · {c.status.value} · aliases: {aliases}\n\n"
        f"- ja: {c.ja}\n- en: {c.en}\n\n"
        f"**What it checks.** {d.what}\n\n"
        f"**Why it matters.** {d.why}\n\n"
        f"**Example.** {d.example}\n\n"
        f"**How to fix.** {d.fix}\n\n"
        f"**対処.** {d.fix_ja}\n"
    )


def render() -> str:
    """The whole page: the summary table, then one section per code, by family."""
    parts = [HEAD, *(_row(c) for c in CODES)]
    for prefix, title in FAMILIES.items():
        family = [c for c in CODES if c.code.startswith(prefix)]
        if family:
            parts.append(f"\n## {prefix}: {title}\n")
            parts += ["\n" + _section(c) for c in family]
    return "".join(parts)


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT}")
