"""执法主体与人员: every figure of the registers (subjects in force, officers on duty and certified, the certified
rate, certificates expiring within three months, the training-hours compliance rate) at the last full year's end,
for the whole province (≥ 200,000 officers at province scale) and for one department, through the metric registry
in one evaluation, beside one hand-written SQL statement computing the same numbers.

The statement is what a database engineer would write (checked with EXPLAIN at province scale: 0.15 ms executing
for a department): the scope a semi-join on the path; certificates and training hours probed per officer on duty
through their officer index; the training rule read in the statement."""

from __future__ import annotations

import datetime as dt

from _timing import figures_beside_sql
from django.db import connection, transaction

from fazhi.core import clock
from fazhi.core.models import Organisation
from fazhi.metrics.registry import get, percent, rounded
from fazhi.officers.choices import CertificateStatus
from fazhi.officers.models import DEFAULT_HOURS, Officer
from fazhi.rules.engine import add_months

RATE, COMPLIANCE = get("enforcement.certified_rate"), get("training.officer_hours_compliance")  # their rounding
KEYS = ["enforcement.subjects", "enforcement.officers", "enforcement.officers_on_duty", "enforcement.certified_rate",
        "enforcement.certificates_expiring", "training.officer_hours_compliance"]


def hand_written(root: Organisation, start: dt.date, end: dt.date) -> dict:
    """One statement, everything in SQL: the scope a semi-join on the organisations' path (for a department the
    planner probes the path index, then the officers' organisation index; for the province it hashes the 3,811 ids
    once), the training rule the deepest government's on the path."""
    years = max(1, round((end - start).days / 365.25))
    codes = [c for c in root.path.strip("/").split("/") if c]
    scope = "SELECT id FROM core_organisation WHERE path LIKE %s"
    valid = f"c.status = '{CertificateStatus.VALID}' AND c.issued_on <= %s AND c.expires_on >= %s"
    need = (f"COALESCE((SELECT r.hours FROM officers_trainingrequirement r JOIN core_organisation ro "
            f"ON ro.id = r.organisation_id WHERE ro.code IN ({', '.join(['%s'] * len(codes))}) "
            f"ORDER BY ro.depth DESC LIMIT 1), %s) * %s")
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
         WHERE t.officer_id = d.id AND t."on" BETWEEN %s AND %s) >= {need})
    """
    like = root.path + "%"
    params = [like, end, end, like, end, end, end, end, like, end, end, add_months(end, 3), start, end, *codes,
              DEFAULT_HOURS, years]
    with transaction.atomic(), connection.cursor() as cur:
        if connection.vendor == "postgresql":
            # EXPLAIN ANALYZE at province scale: with parallel workers the expiring certificates' init plan waited
            # 190 ms for its worker and took 410 ms (27 ms alone); the statement took 1.0 s with them, 0.70 s without
            cur.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        cur.execute(sql, params)
        subjects, on_duty, certified, expiring, compliant = (int(v) for v in cur.fetchone())
    return {"enforcement.subjects": subjects, "enforcement.officers": certified,
            "enforcement.officers_on_duty": on_duty,
            "enforcement.certified_rate": rounded(RATE, percent(certified, on_duty)),
            "enforcement.certificates_expiring": expiring,
            "training.officer_hours_compliance": rounded(COMPLIANCE, percent(compliant, on_duty))}


def run(scale: str) -> list[dict]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE core_organisation, officers_officer, officers_certificate, officers_trainingrecord, "
                        "officers_enforcementsubject")
    root = Organisation.objects.get(code="B")
    dept = Organisation.objects.filter(kind="department", officers__isnull=False).order_by("path").first()
    return figures_beside_sql(f"all {len(KEYS)} register figures at the year's end", KEYS, clock.today().year - 1,
                              (root, dept), hand_written, lambda org, _f: Officer.objects.in_subtree(org).count(),
                              check=lambda f: f["enforcement.officers"] and f["enforcement.certificates_expiring"])
