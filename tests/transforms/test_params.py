"""Declared transform parameters: type and bound checked before a transform is built."""

from __future__ import annotations

from typing import Any

import pytest

from migrate.transforms import REGISTRY
from migrate.transforms.params import declared, param_problems


@pytest.mark.parametrize(
    ("name", "params", "said"),
    [
        ("trim", {"chars": 5}, "chars: expects text, not int 5"),
        ("wareki_to_iso", {"codes": "x"}, "codes: expects a table of text to text"),
        ("join", {"separator": 1}, "separator: expects text"),
        ("pad", {"width": 10**8}, "width: 100000000 is outside the allowed 0..10000"),
        ("pad", {"width": 10**30}, "width: 1" + "0" * 30 + " is outside the allowed"),
        ("pad", {"width": 1e30}, "width: expects an integer, not float"),
        ("pad", {"width": True}, "width: expects an integer, not bool"),
        ("date_format", {"to": "YYYY"}, "to: expects one of 'YYYYMMDD'"),
        ("split", {"parts": 100_000}, "parts: 100000 is outside the allowed 2..100"),
        ("kana_h2z", {"rare": "yes"}, "rare: expects true or false"),
        ("trim", {"regex": ".*"}, "regex: trim has no such parameter"),
    ],
)
def test_a_wrong_parameter_is_one_problem(name: str, params: dict[str, Any], said: str) -> None:
    problems = param_problems(name, REGISTRY[name], params)
    assert len(problems) == 1 and problems[0].startswith(said), problems


def test_every_transform_declares_typed_parameters() -> None:
    for name, cls in REGISTRY.items():
        assert param_problems(name, cls, {}) == []
        assert all(hint is not None for hint in declared(cls).values())


def test_right_parameters_pass() -> None:
    assert param_problems("pad", REGISTRY["pad"], {"width": 10, "char": "0", "side": "left"}) == []
    codes = {"1": "明治"}
    assert param_problems("wareki_to_iso", REGISTRY["wareki_to_iso"], {"codes": codes}) == []
