"""``date_or_blank`` and ``uncertain_date_text``: 不詳 dates into DATE + 不詳表記."""

from __future__ import annotations

import polars as pl
import pytest

from migrate.transforms import make

NENGO2 = {"01": "明治", "02": "大正", "03": "昭和", "04": "平成", "05": "令和"}


def run(name: str, values: list[str | None], **params: object) -> list[str | None]:
    frame = pl.DataFrame({"a": values}, schema={"a": pl.String})
    out: list[str | None] = frame.select(make(name, **params).expr(pl.col("a")))["a"].to_list()
    return out


def test_date_or_blank_keeps_calendar_days_and_blanks_uncertain_ones() -> None:
    values = ["19650412", "1965-04-12", "19650000", "19650400", "19950229", "19951301", "", None]
    assert run("date_or_blank", values) == [
        "1965-04-12",
        "1965-04-12",
        "",
        "",
        "",
        None,  # month 13: not a date, unconverted (the record is rejected, never guessed)
        "",
        None,
    ]


def test_date_or_blank_counts_what_it_blanked() -> None:
    frame = pl.DataFrame({"a": ["19650412", "19650000", "19950229", "x"]})
    counts = make("date_or_blank").count(frame, "a")  # type: ignore[attr-defined]
    assert (counts.values, counts.unconverted) == (4, 1)
    assert counts.extra == {"blanked_uncertain": 1, "blanked_non_calendar": 1}


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("19650412", ""),
        ("19650000", "１９６５年\u3000月日不詳"),
        ("1965-04-00", "１９６５年４月\u3000日不詳"),
        ("00000000", "年月日不詳"),
        ("19950229", "１９９５年２月２９日"),
        ("19951301", None),
        ("00000412", None),
        ("abc", None),
        ("", ""),
    ],
)
def test_seireki_text_is_written_from_the_original(value: str, text: str | None) -> None:
    assert run("uncertain_date_text", [value]) == [text]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("03400412", ""),
        ("03400000", "昭和４０年\u3000月日不詳"),
        ("03400400", "昭和４０年４月\u3000日不詳"),
        ("04010000", "平成元年\u3000月日不詳"),
        ("04070229", "平成７年２月２９日"),
        ("09400000", None),  # unknown era code
        ("01050000", None),  # 明治5年: lunisolar, never converted
    ],
)
def test_wareki_text_names_the_era(value: str, text: str | None) -> None:
    assert run("uncertain_date_text", [value], calendar="wareki", codes=NENGO2) == [text]


def test_uncertain_date_text_counts_and_rejects_bad_parameters() -> None:
    frame = pl.DataFrame({"a": ["19650412", "19650000", "19950229", "x"]})
    counts = make("uncertain_date_text").count(frame, "a")  # type: ignore[attr-defined]
    assert (counts.values, counts.unconverted) == (4, 1)
    assert counts.extra == {"uncertain": 1, "non_calendar": 1}
    with pytest.raises(ValueError, match="calendar"):
        make("uncertain_date_text", calendar="julian")
    with pytest.raises(ValueError, match="unknown eras"):
        make("uncertain_date_text", calendar="wareki", codes={"1": "慶応"})


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("19650412", ""),
        ("19650000", "昭和４０年\u3000月日不詳"),
        ("1965-04-00", "昭和４０年４月\u3000日不詳"),
        ("19950229", "平成７年２月２９日"),
        ("19890200", "平成元年２月\u3000日不詳"),
        ("20190400", "平成３１年４月\u3000日不詳"),  # April ends the day 平成 does
        ("20190500", "令和元年５月\u3000日不詳"),
        ("19120800", "大正元年８月\u3000日不詳"),
        ("18730000", "明治６年\u3000月日不詳"),
        ("00000000", "年月日不詳"),
        # The known parts span an era change or the lunisolar years: the year as written
        ("19890000", "１９８９年\u3000月日不詳"),
        ("19890100", "１９８９年１月\u3000日不詳"),
        ("20190000", "２０１９年\u3000月日不詳"),
        ("19261200", "１９２６年１２月\u3000日不詳"),
        ("18720000", "１８７２年\u3000月日不詳"),
        ("20190431", "２０１９年４月３１日"),  # after 平成's last day, before 令和's first
        ("19951301", None),
    ],
)
def test_seireki_written_in_wareki_where_one_era_holds_every_possible_day(
    value: str, text: str | None
) -> None:
    """Issue 9: the 不詳表記 in the spec's 和暦 form (「昭和○年頃」), never a guessed era."""
    assert run("uncertain_date_text", [value], write="wareki") == [text]


def test_write_wareki_counts_as_before_and_refuses_wareki_to_seireki() -> None:
    frame = pl.DataFrame({"a": ["19650412", "19650000", "19950229", "x"]})
    counts = make("uncertain_date_text", write="wareki").count(frame, "a")  # type: ignore[attr-defined]
    assert (counts.values, counts.unconverted) == (4, 1)
    assert counts.extra == {"uncertain": 1, "non_calendar": 1}
    with pytest.raises(ValueError, match="write"):
        make("uncertain_date_text", calendar="wareki", write="seireki")
