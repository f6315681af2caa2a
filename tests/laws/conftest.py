import shutil
from pathlib import Path

import pytest

from fazhi.laws.importers import BUNDLED_DIR, import_directory

FUYI_2017 = "诉讼与非诉讼程序法/行政复议法(2017-09-01).md"
FUYI_2023 = "诉讼与非诉讼程序法/行政复议法(2023-09-01).md"
CHUFA = "行政法/行政处罚法(2021-01-22).md"
GONGKAI = "行政法规/政府信息公开条例(2019-04-03).md"


def copy_laws(target: Path, *names: str) -> Path:
    """A small collection folder holding some of the bundled texts."""
    for name in names:
        dest = target / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(BUNDLED_DIR / name, dest)
    return target


@pytest.fixture
def small_dir(tmp_path):
    return copy_laws(tmp_path / "laws", FUYI_2017, FUYI_2023, CHUFA, GONGKAI)


@pytest.fixture
def library(db, small_dir):
    """行政复议法 (2017, 2023), 行政处罚法 (2021) and 政府信息公开条例 (2019) in the library."""
    summary = import_directory(small_dir)
    assert not summary.rejected, summary.rejected
    return summary
