"""Every change to the registers of enforcement subjects, officers, certificates and training: one audited action
each, guarded by the declared steps (`workflow.py`). A certificate's expiry is a deadline of the deadline engine
(rule `enforcement.certificate_expiry`), so it reminds the officer's unit before the day and shows on its board."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction

from fazhi.core import audit, validate
from fazhi.core.choices import AuditAction
from fazhi.core.models import Organisation
from fazhi.core.permissions import ActionError, require
from fazhi.officers.choices import CertificateKind, CertificateStatus, SubjectKind
from fazhi.officers.models import (
    Certificate,
    EnforcementSubject,
    Officer,
    TrainingRecord,
    TrainingRequirement,
)
from fazhi.officers.permissions import may_issue, may_keep
from fazhi.officers.workflow import CERTIFICATE, OFFICER, SUBJECT
from fazhi.powers.bases import Resolver, split_bases
from fazhi.rules import deadlines as dl

RULE_EXPIRY = "enforcement.certificate_expiry"
MAX_YEARS = 10


def clean_basis(text: str, on: dt.date, resolver: Resolver | None = None) -> str:
    """The subject's legal basis: each citation must resolve (a law the library lacks is allowed, as for powers)."""
    text = validate.text(text, "依据")
    resolver = resolver or Resolver()
    for c in split_bases(text):
        resolver.resolve(c, on)
    return text


@transaction.atomic
def register_subject(*, actor, organisation: Organisation, kind: str, basis: str, scope: str, document_number: str,
                     valid_from, valid_to=None, entrusted_by: Organisation | None = None, credit_code: str = "",
                     resolver: Resolver | None = None, record: bool = True) -> EnforcementSubject:
    """Confirm a statutory organ or an authorised organisation, or record an entrustment (行政处罚法 arts. 18–20)."""
    require(actor is None or may_issue(actor, organisation), "您没有确认该机构执法主体资格的权限。")
    kind = validate.choice(kind, SubjectKind, "主体类别")
    valid_from = validate.date(valid_from, "起始日期", future=True)
    valid_to = validate.date(valid_to, "委托期限", required=False, future=True, after=[(valid_from, "起始日期")])
    if kind == SubjectKind.ENTRUSTED:
        if entrusted_by is None:
            raise ActionError("受委托组织须填写委托机关（行政处罚法第二十条）。")
        if entrusted_by.pk == organisation.pk:
            raise ActionError("委托机关不能是受委托组织本身。")
        if valid_to is None:
            raise ActionError("委托应当载明委托期限（行政处罚法第二十条第二款），请填写委托期限。")
    elif entrusted_by is not None:
        raise ActionError("只有受委托组织才有委托机关。")
    if credit_code:
        validate.credit_code(credit_code)
    if EnforcementSubject.objects.filter(organisation=organisation, kind=kind).active_on(valid_from).exists():
        raise ActionError(f"{organisation.name}在 {valid_from:%Y-%m-%d} 已是有效的{SubjectKind(kind).label}。")
    subject = EnforcementSubject.objects.create(
        organisation=organisation, kind=kind, basis=clean_basis(basis, valid_from, resolver),
        scope=validate.text(scope, "执法领域和职权范围"), entrusted_by=entrusted_by,
        document_number=validate.text(document_number, "确认或委托文件文号", max_length=100),
        valid_from=valid_from, valid_to=valid_to)
    if record:
        audit.record(actor=actor, obj=subject, organisation=organisation, action=AuditAction.CREATE,
                     verb="确认执法主体", after=audit.snapshot(subject))
    return subject


@transaction.atomic
def announce_subject(subject: EnforcementSubject, *, actor, on) -> EnforcementSubject:
    subject = EnforcementSubject.objects.select_for_update(of=("self",)).select_related("organisation").get(
        pk=subject.pk)
    SUBJECT.check(subject, "announce", actor)
    subject.announced_on = validate.date(on, "公告日期", after=[(subject.valid_from, "起始日期")])
    subject.save(update_fields=["announced_on"])
    audit.record(actor=actor, obj=subject, organisation=subject.organisation, verb="公告执法主体",
                 after={"announced_on": subject.announced_on})
    return subject


