"""Seed the holiday schedules that chinese-calendar ships (2004 onwards), so a new installation knows them."""

from django.db import migrations

from fazhi.calendar import builtin


def seed(apps, schema_editor):
    builtin.seed(apps.get_model("workcalendar", "HolidaySchedule"), apps.get_model("workcalendar", "SpecialDay"))


def unseed(apps, schema_editor):
    apps.get_model("workcalendar", "HolidaySchedule").objects.filter(source="builtin").delete()


class Migration(migrations.Migration):
    dependencies = [("workcalendar", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
