"""The workflow kernel: one way to declare and guard the steps of a procedure.

A module with a procedure declares one `Workflow` per kind of record: its transitions (steps) with the states they
start from, the state they lead to, the named conditions they need, the form a person fills and the action they run.
From that one table come

- the guard every action calls first: `WORKFLOW.check(obj, "accept", actor)` — one permission (`may_*`), the state,
  then each named condition, each refusal a Chinese sentence; then `WORKFLOW.move(obj, "accept")` sets the state;
- the buttons on the record's page (`buttons(obj, user)`), the one step route per kind of record
  (`step_path`, `<record>/steps/<step>/`), the step page (`run_step`) and the module's entry in
  `docs/workflows.md` (`fazhi docs`).

What time does by itself (deemed acceptance, …) is done by the explicit `SYSTEM` actor, only in `fazhi tick`, and only
through steps declared `system=True`. An action called with no actor is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from fazhi.core.permissions import ActionError


class SystemActor:
    """The platform itself acting because time passed (the daily `fazhi tick`). Not a user: it signs audit events
    as 系统 and may take only the steps declared `system=True`."""

    is_authenticated = False
    is_superuser = False
    pk = None
    username = "system"

    def get_full_name(self):
        return "系统（定时任务）"

    def get_username(self):
        return "system"

    def __repr__(self):
        return "SYSTEM"


SYSTEM = SystemActor()


@dataclass(frozen=True)
class Condition:
    """A named condition of a step: `test(obj)` must hold, else `message` (text, or a function of the record for
    a message that names its dates) says why the step is not possible."""

    message: str | Callable[[object], str]
    test: Callable[[object], bool]

    def explain(self, obj) -> str:
        return self.message(obj) if callable(self.message) else self.message

    @property
    def name(self) -> str:
        return self.message if isinstance(self.message, str) else (self.message.__doc__ or "条件")


def when(message: str):
    """Decorator form: `@when("尚未发送申请书副本")` over a predicate."""

    def wrap(test):
        return Condition(message, test)

    return wrap


ANY = ("*",)


@dataclass
class Transition:
    name: str
    label: str
    source: tuple[str, ...]
    target: str | None = None  # None: the state does not change (a hearing recorded, a letter received)
    conditions: tuple[Condition, ...] = ()
    form: type | None = None
    run: Callable | None = None  # run(obj, user, cleaned_data) calls the action
    primary: bool = False
    system: bool = False  # may be taken by SYSTEM (what time does)
    basis: str = ""  # the article it rests on, for docs
    done: str = ""  # the success message (default: 已完成：label。)
    permission: Callable | None = None  # this step's own may_*(user, obj), instead of the workflow's

    def __post_init__(self):
        if isinstance(self.source, str):
            self.source = (self.source,)
        self.source = tuple(self.source)
        self.conditions = tuple(self.conditions)

    def starts_from(self, state: str) -> bool:
        return self.source == ANY or state in self.source


@dataclass
class Workflow:
    """A declared state machine over `status_field` (a stored status) or `state` (a state derived from the record)."""

    name: str
    label: str
    transitions: list[Transition]
    permission: Callable[[object, object], bool]  # may_*(user, obj)
    denied: Callable[[object], str]  # the refusal message for obj
    status_field: str | None = "status"
    state: Callable[[object], str] | None = None
    state_labels: dict = field(default_factory=dict)
    url_name: str = ""  # the step route's URL name, e.g. "litigation:step"
    url_args: Callable[[object], tuple] = lambda obj: (obj.pk,)

    def __post_init__(self):
        self._by_name = {t.name: t for t in self.transitions}
        if len(self._by_name) != len(self.transitions):
            raise ValueError(f"workflow {self.name}: duplicate transition names")
        REGISTRY[self.name] = self

    def __getitem__(self, name: str) -> Transition:
        return self._by_name[name]

    def __iter__(self):
        return iter(self.transitions)

    def current(self, obj) -> str:
        return self.state(obj) if self.state is not None else getattr(obj, self.status_field)

    def state_label(self, obj) -> str:
        s = self.current(obj)
        if self.status_field and hasattr(obj, f"get_{self.status_field}_display"):
            return getattr(obj, f"get_{self.status_field}_display")()
        return self.state_labels.get(s, s)

    def refusal(self, obj, name: str, actor) -> str | None:
        """Why `actor` may not take step `name` on `obj` now, or None when they may."""
        t = self._by_name.get(name)
        if t is None:
            return "没有这个办理步骤。"
        if actor is None:
            return "未指明操作人，操作被拒绝。"
        if actor is SYSTEM:
            if not t.system:
                return f"“{t.label}”须由工作人员办理。"
        elif not (t.permission or self.permission)(actor, obj):
            return self.denied(obj)
        if not t.starts_from(self.current(obj)):
            return f"{self.label}当前状态为“{self.state_label(obj)}”，不能{t.label}。"
        for c in t.conditions:
            if not c.test(obj):
                return c.explain(obj)
        return None

    def check(self, obj, name: str, actor) -> Transition:
        """The guard of step `name`: raises ActionError with the reason, or returns the transition."""
        reason = self.refusal(obj, name, actor)
        if reason is not None:
            raise ActionError(reason)
        return self._by_name[name]

    def move(self, obj, name: str) -> str | None:
        """Set the state the step leads to (on the instance; the action saves it). Returns the new state."""
        t = self._by_name[name]
        if t.target is not None and self.status_field:
            setattr(obj, self.status_field, t.target)
        return t.target

    def available(self, obj, user) -> list[Transition]:
        """The steps `user` may take on `obj` now that have a page (form), in declared order."""
        return [t for t in self.transitions if t.form is not None and self.refusal(obj, t.name, user) is None]

    def url(self, obj, step: str) -> str:
        from django.urls import reverse

        return reverse(self.url_name, args=[*self.url_args(obj), step])

    def buttons(self, obj, user) -> list[tuple[Transition, str]]:
        """(step, URL) for each step `user` may take on `obj` now: the record page's buttons."""
        return [(t, self.url(obj, t.name)) for t in self.available(obj, user)]

    def permitted(self, user, obj) -> bool:
        return user is not None and user is not SYSTEM and self.permission(user, obj)

    def describe(self) -> list[str]:
        """Markdown lines for docs/workflows.md."""
        labels = self.state_labels

        def names(states: Iterable[str]) -> str:
            return "任何状态" if tuple(states) == ANY else "、".join(str(labels.get(s, s)) for s in states)

        lines = [f"## {self.label}（`{self.name}`）", "", "| 步骤 | 名称 | 起始状态 | 结果状态 | 条件 | 依据 |",
                 "|---|---|---|---|---|---|"]
        for t in self.transitions:
            target = labels.get(t.target, t.target) if t.target else "（不变）"
            conds = "；".join(c.name.rstrip("。") for c in t.conditions) or "—"
            who = "（定时任务）" if t.system else ""
            lines.append(f"| `{t.name}` | {t.label}{who} | {names(t.source)} | {target} | {conds} | {t.basis or '—'} |")
        return lines + [""]


