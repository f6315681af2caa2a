from django.apps import AppConfig


class LegacyConfig(AppConfig):
    name = "fazhi.reports.legacy"
    label = "legacy"
    verbose_name = "历年报告审核"
    url_prefix = "reports/audit/"
    nav_items = [("报告审核", "legacy:upload")]
