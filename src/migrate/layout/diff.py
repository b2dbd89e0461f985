"""What differs between two layouts, per 移行ファイル: items added, removed, retyped, resized.

Files, items and code tables are matched by id. An item whose データ型 changed is *retyped*,
one whose 桁数 or its unit changed is *resized*; every other property that differs (name,
required, code, provenance …) is a *changed* entry. Properties of the 移行ファイル itself (keys,
references, the order of the items both sides hold …), of the layout and of its code tables
are listed too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from migrate.layout.export import file_dict, item_dict, layout_dict, provenance_dict, unit_name
from migrate.layout.model import CodeTable, FileSpec, Item, Layout

_SIZE = ("length", "length_unit")


@dataclass(frozen=True)
class Change:
    """One property of one thing (item, 移行ファイル, code table or layout) that differs."""

    id: str
    name: str
    property: str
    before: Any
    after: Any

    def to_dict(self) -> dict[str, Any]:
        """The change as JSON-ready data (``id, name, property, before, after``)."""
        return {
            "id": self.id,
            "name": self.name,
            "property": self.property,
            "before": self.before,
            "after": self.after,
        }


@dataclass(frozen=True)
class FileDiff:
    """The differences of one 移行ファイル; ``status`` is added, removed, changed or same."""

    id: str
    name: str
    status: str
    added: tuple[Item, ...] = ()
    removed: tuple[Item, ...] = ()
    retyped: tuple[Change, ...] = ()
    resized: tuple[Change, ...] = ()
    changed: tuple[Change, ...] = ()
    properties: tuple[Change, ...] = ()

    @property
    def count(self) -> int:
        """The number of differences: items added and removed, and every change."""
        parts = (self.retyped, self.resized, self.changed, self.properties)
        return len(self.added) + len(self.removed) + sum(len(p) for p in parts)

    def to_dict(self) -> dict[str, Any]:
        """The file's differences as JSON-ready data; items appear with all their properties."""

        def named(items: tuple[Item, ...]) -> list[dict[str, Any]]:
            return [item_dict(i) for i in items]

        def changes(cs: tuple[Change, ...]) -> list[dict[str, Any]]:
            return [c.to_dict() for c in cs]

        return {
            "id": self.id,
            "name": self.name,
            "status": self.status,
            "added": named(self.added),
            "removed": named(self.removed),
            "retyped": changes(self.retyped),
            "resized": changes(self.resized),
            "changed": changes(self.changed),
            "properties": changes(self.properties),
        }


@dataclass(frozen=True)
class LayoutDiff:
    """Every difference between layout ``a`` and layout ``b``."""

    a: str
    b: str
    properties: tuple[Change, ...]
    files: tuple[FileDiff, ...]
    code_tables: tuple[Change, ...]

    @property
    def count(self) -> int:
        """The number of differences: layout properties, code tables and every file's."""
        return len(self.properties) + len(self.code_tables) + sum(f.count for f in self.files)

    @property
    def identical(self) -> bool:
        """Whether the two layouts have no difference at all."""
        return self.count == 0

    def to_dict(self) -> dict[str, Any]:
        """The whole diff as JSON-ready data, as ``migrate layouts diff --format json`` prints."""
        return {
            "a": self.a,
            "b": self.b,
            "identical": self.identical,
            "differences": self.count,
            "properties": [c.to_dict() for c in self.properties],
            "files": [f.to_dict() for f in self.files],
            "code_tables": [c.to_dict() for c in self.code_tables],
        }

    def text(self) -> str:
        """A readable listing: one line per difference, grouped by 移行ファイル."""
        if self.identical:
            return f"identical: {self.a} and {self.b}\n"
        out = [f"--- {self.a}", f"+++ {self.b}"]
        if self.properties:
            out.append("layout:")
            out += [
                f"  ~ {c.property}: {_show(c.before)} → {_show(c.after)}" for c in self.properties
            ]
        for f in self.files:
            if f.status in {"added", "removed"}:
                out.append(f"移行ファイル {f.name} ({f.id}): {f.status} ({f.count} items)")
            elif f.status == "changed":
                out.append(f"移行ファイル {f.name} ({f.id}):")
                out += _file_lines(f)
        if self.code_tables:
            out.append("code tables:")
            out += [f"  ~ {c.id} {c.name}: {_change(c)}" for c in self.code_tables]
        out.append(f"{self.count} differences")
        return "\n".join(out) + "\n"


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _size(value: dict[str, Any]) -> str:
    return f"{value['length'] if value['length'] is not None else '-'} {value['length_unit']}"


def _change(c: Change) -> str:
    if c.property == "length":
        return f"{_size(c.before)} → {_size(c.after)}"
    if c.property == "type":
        return f"{c.before} → {c.after}"
    return f"{c.property}: {_show(c.before)} → {_show(c.after)}"