REGISTRY: dict[str, Workflow] = {}


def step_path(prefix: str, view, name: str):
    """The one route of a kind of record's steps: `<prefix>steps/<step>/`; `run_step` refuses unknown steps."""
    from django.urls import path

    return path(f"{prefix}steps/<str:step>/", view, name=name)


def run_step(request, workflow: Workflow, obj, step: str, *, title: str, redirect_to=None, form_kwargs=None):
    """The page of one step: its form on GET; on a valid POST the action, then back to the record. An ActionError
    (the guard or the action's own checks) shows on the form and nothing is saved."""
    from django.contrib import messages
    from django.http import Http404
    from django.shortcuts import redirect, render

    t = workflow._by_name.get(step)
    if t is None or t.form is None:
        raise Http404("没有这个办理步骤。")
    if not (t.permission or workflow.permission)(request.user, obj):
        raise Http404("没有这个办理步骤，或您无权办理。")  # like records out of scope: 404, never 403
    form = t.form(request.POST or None, **(form_kwargs or {}))
    if request.method == "GET":
        reason = workflow.refusal(obj, step, request.user)
        if reason is not None:
            messages.error(request, reason)
            return redirect(redirect_to or obj)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.check(obj, step, request.user)
            t.run(obj, request.user, form.cleaned_data)
        except ActionError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, t.done or f"已完成：{t.label}。")
            return redirect(redirect_to or obj)
    return render(request, "core/form.html", {"form": form, "title": f"{title} · {t.label}", "submit_label": t.label,
                                              "back_url": (redirect_to or obj).get_absolute_url()
                                              if hasattr(redirect_to or obj, "get_absolute_url") else None})


def run_with_data(workflow: Workflow, obj, step: str, data: dict, actor, *, form_kwargs=None):
    """Run a step from submitted data (the API's step route): the step's form validates the data, then the guard and
    the action. Raises ActionError with the form's errors in Chinese; returns what the action returns."""
    t = workflow._by_name.get(step)
    if t is None or t.form is None:
        raise ActionError(f"没有这个办理步骤：{step}。可用步骤：{'、'.join(x.name for x in workflow if x.form)}。")
    form = t.form(_as_form_data(data), **(form_kwargs or {}))
    if not form.is_valid():
        raise ActionError("；".join(f"{form.fields[f].label if f in form.fields else '表单'}：{'，'.join(e)}"
                                   for f, e in form.errors.items()))
    workflow.check(obj, step, actor)
    return t.run(obj, actor, form.cleaned_data)


def _as_form_data(data) -> dict:
    """JSON values as a form would submit them: text. true/false become "true"/"false" (what a checkbox reads), numbers
    their digits, null nothing; a list or an object is refused (no field of a step takes one)."""
    if not isinstance(data, dict):
        raise ActionError("请求内容应为 JSON 对象（字段名: 值）。")
    out = {}
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, int | float | str):
            out[key] = str(value)
        else:
            raise ActionError(f"字段“{key}”的值应为文字、数字或 true/false。")
    return out


def load_all() -> dict[str, Workflow]:
    """Import every module's workflow.py (in FAZHI_MODULES order) and return the registry."""
    from importlib import import_module
    from importlib.util import find_spec

    from django.conf import settings

    for module in settings.FAZHI_MODULES:
        if find_spec(f"{module}.workflow") is not None:
            import_module(f"{module}.workflow")
    return REGISTRY


def markdown() -> str:
    """docs/workflows.md: every declared procedure, step by step (generated by `fazhi docs`)."""
    lines = ["# 办理流程（工作流）目录", "",
             "由 `fazhi docs` 根据各模块 `workflow.py` 中的声明生成，请勿手工编辑。每个步骤的守卫依次为："
             "操作人（`SYSTEM` 仅可办理标明“定时任务”的步骤）、权限、起始状态、条件。", ""]
    from django.conf import settings

    order = [m.rsplit(".", 1)[-1] for m in settings.FAZHI_MODULES]
    declared = list(load_all().values())

    def key(wf):  # module order, then declaration order: the same file whatever imported first
        package = wf.name.split(".", 1)[0]
        return (order.index(package) if package in order else len(order), declared.index(wf))

    for wf in sorted(declared, key=key):
        lines += wf.describe()
    return "\n".join(lines).rstrip() + "\n"
