"""Generated permission tests, in the spirit of NetBox's generated view tests.

The test discovers rather than lists: every model with a page must be scoped (or declared national data below);
every scoped model must have a factory here that makes one owned by department A; then every URL of the site that
takes a record's primary key, and every declared workflow step, is tried with each record as a user who may see it
and as users of department B and with no membership. What the first can open, the others get 404 for (never 403,
never the page), and a step posted by them changes nothing. A new model with a page and no scoping, or with no
factory here, fails this file.
"""

import datetime as dt

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch

from fazhi.core.scoping import ScopedQuerySet
from fazhi.core.workflow import load_all

from .conftest import concluded_case, register_case

D = dt.date
pytestmark = pytest.mark.django_db

# National data anyone signed in may read (laws, holiday schedules, the rule catalogue): no organisation owns it.
NATIONAL = {"laws.law", "laws.lawversion", "laws.article", "laws.category", "workcalendar.holidayschedule",
            "rules.ruleoverride", "reports.legacyreport", "metrics.historicalvalue",
            "inspections.entity",  # the entity directory is public registration data
            "inspections.avoidancepolicy"}  # a region's 回避 rule, read like a deadline rule's override
OWN_USER = {"core.job"}  # a background job is seen by the user who started it only (tests/core/test_jobs.py)


def _case(w):
    return register_case(w)


def _letter(w):
    from fazhi.reconsideration import actions

    case = concluded_case(w)
    return actions.issue_letter(actor=w.reconsideration, organisation=w.gov, kind="opinion", recipient=w.dept_a,
                                issued_on=D(2025, 4, 12), subject="规范执法", case=case)


def _document(w):
    return concluded_case(w).documents.first()


def _review(w):
    from fazhi.reconsideration import actions

    case = actions.accept_case(register_case(w), actor=w.reconsideration, on=D(2025, 3, 4))
    return actions.request_incidental_review(case, actor=w.reconsideration, on=D(2025, 3, 10),
                                             document_title="某办法", maker="测试县人民政府")


_numbers = iter(range(501, 10_000))


def _lit(w):
    from fazhi.litigation import actions

    return actions.register_case(actor=w.supervisor, organisation=w.dept_a, court="测试县人民法院",
                                 case_number=f"（2025）苏1181行初{next(_numbers)}号", plaintiffs="张某",
                                 contested_act="处罚",
                                 act_kind="penalty", received_on=D(2025, 3, 3))


def _hearing(w):
    from fazhi.litigation import actions

    return actions.record_hearing(_lit(w), actor=w.supervisor, held_on=D(2025, 4, 1), appearance="head",
                                  attendee="局长")


def _appeal(w):
    from fazhi.litigation import actions

    case = _lit(w)
    actions.record_judgment(case, actor=w.supervisor, outcome="revoked", concluded_on=D(2025, 5, 1))
    return actions.file_appeal(case, actor=w.supervisor, appellant="defendant", court="示范市中级人民法院",
                               case_number=f"（2025）苏11行终{next(_numbers)}号", filed_on=D(2025, 5, 10))


def _suggestion(w):
    from fazhi.litigation import actions

    return actions.record_suggestion(_lit(w), actor=w.supervisor, court="测试县人民法院", received_on=D(2025, 3, 10),
                                     content="建议")


def _deadline(w):
    from fazhi.rules.deadlines import deadlines_for

    return deadlines_for(_lit(w)).first()


def _report(w):
    from fazhi.reports import actions
    from fazhi.reports.models import AnnualReport

    year = 2025  # one report a year: the latest year without one
    while AnnualReport.objects.filter(organisation=w.dept_a, year=year).exists():
        year -= 1
    return actions.create_report(actor=w.legal_a, organisation=w.dept_a, year=year)


def _template(w):
    from fazhi.reports import actions

    return actions.create_template(actor=w.supervisor, name="本局提纲", organisation=w.dept_a)


def _submission(w):
    from fazhi.reports import actions

    return actions.submit_material(actor=w.legal_a, organisation=w.dept_a, year=2025, section_key="results",
                                   title="本局做法", body="内容")


def _section(w):
    return _report(w).sections.first()


