"""``migrate mapping draft``: propose a first mapping file from a legacy export, for review.

Columns are matched to the target 移行ファイル's items by header (the データ項目名称 or the
item id, as written, then with spaces and ASCII width normalised), by an explicit synonym
table, by split-name pairs (氏 + 名 → ``join``) and by profile (check digits). Transforms
are proposed from the column profiles (``migrate.convert.profile``). The YAML is written by
hand so that every proposal keeps its reason as a comment; see docs/mapping-draft.md.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from migrate.convert.profile import CODE_MAX, ColumnProfile, Sample, profile, read_sample
from migrate.convert.transforms.wareki import DEFAULT_CODES
from migrate.errors import UsageError
from migrate.io.physical import parse_delimiter
from migrate.layout.catalog import resolve, shipped_layouts
from migrate.layout.model import Charset, CheckName, DataType, DateFormat, FileSpec, Item, Layout
from migrate.validate import identify

HEADER, SYNONYM, PROFILE = "header", "header-synonym", "profile"
KIND_MIN = 0.9  # share of non-empty values that makes a column "of a kind"
DATE_MIN = 0.5  # share of date-like values that makes a date transform worth proposing
PROFILE_MIN_VALUES = 3  # fewer values than this prove nothing about a check digit
MIN_COVERAGE = 0.5  # share of the source's columns a 移行ファイル must name to be told

# Other names legacy exports give an item, keyed by データ項目名称 (compared normalised).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "団体コード": (
        "地方公共団体コード",
        "市区町村コード",
        "自治体コード",
        "LG_CODE",
        "DANTAI_CODE",
    ),
    "宛名番号": ("宛名コード", "個人コード", "住民コード", "ATENA_NO", "ATENA"),
    "履歴番号": ("履歴連番", "RIREKI_NO", "RIREKI"),
    "世帯番号": ("世帯コード", "SETAI_NO", "SETAI"),
    "住民種別": ("種別", "JUMIN_SHUBETSU", "SHUBETSU"),
    "住民状態": ("状態", "JUMIN_JOTAI", "JOTAI"),
    "個人番号": ("マイナンバー", "MYNUMBER", "MY_NUMBER", "KOJIN_BANGO"),
    "住民票コード": ("JUMINHYO_CODE", "JUMINHYO"),
    "氏名": ("名前", "漢字氏名", "氏名漢字", "NAME", "SHIMEI"),
    "氏名フリガナ": ("カナ氏名", "氏名カナ", "フリガナ", "カナ", "ヨミ", "KANA", "NAME_KANA"),
    "氏名（アルファベット）": ("ローマ字氏名", "英字氏名", "NAME_ALPHA", "ALPHABET"),
    "生年月日": ("誕生日", "生年月日西暦", "BIRTH", "BIRTHDAY", "BIRTH_DATE", "DOB"),
    "生年月日（和暦）": ("和暦生年月日", "BIRTH_WAREKI"),
    "性別": ("男女", "男女区分", "SEX", "GENDER", "SEIBETSU"),
    "続柄": ("世帯主との続柄", "ZOKUGARA", "RELATION"),
    "世帯主氏名": ("世帯主", "世帯主名", "SETAINUSHI"),
    "住所": ("現住所", "ADDRESS", "JUSHO"),
    "方書": ("KATAGAKI",),
    "郵便番号": ("〒", "ZIP", "ZIPCODE", "ZIP_CODE", "POSTAL_CODE", "YUBIN"),
    "異動事由": ("異動事由コード", "異動区分", "IDO_JIYU"),
    "異動日": ("異動年月日", "IDO_DATE"),
    "届出年月日": ("届出日", "TODOKEDE_DATE"),
    "届出日": ("届出年月日", "TODOKEDE_DATE"),
    "処理日": ("処理年月日", "SHORI_DATE"),
    "消除年月日": ("消除日", "SHOJO_DATE"),
    "国籍・地域": ("国籍", "NATIONALITY"),
}
# One item written as two columns: データ項目名称 → (first-part names, second-part names).
PAIRS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "氏名": (("氏", "姓", "苗字", "SEI", "LAST_NAME", "FAMILY_NAME"), ("名", "MEI", "FIRST_NAME")),
    "氏名フリガナ": (
        ("氏カナ", "カナ氏", "姓カナ", "フリガナ氏", "SEI_KANA", "KANA_SEI"),
        ("名カナ", "カナ名", "フリガナ名", "MEI_KANA", "KANA_MEI"),
    ),
}
# Profile kind → the check an item must declare to receive such a column, in trial order.
PROFILE_CHECKS = (
    ("mynumber", CheckName.MYNUMBER),
    ("juminhyo_code", CheckName.JUMINHYO_CODE),
    ("hojin_bango", CheckName.HOJIN_BANGO),
    ("lg_code", CheckName.LG_CODE),
    ("atena_m11", CheckName.ATENA_M11),
)
_WIDE_ASCII = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})
_DROP = re.compile(r"[\s\u3000_\-・･()\[\]「」【】]")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
_NON_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def normalise(name: str) -> str:
    """A header name without spaces, brackets, ``_``/``-``/``・``, ASCII width or case."""
    return _DROP.sub("", name.translate(_WIDE_ASCII)).lower()


@dataclass(frozen=True)
class ProposedStep:
    """A transform step with its parameters and why it is proposed."""

    name: str
    params: dict[str, Any] = field(default_factory=dict)
    why: str = ""


@dataclass(frozen=True)
class CodeMapDraft:
    """An inline code map skeleton: source value → (code or "", comment)."""

    name: str
    values: dict[str, tuple[str, str]]
    known: str = ""  # the target's codes, listed once above the values


@dataclass
class Proposal:
    """Where one target item should come from, how sure we are and why."""

    item: Item
    columns: tuple[str, ...]
    confidence: str
    reason: str
    steps: list[ProposedStep] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    code_map: CodeMapDraft | None = None


@dataclass
class Draft:
    """Everything the YAML says: the sample, the target and the proposals."""

    sample: Sample
    layout: Layout
    spec: FileSpec
    how_told: str
    profiles: dict[str, ColumnProfile]
    proposals: dict[str, Proposal] = field(default_factory=dict)

    @property
    def used(self) -> set[str]:
        return {c for p in self.proposals.values() for c in p.columns}

    @property
    def unplaced(self) -> list[Item]:
        return [i for i in self.spec.items if i.id not in self.proposals]


# ---------------------------------------------------------------- matching


def _names(item: Item) -> tuple[set[str], set[str]]:
    """The normalised own names (name, id) and synonyms of an item."""
    own = {normalise(item.name), normalise(item.id)}
    return own, {normalise(s) for s in SYNONYMS.get(item.name, ())} - own


def _place(draft: Draft, column: str, item: Item, confidence: str, reason: str) -> None:
    draft.proposals[item.id] = Proposal(item, (column,), confidence, reason)


def _free_items(draft: Draft) -> list[Item]:
    return [i for i in draft.spec.items if i.id not in draft.proposals]


def _free_columns(draft: Draft) -> list[str]:
    used = draft.used
    return [c for c in draft.sample.columns if c and c not in used and draft.sample.header]


def match_headers(draft: Draft) -> None:
    """Exact names, then normalised names, then synonyms; first free item wins."""
    passes: list[tuple[str, Callable[[str, Item], bool], str]] = [
        (HEADER, lambda c, i: c in (i.name, i.id), "named as the item"),
        (HEADER, lambda c, i: normalise(c) in _names(i)[0], "the item's name, once normalised"),
        (SYNONYM, lambda c, i: normalise(c) in _names(i)[1], "a synonym of the item's name"),
    ]
    for confidence, test, reason in passes:
        for column in _free_columns(draft):
            hit = next((i for i in _free_items(draft) if test(column, i)), None)
            if hit is not None:
                _place(draft, column, hit, confidence, reason)


def match_pairs(draft: Draft) -> None:
    """Two columns such as 氏 and 名 (or SEI and MEI) for one item → ``join``."""
    for item in _free_items(draft):
        if item.name not in PAIRS:
            continue
        firsts, seconds = ({normalise(n) for n in names} for names in PAIRS[item.name])
        free = _free_columns(draft)
        a = next((c for c in free if normalise(c) in firsts), None)
        b = next((c for c in free if normalise(c) in seconds), None)
        if a is not None and b is not None:
            why = f"the two parts of {item.name}"
            draft.proposals[item.id] = Proposal(item, (a, b), SYNONYM, why)


def match_profiles(draft: Draft) -> None:
    """Columns whose values pass a check digit → the first free item declaring that check."""
    for column in [c for c in draft.sample.columns if c and c not in draft.used]:
        p = draft.profiles[column]
        if p.values < PROFILE_MIN_VALUES:
            continue
        for kind, check in PROFILE_CHECKS:
            if p.share(kind) < KIND_MIN:
                continue
            hit = next((i for i in _free_items(draft) if i.check is check), None)
            if hit is not None:
                why = f"{p.share(kind):.0%} of {p.values} values pass the {hit.name} check digit"
                _place(draft, column, hit, PROFILE, why)
                break


def match_twins(draft: Draft) -> None:
    """A date item with no column, whose 西暦/和暦 twin has one, is filled from that column."""
    for item in _free_items(draft):
        if item.type is not DataType.DATE:
            continue
        for other in list(draft.proposals.values()):
            o = other.item
            twins = o.type is DataType.DATE and o.format != item.format
            if twins and (o.name.startswith(item.name) or item.name.startswith(o.name)):
                why = f"the column of {o.name} ({o.id}), converted"
                draft.proposals[item.id] = Proposal(item, other.columns, other.confidence, why)
                break


# ---------------------------------------------------------------- transforms


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


# ---------------------------------------------------------------- telling the 移行ファイル


def _header_matches(layout: Layout, spec: FileSpec, sample: Sample) -> int:
    trial = Draft(sample, layout, spec, "", {})
    match_headers(trial)
    match_pairs(trial)
    return len(trial.proposals)


def tell_file(layout: Layout, sample: Sample, file_id: str | None) -> tuple[FileSpec, str]:
    """The target 移行ファイル and how it was told; UsageError listing the choices."""
    if file_id is not None:
        try:
            return layout.file(file_id), "given by --file"
        except KeyError as exc:
            raise UsageError(str(exc.args[0])) from exc
    header = list(sample.columns) if sample.header else []
    if header:
        # The 移行ファイル that explains most of the source's columns; ties by Jaccard.
        # identify.by_header alone picks 異動履歴 for a 住民 export whose 異動 columns
        # happen to carry the 異動履歴 names exactly.
        scores = []
        for s in layout.files:
            m = _header_matches(layout, s, sample)
            scores.append((m, m / (len(s.items) + len(header) - m), s))
        best = max(scores, key=lambda t: (t[0], t[1]))
        tied = [t for t in scores if (t[0], t[1]) == (best[0], best[1])]
        if best[0] >= MIN_COVERAGE * len(header) and len(tied) == 1:
            return best[2], "told from the header (the 移行ファイル naming most of its columns)"
    spec = identify.by_header(layout, header) if header else None
    if spec is not None:
        return spec, "told from the header (データ項目名称)"
    spec = identify.by_name(layout, sample.path)
    if spec is not None:
        return spec, "told from the file name"
    names = ", ".join(f"{f.id} ({f.name})" for f in layout.files)
    raise UsageError(
        f"{sample.path}: cannot tell which 移行ファイル of layout {layout.id} this is; "
        f"pass --file with one of: {names}"
    )


# ---------------------------------------------------------------- the whole draft


@dataclass(frozen=True)
class DraftOptions:
    """What ``migrate mapping draft`` was asked for."""

    layout: str
    file_id: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    header: bool = True
    rows: int = 10_000


def propose(layout: Layout, sample: Sample, file_id: str | None = None) -> Draft:
    """Profile the sample, tell the 移行ファイル, match columns and propose transforms."""
    profiles = {c: p for c, p in zip(sample.columns, profile(sample), strict=True)}
    spec, how = tell_file(layout, sample, file_id)
    draft = Draft(sample, layout, spec, how, profiles)
    for step in (match_headers, match_pairs, match_profiles, match_twins):
        step(draft)
    draft.proposals = {i.id: draft.proposals[i.id] for i in spec.items if i.id in draft.proposals}
    for proposal in draft.proposals.values():
        propose_steps(proposal, draft)
    return draft


def _delimiter(value: str | None) -> str | None:
    if value is None:
        return None
    return parse_delimiter(value)


def file_reference(path: Path, output: Path | None) -> str:
    """The legacy file as the mapping names it: relative to the mapping file when written."""
    if output is None:
        return str(path.resolve())
    return os.path.relpath(path.resolve(), output.resolve().parent)


def layout_reference(name: str, output: Path | None) -> str:
    """How the mapping names its layout: the shipped id, or a path the mapping can resolve."""
    if name in shipped_layouts():
        return name
    path = Path(name).resolve()
    if output is None:
        return str(path)
    return os.path.relpath(path, output.resolve().parent)


def draft_mapping(path: Path, options: DraftOptions, output: Path | None = None) -> str:
    """The draft mapping YAML for the legacy export at ``path``."""
    layout = resolve(options.layout)
    with tempfile.TemporaryDirectory(prefix="migrate-draft-") as tmp:
        sample = read_sample(
            path,
            encoding=options.encoding,
            delimiter=_delimiter(options.delimiter),
            header=options.header,
            rows=options.rows,
            workdir=Path(tmp),
            fallback_delimiter=layout.physical.delimiter,
        )
    draft = propose(layout, sample, options.file_id)
    return render(draft, layout_reference(options.layout, output), file_reference(path, output))


# ---------------------------------------------------------------- YAML


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
        "# Confidence: header = named as the item; header-synonym = a synonym, a name pair or",
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
