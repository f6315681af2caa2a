import pytest

from .pdfgen import make_pdf as _make_pdf

SEEDS = {
    0: "000_5552205eeb45d8a8.txt",
    1: "001_1501d7f13c622986.txt",
    2: "002_a5a9fb6f9abef0a0.txt",
    3: "003_3639c4cfda99f003.txt",
    4: "004_4f18b96fa687272a.txt",
}


@pytest.fixture
def seed(shared_dir):
    def read(n: int) -> str:
        return (shared_dir / "seeds" / SEEDS[n]).read_text(encoding="utf-8")

    return read


@pytest.fixture
def seed_path(shared_dir):
    return lambda n: shared_dir / "seeds" / SEEDS[n]


@pytest.fixture
def make_pdf():
    """A function writing a small PDF of text lines (see pdfgen.py)."""
    return _make_pdf
