from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "fazhi.rules"
    label = "rules"
    verbose_name = "法定期限"
