"""The finding-code table: unique, well-formed, and documented."""

from __future__ import annotations

import re

from migrate import codes
from tests.conftest import ROOT
from tools.make_code_docs import OUT, render


def test_codes_and_slugs_are_unique_and_well_formed() -> None:
    assert len({c.code for c in codes.CODES}) == len(codes.CODES)
    assert len({c.slug for c in codes.CODES}) == len(codes.CODES)
    for c in codes.CODES:
        assert re.fullmatch(r"(RD|ST|TY|VA|RL|CV)[0-9]{2}", c.code)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c.slug)


def test_templates_use_only_known_placeholders() -> None:
    for c in codes.CODES:
        for template in (c.ja, c.en):
            assert set(re.findall(r"{(\w+)}", template)) <= {"field", "detail", "encoding"}


def test_lookup_by_code_or_slug() -> None:
    assert codes.get("VA08") is codes.get("mynumber-check-digit")


def test_docs_page_is_current() -> None:
    assert OUT == ROOT / "docs" / "finding-codes.md"
    assert OUT.read_text(encoding="utf-8") == render(), "run: python tools/make_code_docs.py"
