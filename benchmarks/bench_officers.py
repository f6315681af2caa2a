"""执法主体与人员: every figure of the registers (subjects in force, officers on duty and certified, the certified
rate, certificates expiring within three months, the training-hours compliance rate) at the last full year's end,
for the whole province (≥ 200,000 officers at province scale) and for one department, through the metric registry
in one evaluation, beside one hand-written SQL statement computing the same numbers.

The statement is what a database engineer would write (checked with EXPLAIN at province scale): the scope as the
subtree's organisation ids when it is small (an index scan of the officers' organisation), as a semi-join on the
path when it is large; certificates and training hours probed per officer on duty through their officer index."""

from __future__ import annotations

import datetime as dt

from _timing import best_of, entry, scans
from django.db import connection
from django.test import override_settings

from fazhi.core import clock
from fazhi.core.models import Organisation
from fazhi.core.scoping import MAX_ID_LIST
from fazhi.metrics.registry import Scope, evaluation, get, percent, rounded
from fazhi.officers.choices import CertificateStatus
from fazhi.officers.models import Officer, required_hours
from fazhi.rules.engine import add_months

KEYS = ["enforcement.subjects", "enforcement.officers", "enforcement.officers_on_duty", "enforcement.certified_rate",
        "enforcement.certificates_expiring", "training.officer_hours_compliance"]


def _scope_sql(root: Organisation) -> tuple[str, list]:
    ids = list(Organisation.objects.filter(path__startswith=root.path).values_list("pk", flat=True))
    if len(ids) <= MAX_ID_LIST:
        return ", ".join(["%s"] * len(ids)), ids
    return "SELECT id FROM core_organisation WHERE path LIKE %s", [root.path + "%"]


def hand_written(root: Organisation, start: dt.date, end: dt.date) -> dict:
    scope, ids = _scope_sql(root)
    need = required_hours(root)[0] * max(1, round((end - start).days / 365.25))
    valid = f"c.status = '{CertificateStatus.VALID}' AND c.issued_on <= %s AND c.expires_on >= %s"
    sql = f"""
    WITH duty AS MATERIALIZED (
      SELECT o.id FROM officers_officer o WHERE o.organisation_id IN ({scope})
        AND (o.joined_on IS NULL OR o.joined_on <= %s) AND (o.left_on IS NULL OR o.left_on > %s))
    SELECT
      (SELECT COUNT(*) FROM officers_enforcementsubject s WHERE s.organisation_id IN ({scope})
         AND s.valid_from <= %s AND (s.valid_to IS NULL OR s.valid_to > %s)),
      (SELECT COUNT(*) FROM duty),
      (SELECT COUNT(*) FROM duty d WHERE EXISTS (
         SELECT 1 FROM officers_certificate c WHERE c.officer_id = d.id AND {valid})),
      (SELECT COUNT(*) FROM officers_certificate c JOIN officers_officer o ON o.id = c.officer_id
         WHERE o.organisation_id IN ({scope}) AND {valid} AND c.expires_on <= %s),
      (SELECT COUNT(*) FROM duty d WHERE (SELECT SUM(t.hours) FROM officers_trainingrecord t
         WHERE t.officer_id = d.id AND t."on" BETWEEN %s AND %s) >= %s)
    """
    params = [*ids, end, end, *ids, end, end, end, end, *ids, end, end, add_months(end, 3), start, end, need]
    with connection.cursor() as cur:
        cur.execute(sql, params)
        subjects, on_duty, certified, expiring, compliant = (int(v) for v in cur.fetchone())
    return {"enforcement.subjects": subjects, "enforcement.officers": certified,
            "enforcement.officers_on_duty": on_duty,
            "enforcement.certified_rate": rounded(get("enforcement.certified_rate"), percent(certified, on_duty)),
            "enforcement.certificates_expiring": expiring,
            "training.officer_hours_compliance": rounded(get("training.officer_hours_compliance"),
                                                         percent(compliant, on_duty))}


def all_figures(scope: Scope) -> dict:
    """As a dashboard or the report reads them: one evaluation (measured with the stored figures off: computed)."""
    with evaluation():
        return {k: get(k).value(scope) for k in KEYS}


def run(scale: str) -> list[dict]:
    with override_settings(FAZHI_FIGURE_CACHE=False):  # computed each call, as after a change of the registers
        return _computed()


def _computed() -> list[dict]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE core_organisation, officers_officer, officers_certificate, officers_trainingrecord, "
                        "officers_enforcementsubject")
    root = Organisation.objects.get(code="B")
    year = clock.today().year - 1
    dept = (Organisation.objects.filter(kind="department", officers__isnull=False).order_by("path").first())
    out = []
    for label, org in (("whole tree", root), ("one department", dept)):
        scope = Scope.for_year(org, year)
        figures, sql = all_figures(scope), hand_written(org, scope.start, scope.end)
        assert figures == sql, {k: (figures[k], sql[k]) for k in KEYS if figures[k] != sql[k]}
        if org is root:
            assert figures["enforcement.officers"] and figures["enforcement.certificates_expiring"], figures
        out.append(entry(f"all {len(KEYS)} register figures at the year's end, {label} (metric registry, one "
                         "evaluation)", Officer.objects.in_subtree(org).count(),
                         best_of(lambda scope=scope: all_figures(scope), 10), "one hand-written SQL statement",
                         best_of(lambda org=org, scope=scope: hand_written(org, scope.start, scope.end), 10),
                         target="ratio ≤ 1.5" + (", ≤ 5 ms (#16)" if org is dept else ""),
                         plan=scans(lambda scope=scope: all_figures(scope)),
                         baseline_plan=scans(lambda org=org, scope=scope: hand_written(org, scope.start, scope.end))))
    return out
