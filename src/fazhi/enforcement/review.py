"""案卷评查 (case-file review): a reviewing body draws files of decisions made in a period, at random per organisation
below it, and scores them on the round's sheet (主体, 事实, 证据, 程序, 法律适用, 文书 …); a file below the excellent
score is rectified by its department within the round's period; the figures are files reviewed, problems found and
the pass rate, and the round ranks the departments.

The draw is reproducible: for each organisation, the candidate case ids in ascending order are shuffled by
`random.Random(f"{seed}:{organisation code}")` and the first `per_organisation` taken. The seed is shown with the round,
so anyone holding the list of candidates can redo the draw."""

from __future__ import annotations

import random
import secrets
from decimal import Decimal

from django.db import transaction
from django.db.models import Avg, Count, Q

from fazhi.core import audit, validate
from fazhi.core.choices import AuditAction
from fazhi.core.models import Organisation
from fazhi.core.permissions import ActionError, require
from fazhi.enforcement.choices import DEFAULT_SHEET, Grade
from fazhi.enforcement.models import EnforcementCase, ReviewFile, ReviewRound, ReviewScore, SheetItem
from fazhi.enforcement.permissions import REVIEWER_ROLES, has_role
from fazhi.enforcement.workflow import FILE, ROUND

RECTIFY_RULE = "enforcement.case_review.rectification"


@transaction.atomic
def create_round(*, actor, organisation: Organisation, title: str, start, end, per_organisation: int = 3,
                 seed: str = "", pass_score=60, excellent_score=90, rectify_days: int = 30) -> ReviewRound:
    if organisation is None:
        raise ActionError("请选择组织评查机关。")
    require(actor is not None and has_role(actor, organisation, *REVIEWER_ROLES),
            f"您没有组织“{organisation.name}”案卷评查的权限。")
    start = validate.date(start, "案卷决定日期自")
    end = validate.date(end, "案卷决定日期至", future=True, after=[(start, "起始日期")])
    if not 1 <= int(per_organisation) <= 100:
        raise ActionError("每个单位抽取的案卷数应在 1 到 100 之间。")
    pass_score = validate.money(pass_score, "合格分", required=True)
    excellent_score = validate.money(excellent_score, "优秀分", required=True)
    if not pass_score < excellent_score <= 100:
        raise ActionError("合格分应低于优秀分，优秀分不超过 100 分。")
    rnd = ReviewRound.objects.create(organisation=organisation, title=validate.text(title, "评查活动", max_length=200),
                                     start=start, end=end, per_organisation=int(per_organisation),
                                     seed=(seed or "").strip()[:64] or secrets.token_hex(8), pass_score=pass_score,
                                     excellent_score=excellent_score, rectify_days=int(rectify_days))
    SheetItem.objects.bulk_create([SheetItem(round=rnd, position=i, category=c, description=d, points=Decimal(p))
                                   for i, (c, d, p) in enumerate(DEFAULT_SHEET, start=1)])
    audit.record(actor=actor, obj=rnd, action=AuditAction.CREATE, verb="创建案卷评查活动",
                 after=audit.snapshot(rnd, ["title", "start", "end", "per_organisation", "seed", "pass_score",
                                            "excellent_score"]))
    return rnd


def candidates(rnd) -> dict[Organisation, list[int]]:
    """Per organisation below the reviewing body, the ids of its cases decided in the period, ascending."""
    out: dict[int, list[int]] = {}
    rows = EnforcementCase.objects.in_subtree(rnd.organisation).decided_between(rnd.start, rnd.end) \
        .order_by("organisation_id", "pk").values_list("organisation_id", "pk")
    for org_id, pk in rows:
        out.setdefault(org_id, []).append(pk)
    orgs = {o.pk: o for o in Organisation.objects.filter(pk__in=out)}
    return {orgs[k]: v for k, v in sorted(out.items(), key=lambda kv: orgs[kv[0]].path)}


def draw(seed: str, organisation_code: str, ids: list[int], n: int) -> list[int]:
    ids = sorted(ids)
    random.Random(f"{seed}:{organisation_code}").shuffle(ids)
    return ids[:n]


@transaction.atomic
def sample(rnd, *, actor, on):
    rnd = ReviewRound.objects.select_for_update().get(pk=rnd.pk)
    ROUND.check(rnd, "sample", actor)
    on = validate.date(on, "抽取日期")
    files = []
    for org, ids in candidates(rnd).items():
        for i, pk in enumerate(draw(rnd.seed, org.code, ids, rnd.per_organisation), start=1):
            files.append(ReviewFile(round=rnd, case_id=pk, draw=i))
    if not files:
        raise ActionError(f"{rnd.start:%Y-%m-%d} 至 {rnd.end:%Y-%m-%d} 没有可抽取的执法案卷。")
    ReviewFile.objects.bulk_create(files)
    rnd.sampled_on = on
    ROUND.move(rnd, "sample")
    rnd.save()
    audit.record(actor=actor, obj=rnd, action=AuditAction.TRANSITION, verb="随机抽取案卷",
                 after={"files": len(files), "seed": rnd.seed, "sampled_on": on})
    return rnd


