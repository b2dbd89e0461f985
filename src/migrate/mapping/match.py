"""Match legacy columns to the items of a target 移行ファイル.

By header (the item's データ項目名称 or id, and for a 基本データリスト item its romaji name and
データ項目ID, as written, then normalised), by the item's
``aliases`` in the layout (the names legacy exports give it), by split-name pairs (氏 + 名 →
``join``), by profile (check digits) and by 西暦/和暦 twins. Each item and each column is
placed at most once; the first free item in layout order wins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from migrate.layout.model import CheckName, DataType, Item
from migrate.layout.names import normalise
from migrate.mapping.proposal import ALIAS, HEADER, KIND_MIN, PROFILE, Draft, Proposal

PROFILE_MIN_VALUES = 3  # fewer values than this prove nothing about a check digit

# One item written as two columns: データ項目名称 → (first-part names, second-part names).
# Generic Japanese name parts, the same in every 業務, so they stay here rather than in
# each layout; the other names of an item are its ``aliases`` in the layout.
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


def _names(item: Item) -> tuple[set[str], set[str]]:
    """The normalised own names and the aliases of an item.

    Own names: its name and id, and for a standard item its romaji and データ項目ID.
    """
    own = {normalise(item.name), normalise(item.id)}
    if item.standard is not None:
        own |= {normalise(item.standard.romaji), normalise(item.standard.data_item_id)}
    return own, {normalise(a) for a in item.aliases} - own


def _standard_keys(item: Item) -> tuple[str, ...]:
    """The データ項目ID and romaji name of a 基本データリスト item (none for others)."""
    std = item.standard
    return (std.data_item_id, std.romaji) if std is not None else ()


def _place(draft: Draft, column: str, item: Item, confidence: str, reason: str) -> None:
    draft.proposals[item.id] = Proposal(item, (column,), confidence, reason)


def _free_items(draft: Draft) -> list[Item]:
    return [i for i in draft.spec.items if i.id not in draft.proposals]


def _free_columns(draft: Draft) -> list[str]:
    used = draft.used
    return [c for c in draft.sample.columns if c and c not in used and draft.sample.header]


def _index(items: Sequence[Item], keys: Callable[[Item], Iterable[str]]) -> dict[str, list[Item]]:
    """Each key → the items that have it, in layout order."""
    out: dict[str, list[Item]] = {}
    for item in items:
        for key in dict.fromkeys(keys(item)):
            out.setdefault(key, []).append(item)
    return out


def match_headers(draft: Draft) -> None:
    """Exact names, then normalised names, then the layout's aliases; first free item wins.

    Each pass looks a column's name up in an index of the items' names, so a header of
    100,000 columns costs 100,000 look-ups, not 100,000 times the items.
    """
    passes: list[tuple[str, Callable[[Item], Iterable[str]], Callable[[str], str], str]] = [
        (HEADER, lambda i: (i.name, i.id, *_standard_keys(i)), lambda c: c, "named as the item"),
        (HEADER, lambda i: _names(i)[0], normalise, "the item's name, once normalised"),
        (ALIAS, lambda i: _names(i)[1], normalise, "an alias of the item in the layout"),
    ]
    for confidence, keys, key, reason in passes:
        index = _index(draft.spec.items, keys)
        for column in _free_columns(draft):
            items = index.get(key(column), ())
            hit = next((i for i in items if i.id not in draft.proposals), None)
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
            draft.proposals[item.id] = Proposal(item, (a, b), ALIAS, why)


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
