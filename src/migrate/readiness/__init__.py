"""``migrate readiness``: can a legacy package go into a 基本データリスト layout? What blocks it?"""

from migrate.readiness.judge import ReadinessOptions, judge
from migrate.readiness.model import Readiness

__all__ = ["Readiness", "ReadinessOptions", "judge"]
