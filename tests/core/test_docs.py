from django.core.management import call_command

from fazhi.core.management.commands.docs import default_docs_dir, generated_docs


def test_generated_catalogues_are_current(db):
    """docs/metrics.md (and rules.md) must match the registries: run `fazhi docs` after changing a metric."""
    call_command("docs", "--check")


def test_metrics_catalogue_lists_every_metric(db):
    from fazhi.metrics.registry import all_metrics

    text = generated_docs()["metrics.md"]
    assert all(f"`{m.key}`" in text for m in all_metrics())
    assert default_docs_dir().name == "docs"


def test_every_model_change_has_its_migration(db):
    """`makemigrations --check` exits non-zero when a model changed without a migration."""
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
