"""What a layout's JSON Schema cannot see: dangling names, impossible combinations, framing.

``loader.load_layout`` runs these after the schema; each problem names its place in the
file (``files/<id>/items/<id>: …``).
"""

from __future__ import annotations

from collections import Counter

from migrate.japan.eras import ERAS
from migrate.layout import names
from migrate.layout.model import ByteRange, DataType, DateFormat, FileSpec, Layout
from migrate.layout.xml_binding import xml_errors

MAX_LENGTH = 100_000  # an item length beyond this is a mistake, not a declaration


def alias_errors(f: FileSpec) -> list[str]:
    """Aliases that would match no column, or the name, id or alias of another item.

    Compared as ``mapping draft`` compares headers (``names.normalise``), so an alias can
    never send a column to two items of one 移行ファイル.
    """
    out: list[str] = []
    owner: dict[str, str] = {}
    for it in f.items:
        for key in {names.normalise(it.name), names.normalise(it.id)}:
            owner.setdefault(key, it.id)
    for it in f.items:
        for alias in it.aliases:
            key = names.normalise(alias)
            where = f"files/{f.id}/items/{it.id}/aliases"
            if not key:
                out.append(f"{where}: {alias!r} is empty once spaces and brackets are dropped")
            elif owner.setdefault(key, it.id) != it.id:
                out.append(f"{where}: {alias!r} also names item {owner[key]!r}")
    return out


def semantic_errors(layout: Layout) -> list[str]:
    """Problems the JSON Schema cannot see: dangling names and impossible combinations."""
    out: list[str] = fixed_width_errors(layout) + xml_errors(layout)
    file_ids = {f.id for f in layout.files}
    if len(file_ids) != len(layout.files):
        out.append("files: a 移行ファイル id is used twice")
    if layout.era_codes and layout.era_codes not in layout.code_tables:
        out.append(f"era_codes: no code table {layout.era_codes!r}")
    elif layout.era_codes:
        names_of = {e.name for e in ERAS}
        era_values = layout.code_tables[layout.era_codes].values
        if not era_values or not set(era_values.values()) <= names_of:
            out.append(
                f"era_codes: table {layout.era_codes!r} is not an era table: its names must be "
                f"era names ({', '.join(e.name for e in ERAS)})"
            )
    for f in layout.files:
        ids = [i.id for i in f.items]
        names = [i.name for i in f.items]
        for label, seq in (("item id", ids), ("データ項目名称", names)):
            dupes = sorted(x for x, n in Counter(seq).items() if n > 1)
            if dupes:
                out.append(f"files/{f.id}: duplicate {label}: {', '.join(dupes)}")
        out += alias_errors(f)
        known = set(ids)
        for k in f.keys:
            if k not in known:
                out.append(f"files/{f.id}/keys: no item {k!r}")
        if len(set(f.keys)) != len(f.keys):
            out.append(f"files/{f.id}/keys: an item is named twice")
        for d in f.date_orders:
            for name in (d.earlier, d.later):
                if name not in known:
                    out.append(f"files/{f.id}/date_order: no item {name!r}")
        for r in f.references:
            if r.file not in file_ids:
                out.append(f"files/{f.id}/references: no 移行ファイル {r.file!r}")
            elif len(r.fields) != len(r.target_fields):
                out.append(f"files/{f.id}/references: fields and to differ in length")
            else:
                target = {i.id for i in layout.file(r.file).items}
                out.extend(
                    f"files/{f.id}/references: no item {t!r} in {r.file}"
                    for t in r.target_fields
                    if t not in target
                )
            out.extend(
                f"files/{f.id}/references: no item {name!r}"
                for name in r.fields
                if name not in known
            )
        for it in f.items:
            where = f"files/{f.id}/items/{it.id}"
            if it.code and it.code not in layout.code_tables:
                out.append(f"{where}: no code table {it.code!r}")
            if it.type is DataType.DATE and it.format is None:
                out.append(f"{where}: a date item needs a format")
            if (
                it.format in {DateFormat.WAREKI_GYYMMDD, DateFormat.WAREKI_EEYYMMDD}
                and not layout.era_codes
            ):
                out.append(f"{where}: a 和暦 format needs the layout's era_codes table")
            for label, when in (
                ("required_when", it.required_when),
                ("uncertain_dates_when", it.uncertain_dates_when),
            ):
                if when and when.field not in known:
                    out.append(f"{where}: {label} names no item {when.field!r}")
                elif when:
                    table = layout.code_tables.get(f.item(when.field).code or "")
                    unknown = [v for v in when.values if table and v not in table.values]
                    if table and unknown:
                        out.append(f"{where}: {label} values not in {table.id}: {unknown}")
            if it.length is not None and it.length > MAX_LENGTH:
                out.append(f"{where}: length {it.length} is larger than {MAX_LENGTH}")
            if it.length_exact and it.length is None:
                out.append(f"{where}: length_exact needs a length")
            if it.standard and it.standard.fusho_text and it.standard.fusho_text not in known:
                out.append(f"{where}: fusho_text names no item {it.standard.fusho_text!r}")
    return out


def fixed_width_errors(layout: Layout) -> list[str]:
    """Byte positions and record types: all or nothing, inside the record, not overlapping."""
    phys = layout.physical
    if not phys.fixed_width:
        return [
            f"files/{f.id}: record_type needs physical.form fixed-width"
            for f in layout.files
            if f.record_type is not None
        ] + [
            f"files/{f.id}/items/{it.id}/bytes: byte positions need physical.form fixed-width"
            for f in layout.files
            for it in f.items
            if it.bytes is not None
        ]
    out = []
    rt, limit = phys.record_type, phys.record_length or 0
    if rt is not None and rt.end > limit:
        out.append(f"physical/record_type: ends at byte {rt.end}, past record_length {limit}")
    values = [f.record_type for f in layout.files]
    if rt is not None and None in values:
        out.append("files: with physical.record_type, every 移行ファイル names its record_type")
    if rt is None and len(layout.files) > 1:
        out.append("physical: several 移行ファイル in one fixed-width file need a record_type")
    if rt is None and any(v is not None for v in values):
        out.append("files: a record_type value needs physical.record_type")
    given = [v for v in values if v is not None]
    if len(set(given)) != len(given):
        out.append("files: two 移行ファイル name the same record_type")
    # Imported here (numpy): only a fixed-width layout needs it, and every command loads layouts.
    from migrate.io.numeric import numeric_problem

    for f in layout.files:
        placed: list[tuple[str, ByteRange]] = []
        for it in f.items:
            where = f"files/{f.id}/items/{it.id}/bytes"
            if it.bytes is None:
                out.append(f"{where}: a fixed-width layout places every item")
                continue
            if it.bytes.end > limit:
                out.append(f"{where}: {it.bytes} exceed record_length {limit}")
            if problem := numeric_problem(it.bytes.type, it.bytes.length, it.bytes.scale):
                out.append(f"{where}: {problem}")
            out.extend(
                f"{where}: {it.bytes} overlap {other_id} ({other})"
                for other_id, other in placed
                if other.start <= it.bytes.end and it.bytes.start <= other.end and other != it.bytes
            )
            placed.append((it.id, it.bytes))
    return out
