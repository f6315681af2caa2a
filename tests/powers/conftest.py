import datetime as dt
import shutil

import pytest

from fazhi.core.excel import workbook_bytes
from fazhi.laws.importers import BUNDLED_DIR, import_directory

AGRI_2018 = "经济法/农产品质量安全法(2018-10-26).md"
CHUFA = "行政法/行政处罚法(2021-01-22).md"
D = dt.date


@pytest.fixture
def laws(db, tmp_path):
    """行政处罚法 (2021) and 农产品质量安全法 (2018) in the library."""
    for name in (AGRI_2018, CHUFA):
        dest = tmp_path / "laws" / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(BUNDLED_DIR / name, dest)
    summary = import_directory(tmp_path / "laws")
    assert not summary.rejected
    return summary


def sheet(rows: list[list]) -> bytes:
    from fazhi.powers.importers import COLUMNS

    return workbook_bytes("权责清单", [c[1] for c in COLUMNS], rows)


def row(org, code, name, category="行政处罚", bases="《中华人民共和国行政处罚法》第十八条", parent="", valid_from="2024-01-01",
        flow="立案→调查→决定", level="县级", delegated=""):
    return [org, code, name, parent, category, level, bases, "依法查处", "失职追责", delegated, flow, valid_from]
