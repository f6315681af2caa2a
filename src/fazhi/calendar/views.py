"""Pages of the working-day calendar: schedules by year, one year's days, editing, import, a calculator."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.calendar import actions, importers, notice, workdays
from fazhi.calendar.choices import DayKind, ScheduleSource
from fazhi.calendar.forms import CalculatorForm, DayForm, NoticePasteForm, ScheduleForm, ScheduleImportForm
from fazhi.calendar.importers import KIND_WORDS
from fazhi.calendar.models import HolidaySchedule, SpecialDay
from fazhi.calendar.permissions import may_manage_calendar
from fazhi.core.import_views import ExcelImportView
from fazhi.core.models import AuditEvent
from fazhi.core.permissions import ActionError


def schedule_list(request):
    schedules = HolidaySchedule.objects.annotate(
        holidays=Count("days", filter=Q(days__kind=DayKind.HOLIDAY)),
        makeups=Count("days", filter=Q(days__kind=DayKind.WORKDAY)))
    form = CalculatorForm(request.GET or None)
    calc = None
    if request.GET and form.is_valid():
        start, n = form.cleaned_data["start"], form.cleaned_data["days"]
        try:
            end = workdays.add_working_days(start, n)
            calc = {"start": workdays.describe(start), "days": n, "end": workdays.describe(end),
                    "provisional": workdays.is_provisional(end)}
        except ActionError as e:
            form.add_error(None, e.message)
    return render(request, "workcalendar/schedule_list.html", {
        "title": "工作日历", "schedules": schedules, "can_manage": may_manage_calendar(request.user),
        "last_known": workdays.last_known_year(), "form": form, "calc": calc,
    })


def schedule_detail(request, year):
    schedule = get_object_or_404(HolidaySchedule, year=year)
    can_manage = may_manage_calendar(request.user)
    form = DayForm(request.POST or None, initial={"date": dt.date(year, 1, 1)})
    if request.method == "POST":
        if not can_manage:
            messages.error(request, actions.DENIED)
            return redirect(schedule)
        if form.is_valid():
            d = form.cleaned_data
            try:
                actions.set_day(schedule, actor=request.user, date=d["date"], kind=d["kind"], name=d["name"],
                                reason=d["reason"])
            except ActionError as e:
                form.add_error(None, e.message)
            else:
                messages.success(request, f"已设置 {d['date']:%Y-%m-%d}，相关期限已重新计算。")
                return redirect(schedule)
    return render(request, "workcalendar/schedule_detail.html", {
        "title": str(schedule), "schedule": schedule, "days": schedule.days.all(), "form": form,
        "can_manage": can_manage, "history": AuditEvent.objects.for_object(schedule),
    })


@require_POST
def day_delete(request, year, pk):
    day = get_object_or_404(SpecialDay, schedule__year=year, pk=pk)
    try:
        actions.remove_day(day, actor=request.user, reason=request.POST.get("reason", ""))
    except ActionError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, f"已删除 {day.date:%Y-%m-%d}，相关期限已重新计算。")
    return redirect("workcalendar:schedule_detail", year=year)


@require_POST
def schedule_delete(request, year):
    schedule = get_object_or_404(HolidaySchedule, year=year)
    try:
        actions.delete_schedule(schedule, actor=request.user, reason=request.POST.get("reason", ""))
    except ActionError as e:
        messages.error(request, e.message)
        return redirect(schedule)
    messages.success(request, f"已删除{year}年节假日安排，该年度日期恢复为暂定。")
    return redirect("workcalendar:schedule_list")


def _parse_lines(text: str, year: int) -> list[tuple[dt.date, str, str]]:
    days = []
    for n, line in enumerate(text.splitlines(), 1):
        parts = line.replace("，", " ").replace(",", " ").split()
        if not parts:
            continue
        if len(parts) < 2:
            raise ActionError(f"第 {n} 行应为“日期 类型 名称”。")
        try:
            day = dt.date.fromisoformat(parts[0].replace("/", "-"))
        except ValueError:
            raise ActionError(f"第 {n} 行：“{parts[0]}”不是有效日期。") from None
        kind = KIND_WORDS.get(parts[1].lower())
        if kind is None:
            raise ActionError(f"第 {n} 行：类型应为“放假”或“调休上班”。")
        days.append((day, kind, " ".join(parts[2:])))
    return days


@require_http_methods(["GET", "POST"])
def schedule_create(request):
    if not may_manage_calendar(request.user):
        messages.error(request, actions.DENIED)
        return redirect("workcalendar:schedule_list")
    form = ScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            schedule = actions.save_schedule(actor=request.user, year=d["year"],
                                             days=_parse_lines(d["days"], d["year"]), notice=d["notice"],
                                             reason=d["reason"])
        except ActionError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, f"已保存{schedule.year}年节假日安排，相关期限已重新计算。")
            return redirect(schedule)
    return render(request, "core/form.html", {"form": form, "title": "录入年度节假日安排"})


@require_http_methods(["GET", "POST"])
def schedule_paste(request):
    """Paste the State Council's notice: parse, show the days and the statutory check for review, then save."""
    if not may_manage_calendar(request.user):
        messages.error(request, actions.DENIED)
        return redirect("workcalendar:schedule_list")
    initial = {"year": request.GET.get("year")} if request.GET.get("year", "").isdigit() else {}
    form = NoticePasteForm(request.POST or None, initial=initial)
    parsed, existing = None, None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            parsed = notice.parse_notice(d["text"], d["year"])
        except ActionError as e:
            form.add_error("text", e.message)
        else:
            existing = HolidaySchedule.objects.filter(year=parsed.year).first()
            if request.POST.get("confirm") == "1":
                title = d["notice"] or f"国务院办公厅关于{parsed.year}年部分节假日安排的通知"
                try:
                    schedule = actions.save_schedule(actor=request.user, year=parsed.year, days=parsed.days(),
                                                     notice=title, source=ScheduleSource.NOTICE,
                                                     reason=d["reason"] or "按国务院办公厅通知录入")
                except ActionError as e:
                    form.add_error(None, e.message)
                else:
                    messages.success(request, f"已保存{schedule.year}年节假日安排（放假 {parsed.rest_count} 天、"
                                              f"调休上班 {parsed.workday_count} 天），相关期限已重新计算。")
                    return redirect(schedule)
    return render(request, "workcalendar/schedule_paste.html", {
        "title": "粘贴通知录入节假日安排", "form": form, "parsed": parsed, "existing": existing,
        "statutory_total": notice.statutory_total(parsed.year) if parsed else None,
    })


class ScheduleImport(ExcelImportView):
    title = "导入节假日安排"
    template_filename = "节假日安排导入模板.xlsx"
    success_url_name = "workcalendar:schedule_list"
    success_message = "已导入 {n} 个日期，相关期限已重新计算。"
    form_class = ScheduleImportForm

    def denied(self, request):
        if may_manage_calendar(request.user):
            return None
        messages.error(request, actions.DENIED)
        return redirect("workcalendar:schedule_list")

    def template_bytes(self):
        return importers.template_bytes()

    def run_import(self, fileobj, cleaned_data, *, actor, dry_run):
        return importers.import_schedule(fileobj, actor=actor, filename=fileobj.name, dry_run=dry_run,
                                         notice=cleaned_data["notice"])