@transaction.atomic
def score(file, *, actor, on, reviewer: str, **deductions):
    """Deductions per sheet item (`d_<item id>`, with the problem found as `p_<item id>`)."""
    file = ReviewFile.objects.select_for_update(of=("self",)).select_related("round", "case__organisation").get(
        pk=file.pk)
    FILE.check(file, "score", actor)
    on = validate.date(on, "评查日期", after=[(file.round.sampled_on, "抽取日期")])
    total = Decimal(0)
    scores = []
    for item in file.round.sheet.all():
        cut = validate.money(deductions.get(f"d_{item.pk}"), f"{item.category}扣分") or Decimal(0)
        if cut > item.points:
            raise ActionError(f"{item.category}最多扣 {item.points} 分。")
        problem = validate.text(deductions.get(f"p_{item.pk}"), f"{item.category}发现的问题", required=False,
                                max_length=300)
        if cut and not problem:
            raise ActionError(f"{item.category}扣分的，请写明发现的问题。")
        total += item.points - cut
        scores.append(ReviewScore(file=file, item=item, deducted=cut, problem=problem))
    ReviewScore.objects.bulk_create(scores)
    rnd = file.round
    file.score = total
    file.grade = Grade.EXCELLENT if total >= rnd.excellent_score else Grade.PASS if total >= rnd.pass_score \
        else Grade.FAIL
    file.reviewer = validate.text(reviewer, "评查人员", max_length=100)
    file.reviewed_on = on
    if file.grade != Grade.EXCELLENT:
        from fazhi.rules import deadlines as dl

        d = dl.start_deadline(file, RECTIFY_RULE, on, actor=actor, organisation=file.case.organisation,
                              label="案卷评查整改", length=rnd.rectify_days)
        file.rectify_due = d.due
    file.save()
    audit.record(actor=actor, obj=file, action=AuditAction.UPDATE, verb=f"评分：{total} 分（{file.get_grade_display()}）",
                 organisation=file.case.organisation,
                 after={"score": total, "grade": file.grade, "problems": sum(1 for s in scores if s.problem)})
    return file


@transaction.atomic
def rectify(file, *, actor, on, rectification: str):
    from fazhi.rules import deadlines as dl
    from fazhi.rules.choices import DeadlineStatus

    file = ReviewFile.objects.select_for_update(of=("self",)).select_related("round", "case__organisation").get(
        pk=file.pk)
    FILE.check(file, "rectify", actor)
    file.rectified_on = validate.date(on, "整改完成日期", after=[(file.reviewed_on, "评查日期")])
    file.rectification = validate.text(rectification, "整改情况")
    file.save()
    d = dl.deadlines_for(file).filter(rule_id=RECTIFY_RULE, status=DeadlineStatus.OPEN).first()
    if d is not None:
        dl.complete_deadline(d, on=file.rectified_on, actor=actor)
    audit.record(actor=actor, obj=file, action=AuditAction.UPDATE, verb="登记整改", organisation=file.case.organisation,
                 after={"rectified_on": file.rectified_on, "rectification": file.rectification})
    return file


@transaction.atomic
def close(rnd, *, actor, on):
    rnd = ReviewRound.objects.select_for_update().get(pk=rnd.pk)
    ROUND.check(rnd, "close", actor)
    rnd.closed_on = validate.date(on, "结束日期", after=[(rnd.sampled_on, "抽取日期")])
    ROUND.move(rnd, "close")
    rnd.save()
    audit.record(actor=actor, obj=rnd, action=AuditAction.TRANSITION, verb="结束案卷评查", after={"closed_on": on})
    return rnd


def ranking(rnd) -> list[dict]:
    """Departments by average score, with files, pass and excellent counts and problems found."""
    rows = (ReviewFile.objects.filter(round=rnd, score__isnull=False).values("case__organisation__name")
            .annotate(files=Count("pk", distinct=True), average=Avg("score", distinct=False),
                      passed=Count("pk", filter=~Q(grade=Grade.FAIL), distinct=True),
                      excellent=Count("pk", filter=Q(grade=Grade.EXCELLENT), distinct=True),
                      problems=Count("scores", filter=~Q(scores__problem="")))
            .order_by("-average", "case__organisation__name"))
    return [{"organisation": r["case__organisation__name"], "files": r["files"],
             "average": Decimal(r["average"]).quantize(Decimal("0.1")), "passed": r["passed"],
             "excellent": r["excellent"], "problems": r["problems"]} for r in rows]


