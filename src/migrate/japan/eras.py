"""The modern Japanese eras (元号), as data.

Source: 元号法 (昭和54年法律第43号) and the 改元 政令; 大正/昭和/平成/令和 start dates are
confirmed. The 明治 start (1868-01-25, the 改元 applied back to 慶応4年1月1日) is the usual
convention, inferred; dates before 1873-01-01 were lunisolar and do not convert by base year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Era:
    """One era: its name, first day and last day (``None`` for the current era)."""

    name: str
    start: date
    end: date | None

    @property
    def base_year(self) -> int:
        """西暦 = base_year + 和暦年 (元年 = 1)."""
        return self.start.year - 1


ERAS: tuple[Era, ...] = (
    Era("明治", date(1868, 1, 25), date(1912, 7, 29)),
    Era("大正", date(1912, 7, 30), date(1926, 12, 24)),
    Era("昭和", date(1926, 12, 25), date(1989, 1, 7)),
    Era("平成", date(1989, 1, 8), date(2019, 4, 30)),
    Era("令和", date(2019, 5, 1), None),
)
BY_NAME: dict[str, Era] = {e.name: e for e in ERAS}

# 明治45年7月30日 and 大正15年12月25日 name the first day of the next era in the old era; the
# 住民記録 standard (1.1.8) requires accepting them for the items that allow non-calendar dates.
OVERLAP_DAY_ERAS = frozenset({"明治", "大正"})
