"""Who may do what in 双随机一公开: a department's legal officers and supervisors keep its items, plans and tasks and
run its draws; its enforcement officers record results; the partners of a joint task record results of the entities
their inspectors were drawn for."""

from fazhi.core.choices import Role
from fazhi.core.permissions import has_role

PLANNER_ROLES = (Role.LEGAL_OFFICER, Role.SUPERVISOR, Role.ADMIN)
INSPECTOR_ROLES = (Role.ENFORCEMENT_OFFICER, *PLANNER_ROLES)


def may_plan(user, organisation) -> bool:
    return has_role(user, organisation, *PLANNER_ROLES)


def may_run_plan(user, plan) -> bool:
    return may_plan(user, plan.organisation)


def may_run_task(user, task) -> bool:
    return may_plan(user, task.organisation)


def may_record(user, inspection) -> bool:
    task = inspection.task
    return has_role(user, task.organisation, *INSPECTOR_ROLES) or any(
        has_role(user, org, *INSPECTOR_ROLES) for org in task.partners.all())


def denied(obj) -> str:
    org = getattr(obj, "organisation", None)
    return f"您没有办理“{org.name if org else ''}”双随机抽查事项的权限。"
