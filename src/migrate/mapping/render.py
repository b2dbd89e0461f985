"""The commented YAML of a draft mapping.

Written by hand, not by a YAML library: every proposal carries its reason as a comment next
to its line (items, transforms, code-map values), unplaced items and unused columns are
comments, and PyYAML cannot write comments at all. Scalars are written as JSON strings,
which YAML reads as double-quoted scalars, so any header name round-trips.
"""

from __future__ import annotations

import json
import re
import textwrap
from typing import Any

from migrate.mapping.profile import ColumnProfile
from migrate.mapping.proposal import DATE_MIN, Draft, Proposal

_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
_NON_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax, non-printables escaped)."""
    dumped = json.dumps(text, ensure_ascii=False)
    return _NON_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def flow(value: Any) -> str:
    """A YAML flow value: strings quoted, mappings and lists inline."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    text = str(value)
    plain = re.fullmatch(r"[a-z][a-z0-9_]*", text) and text not in _YAML_WORDS
    return text if plain else quote(text)


def _key(key: str) -> str:
    return key if re.fullmatch(r"[a-z][a-z0-9_]*", key) else quote(key)


def _comment(text: str) -> str:
    """Comment text on one line (no line breaks can end the comment early)."""
    return " ".join(text.split())


def _header_lines(draft: Draft) -> list[str]:
    s = draft.sample
    span = f"the first {s.records:,} records" if s.more else f"all {s.records:,} records"
    placed = len(draft.proposals)
    lines = [
        "# DRAFT mapping proposed by `migrate mapping draft`: review every line before use.",
        f"# Generated from {_comment(str(s.path))}; profiled {span}.",
        f"# Target {draft.layout.id}/{draft.spec.id} ({draft.spec.name}), {draft.how_told}.",
        f"# {placed} of {len(draft.spec.items)} items proposed from {len(s.columns)} columns.",
        "# Confidence: header = named as the item; header-synonym = a layout alias, a name pair or",
        "# a twin date item; profile = found from the values alone. TODO/CHECK lines need you.",
    ]
    if s.decode_errors:
        lines.append(f"# {s.decode_errors} byte runs did not decode as {s.encoding}: check it.")
    return lines


def _source_lines(draft: Draft, source_ref: str) -> list[str]:
    s = draft.sample
    guessed = "  # guessed from the bytes: check it" if s.guessed else ""
    return [
        "source:",
        f"  path: {quote(source_ref)}  # lets 'migrate convert -m THIS -o out/' find the file",
        "  form: delimited",
        f"  encoding: {s.encoding}{guessed}",
        f"  delimiter: {quote(s.delimiter)}",
        f"  header: {flow(s.header)}",
    ]


def _item_lines(p: Proposal) -> list[str]:
    cols = flow(list(p.columns)) if len(p.columns) > 1 else quote(p.columns[0])
    lines = [f"  # {p.item.name} ← {cols} [{p.confidence}]: {_comment(p.reason)}"]
    lines += [f"  # {_comment(note)}" for note in p.notes]
    lines += [f"  {p.item.id}:", f"    from: {cols}"]
    if p.steps:
        lines.append("    transforms:")
        for st in p.steps:
            lines.append(f"      - {flow({'name': st.name, **st.params})}  # {_comment(st.why)}")
    return lines


def _todo_lines(draft: Draft) -> list[str]:
    items = sorted(draft.unplaced, key=lambda i: not i.required)
    return [
        f"  # TODO {i.name} ({i.id}): {'required' if i.required else 'optional'}, "
        "no source column found"
        for i in items
    ]


def _code_map_lines(draft: Draft) -> list[str]:
    maps = [p.code_map for p in draft.proposals.values() if p.code_map is not None]
    if not maps:
        return []
    lines = ["code_maps:"]
    for m in maps:
        lines += [f"  {m.name}:"]
        lines += [f"    # {chunk}" for chunk in textwrap.wrap(_comment(m.known), 88)]
        lines += ["    values:"]
        lines += [
            f"      {quote(v)}: {quote(code)}  # {_comment(why)}"
            for v, (code, why) in m.values.items()
        ]
        lines.append("    unmapped: reject")
    return lines


def _describe(p: ColumnProfile) -> str:
    if not p.name:
        return "it has no name in the header, so a mapping cannot name it"
    kinds = [f"{k} {v:.0%}" for k, v in p.shares.items() if v >= DATE_MIN and k != "wareki_shape"]
    return f"{p.values} values, {p.distinct} distinct" + (f"; {', '.join(kinds)}" if kinds else "")


def _unused_lines(draft: Draft) -> list[str]:
    used = draft.used
    return [
        f"  # source column {_comment(quote(c))} not used: {_describe(draft.profiles[c])}"
        for c in draft.sample.columns
        if c not in used
    ]


def render(draft: Draft, layout_ref: str, source_ref: str) -> str:
    """The commented YAML of a draft."""
    lines = _header_lines(draft)
    lines += [
        "format_version: 1",
        f"description: {quote(f'Draft from {draft.sample.path.name}: review before use')}",
        "target:",
        f"  layout: {quote(layout_ref)}",
        f"  file: {quote(draft.spec.id)}",
    ]
    lines += _source_lines(draft, source_ref)
    lines.append("items:" if draft.proposals else "items: {}")
    for proposal in draft.proposals.values():
        lines += _item_lines(proposal)
    lines += _todo_lines(draft)
    lines += _unused_lines(draft)
    lines += _code_map_lines(draft)
    return "\n".join(lines) + "\n"
