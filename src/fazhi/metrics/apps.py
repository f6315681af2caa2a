from django.apps import AppConfig


class MetricsConfig(AppConfig):
    name = "fazhi.metrics"
    label = "metrics"
    verbose_name = "指标口径"
    nav_items = [("指标口径", "metrics:list")]
