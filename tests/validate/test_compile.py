"""Rules are compiled in one place, for validate and convert alike."""

from __future__ import annotations

from migrate.codes import BY_CODE, Severity
from migrate.layout.catalog import resolve
from migrate.validate.compile import compile_rules, error_rules


def test_rules_cover_only_the_items_present() -> None:
    layout = resolve("juki")
    spec = layout.file("jumin")
    every = {i.id for i in spec.items}
    name = spec.item("setai_no").name
    assert any(r.field == name for r in compile_rules(spec, layout, every))
    assert not any(r.field == name for r in compile_rules(spec, layout, every - {"setai_no"}))


def test_a_converted_record_is_rejected_by_error_rules_only() -> None:
    layout = resolve("juki")
    spec = layout.file("jumin")
    every = compile_rules(spec, layout, {i.id for i in spec.items})
    errors = error_rules(spec, layout)
    assert errors and all(BY_CODE[r.code].severity is Severity.ERROR for r in errors)
    assert len(errors) < len(every)  # the layout has warning or info rules too
    assert any(r.confirm is not None for r in errors)  # two-phase rules stay two-phase