def _attachment(w):
    return None  # files: covered by tests/security/test_reports.py (downloads need MEDIA_ROOT)


def _power_item(w):
    from fazhi.powers import actions

    return actions.add_item(actor=w.legal_a, organisation=w.dept_a, code=f"A-{next(_numbers)}", name="对某违法行为的处罚",
                            category="penalty", level="county", bases="《示范省某条例》第十条",
                            effective_on=D(2025, 1, 1), document_number="测政发〔2025〕1号")


def _adjustment(w):
    return _power_item(w).started_by.get()


def _flag(w):
    from django.contrib.contenttypes.models import ContentType

    from fazhi.laws.models import Article, CitationFlag, Law, LawVersion

    n = next(_numbers)
    law = Law.objects.create(title=f"示范条例{n}", short_title=f"示范条例{n}")
    old = LawVersion.objects.create(law=law, version_date=D(2020, 1, 1), label="2020年", effective=D(2020, 3, 1))
    new = LawVersion.objects.create(law=law, version_date=D(2024, 1, 1), label="2024年修订", effective=D(2024, 3, 1))
    Article.objects.create(version=old, number=1, text="旧条文")
    item = _power_item(w)
    return CitationFlag.objects.create(organisation=w.dept_a, source="powers.basis",
                                       content_type=ContentType.objects.get_for_model(item), object_id=str(item.pk),
                                       object_repr=str(item), citation="《示范条例》第一条", law=law, old_version=old,
                                       new_version=new, change="repealed", old_article="第一条", old_text="旧条文")


def _officer(w):
    from fazhi.core.identifiers import id_check_digit
    from fazhi.officers import actions

    first = f"11010519850101{next(_numbers) % 1000:03d}"
    return actions.register_officer(actor=w.legal_a, organisation=w.dept_a, name="张三",
                                    id_number=first + id_check_digit(first))


def _certificate(w):
    from fazhi.officers import actions

    return actions.issue_certificate(_officer(w), actor=w.supervisor, number=f"C-{next(_numbers)}",
                                     issued_on=D(2025, 1, 2), expires_on=D(2030, 1, 1))


def _training(w):
    from fazhi.officers import actions

    return actions.record_training(_officer(w), actor=w.legal_a, on=D(2025, 3, 1), title="培训", hours=8)


def _subject(w):
    from fazhi.officers import actions
    from fazhi.officers.models import EnforcementSubject

    existing = EnforcementSubject.objects.filter(organisation=w.dept_a).first()
    if existing is not None:  # the enforcement-case factory made one already
        return existing
    return actions.register_subject(actor=w.supervisor, organisation=w.dept_a, kind="statutory", basis="《某法》第一条",
                                    scope="市场监管", document_number="d", valid_from=D(2024, 1, 1))


def _enforcement_case(w):
    from fazhi.enforcement import actions
    _subject(w)
    numbers = [_certificate(w).number for _ in range(2)]
    item = _power_item(w)
    return actions.file_case(actor=w.legal_a, organisation=w.dept_a, kind="penalty", procedure="ordinary",
                             power_item=item.code, cause="销售过期食品", party_name="某公司", party_kind="legal",
                             officers=numbers, filed_on=D(2025, 3, 3))


def _standard(w):
    from fazhi.enforcement.models import DiscretionStandard

    return DiscretionStandard.objects.create(organisation=w.dept_a, power_item=_power_item(w), code=f"CL-{next(_numbers)}",
                                             violation="某违法行为", basis="《某法》第一条", document_number="d",
                                             valid_from=D(2025, 1, 1))


def _review_round(w):
    from fazhi.enforcement import review

    return review.create_round(actor=w.supervisor, organisation=w.dept_a, title="评查", start=D(2025, 1, 1),
                               end=D(2025, 12, 31))


def _review_file(w):
    from fazhi.enforcement.models import ReviewFile

    return ReviewFile.objects.create(round=_review_round(w), case=_enforcement_case(w), draw=1)


