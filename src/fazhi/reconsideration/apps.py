from django.apps import AppConfig


class ReconsiderationConfig(AppConfig):
    name = "fazhi.reconsideration"
    label = "reconsideration"
    verbose_name = "行政复议"
    nav_items = [("行政复议", "reconsideration:case_list")]
    dashboard_metrics = ["reconsideration.received", "reconsideration.accepted", "reconsideration.concluded",
                         "reconsideration.pending", "reconsideration.correction_rate"]
    dashboard_panel = "reconsideration/_panel.html"
    portal_sections = [("行政复议决定", "reconsideration_portal:list")]
    portal_url_prefix = "portal/reconsideration/"

    def ready(self):
        from fazhi.reconsideration import metrics  # noqa: F401  (registers the reconsideration.* metrics)
