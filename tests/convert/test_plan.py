"""The plan stages only the columns that can vary: no constant loss or default flags."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polars as pl

from migrate.convert.plan import compile_plan
from migrate.convert.source import byte_column
from migrate.mapping.loader import load_mapping
from migrate.mapping.model import ByteRange, Step

SAMPLE = Path(__file__).parents[2] / "samples/juki-legacy/juki_legacy.jumin.mapping.yaml"


def column(c: str | ByteRange) -> str:
    assert isinstance(c, ByteRange)
    return byte_column(c)


def test_loss_and_default_columns_only_where_they_can_be_true() -> None:
    m = load_mapping(SAMPLE)
    with_default = next(im for im in m.items if im.target == "zokugara")  # has a trim step
    plain = next(im for im in m.items if im.target == "atena_no")  # no steps
    items = [
        dataclasses.replace(im, default="x") if im is plain else im
        for im in m.items
        if im is not with_default
    ]
    items.append(dataclasses.replace(with_default, default="y"))
    plan = compile_plan(dataclasses.replace(m, items=tuple(items)), column)
    by_id = {ip.item.id: ip for ip in plan.items}
    sources = {column(r) for im in items if isinstance(r := im.source, ByteRange)}
    frame = pl.DataFrame({"__record": [1, 2]} | {s: ["", "z"] for s in sorted(sources)})
    staged = plan.apply(frame.lazy(), ["__record"]).collect()
    stepped = {ip.item.id for ip in plan.items if ip.steps}
    assert stepped and "atena_no" not in stepped
    for ip in plan.items:
        assert (ip.loss in staged.columns) == (ip.item.id in stepped)
    defaulted = [by_id["atena_no"].defaulted, by_id["zokugara"].defaulted]
    assert [c for c in plan.count_columns if c.startswith("__dflt")] == defaulted
    assert staged.select(defaulted).rows() == [(True, True), (False, False)]
    assert staged.select("atena_no", "zokugara").rows() == [("x", "y"), ("z", "z")]


def test_items_reading_one_range_through_the_same_steps_share_them() -> None:
    m = load_mapping(SAMPLE)  # birth_date and birth_date_wareki: 182-188, wareki_to_iso first
    plan = compile_plan(m, column)
    by_id = {ip.item.id: ip for ip in plan.items}
    iso, wareki = by_id["birth_date"].steps, by_id["birth_date_wareki"].steps
    assert wareki[0].output == iso[0].output  # computed once
    assert wareki[1].output != iso[0].output and wareki[1].source == iso[0].output
    alone = dataclasses.replace(m, items=tuple(im for im in m.items if im.target != "birth_date"))
    unshared = compile_plan(alone, column)
    sources = {column(r) for im in m.items if isinstance(r := im.source, ByteRange)}
    dates = ["H010108", "S640107", "H310430", "R010501", "H010100", "X123456", "", "昭和64.1.7"]
    frame = pl.DataFrame({"__record": range(len(dates))} | dict.fromkeys(sorted(sources), dates))
    both = plan.apply(frame.lazy(), ["__record"]).collect()
    one = unshared.apply(frame.lazy(), ["__record"]).collect()
    kept = [c for c in one.columns if c in both.columns and c != "birth_date"]
    assert "birth_date_wareki" in kept and "__n16_2_changed" in kept
    assert both.select(kept).equals(one.select(kept))
    assert both["birth_date_wareki"].to_list()[:2] == ["04010108", "03640107"]


def test_steps_differing_in_parameters_or_with_a_code_map_are_not_shared() -> None:
    m = load_mapping(SAMPLE)
    by_target = {im.target: im for im in m.items}
    iso, sex = by_target["birth_date"], by_target["seibetsu"]  # seibetsu: code_map sex
    dashed = dataclasses.replace(
        iso, target="jumin_date", transforms=(Step("wareki_to_iso", {"to": "YYYY-MM-DD"}),)
    )
    twin = dataclasses.replace(sex, target="zokugara")  # the same code map on the same range
    drop = {"jumin_date", "zokugara"}
    items = (*(im for im in m.items if im.target not in drop), dashed, twin)
    plan = compile_plan(dataclasses.replace(m, items=items), column)
    by_id = {ip.item.id: ip for ip in plan.items}
    assert by_id["jumin_date"].steps[0].output != by_id["birth_date"].steps[0].output
    assert by_id["zokugara"].steps[0].output != by_id["seibetsu"].steps[0].output
    assert {by_id["zokugara"].steps[0].source, by_id["seibetsu"].steps[0].source} <= set(
        plan.code_map_inputs
    )
