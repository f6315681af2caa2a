import pytest

from fazhi.core.choices import OrgKind
from fazhi.testing.factories import org


@pytest.fixture
def county(w):
    """The standard world plus a township, so org.* metrics have something to count."""
    w.township = org("测试县城关镇", kind=OrgKind.TOWNSHIP, parent=w.gov, code="W-t")
    return w
