"""The finding-code table: unique, well-formed, documented, and found by any of its names."""

from __future__ import annotations

import json
import re

import polars as pl
import pytest

from migrate import codes
from migrate.codes import Code, Kind, Severity, Status
from migrate.validate.checks import check_digits
from tests.conftest import ROOT
from tools.make_code_docs import OUT, render


def test_codes_and_slugs_are_unique_and_well_formed() -> None:
    assert len({c.code for c in codes.CODES}) == len(codes.CODES)
    assert len({c.slug for c in codes.CODES}) == len(codes.CODES)
    for c in codes.CODES:
        assert re.fullmatch(r"(RD|ST|TY|VA|RL|CV|XM)[0-9]{2}", c.code)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c.slug)


def test_templates_use_only_known_placeholders() -> None:
    for c in codes.CODES:
        for template in (c.ja, c.en):
            assert set(re.findall(r"{(\w+)}", template)) <= {"field", "detail", "encoding"}


def test_lookup_by_code_or_slug() -> None:
    assert codes.get("VA08") is codes.get("mynumber-check-digit")


def test_every_existing_code_is_stable_and_aliased_by_its_slug() -> None:
    for c in codes.CODES:
        assert c.status is Status.STABLE
        assert c.aliases[0] == c.slug
        assert c.names == (c.code, *c.aliases)
        for name in c.names:
            assert codes.get(name) is c
            assert codes.BY_NAME[name] is c
    with pytest.raises(KeyError):
        codes.get("no-such-code")


def test_a_renamed_slug_still_finds_its_code() -> None:
    old = Code("ZZ01", "new-name", Kind.CODE, Severity.ERROR, "ja", "en", former_slugs=("old",))
    names = codes.index_names((old,))
    assert names["old"] is names["new-name"] is names["ZZ01"] is old


def test_a_name_two_codes_share_is_refused() -> None:
    a = Code("ZZ01", "one", Kind.CODE, Severity.ERROR, "ja", "en")
    b = Code("ZZ02", "two", Kind.CODE, Severity.ERROR, "ja", "en", former_slugs=("one",))
    with pytest.raises(ValueError, match="ZZ01 and ZZ02"):
        codes.index_names((a, b))


def test_public_names_keep_working() -> None:
    from migrate.codes import BY_CODE, CODES

    assert BY_CODE["RD01"] is CODES[0]
    assert codes.BY_SLUG["record-framing"].code == "CV04"
    assert Severity.ERROR.rank > Severity.WARNING.rank > Severity.INFO.rank


def test_every_code_is_documented_in_every_section() -> None:
    assert set(codes.DOCS) == {c.code for c in codes.CODES}
    for c in codes.CODES:
        assert c.doc is not None, c.code
        for section in (c.doc.what, c.doc.why, c.doc.example, c.doc.fix):
            assert len(section) > 20, (c.code, section)
        assert len(c.doc.fix_ja) > 5, c.code
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", c.doc.fix_ja), c.code


def test_every_code_matches_the_report_schema() -> None:
    schema = json.loads((ROOT / "docs/schemas/report.schema.json").read_text(encoding="utf-8"))
    code_pattern = schema["$defs"]["code"]["pattern"]
    slug_pattern = schema["$defs"]["finding"]["properties"]["slug"]["pattern"]
    for c in codes.CODES:
        assert re.search(code_pattern, c.code)
        assert re.search(slug_pattern, c.slug)


CHECKS = {
    "VA07": check_digits.lg_code_ok,
    "VA08": check_digits.mynumber_ok,
    "VA09": check_digits.juminhyo_code_ok,
    "VA10": lambda e: check_digits.atena_m11_ok(e, 15),
    "VA11": check_digits.hojin_bango_ok,
}


@pytest.mark.parametrize("code", sorted(CHECKS))
def test_check_digit_examples_are_true(code: str) -> None:
    """The documented example passes and the documented counter-example fails."""
    doc = codes.BY_CODE[code].doc
    assert doc is not None
    good, bad = re.findall(r"`([0-9]+)`", doc.example)[:2]
    frame = pl.DataFrame({"v": [good, bad]})
    number = check_digits.as_number(pl.col("v"))
    assert frame.select(CHECKS[code](number)).to_series().to_list() == [True, False]


def test_docs_page_is_current() -> None:
    assert OUT == ROOT / "docs" / "finding-codes.md"
    assert OUT.read_text(encoding="utf-8") == render(), "run: python tools/make_code_docs.py"


def test_docs_page_has_a_section_per_code() -> None:
    page = render()
    for c in codes.CODES:
        assert f"\n### {c.code} {c.slug}\n" in page
        assert f"](#{c.code.lower()}-{c.slug})" in page