@transaction.atomic
def end_subject(subject: EnforcementSubject, *, actor, on, reason: str) -> EnforcementSubject:
    """撤销确认 or 终止委托: from `on` the organisation may no longer act on this basis."""
    subject = EnforcementSubject.objects.select_for_update(of=("self",)).select_related("organisation").get(
        pk=subject.pk)
    SUBJECT.check(subject, "end", actor)
    on = validate.date(on, "终止日期", future=True, after=[(subject.valid_from, "起始日期")])
    if subject.valid_to is not None and on > subject.valid_to:
        raise ActionError(f"委托已于 {subject.valid_to:%Y-%m-%d} 届满，不需再终止。")
    subject.valid_to, subject.end_reason = on, validate.text(reason, "终止原因", max_length=300)
    subject.save(update_fields=["valid_to", "end_reason"])
    audit.record(actor=actor, obj=subject, organisation=subject.organisation, action=AuditAction.TRANSITION,
                 verb="终止执法主体资格", after={"valid_to": on}, reason=subject.end_reason)
    return subject


def _officer_fields(*, name, id_number, position="", phone="", areas="", joined_on=None) -> dict:
    return {"name": validate.text(name, "姓名", max_length=60), "id_number": validate.id_number(id_number),
            "joined_on": validate.date(joined_on, "从事执法工作起始日期", required=False),
            "position": validate.text(position, "职务", required=False, max_length=100),
            "phone": validate.text(phone, "联系电话", required=False, max_length=40),
            "areas": validate.text(areas, "执法领域", required=False, max_length=300)}


@transaction.atomic
def register_officer(*, actor, organisation: Organisation, record: bool = True, **fields) -> Officer:
    require(actor is None or may_keep(actor, organisation), "您没有登记该单位执法人员的权限。")
    data = _officer_fields(**fields)
    if Officer.objects.filter(id_number=data["id_number"]).exists():
        raise ActionError("该身份证号码的执法人员已登记；调动单位的，请在原单位办理离岗后由新单位登记。")
    officer = Officer.objects.create(organisation=organisation, **data)
    if record:
        audit.record(actor=actor, obj=officer, organisation=organisation, action=AuditAction.CREATE,
                     verb="登记执法人员", after={"name": officer.name, "position": officer.position,
                                                 "areas": officer.areas})
    return officer


def _lock_officer(officer):
    return Officer.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=officer.pk)


@transaction.atomic
def issue_certificate(officer: Officer, *, actor, number: str, issued_on, expires_on, kind=CertificateKind.ENFORCEMENT,
                      areas: str = "", record: bool = True) -> Certificate:
    """A certificate valid from `issued_on` to `expires_on`; its expiry is tracked by the deadline engine."""
    officer = _lock_officer(officer)
    if actor is not None:
        OFFICER.check(officer, "certificate", actor)
    elif not officer.active:
        raise ActionError(f"{officer.name}已离岗，不能发放执法证。")
    issued_on = validate.date(issued_on, "发证日期")
    expires_on = validate.date(expires_on, "有效期至", future=True, after=[(issued_on, "发证日期")])
    if (expires_on - issued_on).days > 366 * MAX_YEARS:
        raise ActionError(f"执法证有效期不应超过 {MAX_YEARS} 年，请核对有效期。")
    number = validate.text(number, "证件编号", max_length=40)
    kind = validate.choice(kind, CertificateKind, "证件类别")
    try:
        with transaction.atomic():
            cert = Certificate.objects.create(officer=officer, number=number, kind=kind,
                                              areas=validate.text(areas, "执法区域和领域", required=False,
                                                                  max_length=300),
                                              issued_on=issued_on, expires_on=expires_on)
    except IntegrityError:
        raise ActionError(f"证件编号“{number}”已被使用。") from None
    dl.start_deadline(cert, RULE_EXPIRY, issued_on, actor=actor, organisation=officer.organisation,
                      label=f"执法证到期：{officer.name}（{number}）", length=(expires_on - issued_on).days)
    if record:
        audit.record(actor=actor, obj=cert, organisation=officer.organisation, action=AuditAction.CREATE,
                     verb="发放执法证", after={"number": number, "issued_on": issued_on, "expires_on": expires_on})
    return cert


def _lock_cert(cert):
    return Certificate.objects.select_for_update(of=("self",)).select_related("officer__organisation").get(pk=cert.pk)


def _status(cert, step, *, actor, on, reason, verb):
    cert = _lock_cert(cert)
    CERTIFICATE.check(cert, step, actor)
    on = validate.date(on, "日期", after=[(cert.issued_on, "发证日期")])
    reason = validate.text(reason, "原因", max_length=300)
    CERTIFICATE.move(cert, step)
    cert.status_on, cert.status_reason = on, reason
    cert.save(update_fields=["status", "status_on", "status_reason"])
    audit.record(actor=actor, obj=cert, organisation=cert.officer.organisation, action=AuditAction.TRANSITION,
                 verb=verb, after={"status": cert.status, "on": on}, reason=reason)
    return cert


