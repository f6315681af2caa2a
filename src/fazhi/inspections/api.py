"""API of 双随机一公开: the tasks a token's user may see with their draw records, their inspections, and the steps of
a task and of an inspection."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Body, Router, Schema
from ninja.errors import HttpError

from fazhi.core.api import window
from fazhi.core.permissions import ActionError
from fazhi.core.workflow import run_with_data
from fazhi.inspections import sampling
from fazhi.inspections.models import Inspection, Task
from fazhi.inspections.workflow import INSPECTION, TASK

router = Router(tags=["双随机一公开"])
STEP_BODY = Body(...)


class TaskOut(Schema):
    id: int
    number: str
    title: str
    organisation: str
    status: str
    status_label: str
    start: dt.date
    end: dt.date
    population_count: int
    commitment: str
    drawn_on: dt.date | None


class InspectionOut(Schema):
    id: int
    task: str
    draw: int
    credit_code: str
    entity: str
    inspectors: list[dict]
    inspected_on: dt.date | None
    result: str
    published_on: dt.date | None


def _task(t: Task) -> dict:
    return {"id": t.pk, "number": t.number, "title": t.title, "organisation": t.organisation.name,
            "status": t.status, "status_label": t.get_status_display(), "start": t.start, "end": t.end,
            "population_count": t.population_count, "commitment": t.commitment, "drawn_on": t.drawn_on}


def _inspection(i: Inspection) -> dict:
    return {"id": i.pk, "task": i.task.number, "draw": i.draw, "credit_code": i.entity.credit_code,
            "entity": i.entity.name, "inspectors": i.inspector_list, "inspected_on": i.inspected_on, "result": i.result,
            "published_on": i.published_on}


@router.get("/tasks", response=list[TaskOut], summary="双随机抽查任务清单")
def list_tasks(request, q: str = "", status: str = "", year: int | None = None, limit: int = 100, offset: int = 0):
    qs = Task.objects.visible_to(request.auth).select_related("organisation")
    if q:
        qs = qs.filter(number__icontains=q) | qs.filter(title__icontains=q)
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(year=year)
    limit, offset = window(limit, offset)
    return [_task(t) for t in qs[offset:offset + limit]]


@router.get("/tasks/{task_id}", response=TaskOut, summary="抽查任务详情")
def get_task(request, task_id: int):
    return _task(get_object_or_404(Task.objects.visible_to(request.auth).select_related("organisation"), pk=task_id))


@router.get("/tasks/{task_id}/draw", summary="抽取记录（与门户公布的 JSON 相同）")
def get_draw(request, task_id: int):
    task = get_object_or_404(Task.objects.visible_to(request.auth).select_related("organisation"), pk=task_id)
    if not task.commitment:
        raise HttpError(404, "该任务尚未公布抽取承诺。")
    return sampling.record(task)


@router.get("/tasks/{task_id}/inspections", response=list[InspectionOut], summary="抽中的检查对象及结果")
def list_inspections(request, task_id: int, limit: int = 100, offset: int = 0):
    task = get_object_or_404(Task.objects.visible_to(request.auth), pk=task_id)
    limit, offset = window(limit, offset)
    qs = task.inspections.select_related("task", "entity").order_by("draw")
    return [_inspection(i) for i in qs[offset:offset + limit]]


@router.post("/tasks/{task_id}/steps/{step}", response=TaskOut, summary="任务步骤（commit、draw、complete、cancel）")
def task_step(request, task_id: int, step: str, payload: dict = STEP_BODY):
    task = get_object_or_404(Task.objects.visible_to(request.auth), pk=task_id)
    try:
        run_with_data(TASK, task, step, payload, request.auth, form_kwargs={"obj": task, "user": request.auth})
    except ActionError as e:
        raise HttpError(400, e.message) from e
    return get_task(request, task_id)


@router.post("/inspections/{inspection_id}/steps/{step}", response=InspectionOut,
             summary="检查步骤（record、publish、rectify）")
def inspection_step(request, inspection_id: int, step: str, payload: dict = STEP_BODY):
    i = get_object_or_404(Inspection.objects.visible_to(request.auth).select_related("task", "entity"),
                          pk=inspection_id)
    try:
        run_with_data(INSPECTION, i, step, payload, request.auth, form_kwargs={"obj": i, "user": request.auth})
    except ActionError as e:
        raise HttpError(400, e.message) from e
    i.refresh_from_db()
    return _inspection(i)
