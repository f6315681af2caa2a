import pytest

from fazhi.testing.enforcement import Setup


@pytest.fixture
def s(w):
    return Setup(w)
