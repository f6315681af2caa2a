import os

import pytest

# Tests keep their files in a throwaway directory, never in ./var.
os.environ.setdefault("FAZHI_HOME", os.path.join(os.environ.get("TMPDIR", "/tmp"), f"fazhi-test-{os.getpid()}"))


@pytest.fixture
def w(db):
    """The standard little world: a county government, two departments and a user per role."""
    from fazhi.testing.factories import world

    return world()


@pytest.fixture
def shared_dir():
    """../shared (reports, laws) when present beside the project; tests that need it skip otherwise."""
    from pathlib import Path

    path = Path(__file__).resolve().parents[1].parent / "shared"
    if not path.exists():
        pytest.skip("../shared is not present")
    return path


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Fixture users need no real key stretching; production keeps Django's default PBKDF2."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _own_audit_anchors(tmp_path, monkeypatch):
    """Each test anchors its own audit chain: an anchor written by one test's `fazhi tick` must not meet another
    test's database."""
    if "FAZHI_AUDIT_ANCHORS" not in os.environ:
        monkeypatch.setenv("FAZHI_AUDIT_ANCHORS", str(tmp_path / "audit-anchors.jsonl"))


@pytest.fixture(autouse=True)
def _forget_stored_values():
    """A process keeps the stored values it read in memory, checked against the table versions; a test's rolled-back
    transaction rolls the versions back too, so no test may meet another's."""
    from fazhi.metrics import stored

    stored.forget()
    yield
    stored.forget()
