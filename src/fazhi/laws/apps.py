from django.apps import AppConfig


class LawsConfig(AppConfig):
    name = "fazhi.laws"
    label = "laws"
    verbose_name = "法律法规库"
    nav_items = [("法律法规", "laws:law_list")]
    portal_sections = [("法律法规", "laws_portal:index")]
    portal_url_prefix = "portal/laws/"

    def ready(self):
        from fazhi.laws import metrics  # noqa: F401  (registers laws.flags_open)
