"""Core: scoped queries and the audit chain."""

from __future__ import annotations

import hashlib
import json

from _timing import best_of, entry, scans
from django.contrib.auth import get_user_model
from django.db import connection

from fazhi.core.audit import verify_chain
from fazhi.core.models import AuditEvent, Organisation
from fazhi.metrics.registry import Scope, get


def run(scale: str) -> list[dict]:
    out = []
    user = get_user_model().objects.filter(username__startswith="b_").order_by("pk").first()
    root = Organisation.objects.get(code="B")
    dept = user.memberships.get().organisation

    def scoped_page():
        qs = AuditEvent.objects.visible_to(user)
        return qs.count(), list(qs.order_by("-seq")[:20])

    def raw_page():
        with connection.cursor() as cur:
            cur.execute("SELECT COUNT(*) FROM core_auditevent e JOIN core_organisation o ON o.id = e.organisation_id "
                        "WHERE o.path = %s", [dept.path])
            cur.fetchone()
            cur.execute("SELECT e.* FROM core_auditevent e JOIN core_organisation o ON o.id = e.organisation_id "
                        "WHERE o.path = %s ORDER BY e.seq DESC LIMIT 20", [dept.path])
            cur.fetchall()

    n_events = AuditEvent.objects.count()
    out.append(entry("scoped audit list page (department officer)", n_events, best_of(scoped_page, 5),
                     "hand-written SQL", best_of(raw_page, 5)))

    def subtree_count():
        return Organisation.objects.in_subtree(root).filter(kind="department").count()

    def raw_subtree_count():
        with connection.cursor() as cur:
            cur.execute("SELECT COUNT(*) FROM core_organisation WHERE path LIKE %s AND kind = 'department' AND active",
                        [root.path + "%"])
            return cur.fetchone()

    out.append(entry("metric org.departments over the whole tree", Organisation.objects.count(),
                     best_of(lambda: get("org.departments").value(Scope.for_year(root, 2025)), 5),
                     "hand-written SQL count", best_of(raw_subtree_count, 5),
                     plan=scans(lambda: get("org.departments").value(Scope.for_year(root, 2025))),
                     baseline_plan=scans(raw_subtree_count)))

    def plain_hash():
        for row in AuditEvent.objects.order_by("seq").values_list("seq", "before", "after", "reason").iterator(5000):
            hashlib.sha256(json.dumps(row, ensure_ascii=False).encode()).hexdigest()

    result = {}
    seconds = best_of(lambda: result.setdefault("r", verify_chain()), 1)
    assert result["r"].ok, result["r"].message
    out.append(entry("audit verify (whole chain)", n_events, seconds, "read and hash rows without chain checks",
                     best_of(plain_hash, 1)))
    return out
