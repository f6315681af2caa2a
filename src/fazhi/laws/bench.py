"""Benchmark data: the bundled laws (the library is national, not per county, so it does not grow with scale)."""

from fazhi.laws.importers import BUNDLED_DIR, import_directory


def generate(ctx):
    import_directory(BUNDLED_DIR, actor=ctx.actor)
