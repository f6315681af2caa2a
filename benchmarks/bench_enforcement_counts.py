"""行政执法: the figures outside the case aggregate (hearings held, decisions corrected by 复议 and by the courts, the
case-review counts and pass rate) for the last full year, for the whole province and for one department, through the
metric registry in one evaluation, beside one hand-written SQL statement.

The generator writes decisions without hearings or corrections; when the year has none, one penalty decision in 50
is given a hearing on its decision day, one in 400 a correction by 复议 and one in 400 by a court (an UPDATE of the
case table, PostgreSQL only: at 10⁷ decisions SQLite is not the database for it). The case-review tables hold what
the demo county put there."""

from __future__ import annotations

import datetime as dt

from _timing import figures_beside_sql
from django.db import connection

from fazhi.core import clock
from fazhi.core.models import Organisation
from fazhi.enforcement.models import EnforcementCase
from fazhi.metrics.registry import get, percent, rounded

KEYS = ["enforcement.hearings", "enforcement.corrected_by_reconsideration", "enforcement.lost_in_litigation",
        "enforcement.case_review.files", "enforcement.case_review.passed", "enforcement.case_review.problems",
        "enforcement.case_review.pass_rate"]


def _generate(year: int) -> None:
    with connection.cursor() as cur:
        cur.execute("UPDATE enforcement_enforcementcase SET hearing_on = decided_on WHERE kind = 'penalty' "
                    "AND id %% 50 = 0 AND decided_on BETWEEN %s AND %s", [dt.date(year, 1, 1), dt.date(year, 12, 31)])
        for via, rest in (("reconsideration", 1), ("litigation", 2)):
            cur.execute("UPDATE enforcement_enforcementcase SET corrected_via = %s, corrected_on = decided_on "
                        "WHERE id %% 400 = %s AND decided_on BETWEEN %s AND %s",
                        [via, rest, dt.date(year, 1, 1), dt.date(year, 12, 31)])
        cur.execute("ANALYZE enforcement_enforcementcase")


def hand_written(root: Organisation, start: dt.date, end: dt.date) -> dict:
    """One statement of sub-selects: each count over the subtree's cases (a semi-join on the path) in the index of
    (organisation, hearing_on) or (organisation, corrected_on); the review files by their case's organisation."""
    scope = "SELECT id FROM core_organisation WHERE path LIKE %s"
    files = (f"FROM enforcement_reviewfile f JOIN enforcement_enforcementcase c ON c.id = f.case_id "
             f"WHERE c.organisation_id IN ({scope}) AND f.reviewed_on BETWEEN %s AND %s")
    sql = f"""
    SELECT
      (SELECT COUNT(*) FROM enforcement_enforcementcase c WHERE c.organisation_id IN ({scope})
         AND c.hearing_on BETWEEN %s AND %s),
      (SELECT COUNT(*) FROM enforcement_enforcementcase c WHERE c.organisation_id IN ({scope})
         AND c.corrected_on BETWEEN %s AND %s AND c.corrected_via = 'reconsideration'),
      (SELECT COUNT(*) FROM enforcement_enforcementcase c WHERE c.organisation_id IN ({scope})
         AND c.corrected_on BETWEEN %s AND %s AND c.corrected_via = 'litigation'),
      (SELECT COUNT(*) {files}),
      (SELECT COUNT(*) {files} AND NOT f.grade = 'fail'),
      (SELECT COUNT(*) FROM enforcement_reviewscore s WHERE s.problem <> '' AND s.file_id IN (SELECT f.id {files}))
    """
    like = root.path + "%"
    params = [like, start, end] * 3 + [like, start, end] * 3
    with connection.cursor() as cur:
        cur.execute(sql, params)
        hearings, by_recon, by_court, files, passed, problems = (int(v) for v in cur.fetchone())
    return {"enforcement.hearings": hearings, "enforcement.corrected_by_reconsideration": by_recon,
            "enforcement.lost_in_litigation": by_court, "enforcement.case_review.files": files,
            "enforcement.case_review.passed": passed, "enforcement.case_review.problems": problems,
            "enforcement.case_review.pass_rate": rounded(get("enforcement.case_review.pass_rate"),
                                                         percent(passed, files))}


def run(scale: str) -> list[dict]:
    if connection.vendor != "postgresql":
        return []
    year = clock.today().year - 1
    root = Organisation.objects.get(code="B")
    held = EnforcementCase.objects.in_subtree(root).filter(hearing_on__year=year)
    if not held.exists():
        _generate(year)
    dept = held.select_related("organisation").order_by("pk").first().organisation
    return figures_beside_sql("hearings, corrections and case-review figures of the year", KEYS, year, (root, dept),
                              hand_written, lambda _org, f: f["enforcement.hearings"],
                              check=lambda f: f["enforcement.hearings"])
