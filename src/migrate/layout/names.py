"""How a column name is compared with an item's names: the key both sides are reduced to.

The layout loader uses it to refuse aliases that two items would share; ``mapping draft``
uses it to match a legacy header to an item by its name, id or aliases.
"""

from __future__ import annotations

import re

_WIDE_ASCII = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})
_DROP = re.compile(r"[\s\u3000_\-・･()\[\]「」【】]")


def normalise(name: str) -> str:
    """A header name without spaces, brackets, ``_``/``-``/``・``, ASCII width or case.

    Kana width is not folded: half-width kana in a header are data, not a spelling.
    """
    return _DROP.sub("", name.translate(_WIDE_ASCII)).lower()
