"""What docs/adding-a-module.md asks of a module with a procedure, held by a test: a module that declares a workflow
has its actions, permissions, pages, API, registered figures, demo data, a benchmark generator and its own tests."""

from importlib.util import find_spec
from pathlib import Path

from django.apps import apps
from django.conf import settings

from fazhi.core.workflow import load_all
from fazhi.metrics.registry import all_metrics

ROOT = Path(__file__).resolve().parents[2]
# The annual report is the platform's output, not a register of cases: its figures are the other modules'.
NO_OWN_FIGURES = {"reports"}
NO_BENCH = {"reports"}  # measured by benchmarks/bench_report.py over the other modules' generated data


def test_every_module_with_a_procedure_has_the_whole_kit():
    load_all()
    modules = [m for m in settings.FAZHI_MODULES if find_spec(f"{m}.workflow") is not None and m != "fazhi.core"]
    assert {"fazhi.litigation", "fazhi.reconsideration", "fazhi.reports"} <= set(modules)
    live = {m.module for m in all_metrics()}
    for module in modules:
        package = module.rsplit(".", 1)[-1]
        for part in ("actions", "permissions", "views", "urls", "api", "demo"):
            assert find_spec(f"{module}.{part}") is not None, f"{module} has no {part}"
        if package not in NO_BENCH:
            assert find_spec(f"{module}.bench") is not None, f"{module} has no bench generator"
        if package not in NO_OWN_FIGURES:
            # A module's figures may belong to the vocabulary's own groups (officers → enforcement, training).
            config = next(c for c in apps.get_app_configs() if c.name == module)
            groups = set(getattr(config, "metric_modules", [package]))
            assert groups & live, f"{module} registers no figure"
        assert (ROOT / "tests" / package).is_dir(), f"{module} has no tests/{package}/"
