"""Public pages of 双随机一公开: published plans and their tasks, each task's commitment and (after the draw) its seed,
selection and inspectors, the JSON record at a stable URL with the population snapshot it points to, the algorithm,
and published results. Entities are public by name and credit code, inspectors by name and certificate number."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, render

from fazhi.core import clock
from fazhi.core.listing import CountedPaginator
from fazhi.inspections import sampling
from fazhi.inspections.choices import PlanStatus, TaskStatus
from fazhi.inspections.models import Inspection, Plan, Task
from fazhi.portal.views import portal_context

PUBLIC_TASKS = Task.objects.filter(plan__status=PlanStatus.PUBLISHED).exclude(status=TaskStatus.DRAFT)


def index(request):
    plans = Plan.objects.filter(status=PlanStatus.PUBLISHED).select_related("organisation").order_by(
        "-year", "organisation__path")
    page = CountedPaginator(plans, 20).get_page(request.GET.get("page"))
    tasks = {}
    for t in PUBLIC_TASKS.filter(plan__in=page.object_list).select_related("organisation").order_by("seq"):
        tasks.setdefault(t.plan_id, []).append(t)
    return render(request, "inspections/portal_index.html", {
        **portal_context(request), "page": page, "rows": [(p, tasks.get(p.pk, [])) for p in page.object_list],
        "querystring": ""})


def _task(pk) -> Task:
    return get_object_or_404(PUBLIC_TASKS.select_related("organisation", "plan"), pk=pk)


def task(request, pk):
    t = _task(pk)
    page = CountedPaginator(t.inspections.select_related("entity").order_by("draw"), 50).get_page(request.GET.get("page"))
    return render(request, "inspections/portal_task.html", {
        **portal_context(request), "task": t, "page": page, "items": t.items.all(), "partners": t.partners.all(),
        "querystring": ""})


def draw_record(request, pk):
    t = _task(pk)
    response = JsonResponse(sampling.record(t), json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'inline; filename="draw-{t.pk}.json"'
    return response


def population(request, pk):
    t = _task(pk)
    if not t.population_file or not default_storage.exists(t.population_file):
        raise Http404("没有总体快照。")
    return FileResponse(default_storage.open(t.population_file, "rb"), content_type="text/plain; charset=ascii",
                        filename=f"population-{t.pk}.txt")


def algorithm(request):
    return render(request, "inspections/portal_algorithm.html", portal_context(request))


def results(request):
    q = "".join(ch for ch in request.GET.get("q", "") if ch >= " ").strip()[:100]
    qs = Inspection.objects.filter(published_on__isnull=False, published_on__lte=clock.today(),
                                   task__in=PUBLIC_TASKS).select_related("entity", "task__organisation")
    if q:
        qs = qs.filter(Q(entity__name__icontains=q) | Q(entity__credit_code__icontains=q))
    page = CountedPaginator(qs.order_by("-published_on", "pk"), 30).get_page(request.GET.get("page"))
    return render(request, "inspections/portal_results.html", {
        **portal_context(request), "page": page, "q": q, "querystring": f"q={q}" if q else ""})
