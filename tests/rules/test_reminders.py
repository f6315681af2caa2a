import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from fazhi.rules import deadlines as dl
from fazhi.rules.models import Reminder
from fazhi.rules.reminders import tick

D = dt.date
pytestmark = pytest.mark.django_db


def test_tick_is_idempotent_one_reminder_per_stage(w):
    d = dl.start_deadline(w.dept_a, "litigation.answer", D(2024, 3, 4), actor=None, organisation=w.dept_a)
    assert d.due == D(2024, 3, 19)
    assert tick(D(2024, 3, 1)).created == 0  # not due soon yet
    r = tick(D(2024, 3, 15))
    users = {w.legal_a.pk, w.officer_a.pk}
    assert r.created == 2
    assert set(Reminder.objects.values_list("user_id", flat=True)) == users
    assert tick(D(2024, 3, 15)).created == 0
    assert tick(D(2024, 3, 18)).created == 0  # still the same stage
    assert tick(D(2024, 3, 19)).created == 2  # due today
    assert tick(D(2024, 3, 25)).created == 2  # overdue
    assert tick(D(2024, 3, 26)).created == 0
    assert Reminder.objects.filter(user=w.legal_b).count() == 0
    dl.complete_deadline(d, on=D(2024, 3, 26), actor=None)
    assert tick(D(2024, 3, 27)).created == 0


def test_email_when_configured(w, settings):
    settings.EMAIL_HOST = "mail.example.invalid"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    dl.start_deadline(w.dept_a, "litigation.answer", D(2024, 3, 4), actor=None, organisation=w.dept_a)
    report = tick(D(2024, 3, 19))
    assert report.emailed == 2 and len(mail.outbox) == 2
    assert "法定期限提醒" in mail.outbox[0].subject
    assert not Reminder.objects.filter(emailed_at__isnull=True).exists()
    tick(D(2024, 3, 19))
    assert len(mail.outbox) == 2


def test_tick_command_and_reminder_page(w, client, capsys):
    dl.start_deadline(w.dept_a, "litigation.answer", D(2024, 3, 4), actor=None, organisation=w.dept_a,
                      label="张某诉市场监管局")
    call_command("tick", "--date", "2024-03-25")
    assert "新增提醒 2 条" in capsys.readouterr().out
    client.force_login(w.legal_a)
    page = client.get("/rules/reminders/").content.decode()
    assert "张某诉市场监管局" in page and "未读" in page
    client.post("/rules/reminders/read/")
    assert not Reminder.objects.filter(user=w.legal_a, read_at__isnull=True).exists()
    assert Reminder.objects.filter(user=w.officer_a, read_at__isnull=True).exists()
