from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "fazhi.reports"
    label = "reports"
    verbose_name = "年度报告"
    nav_items = [("年度报告", "reports:list")]
    portal_url_prefix = "portal/reports/"
    portal_sections = [("法治政府建设年度报告", "reports_portal:list")]
    dashboard_panel = "reports/_dashboard_panel.html"
