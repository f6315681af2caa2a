"""Reminders of deadlines, in the application and by e-mail, produced by `fazhi tick` (run daily by cron/systemd).

Idempotent: a user gets at most one reminder per deadline and stage (即将到期, 今日到期, 已逾期), so running
the tick twice, or after a missed day, never repeats one.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from fazhi.calendar import workdays
from fazhi.core import clock
from fazhi.core.models import Membership
from fazhi.rules.choices import DUE_SOON_WORKING_DAYS, DeadlineStatus, ReminderStage
from fazhi.rules.models import Deadline, Reminder


@dataclass
class TickReport:
    examined: int = 0
    created: int = 0
    emailed: int = 0


def stage_for(deadline: Deadline, today: dt.date, soon_limit: dt.date) -> str | None:
    if deadline.paused or deadline.status != DeadlineStatus.OPEN:
        return None
    if deadline.due < today:
        return ReminderStage.OVERDUE
    if deadline.due == today:
        return ReminderStage.DUE_TODAY
    if deadline.due <= soon_limit:
        return ReminderStage.DUE_SOON
    return None


def _message(deadline: Deadline, stage: str) -> str:
    due = f"{deadline.due:%Y-%m-%d}"
    tail = "（暂定）" if deadline.provisional else ""
    text = {ReminderStage.DUE_SOON: f"将于 {due}{tail} 到期",
            ReminderStage.DUE_TODAY: f"今日（{due}）到期",
            ReminderStage.OVERDUE: f"已于 {due} 届满，已逾期"}[stage]
    return f"【{deadline.organisation.name}】{deadline.label}{text}。依据：{deadline.citation}"[:400]


def mail_configured() -> bool:
    return bool(getattr(settings, "EMAIL_HOST", ""))


@transaction.atomic
def tick(today: dt.date | None = None, *, batch: int = 2000) -> TickReport:
    """Create the reminders due today for every open deadline that is due soon, due today or overdue."""
    today = today or clock.today()
    soon_limit = workdays.add_working_days(today, DUE_SOON_WORKING_DAYS)
    report = TickReport()
    qs = Deadline.objects.open().filter(paused=False, due__lte=soon_limit).select_related("organisation") \
        .order_by("id")
    members: dict[int, list] = {}
    created_ids = []
    last_id = 0
    while True:
        chunk = list(qs.filter(id__gt=last_id)[:batch])
        if not chunk:
            break
        last_id = chunk[-1].id
        report.examined += len(chunk)
        need = {d.organisation_id for d in chunk} - set(members)
        for m in Membership.objects.filter(organisation_id__in=need, user__is_active=True).select_related("user"):
            members.setdefault(m.organisation_id, [])
            if m.user not in members[m.organisation_id]:
                members[m.organisation_id].append(m.user)
        for org_id in need:
            members.setdefault(org_id, [])
        existing = set(Reminder.objects.filter(deadline__in=chunk).values_list("deadline_id", "user_id", "stage"))
        new = []
        for d in chunk:
            stage = stage_for(d, today, soon_limit)
            if stage is None:
                continue
            for u in members[d.organisation_id]:
                if (d.id, u.id, stage) not in existing:
                    new.append(Reminder(user=u, deadline=d, stage=stage, message=_message(d, stage)))
        Reminder.objects.bulk_create(new, ignore_conflicts=True)
        report.created += len(new)
        created_ids += [(r.deadline_id, r.user_id, r.stage) for r in new]
    if created_ids and mail_configured():
        report.emailed = _send_mail(created_ids)
    return report


def _send_mail(keys) -> int:
    """One e-mail per user listing the reminders created in this tick; failures leave emailed_at empty."""
    by_user = defaultdict(list)
    deadline_ids = {k[0] for k in keys}
    wanted = set(keys)
    for r in Reminder.objects.filter(deadline_id__in=deadline_ids, emailed_at__isnull=True).select_related("user"):
        if (r.deadline_id, r.user_id, r.stage) in wanted and r.user.email:
            by_user[r.user].append(r)
    sent = 0
    for user, items in by_user.items():
        body = "\n".join(f"· {r.message}" for r in items)
        try:
            send_mail(f"法定期限提醒：{len(items)} 项", body + "\n\n请登录法治政府建设平台查看期限看板。",
                      settings.DEFAULT_FROM_EMAIL, [user.email])
        except Exception:  # noqa: BLE001 - a mail outage must not stop the in-app reminders
            continue
        Reminder.objects.filter(pk__in=[r.pk for r in items]).update(emailed_at=clock.now())
        sent += 1
    return sent


def mark_read(user, ids=None) -> int:
    qs = Reminder.objects.filter(user=user, read_at__isnull=True)
    if ids:
        qs = qs.filter(pk__in=[i for i in ids if str(i).isdigit()])
    return qs.update(read_at=clock.now())
