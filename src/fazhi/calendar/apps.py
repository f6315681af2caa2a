from django.apps import AppConfig


class CalendarConfig(AppConfig):
    name = "fazhi.calendar"
    label = "workcalendar"
    verbose_name = "工作日历"
    nav_items = [("工作日历", "workcalendar:schedule_list", "settings")]
