from django.apps import AppConfig


class LitigationConfig(AppConfig):
    name = "fazhi.litigation"
    label = "litigation"
    verbose_name = "行政应诉"
    nav_items = [("行政应诉", "litigation:list")]
    dashboard_metrics = ["litigation.first_instance", "litigation.concluded", "litigation.lost",
                         "litigation.loss_rate", "litigation.head_appearance_rate"]
    dashboard_panel = "litigation/_panel.html"

    def ready(self):
        from fazhi.litigation import metrics  # noqa: F401  (registers the litigation metrics)
