from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "fazhi.rules"
    label = "rules"
    verbose_name = "法定期限"
    nav_items = [("期限看板", "rules:board"), ("期限规则", "rules:catalogue", "settings")]
    dashboard_panel = "rules/_panel.html"

    def ready(self):
        from fazhi.calendar.signals import schedule_changed
        from fazhi.rules import engine, recompute

        engine.all_rules()  # validate the rule files at start-up: a broken file names itself here
        schedule_changed.connect(recompute.on_schedule_changed, dispatch_uid="rules.recompute_on_schedule")
