from django.apps import AppConfig


class NormdocsConfig(AppConfig):
    name = "fazhi.normdocs"
    label = "normdocs"
    verbose_name = "规范性文件"
    nav_items = [("规范性文件", "normdocs:documents")]
    dashboard_metrics = ["normdocs.issued", "normdocs.filing_rate", "normdocs.filing_timely_rate",
                         "normdocs.in_force"]
    portal_sections = [("规范性文件", "normdocs_portal:index")]
    portal_url_prefix = "portal/normdocs/"

    def ready(self):
        from fazhi.laws.citations import register_other_texts
        from fazhi.normdocs import links, metrics, sources  # noqa: F401  (signals, figures, citation source)
        from fazhi.normdocs.text import resolve_for_citations

        register_other_texts(resolve_for_citations)