def _inspection_item(w):
    from fazhi.inspections import actions
    from fazhi.inspections.models import InspectionItem

    existing = InspectionItem.objects.filter(organisation=w.dept_a).first()
    if existing is not None:
        return existing
    from fazhi.powers import actions as powers

    item = powers.add_item(actor=w.legal_a, organisation=w.dept_a, effective_on=D(2024, 1, 1), document_number="d",
                           code="JC-S", name="监督检查", category="inspection", level="county", bases="《某法》第一条")
    return actions.create_item(actor=w.legal_a, organisation=w.dept_a, power_item=item, code="SC-S", name="抽查",
                               basis="《某法》第一条", subject_type="企业")


def _conflict(w):
    from fazhi.inspections import actions

    return actions.add_conflict(actor=w.legal_a, officer=_officer(w), kind="township", region_code="330102001",
                                recorded_on=D(2025, 1, 2))


def _plan(w):
    from fazhi.inspections import actions

    return actions.create_plan(actor=w.legal_a, organisation=w.dept_a, year=2025, title="抽查计划")


def _task(w):
    from fazhi.inspections import actions

    return actions.create_task(actor=w.legal_a, plan=_plan(w), title="抽查任务", items=[_inspection_item(w)],
                               start=D(2025, 3, 1), end=D(2025, 6, 30), ratios={"B": "5"})


def _inspection(w):
    from fazhi.inspections.models import Entity, Inspection
    from fazhi.testing.inspections import credit_code

    entity = Entity.objects.create(credit_code=credit_code(next(_numbers)), name="某商户", kind="enterprise",
                                   region_code="330102001000")
    return Inspection.objects.create(task=_task(w), entity=entity, draw=1, risk_class="B",
                                     inspectors=["ZF1"])


def _normdoc(w):
    from fazhi.normdocs import actions
    from fazhi.normdocs.models import Document

    return Document.objects.filter(organisation=w.dept_a).first() or actions.create_draft(
        actor=w.legal_a, organisation=w.dept_a, title="某管理办法", drafted_on=D(2025, 3, 3), text="第一条 内容。")


def _normdoc_comment(w):
    from fazhi.normdocs.models import Comment

    return Comment.objects.create(document=_normdoc(w), body="一条意见", received_on=D(2025, 3, 4))


def _campaign(w):
    from fazhi.normdocs import cleanup

    return cleanup.create_campaign(actor=w.legal_a, organisation=w.dept_a, title="清理", kind="full",
                                   started_on=D(2025, 3, 3))


def _audit(w):
    from fazhi.core.models import AuditEvent

    return AuditEvent.objects.filter(organisation=w.dept_a).first()


FACTORIES = {
    "core.organisation": lambda w: w.dept_a, "core.auditevent": _audit, "rules.deadline": _deadline,
    "reconsideration.case": _case, "reconsideration.letter": _letter, "reconsideration.casedocument": _document,
    "reconsideration.incidentalreview": _review, "litigation.litigationcase": _lit, "litigation.hearing": _hearing,
    "litigation.appeal": _appeal, "litigation.judicialsuggestion": _suggestion, "reports.annualreport": _report,
    "reports.outlinetemplate": _template, "reports.submission": _submission, "reports.reportsection": _section,
    "reports.submissionattachment": _attachment, "metrics.historicalvalue": None,
    "powers.poweritem": _power_item, "powers.adjustment": _adjustment, "laws.citationflag": _flag,
    "officers.officer": _officer, "officers.certificate": _certificate, "officers.trainingrecord": _training,
    "officers.enforcementsubject": _subject, "enforcement.enforcementcase": _enforcement_case,
    "enforcement.discretionstandard": _standard, "enforcement.reviewround": _review_round,
    "enforcement.reviewfile": _review_file, "inspections.inspectionitem": _inspection_item,
    "inspections.conflict": _conflict, "inspections.plan": _plan, "inspections.task": _task,
    "inspections.inspection": _inspection, "normdocs.document": _normdoc, "normdocs.comment": _normdoc_comment,
    "normdocs.campaign": _campaign, "normdocs.version": lambda w: _normdoc(w).versions.first(),
}


def _scoped(model) -> bool:
    return isinstance(model._default_manager.all(), ScopedQuerySet)


