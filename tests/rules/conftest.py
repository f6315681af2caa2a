import pytest


@pytest.fixture(autouse=True)
def fresh_calendar_index():
    """Each test sees the schedules of its own database state (transactions roll back between tests)."""
    from fazhi.calendar import workdays

    workdays.invalidate()
    yield
    workdays.invalidate()
