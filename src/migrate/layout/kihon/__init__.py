"""Import of official 基本データリスト / 項目定義書 workbooks (デジタル庁) as standard layouts."""

from migrate.layout.kihon.build import SPEC_NAME, import_kihon
from migrate.layout.kihon.columns import is_kihon_workbook

__all__ = ["SPEC_NAME", "import_kihon", "is_kihon_workbook"]
