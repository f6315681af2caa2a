from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "组织与权限"
    nav_items = [("机构", "core:org_list", "settings"), ("审计日志", "core:audit_list", "settings")]
    dashboard_metrics = ["org.departments", "org.townships", "org.units"]

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from fazhi.core import metrics  # noqa: F401  (registers the core metrics)
        from fazhi.core.middleware import SessionRenewalMiddleware

        # Logging in saves the session anyway: it counts as its first renewal, so the first page writes nothing.
        user_logged_in.connect(SessionRenewalMiddleware.on_login, dispatch_uid="fazhi_session_renewed_at_login")
