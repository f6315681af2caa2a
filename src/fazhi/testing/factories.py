"""Small factory functions for tests: declare the data a test needs, nothing more."""

from __future__ import annotations

import itertools

from django.contrib.auth import get_user_model

from fazhi.core.choices import OrgKind, Role
from fazhi.core.models import Membership, Organisation

_seq = itertools.count(1)
PASSWORD = "Test-password-2026"


def org(name: str | None = None, *, kind: str = OrgKind.DEPARTMENT, parent: Organisation | None = None,
        code: str | None = None) -> Organisation:
    n = next(_seq)
    return Organisation.objects.create(code=code or f"T{n:05d}", name=name or f"测试机构{n}", kind=kind,
                                       parent=parent)


def user(username: str | None = None, *, organisation: Organisation | None = None, role: str = Role.LEGAL_OFFICER,
         superuser: bool = False, full_name: str = ""):
    User = get_user_model()
    username = username or f"user{next(_seq)}"
    if superuser:
        u = User.objects.create_superuser(username, f"{username}@example.invalid", PASSWORD)
    else:
        u = User.objects.create_user(username, f"{username}@example.invalid", PASSWORD, first_name=full_name)
    if organisation is not None:
        Membership.objects.create(user=u, organisation=organisation, role=role)
    return u


class World:
    """A county government with two departments, and one user per typical role.

    gov ─┬─ dept_a (legal_a, officer_a)
         └─ dept_b (legal_b)
    supervisor at gov sees everything; legal_a sees dept_a only.
    """

    def __init__(self):
        self.gov = org("测试县人民政府", kind=OrgKind.GOVERNMENT, code="W-gov")
        self.dept_a = org("测试县市场监督管理局", parent=self.gov, code="W-a")
        self.dept_b = org("测试县生态环境分局", parent=self.gov, code="W-b")
        self.supervisor = user("w_supervisor", organisation=self.gov, role=Role.SUPERVISOR)
        self.reconsideration = user("w_fuyi", organisation=self.gov, role=Role.RECONSIDERATION)
        self.legal_a = user("w_legal_a", organisation=self.dept_a, role=Role.LEGAL_OFFICER)
        self.officer_a = user("w_officer_a", organisation=self.dept_a, role=Role.ENFORCEMENT_OFFICER)
        self.legal_b = user("w_legal_b", organisation=self.dept_b, role=Role.LEGAL_OFFICER)
        self.outsider = user("w_outsider")


def world() -> World:
    return World()
