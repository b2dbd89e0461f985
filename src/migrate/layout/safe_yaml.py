"""YAML for layout and mapping files, read with limits: one meaning or a located problem.

``yaml.SafeLoader`` builds only plain data (a ``!!python/…`` tag is refused), and on top of
it this loader refuses what could exhaust the machine or mean two things:

- more than ``MAX_ALIASES`` aliases, or a document whose nodes, aliases expanded, exceed
  ``MAX_NODES`` (an alias bomb: "billion laughs");
- nesting deeper than ``MAX_DEPTH`` (a RecursionError otherwise);
- an integer of more than ``MAX_DIGITS`` digits;
- a key given twice in one mapping (YAML would keep the last in silence).

Each refusal is a ``yaml.YAMLError`` with the line and column of the node.
"""

from __future__ import annotations

from typing import Any

import yaml
import yaml.composer
import yaml.constructor
import yaml.resolver
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode

MAX_ALIASES = 100
MAX_NODES = 1_000_000
MAX_DEPTH = 64
MAX_DIGITS = 30
MAX_BYTES = 16 * 2**20
MERGE_TAG = "tag:yaml.org,2002:merge"


class LimitedSafeLoader(yaml.SafeLoader):
    """``SafeLoader`` with budgets for aliases, expanded nodes, depth and number size."""

    def __init__(self, stream: str | bytes) -> None:
        super().__init__(stream)
        self._aliases = 0
        self._depth = 0
        self._weight = 0
        self._sizes: dict[int, int] = {}

    def _spend(self, weight: int, node: Node) -> None:
        self._weight += weight
        if self._weight > MAX_NODES:
            raise ComposerError(
                None,
                None,
                f"more than {MAX_NODES} nodes once aliases are expanded",
                node.start_mark,
            )

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        """A node, counting aliases, expanded nodes and depth against the limits."""
        if self.check_event(AliasEvent):
            node = super().compose_node(parent, index)
            assert node is not None
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise ComposerError(None, None, f"more than {MAX_ALIASES} aliases", node.start_mark)
            self._spend(self._sizes.get(id(node), 1), node)
            return node
        self._depth += 1
        if self._depth > MAX_DEPTH:
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise ComposerError(None, None, f"nested deeper than {MAX_DEPTH} levels", mark)
        start = self._weight
        self._weight += 1
        node = super().compose_node(parent, index)
        self._depth -= 1
        if node is not None:
            self._sizes[id(node)] = self._weight - start
            self._spend(0, node)
        return node

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        """A mapping; a key given twice is refused where it stands (file:line:column)."""
        if isinstance(node, MappingNode):
            seen: set[Any] = set()
            for key_node, _ in node.value:
                if not isinstance(key_node, ScalarNode) or key_node.tag == MERGE_TAG:
                    continue
                key = self.construct_object(key_node, deep=True)
                if key in seen:
                    raise ConstructorError(
                        "while reading a mapping",
                        node.start_mark,
                        f"the key {key!r} is given twice",
                        key_node.start_mark,
                    )
                seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: ScalarNode) -> int:
        """An integer of at most ``MAX_DIGITS`` digits (a huge number is refused)."""
        digits = sum(c.isdigit() for c in str(node.value))
        if digits > MAX_DIGITS:
            raise ConstructorError(
                None, None, f"a number of {digits} digits (at most {MAX_DIGITS})", node.start_mark
            )
        value: int = super().construct_yaml_int(node)
        return value


LimitedSafeLoader.add_constructor("tag:yaml.org,2002:int", LimitedSafeLoader.construct_yaml_int)


def _fast_loader() -> type[LimitedSafeLoader] | None:
    """``LimitedSafeLoader`` over libyaml's scanner and parser, where PyYAML has libyaml.

    Only the events come from C; composing (with the budgets) and constructing (with the
    checks) are ``LimitedSafeLoader``'s own, so the document and the limits are the same.
    """
    try:
        from yaml._yaml import CParser
    except ImportError:
        return None

    class FastLoader(CParser, LimitedSafeLoader):
        get_single_node = yaml.composer.Composer.get_single_node  # not libyaml's composer
        get_node = yaml.composer.Composer.get_node
        check_node = yaml.composer.Composer.check_node

        def __init__(self, stream: str | bytes) -> None:
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            self._aliases, self._depth, self._weight = 0, 0, 0
            self._sizes: dict[int, int] = {}

    return FastLoader


_FAST = _fast_loader()


def _load_with(loader: LimitedSafeLoader) -> Any:
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def load(text: str) -> Any:
    """The plain data of one YAML document, within the limits above (``yaml.YAMLError`` if not).

    libyaml parses, where PyYAML has it; a document it refuses is read again by CPython's
    parser, so that a problem is always reported in the same words, at the same place.
    """
    if _FAST is not None:
        try:
            return _load_with(_FAST(text))
        except yaml.YAMLError:
            pass
    return _load_with(LimitedSafeLoader(text))
