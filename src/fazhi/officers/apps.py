from django.apps import AppConfig


class OfficersConfig(AppConfig):
    name = "fazhi.officers"
    label = "officers"
    verbose_name = "执法主体与人员"
    nav_items = [("执法人员", "officers:officer_list")]
    dashboard_metrics = ["enforcement.officers", "enforcement.certified_rate", "enforcement.certificates_expiring",
                         "training.officer_hours_compliance"]
    portal_sections = [("执法主体", "officers_portal:subjects"), ("执法人员", "officers_portal:officers")]
    portal_url_prefix = "portal/officers/"
    metric_modules = ["enforcement", "training"]  # its figures belong to these groups of the vocabulary

    def ready(self):
        from fazhi.officers import metrics  # noqa: F401  (registers enforcement.* and training.* figures)
