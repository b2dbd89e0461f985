"""Propose transforms, code-map skeletons and review notes from the profile of matched columns."""

from __future__ import annotations

from migrate.japan.charsets import Charset
from migrate.layout.model import DataType, DateFormat, Item, Layout
from migrate.mapping.profile import CODE_MAX, ColumnProfile
from migrate.mapping.proposal import (
    DATE_MIN,
    KIND_MIN,
    CodeMapDraft,
    Draft,
    Proposal,
    ProposedStep,
)
from migrate.transforms.wareki import DEFAULT_CODES


def _era_table(layout: Layout, two_digit: bool) -> dict[str, str]:
    """年号コード → era name: the layout's table when it has one of the right width."""
    table = layout.code_tables.get(layout.era_codes or "")
    width = 2 if two_digit else 1
    if (
        table
        and all(len(k) == width for k in table.values)
        and set(table.values.values()) <= set(DEFAULT_CODES.values())
    ):
        return dict(table.values)
    return {k.zfill(width): v for k, v in DEFAULT_CODES.items()}


def _date_steps(item: Item, p: ColumnProfile, layout: Layout) -> list[ProposedStep]:
    wareki, seireki = p.share("wareki"), p.share("seireki")
    gg = p.share("wareki_gg") * 2 >= wareki > 0
    to_iso_params = {"codes": _era_table(layout, True)} if gg else {}
    seen = f"{wareki:.0%} of values are 和暦" + (" (2-digit 年号コード)" if gg else "")
    to_iso = ProposedStep("wareki_to_iso", to_iso_params, seen)
    if item.format is DateFormat.YYYYMMDD:
        if wareki >= DATE_MIN and wareki > seireki:
            return [to_iso]
        if p.share("seireki_sep") >= DATE_MIN:
            why = f"{p.share('seireki_sep'):.0%} of values are 西暦 with separators"
            return [ProposedStep("date_format", {"to": "YYYYMMDD"}, why)]
        return []
    two = item.format is DateFormat.WAREKI_EEYYMMDD
    target_form = (gg and two) or (wareki > 0 and not gg and not two and p.share("digits") >= 0.9)
    if wareki >= DATE_MIN and target_form:
        return []
    back = ProposedStep("iso_to_wareki", {"codes": _era_table(layout, two)}, f"to {item.format}")
    if wareki >= DATE_MIN:
        return [to_iso, back]
    return [back] if p.share("seireki") + p.share("seireki_sep") >= DATE_MIN else []


def _text_steps(item: Item, p: ColumnProfile) -> list[ProposedStep]:
    out = []
    wide = p.share("zenkaku_digits") if item.type is not DataType.TEXT else p.share("zenkaku_alnum")
    if wide and (
        item.type is not DataType.TEXT or item.charset in (Charset.ALNUM, Charset.HANKAKU)
    ):
        out.append(ProposedStep("alnum_z2h", {}, f"{wide:.0%} of values hold full-width ASCII"))
    narrow = (Charset.HANKAKU, Charset.ALNUM, Charset.DIGITS)
    if p.share("hankaku_kana") and item.type is DataType.TEXT and item.charset not in narrow:
        why = f"{p.share('hankaku_kana'):.0%} of values hold half-width kana"
        out.append(ProposedStep("kana_h2z", {}, why))
    return out


def _pad_step(item: Item, p: ColumnProfile) -> list[ProposedStep]:
    if not (item.length_exact and item.length and p.digit_lengths):
        return []
    if max(p.digit_lengths) <= item.length and min(p.digit_lengths) < item.length:
        why = f"digit lengths {list(p.digit_lengths)}, the item has exactly {item.length}"
        return [ProposedStep("pad", {"width": item.length}, why)]
    return []


def _same_number(value: str, codes: dict[str, str]) -> str | None:
    if not value.isascii() or not value.isdigit():
        return None
    return next((c for c in codes if c.isdigit() and int(c) == int(value)), None)


def code_skeleton(item: Item, p: ColumnProfile, codes: dict[str, str]) -> CodeMapDraft | None:
    """None when every value seen is already a code; else a skeleton naming each value."""
    if all(v in codes for v in p.counts):
        return None
    by_label = {label: code for code, label in codes.items()}
    values: dict[str, tuple[str, str]] = {}
    for value, n in p.counts.items():
        if value in codes:
            values[value] = (value, f"{codes[value]}; {n} records")
        elif (code := _same_number(value, codes) or by_label.get(value)) is not None:
            values[value] = (code, f"{codes[code]} (same number or label): check; {n} records")
        else:
            values[value] = ("", f"TODO: not a {item.name} code; {n} records")
    known = ", ".join(f"{c} {label}" for c, label in codes.items())
    return CodeMapDraft(item.id, values, f"{item.name} codes: {known}")


def _code_steps(proposal: Proposal, p: ColumnProfile, layout: Layout) -> list[ProposedStep]:
    item = proposal.item
    table = layout.code_tables.get(item.code or "")
    if table is None or item.personal or p.values == 0:
        return []
    if not p.few:
        proposal.notes.append(
            f"TODO: {p.distinct} distinct values (over {CODE_MAX}): check they are "
            f"{table.name} codes, else write a code map"
        )
        return []
    skeleton = code_skeleton(item, p, table.values)
    if skeleton is None:
        proposal.notes.append(f"every value seen ({p.distinct} distinct) is a {table.name} code")
        return []
    proposal.code_map = skeleton
    why = f"{p.distinct} distinct values, not all {table.name} codes: fill in the code map"
    return [ProposedStep("code_map", {"map": skeleton.name}, why)]


def _shape_notes(item: Item, p: ColumnProfile) -> list[str]:
    if p.values == 0:
        return ["CHECK: the column is empty in the sample"]
    if item.type is DataType.DATE:
        dated = p.share("wareki") + p.share("seireki")
        if dated < KIND_MIN:
            return [f"CHECK: only {dated:.0%} of values look like dates"]
    if item.type is DataType.DIGITS and p.share("digits") < KIND_MIN:
        return [f"CHECK: only {p.share('digits'):.0%} of values are digits"]
    return []


def propose_steps(proposal: Proposal, draft: Draft) -> None:
    """Fill in a proposal's transforms and review notes from its columns' profiles."""
    profiles = [draft.profiles[c] for c in proposal.columns]
    p, item = profiles[0], proposal.item
    steps: list[ProposedStep] = []
    if len(profiles) > 1:
        steps.append(ProposedStep("join", {"separator": "\u3000"}, "parts joined by 全角スペース"))
    if any(q.share("padded") for q in profiles):
        steps.append(ProposedStep("trim", {}, "values with leading or trailing spaces"))
    for q in profiles[:1] if len(profiles) == 1 else profiles:
        steps += [s for s in _text_steps(item, q) if s.name not in {t.name for t in steps}]
    if len(profiles) == 1:
        if item.code is None:  # a code item's values are mapped, not padded
            steps += _pad_step(item, p)
        if item.type is DataType.DATE:
            steps += _date_steps(item, p, draft.layout)
        steps += _code_steps(proposal, p, draft.layout)
        proposal.notes += _shape_notes(item, p)
    proposal.steps = steps
