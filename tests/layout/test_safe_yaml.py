"""The limited YAML loader of layout and mapping files (issue 15, item 8)."""

from __future__ import annotations

import pytest
import yaml

from migrate.layout import safe_yaml


def _bomb(levels: int) -> str:
    out = 'l0: &l0 ["a","a","a","a","a","a","a","a","a"]\n'
    for i in range(1, levels + 1):
        out += f"l{i}: &l{i} [{','.join([f'*l{i - 1}'] * 9)}]\n"
    return out


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (_bomb(9), "nodes once aliases are expanded"),
        ("a: &a x\nb: [" + ",".join(["*a"] * 200) + "]\n", "more than 100 aliases"),
        ("x: " + "[" * 10_000 + "]" * 10_000, "nested deeper than 64"),
        ("x: " + "{a: " * 100 + "1" + "}" * 100, "nested deeper than 64"),
        ("n: " + "9" * 5000, "a number of 5000 digits"),
        ("id: a\nname: b\nid: c\n", "the key 'id' is given twice"),
        ("x: !!python/object/apply:os.system [echo]", "could not determine a constructor"),
    ],
)
def test_refused_with_a_located_problem(text: str, said: str) -> None:
    with pytest.raises(yaml.YAMLError, match=said) as err:
        safe_yaml.load(text)
    assert getattr(err.value, "problem_mark", None) is not None


def test_ordinary_documents_load_as_safe_load_does() -> None:
    text = "a: &a {x: 1}\nb: *a\nc: [1, 2.5, '01', null, true]\nd: {<<: *a, y: 2}\n"
    assert safe_yaml.load(text) == yaml.safe_load(text)
    assert safe_yaml.load(_bomb(2)) == yaml.safe_load(_bomb(2))


def test_libyaml_and_cpython_parsers_give_the_same_documents() -> None:
    """Every shipped layout and sample mapping reads the same through either parser."""
    from pathlib import Path

    from migrate.layout import safe_yaml

    assert safe_yaml._FAST is not None  # PyYAML's wheels carry libyaml
    root = Path(__file__).resolve().parents[2]
    files = sorted([*root.glob("layouts/**/*.yaml"), *root.glob("samples/**/*.yaml")])
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        fast = safe_yaml._load_with(safe_yaml._FAST(text))
        assert fast == safe_yaml._load_with(safe_yaml.LimitedSafeLoader(text)), path
