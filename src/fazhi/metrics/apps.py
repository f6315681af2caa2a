from django.apps import AppConfig


class MetricsConfig(AppConfig):
    name = "fazhi.metrics"
    label = "metrics"
    verbose_name = "指标口径"
    nav_items = [("指标口径", "metrics:list")]

    def ready(self):
        from django.db import connections
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from fazhi.metrics import freshness

        connection_created.connect(freshness.install, dispatch_uid="fazhi_table_versions")
        for conn in connections.all(initialized_only=True):  # opened before this app was ready
            freshness.install(connection=conn)
        post_migrate.connect(_forget_figures, sender=self, dispatch_uid="fazhi_forget_figures")


def _forget_figures(**kwargs):
    """A deployment migrates: the code that computed the stored figures may have changed, so they go."""
    from fazhi.metrics.models import FigureCache, QueryCache

    for model in (FigureCache, QueryCache):
        model.objects.using(kwargs.get("using", "default")).all().delete()