def _item_line(sign: str, label: str, it: Item) -> str:
    size = f", {it.length} {unit_name(it.length_unit)}" if it.length is not None else ""
    return f"  {sign} {label:<8} {it.id} {it.name} ({it.type.value}{size})"


def _file_lines(f: FileDiff) -> list[str]:
    lines = [_item_line("+", "added", i) for i in f.added]
    lines += [_item_line("-", "removed", i) for i in f.removed]
    for label, changes in (("retyped", f.retyped), ("resized", f.resized), ("changed", f.changed)):
        lines += [f"  ~ {label:<8} {c.id} {c.name}: {_change(c)}" for c in changes]
    lines += [f"  ~ {'file':<8} {_change(c)}" for c in f.properties]
    return lines


def _dict_changes(
    ident: str, name: str, a: dict[str, Any], b: dict[str, Any], skip: set[str]
) -> list[Change]:
    return [
        Change(ident, name, k, a.get(k), b.get(k))
        for k in dict.fromkeys([*a, *b])
        if k not in skip and a.get(k) != b.get(k)
    ]


def _items(a: FileSpec, b: FileSpec) -> FileDiff:
    old, new = {i.id: i for i in a.items}, {i.id: i for i in b.items}
    retyped, resized, changed = [], [], []
    for item_id in old.keys() & new.keys():
        da, db = item_dict(old[item_id]), item_dict(new[item_id])
        name = new[item_id].name
        if da["type"] != db["type"]:
            retyped.append(Change(item_id, name, "type", da["type"], db["type"]))
        size_a, size_b = ({k: d[k] for k in _SIZE} for d in (da, db))
        if size_a != size_b:
            resized.append(Change(item_id, name, "length", size_a, size_b))
        changed += _dict_changes(item_id, name, da, db, {"id", "type", *_SIZE})
    order = {i.id: n for n, i in enumerate(b.items)}
    retyped.sort(key=lambda c: order[c.id])
    resized.sort(key=lambda c: order[c.id])
    changed.sort(key=lambda c: order[c.id])
    props = _dict_changes(b.id, b.name, file_dict(a), file_dict(b), {"id", "items"})
    common_a = [i for i in old if i in new]
    common_b = [i for i in new if i in old]
    if common_a != common_b:
        props.append(Change(b.id, b.name, "item order", common_a, common_b))
    diff = FileDiff(
        b.id,
        b.name,
        "changed",
        added=tuple(i for i in b.items if i.id not in old),
        removed=tuple(i for i in a.items if i.id not in new),
        retyped=tuple(retyped),
        resized=tuple(resized),
        changed=tuple(changed),
        properties=tuple(props),
    )
    return diff if diff.count else FileDiff(b.id, b.name, "same")


def _tables(a: dict[str, CodeTable], b: dict[str, CodeTable]) -> list[Change]:
    def summary(t: CodeTable | None) -> dict[str, Any] | None:
        return {"name": t.name, "codes": len(t.values)} if t else None

    out: list[Change] = []
    for tid in dict.fromkeys([*a, *b]):
        ta, tb = a.get(tid), b.get(tid)
        name = next(t.name for t in (tb, ta) if t is not None)
        if ta is None or tb is None:
            out.append(Change(tid, name, "table", summary(ta), summary(tb)))
            continue
        da = {"name": ta.name, "provenance": provenance_dict(ta.provenance)}
        db = {"name": tb.name, "provenance": provenance_dict(tb.provenance)}
        out += _dict_changes(tid, name, da, db, set())
        for code in dict.fromkeys([*ta.values, *tb.values]):
            before, after = ta.values.get(code), tb.values.get(code)
            if before != after:
                out.append(Change(tid, name, f"values/{code}", before, after))
    return out


def diff_layouts(a: Layout, b: Layout, a_label: str = "", b_label: str = "") -> LayoutDiff:
    """Compare ``a`` (before) with ``b`` (after); labels default to the layout ids."""
    files: list[FileDiff] = []
    new_files = {f.id: f for f in b.files}
    for f in a.files:
        if f.id in new_files:
            files.append(_items(f, new_files[f.id]))
        else:
            files.append(FileDiff(f.id, f.name, "removed", removed=f.items))
    old_ids = {f.id for f in a.files}
    files += [
        FileDiff(f.id, f.name, "added", added=f.items) for f in b.files if f.id not in old_ids
    ]
    skip = {"files", "code_tables"}
    return LayoutDiff(
        a_label or a.id,
        b_label or b.id,
        properties=tuple(_dict_changes("", "", layout_dict(a), layout_dict(b), skip)),
        files=tuple(files),
        code_tables=tuple(_tables(a.code_tables, b.code_tables)),
    )
