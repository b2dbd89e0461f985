"""frictionless: the layout's rules as a Table Schema with constraints, plus row constraints.

What a Table Schema can say: required, pattern (full match), enum, minLength/maxLength (in
characters), date type with a strptime format, a unique primaryKey; row_constraint formulas for
the date order. What it cannot: check digits, 桁数 in CP932 bytes (maxLength counts characters),
the 和暦 calendar (a pattern only), and required_when on 氏名（アルファベット）, 生年月日（和暦）
and 国籍・地域 (formulas can only name columns whose names are Python identifiers).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from frictionless import Checklist, Resource, Schema, checks

from peers import harness
from peers.rules import ALLOWED, Field, FileRules, in_repertoire_python, load_rules

LOOSE_MMDD = "(0[0-9]|1[0-2])([0-2][0-9]|3[01])"


def pattern(f: Field, rules: FileRules, repertoire: str) -> tuple[str, str] | None:
    """(finding code, full-match pattern) for the item, if a pattern expresses a rule of it.

    A field has one pattern: a text item's charset and the JIS X 0213 repertoire are joined
    with a lookahead, and a failure is reported as VA03 if the item has a charset, else VA05.
    """
    if f.type == "digits":
        return "TY01", "[0-9]+"
    if f.fmt == "yyyymmdd" and f.uncertain:
        return "TY05", "[0-9]{4}" + LOOSE_MMDD
    if f.fmt and f.fmt.startswith("wareki"):
        eras = "|".join(e.code for e in rules.eras)
        return "TY06", f"({eras})(0[1-9]|[1-9][0-9])" + LOOSE_MMDD
    if f.type == "text":
        if f.charset:
            return "VA03", f"(?={ALLOWED[f.charset]}*$){repertoire}*"
        return "VA05", f"{repertoire}*"
    if f.charset:
        return "VA03", ALLOWED[f.charset] + "*"
    return None


def field_descriptor(f: Field, rules: FileRules, repertoire: str) -> dict:
    """One Table Schema field: type, format and constraints."""
    c: dict = {"required": True} if f.required else {}
    if f.fmt == "yyyymmdd" and not f.uncertain:
        return {"name": f.name, "type": "date", "format": "%Y%m%d", "constraints": c}
    p = pattern(f, rules, repertoire)
    if p:
        c["pattern"] = p[1]
    if f.codes:
        c["enum"] = list(f.codes)
    if f.length and f.type != "date":
        c["maxLength"] = f.length
        if f.exact:
            c["minLength"] = f.length
    return {"name": f.name, "type": "string", "constraints": c}


def descriptor(rules: FileRules) -> dict:
    repertoire = in_repertoire_python()
    return {
        "fields": [field_descriptor(f, rules, repertoire) for f in rules.fields],
        "primaryKey": list(rules.keys),
    }


def order_formula(earlier: str, later: str, rules: FileRules) -> str:
    """A simpleeval formula for ``earlier <= later`` over string or date cells."""

    def as_text(name: str) -> str:
        typed = not next(f for f in rules.fields if f.name == name).uncertain
        return f"{name}.strftime('%Y%m%d')" if typed else name

    return f"{earlier} is None or {later} is None or {as_text(earlier)} <= {as_text(later)}"


def code_of(error: dict, rules: FileRules, formulas: dict[str, str]) -> str:
    """Map one frictionless error to ``<code>:<column>``."""
    kind, name, note = error["type"], error.get("fieldName"), error.get("note", "")
    if kind == "primary-key":
        return "RL01:" + "+".join(rules.keys)
    if kind == "row-constraint":
        formula = re.search(r'"(.*)"', note).group(1)
        return f"RL02:{formulas[formula]}"
    if kind == "type-error":
        return f"TY05:{name}"
    f = next(f for f in rules.fields if f.name == name)
    constraint = re.search(r'constraint "(\w+)"', note).group(1)
    code = {
        "required": "VA01",
        "enum": "VA02",
        "pattern": (pattern(f, rules, "") or ("?",))[0],
        "maxLength": "TY04" if f.exact else "TY03",
        "minLength": "TY04",
    }[constraint]
    return f"{code}:{name}"


def validate(path: Path) -> harness.Counts:
    rules = load_rules()
    formulas = {order_formula(a, b, rules): b for a, b in rules.date_orders}
    checklist = Checklist(checks=[checks.row_constraint(formula=f) for f in formulas])
    resource = Resource(
        path=path.name,
        basepath=str(path.resolve().parent),
        schema=Schema.from_descriptor(descriptor(rules)),
    )
    report = resource.validate(checklist, limit_errors=10**9)
    if report.errors or not report.tasks:
        raise RuntimeError(report.flatten(["type", "note"]))
    errors = [e.to_descriptor() for e in report.tasks[0].errors]
    return dict(Counter(code_of(e, rules, formulas) for e in errors))


if __name__ == "__main__":
    harness.run(validate, __doc__.splitlines()[0])
