import pytest

from fazhi.testing.inspections import Setup


@pytest.fixture
def s(w):
    return Setup(w)
