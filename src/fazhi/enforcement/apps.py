from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    label = "enforcement"
    verbose_name = "行政执法"
    nav_items = [("行政执法", "enforcement:list")]
    dashboard_metrics = ["enforcement.decisions.penalty", "enforcement.fines_amount",
                         "enforcement.publicity_timely_rate", "enforcement.major_review_rate"]
    portal_sections = [("执法决定公示", "enforcement_portal:list"), ("执法数据年报", "enforcement_portal:yearbook")]
    portal_url_prefix = "portal/enforcement/"

    def ready(self):
        from fazhi.core.audit import register_file_check
        from fazhi.enforcement import (
            metrics,  # noqa: F401  (registers the enforcement case figures)
            triggers,  # noqa: F401  (marks decisions when a 复议 or 诉讼 outcome lands)
        )
        from fazhi.enforcement.evidence import verify_evidence_files

        register_file_check(verify_evidence_files)
