"""``migrate readiness``: whether a legacy package can go into a 基本データリスト layout."""

from migrate.readiness.judge import ReadinessOptions, judge
from migrate.readiness.model import Readiness

__all__ = ["Readiness", "ReadinessOptions", "judge"]
