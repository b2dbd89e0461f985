"""The plan stages only the columns that can vary: no constant loss or default flags."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polars as pl

from migrate.convert.plan import compile_plan
from migrate.convert.source import byte_column
from migrate.mapping.loader import load_mapping
from migrate.mapping.model import ByteRange

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
