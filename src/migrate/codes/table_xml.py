"""The XM family of finding codes: reading XML exports and checking them against an XSD.

Kept apart from ``table.py`` only for size; ``migrate.codes`` joins the two in this order.
"""

from __future__ import annotations

from migrate.codes.model import Code, Kind, Severity

_E, _W = Severity.ERROR, Severity.WARNING

XML_CODES: tuple[Code, ...] = (
    Code(
        "XM01",
        "xml-not-well-formed",
        Kind.STRUCTURE,
        _E,
        "整形式のXMLではないため、ここで読込みを停止しました（{detail}）",
        "not well-formed XML; reading stopped here ({detail})",
    ),
    Code(
        "XM02",
        "xml-dtd-refused",
        Kind.STRUCTURE,
        _E,
        "DTD（DOCTYPE宣言）を含むXMLは読み込みません",
        "the XML holds a DTD (DOCTYPE); it is refused unread",
    ),
    Code(
        "XM03",
        "xml-limit",
        Kind.STRUCTURE,
        _E,
        "XMLが読込みの上限を超えたため、ここで停止しました（{detail}）",
        "the XML exceeds a reading limit; reading stopped here ({detail})",
    ),
    Code(
        "XM04",
        "xsd-invalid",
        Kind.STRUCTURE,
        _E,
        "XMLスキーマに適合しません（{detail}）",
        "does not conform to the XML Schema ({detail})",
    ),
    Code(
        "XM05",
        "xml-unknown-element",
        Kind.STRUCTURE,
        _W,
        "レイアウトにない要素のため読み込んでいません（{detail}）",
        "an element the layout does not name was not read ({detail})",
    ),
    Code(
        "XM06",
        "xml-repeated-item",
        Kind.STRUCTURE,
        _E,
        "「{field}」の要素が重複しているか子要素を持つため、最初のテキストのみ読み込みました",
        "the element of {field} occurs twice or holds elements: only its first text was read",
    ),
)
