from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "fazhi.inspections"
    label = "inspections"
    verbose_name = "双随机一公开"
    nav_items = [("双随机抽查", "inspections:tasks")]
    dashboard_metrics = ["inspections.tasks", "inspections.entities_checked", "inspections.abnormal_listed",
                         "inspections.results_publicity_timely_rate"]
    portal_sections = [("双随机抽查", "inspections_portal:index")]
    portal_url_prefix = "portal/inspections/"

    def ready(self):
        from fazhi.core.audit import register_file_check
        from fazhi.inspections import metrics  # noqa: F401  (registers the inspections figures)
        from fazhi.inspections.attachments import verify_attachments

        register_file_check(verify_attachments)
