from django.apps import AppConfig


class PowersConfig(AppConfig):
    name = "fazhi.powers"
    label = "powers"
    verbose_name = "权责清单"
    nav_items = [("权责清单", "powers:item_list")]
    dashboard_metrics = ["powers.items", "powers.items.penalty", "powers.items.licensing"]
    portal_sections = [("权责清单", "powers_portal:list")]
    portal_url_prefix = "portal/powers/"

    def ready(self):
        from fazhi.powers import metrics, sources  # noqa: F401  (registers the powers.* metrics and the law watch)
