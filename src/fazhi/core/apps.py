from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "组织与权限"
    nav_items = [("机构", "core:org_list", "settings"), ("审计日志", "core:audit_list", "settings")]
    dashboard_metrics = ["org.departments", "org.townships", "org.units"]

    def ready(self):
        from fazhi.core import metrics  # noqa: F401  (registers the core metrics)
