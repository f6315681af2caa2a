"""The second cross-module trigger: when a 复议 decision or a judgment lands on a case linked to an enforcement
decision (`Challenge`), the decision is marked (被撤销、变更、确认违法、确认无效) and, if it was published, a 3-day
withdrawal deadline starts (行政处罚法第四十八条第二款). Wired by `EnforcementConfig.ready` to
`fazhi.core.signals.outcome_recorded`, which the reconsideration and litigation actions send."""

from __future__ import annotations

from django.dispatch import receiver

from fazhi.core.signals import correction_of, outcome_recorded


def _links(case):
    from fazhi.enforcement.models import Challenge
    from fazhi.litigation.models import LitigationCase

    via = "litigation" if isinstance(case, LitigationCase) else "reconsideration"
    return via, Challenge.objects.filter(**{f"{via}_case": case}).select_related("case")


@receiver(outcome_recorded, dispatch_uid="enforcement.mark_decision")
def mark_decision(sender, case, correction, on, source, actor, reverses=False, **kwargs):
    """`reverses`: a second instance reversed or set aside the judgment that marked the decision, so the mark it made
    is changed to `correction` or, when that is "", taken back."""
    from fazhi.enforcement import corrections as actions

    via, links = _links(case)
    for link in links:
        if reverses:
            actions.revise_correction(link.case, correction=correction, on=on, source=source, via=via, actor=actor)
        elif correction:
            actions.correct(link.case, correction=correction, on=on, source=source, via=via, actor=actor)


def apply_existing(link, *, actor):
    """A case linked after its outcome was recorded marks the decision as the signal would have."""
    from fazhi.enforcement import corrections as actions

    if link.reconsideration_case_id:
        rc = link.reconsideration_case
        correction = correction_of(rc.outcome) if rc.closed_on else ""
        via, on = "reconsideration", rc.closed_on
        source = f"行政复议案件 {rc.number}（{rc.get_outcome_display() if rc.outcome else ''}）"
    else:
        lc = link.litigation_case
        correction = correction_of(lc.outcome) if lc.concluded_on else ""
        via, on = "litigation", lc.concluded_on
        source = f"行政诉讼案件 {lc.case_number}（{lc.get_outcome_display() if lc.outcome else ''}）"
    if correction:
        actions.correct(link.case, correction=correction, on=on, source=source, via=via, actor=actor)