def test_every_model_with_a_page_is_scoped_or_national():
    unscoped = [m._meta.label_lower for m in apps.get_models()
                if m.__module__.startswith("fazhi.") and hasattr(m, "get_absolute_url") and not _scoped(m)
                and m._meta.label_lower not in NATIONAL | OWN_USER]
    assert unscoped == [], "a model with a page needs a ScopedQuerySet (or is national data)"


def test_every_scoped_model_has_a_factory_here():
    missing = [m._meta.label_lower for m in apps.get_models()
               if m.__module__.startswith("fazhi.") and _scoped(m) and m._meta.label_lower not in FACTORIES]
    assert missing == []


def _pk_routes():
    """Every URL name taking only a record's pk (and maybe a step): (name, needs_step)."""
    def walk(patterns, ns=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, f"{ns}{p.namespace}:" if p.namespace else ns)
            elif isinstance(p, URLPattern) and p.name:
                converters = set(p.pattern.converters)
                if converters in ({"pk"}, {"pk", "step"}) and not p.default_args:
                    yield f"{ns}{p.name}", "step" in converters
    return sorted(set(walk(get_resolver().url_patterns)))


def _another_visible(user, obj) -> bool:
    for model in apps.get_models():
        if model is type(obj) or not model.__module__.startswith("fazhi."):
            continue
        manager = model._default_manager
        qs = manager.visible_to(user) if hasattr(manager.all(), "visible_to") else manager.all()
        if qs.filter(pk=obj.pk).exists():
            return True
    return False


def test_out_of_scope_users_get_404_on_every_page_and_step(w, client):
    objects = []
    for label, make in sorted(FACTORIES.items()):
        if make is None:
            continue
        model = apps.get_model(label)
        obj = make(w)
        if obj is None:
            continue
        assert model.objects.visible_to(w.supervisor).filter(pk=obj.pk).exists(), label
        for u in (w.legal_b, w.outsider):
            assert not model.objects.visible_to(u).filter(pk=obj.pk).exists(), (label, u.username)
        objects.append((label, obj))
    steps = {}  # route name → the steps declared for it
    for wf in load_all().values():
        steps.setdefault(wf.url_name, set()).update(t.name for t in wf if t.form is not None)
    routes = _pk_routes()
    assert len(routes) >= 10
    opened = 0
    for label, obj in objects:
        app = label.split(".")[0]
        own = [r for r in routes if r[0].startswith(f"{app}:")] or routes  # a module's pages show its records
        for name, needs_step in own:
            for step in (sorted(steps.get(name, ())) if needs_step else [None]):
                try:
                    url = reverse(name, kwargs={"pk": obj.pk, **({"step": step} if step else {})})
                except NoReverseMatch:
                    continue
                client.force_login(w.supervisor)
                if client.get(url).status_code != 200:
                    continue  # not this model's page (or a step not open now): nothing to compare
                opened += 1
                for u in (w.legal_b, w.outsider):
                    client.force_login(u)
                    if client.get(url).status_code == 200:
                        # Only another record with the same pk that this user may see (e.g. the shared default
                        # outline) may answer; this record itself must not.
                        assert _another_visible(u, obj), (label, url, u.username)
                        continue
                    assert client.post(url, {"on": "2025-03-10", "reason": "x"}).status_code in (404, 405), (
                        label, url, u.username)
    assert opened >= 15
    for label, obj in objects:  # nothing changed by the refused posts
        before = obj
        after = type(obj).objects.get(pk=obj.pk)
        if hasattr(before, "status"):
            assert after.status == before.status, label


def test_in_scope_user_without_the_role_is_refused_every_step(w, client):
    """The respondent department's enforcement officer sees its case pages but may take no step."""
    from fazhi.litigation.workflow import CASE as LIT
    from fazhi.reconsideration.workflow import CASE as REC

    for wf, obj in ((LIT, _lit(w)), (REC, register_case(w))):
        client.force_login(w.officer_a)
        assert client.get(obj.get_absolute_url()).status_code == 200
        for t in wf:
            if t.form is None:
                continue
            url = wf.url(obj, t.name)
            assert client.get(url).status_code == 404, url
            assert client.post(url, {"on": "2025-03-10"}).status_code == 404, url
        status = type(obj).objects.get(pk=obj.pk).status
        assert status == obj.status
