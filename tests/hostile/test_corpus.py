"""Every case of the hostile-input corpus holds to the contract (tests/hostile/corpus.py).

The fast cases run by default; the rest with ``pytest -m slow tests/hostile``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.cases_cli import cli_cases
from tests.hostile.cases_data import data_cases
from tests.hostile.cases_workbook import workbook_cases
from tests.hostile.cases_yaml import yaml_cases
from tests.hostile.corpus import Case, cases, check, run_case

CASES = cases(data_cases(), yaml_cases(), workbook_cases(), cli_cases())


def _param(case: Case) -> object:
    marks: list[pytest.MarkDecorator] = [] if case.fast else [pytest.mark.slow]
    if case.open_issue:
        marks.append(pytest.mark.xfail(reason=case.open_issue, strict=True))
    return pytest.param(case, id=case.id, marks=marks)


def test_the_corpus_is_large() -> None:
    assert len(CASES) >= 200


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    check(case, run_case(case, tmp_path))