def _open_expiry(cert):
    return dl.deadlines_for(cert).filter(rule_id=RULE_EXPIRY, status="open").first()


@transaction.atomic
def suspend_certificate(cert: Certificate, *, actor, on, reason: str) -> Certificate:
    return _status(cert, "suspend", actor=actor, on=on, reason=reason, verb="暂扣执法证")


@transaction.atomic
def restore_certificate(cert: Certificate, *, actor, on, reason: str) -> Certificate:
    return _status(cert, "restore", actor=actor, on=on, reason=reason, verb="恢复执法证")


@transaction.atomic
def revoke_certificate(cert: Certificate, *, actor, on, reason: str) -> Certificate:
    cert = _status(cert, "revoke", actor=actor, on=on, reason=reason, verb="注销执法证")
    d = _open_expiry(cert)
    if d is not None:
        dl.cancel_deadline(d, actor=actor, reason="执法证已注销")
    return cert


@transaction.atomic
def officer_leaves(officer: Officer, *, actor, on, reason: str) -> Officer:
    """调离、退休: the officer leaves enforcement; certificates still valid are revoked the same day."""
    officer = _lock_officer(officer)
    OFFICER.check(officer, "leave", actor)
    on = validate.date(on, "离岗日期")
    reason = validate.text(reason, "原因", max_length=300)
    officer.active, officer.left_on = False, on
    officer.save(update_fields=["active", "left_on"])
    audit.record(actor=actor, obj=officer, organisation=officer.organisation, action=AuditAction.TRANSITION,
                 verb="执法人员离岗", after={"left_on": on}, reason=reason)
    for cert in officer.certificates.filter(status__in=[CertificateStatus.VALID, CertificateStatus.SUSPENDED]):
        cert.status, cert.status_on, cert.status_reason = CertificateStatus.REVOKED, max(on, cert.issued_on), \
            f"离岗：{reason}"
        cert.save(update_fields=["status", "status_on", "status_reason"])
        audit.record(actor=actor, obj=cert, organisation=officer.organisation, action=AuditAction.TRANSITION,
                     verb="注销执法证", after={"status": cert.status, "on": cert.status_on}, reason=cert.status_reason)
        d = _open_expiry(cert)
        if d is not None:
            dl.cancel_deadline(d, actor=actor, reason="执法人员离岗，证件注销")
    return officer


@transaction.atomic
def record_training(officer: Officer, *, actor, on, title: str, hours=None, exam_score=None,
                    passed: bool | None = None, record: bool = True) -> TrainingRecord:
    officer = _lock_officer(officer)
    if actor is not None:
        OFFICER.check(officer, "training", actor)
    on = validate.date(on, "日期")
    hours = Decimal(str(hours)) if hours not in (None, "") else Decimal("0")
    if hours < 0 or hours > 200:
        raise ActionError("学时应在 0 至 200 之间。")
    if exam_score not in (None, "") and not (0 <= Decimal(str(exam_score)) <= 100):
        raise ActionError("考试成绩应在 0 至 100 之间。")
    if hours == 0 and exam_score in (None, "") and passed is None:
        raise ActionError("请填写学时，或考试成绩与是否合格。")
    t = TrainingRecord.objects.create(officer=officer, on=on, title=validate.text(title, "名称", max_length=200),
                                      hours=hours, exam_score=exam_score if exam_score not in (None, "") else None,
                                      passed=passed)
    if record:
        audit.record(actor=actor, obj=officer, organisation=officer.organisation, action=AuditAction.CREATE,
                     verb="登记培训考试", after={"on": on, "title": t.title, "hours": hours, "passed": passed})
    return t


@transaction.atomic
def set_training_requirement(*, actor, organisation: Organisation, hours, basis: str = "") -> TrainingRequirement:
    require(may_issue(actor, organisation), "只有本级政府的管理员或法治督察人员可以设置培训学时要求。")
    hours = Decimal(str(hours))
    if not (1 <= hours <= 200):
        raise ActionError("每年培训学时应在 1 至 200 之间。")
    req, _ = TrainingRequirement.objects.update_or_create(
        organisation=organisation, defaults={"hours": hours, "basis": validate.text(basis, "依据", required=False,
                                                                                    max_length=300)})
    audit.record(actor=actor, obj=organisation, organisation=organisation, verb="设置执法人员培训学时要求",
                 after={"hours": hours, "basis": req.basis})
    return req
