"""Properties of the transforms, and of the pipeline's staged counting, on generated values."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import yaml
from hypothesis import given as hgiven
from hypothesis import settings
from hypothesis import strategies as st

from migrate.convert.plan import compile_plan
from migrate.mapping.loader import load_mapping
from migrate.transforms import make

HALF_KANA = "".join(chr(c) for c in range(0xFF66, 0xFF9E))
MARKS = "\uff9e\uff9f"
TEXT = st.text(alphabet=HALF_KANA + MARKS + "アガ山髙①　 AZ09-～\ue000", max_size=10)
WAREKI = st.one_of(
    st.builds(
        lambda g, y, m, d: f"{g}{y:02d}{m:02d}{d:02d}",
        st.sampled_from("12345679"),
        st.integers(0, 99),
        st.integers(0, 13),
        st.integers(0, 32),
    ),
    st.sampled_from(["", "平成15.01.07", "H15/1/7", "昭和64年1月8日", "令和元年5月1日", "x"]),
)


def apply(name: str, values: list[str | None], **params: Any) -> list[str | None]:
    frame = pl.DataFrame({"a": values}, schema={"a": pl.String})
    out: list[str | None] = frame.select(make(name, **params).expr(pl.col("a")))["a"].to_list()
    return out


@settings(max_examples=60, deadline=None)
@hgiven(st.lists(TEXT, max_size=20))
def test_kana_h2z_is_idempotent_and_leaves_no_convertible_kana(values: list[str]) -> None:
    once = apply("kana_h2z", list(values))
    assert apply("kana_h2z", once) == once
    for before, after in zip(values, once, strict=True):
        assert after is not None
        assert not any(c in HALF_KANA for c in after)  # every half-width letter converted
        assert after.count("山") == before.count("山") and after.count("\ue000") == before.count(
            "\ue000"
        )  # kanji and 外字 pass through


@settings(max_examples=60, deadline=None)
@hgiven(st.lists(st.text(alphabet=" 　ab山", max_size=8), max_size=20))
def test_trim_is_idempotent_and_keeps_inner_spaces(values: list[str]) -> None:
    once = apply("trim", list(values))
    assert apply("trim", once) == once
    for before, after in zip(values, once, strict=True):
        assert after == before.strip(" 　")


@settings(max_examples=40, deadline=None)
@hgiven(st.lists(st.text(alphabet="0123456789", max_size=8), max_size=20), st.integers(1, 10))
def test_pad_never_truncates_and_keeps_the_value_right_aligned(
    values: list[str], width: int
) -> None:
    for before, after in zip(values, apply("pad", list(values), width=width), strict=True):
        assert after is not None
        if before:
            assert after.endswith(before) and len(after) == max(width, len(before))
            assert set(after[: len(after) - len(before)]) <= {"0"}


@settings(max_examples=40, deadline=None)
@hgiven(st.lists(st.sampled_from(["M", "F", "U", "", "1"]), max_size=30))
def test_code_map_reject_gives_only_mapped_codes_and_counts_the_rest(values: list[str]) -> None:
    table = {"M": "1", "F": "2"}
    out = apply("code_map", list(values), mapping=table)
    for before, after in zip(values, out, strict=True):
        assert after == (table.get(before) if before else before)
    counts = make("code_map", mapping=table).count(pl.DataFrame({"a": values}), "a")
    assert counts.unconverted == sum(1 for v in values if v and v not in table)


@settings(max_examples=40, deadline=None)
@hgiven(
    st.lists(
        st.tuples(
            st.text(alphabet="山田ab", min_size=1, max_size=4), st.text("太郎cd", max_size=4)
        ),
        max_size=15,
    )
)
def test_split_undoes_join(pairs: list[tuple[str, str]]) -> None:
    frame = pl.DataFrame({"s": [a for a, _ in pairs], "m": [b for _, b in pairs]})
    joined = frame.select(make("join").expr([pl.col("s"), pl.col("m")]).alias("j"))
    for part, index in ((1, 0), (2, 1)):
        got = joined.select(make("split", part=part).expr(pl.col("j")).alias("j"))["j"].to_list()
        assert got == [p[index] for p in pairs]


# ---------------------------------------------------------------- the staged plan


def _mapping(tmp_path: Path) -> Path:
    doc = {
        "format_version": 1,
        "target": {"layout": "juki", "file": "setai"},
        "source": {"form": "delimited", "encoding": "utf-8"},
        "items": {
            "lg_code": {"const": "131016"},
            "setai_no": {"from": "NO"},
            "setainushi_atena_no": {"from": "NO"},
            "setainushi_shimei": {
                "from": "NAME",
                "transforms": [{"name": "trim"}, {"name": "kana_h2z"}],
            },
            "jusho": {"from": "NAME", "default": "不明"},
            "setai_date": {
                "from": "DATE",
                "transforms": [{"name": "wareki_to_iso", "keep_uncertain": True}],
            },
        },
    }
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


@settings(max_examples=30, deadline=None)
@hgiven(st.lists(st.tuples(TEXT, WAREKI), min_size=1, max_size=30))
def test_staged_counts_equal_each_transform_counted_alone(
    tmp_path_factory: Any, rows: list[tuple[str, str]]
) -> None:
    mapping = load_mapping(_mapping(tmp_path_factory.mktemp("m")))
    plan = compile_plan(mapping, lambda c: str(c))
    source = pl.DataFrame(
        {"NO": ["1"] * len(rows), "NAME": [n for n, _ in rows], "DATE": [d for _, d in rows]}
    )
    staged = plan.apply(source.lazy(), []).collect()
    for ip in plan.items:
        if not ip.steps:
            continue
        assert ip.mapping is not None and isinstance(ip.mapping.source, tuple)
        frame = source.select(pl.col(ip.mapping.source[0]).alias("x"))
        first = frame["x"].to_list()
        for step in ip.steps:
            alone = step.transform.count(frame, "x")
            staged_counts = {k: int(staged[c].sum()) for k, c in step.counts.items()}
            assert staged_counts["values"] == alone.values
            assert staged_counts["changed"] == alone.changed
            assert staged_counts["unconverted"] == alone.unconverted
            assert {k: staged_counts[k] for k in alone.extra} == alone.extra
            frame = frame.select(step.transform.expr(pl.col("x")).alias("x"))
        expected = [v if f else f for f, v in zip(first, frame["x"].to_list(), strict=True)]
        assert staged[ip.item.id].to_list() == expected
    names = [n for n, _ in rows]
    assert staged["jusho"].to_list() == [n if n else "不明" for n in names]
