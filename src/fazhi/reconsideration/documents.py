"""The first drafts of the 文书, filled from the case; the handler edits them before they are issued.

Texts follow the usual structure of 行政复议 documents (parties, the contested act, the request, findings, the
decision and its legal basis, the remedy). Paragraphs are separated by blank lines; lines starting with "一、"-style
numbers are kept as they are when rendered to Word.
"""

from __future__ import annotations

import hashlib
import re

from fazhi.core import gongwen
from fazhi.reconsideration.choices import (
    OUTCOME_ARTICLE,
    ActKind,
    DocumentKind,
    Outcome,
    PartyKind,
    PartyRole,
    Procedure,
)
from fazhi.rules.engine import chinese_number, get_rule

LAW = "《中华人民共和国行政复议法》"
REGULATION = "《中华人民共和国行政复议法实施条例》"
SUIT_RULE = "litigation.suit_after_reconsideration"

OUTCOME_OPERATIVE = {
    Outcome.ALTERED: "变更{act}。",
    Outcome.REVOKED: "撤销{act}。",
    Outcome.CONFIRMED_ILLEGAL: "确认{act}违法。",
    Outcome.ORDERED_TO_PERFORM: "责令被申请人履行法定职责。",
    Outcome.CONFIRMED_VOID: "确认{act}无效。",
    Outcome.UPHELD: "维持{act}。",
    Outcome.DISMISSED: "驳回申请人的行政复议请求。",
    Outcome.AGREEMENT_REMEDY: "责令被申请人依法承担继续履行、采取补救措施或者赔偿损失等责任。",
    Outcome.APPLICATION_DISMISSED: "驳回申请人的行政复议申请。",
}


def body_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _date(d) -> str:
    return gongwen.chinese_date(d) if d else "    年  月  日"


def _party_lines(case) -> list[str]:
    lines = []
    for p in case.parties.all():
        parts = [f"{p.get_role_display()}：{p.name}"]
        if p.id_number:
            parts.append(f"{'身份证号码' if p.kind == 'person' else '统一社会信用代码'}：{p.id_number}")
        if p.address:
            parts.append(f"住所：{p.address}")
        lines.append("，".join(parts) + "。")
    lines.append(f"被申请人：{case.respondent.name}。")
    return lines


def _act(case, who: str = "被申请人") -> str:
    """The contested act as a phrase with its author: 被申请人作出的罚款决定（清市监决〔2026〕12号）. An act written as
    "对……作出的……" or a failure to act is not wrapped again in "作出的"."""
    act = case.act_description.strip().rstrip("。")
    if case.act_document_number:
        act += f"（{case.act_document_number}）"
    if act.startswith(("对", "就")):
        return f"{who}{act}"
    if case.act_kind == ActKind.NONPERFORMANCE:
        return f"{who}不履行法定职责（{act}）的行为"
    return f"{who}作出的{act}"


def _applicants(case) -> str:
    return "、".join(p.name for p in case.parties.all() if p.role == PartyRole.APPLICANT) or "申请人"


def _you(case) -> str:
    """How a notice addresses the applicant: 你 (a person), 你单位 (an organisation), 你们 (several)."""
    kinds = [p.kind for p in case.parties.all() if p.role == PartyRole.APPLICANT]
    if len(kinds) > 1:
        return "你们"
    return "你单位" if kinds and kinds[0] == PartyKind.ORGANISATION else "你"


def _sentence(text: str) -> str:
    text = (text or "").strip()
    return text if not text or text[-1] in "。！？；：…" else text + "。"


def _without(prefix: str, text: str) -> str:
    """The handler's text without a heading the document already prints (经审理查明：经审理查明 …)."""
    return re.sub(rf"^\s*{prefix}[：:，,\s]*", "", (text or "").strip())


def _suit_period() -> str:
    """行政诉讼法 art. 45, from the rule data: 十五日."""
    return chinese_number(get_rule(SUIT_RULE).current.length) + "日"


def _answer(case) -> str:
    if case.answer_summary:
        return _sentence(_without("被申请人称", case.answer_summary))
    if case.answered_on:
        return f"被申请人于{_date(case.answered_on)}提交了书面答复及作出行政行为的证据、依据和其他有关材料。"
    if case.copy_sent_on:
        return f"被申请人未在法定期限内提出书面答复、提交证据和依据（{LAW}第七十条）。"
    return "【被申请人的答复意见】"


def _operative(case) -> str:
    outcome = case.outcome or Outcome.UPHELD
    text = OUTCOME_OPERATIVE.get(outcome, "【决定内容】").format(act=_act(case))
    if case.redo_days and outcome == Outcome.REVOKED:
        text = text[:-1] + f"，责令被申请人自收到本决定书之日起{chinese_number(case.redo_days)}日内重新作出行政行为。"
    if case.redo_days and outcome == Outcome.ORDERED_TO_PERFORM:
        text = f"责令被申请人自收到本决定书之日起{chinese_number(case.redo_days)}日内履行法定职责。"
    if case.compensation_ordered:
        text += "被申请人应当依法给予赔偿。"
    return text


def _case_body(kind: str, case) -> tuple[str, str, list[str]]:
    applicants, you = _applicants(case), _you(case)
    act_by_respondent = _act(case, case.respondent.name)
    received = _date(case.received_on)
    if kind == DocumentKind.SUPPLEMENT_NOTICE:
        return "行政复议申请补正通知书", applicants, [
            f"本机关于{received}收到{you}对{act_by_respondent}提出的行政复议申请。"
            f"经审查，{you}提交的申请材料不齐全或者表述不清楚，无法判断是否符合受理条件。"
            f"根据{LAW}第三十一条第一款的规定，请{you}自收到本通知之日起十日内补正以下事项：",
            case.supplement_items or "【补正事项】",
            "有正当理由不能按期补正的，可以申请延长补正期限；无正当理由逾期不补正的，视为放弃行政复议申请，并记录在案。",
        ]
    if kind == DocumentKind.ACCEPTANCE_NOTICE:
        proc = case.get_procedure_display() or "普通程序"
        return "行政复议受理通知书", applicants, [
            f"{you}对{act_by_respondent}不服，于{received}向本机关提出的行政复议申请，"
            f"经审查，符合{LAW}第三十条第一款规定的受理条件，本机关决定自{_date(case.accepted_on)}起予以受理，"
            f"适用{proc}审理。",
            "行政复议期间行政行为不停止执行，但有" + LAW + "第四十二条规定情形的除外。",
            f"在行政复议期间，{you}可以查阅、复制被申请人提出的书面答复、作出行政行为的证据、依据和其他有关材料。",
        ]
    if kind == DocumentKind.REJECTION_DECISION:
        tail = f"本案应向{case.competent_body}提出行政复议申请。" if case.competent_body else ""
        return "不予受理行政复议申请决定书", "", [
            *_party_lines(case),
            f"申请人对{_act(case)}不服，于{received}向本机关提出行政复议申请。",
            f"经审查，{_sentence(_without('经审查', case.rejection_reason)) or '【不予受理的理由】'}"
            f"根据{LAW}第三十条第二款的规定，本机关决定不予受理。{tail}",
            f"申请人如不服本决定，可以自收到本决定书之日起{_suit_period()}内依法向人民法院提起行政诉讼。",
        ]
    if kind == DocumentKind.ANSWER_NOTICE:
        days = "五日" if case.procedure == Procedure.SIMPLIFIED else "十日"
        article = "第五十四条" if case.procedure == Procedure.SIMPLIFIED else "第四十八条"
        return "行政复议答复通知书", case.respondent.name, [
            f"{applicants}对{_act(case, '你单位')}不服，向本机关提出行政复议申请，本机关已依法受理。"
            "现将行政复议申请书副本（或者申请笔录复印件）发送你单位。",
            f"根据{LAW}{article}的规定，请你单位自收到本通知之日起{days}内，提出书面答复，并提交作出行政行为的证据、"
            "依据和其他有关材料。逾期未提出书面答复、提交证据和依据的，视为该行政行为没有证据、依据"
            f"（{LAW}第七十条）。",
        ]
    if kind == DocumentKind.EXTENSION_NOTICE:
        days = chinese_number(case.extension_days or 30)
        return "行政复议延期审理通知书", f"{applicants}、{case.respondent.name}", [
            f"本机关于{_date(case.accepted_on)}受理的{applicants}对{act_by_respondent}不服"
            "申请行政复议一案，因情况复杂，不能在规定期限内作出行政复议决定，"
            f"经行政复议机构负责人批准，根据{LAW}第六十二条第一款的规定，审理期限延长{days}日。",
        ]
    if kind == DocumentKind.SUSPENSION_NOTICE:
        s = case.suspensions.order_by("-start", "-pk").first()
        ground = s.get_ground_display().split("）", 1)[-1] if s else "【中止情形】"
        return "中止行政复议通知书", f"{applicants}、{case.respondent.name}", [
            f"{applicants}对{act_by_respondent}不服申请行政复议一案，本机关已于{_date(case.accepted_on)}依法受理。",
            f"审理期间，因{ground}，根据{LAW}第三十九条第一款的规定，本机关决定自{_date(s.start if s else None)}起"
            "中止本案的审理。中止的原因消除后，本机关将及时恢复审理，并书面告知当事人。",
            "中止期间不计入行政复议审理期限。",
        ]
    if kind == DocumentKind.RESUMPTION_NOTICE:
        s = case.suspensions.exclude(end__isnull=True).order_by("-end", "-pk").first()
        return "恢复行政复议审理通知书", f"{applicants}、{case.respondent.name}", [
            f"{applicants}对{act_by_respondent}不服申请行政复议一案，本机关于{_date(s.start if s else None)}决定中止审理。",
            f"现中止审理的原因已经消除，根据{LAW}第三十九条第二款的规定，本机关决定自{_date(s.end if s else None)}起"
            "恢复本案的审理。审理期限自恢复之日起继续计算。",
        ]
    if kind == DocumentKind.DECISION:
        outcome = case.outcome or Outcome.UPHELD
        article = OUTCOME_ARTICLE.get(outcome, "")
        findings = _sentence(_without("经审理查明", case.findings)) or "【查明的事实】"
        reasoning = _sentence(_without("本机关认为", case.outcome_reason)) or "【理由】"
        return "行政复议决定书", "", [
            *_party_lines(case),
            f"申请人对{_act(case)}不服，于{received}向本机关申请行政复议，本机关依法已予受理。",
            f"申请人请求：{_sentence(_without('申请人请求', case.request))}",
            f"申请人称：{_sentence(_without('申请人称', case.facts)) or '【申请人的事实和理由】'}",
            f"被申请人称：{_answer(case)}",
            f"经审理查明：{findings}",
            f"本机关认为：{reasoning}根据{LAW}{article}的规定，本机关决定如下：",
            _operative(case),
            f"申请人如不服本决定，可以自收到本决定书之日起{_suit_period()}内依法向人民法院提起行政诉讼。",
        ]
    if kind == DocumentKind.MEDIATION:
        return "行政复议调解书", "", [
            *_party_lines(case),
            f"申请人对{_act(case)}不服，于{received}向本机关申请行政复议，本机关依法已予受理。",
            f"经本机关主持调解，当事人自愿达成如下协议：{_sentence(case.outcome_reason) or '【调解协议】'}",
            f"本调解书经各方当事人签字或者签章，并加盖本机关印章，即具有法律效力（{LAW}第七十三条）。",
        ]
    if kind == DocumentKind.TERMINATION:
        article = "第七十四条" if case.outcome == Outcome.SETTLED else "第四十一条"
        return "终止行政复议决定书", "", [
            *_party_lines(case),
            f"申请人对{_act(case)}不服，于{received}向本机关申请行政复议，本机关依法已予受理。",
            f"行政复议期间，{_sentence(_without('行政复议期间', case.outcome_reason)) or '【终止事由】'}"
            f"根据{LAW}{article}的规定，本机关决定终止行政复议。",
        ]
    raise ValueError(kind)


def _letter_body(kind: str, letter) -> tuple[str, str, list[str]]:
    case_part = f"在办理{letter.case.number}行政复议案件过程中，" if letter.case_id else "在办理行政复议案件过程中，"
    if kind == DocumentKind.OPINION_LETTER:
        return "行政复议意见书", letter.recipient.name, [
            f"本机关{case_part}发现你单位{letter.subject}。",
            _sentence(letter.content) or "【存在的问题和纠正意见】",
            f"根据{LAW}第七十六条的规定，请你单位自收到本意见书之日起六十日内，将纠正相关违法或者不当行政行为的情况"
            "报送本机关。",
        ]
    return "行政复议建议书", letter.recipient.name, [
        f"本机关{case_part}发现{letter.subject}。",
        _sentence(letter.content) or "【完善制度和改进执法的建议】",
        f"根据{REGULATION}第五十七条第二款的规定，提出以上建议，请研究办理。",
    ]


def render(kind: str, *, case=None, letter=None) -> tuple[str, str, str]:
    """(title, recipients, body) of a first draft."""
    title, recipients, paragraphs = _letter_body(kind, letter) if letter is not None else _case_body(kind, case)
    return title, recipients, "\n\n".join(paragraphs)


def paragraphs(body: str) -> list[str]:
    return [p.strip() for p in body.replace("\r\n", "\n").split("\n") if p.strip()]


def to_docx(doc) -> bytes:
    """The document in the 公文 layout (GB/T 9704)."""
    issuer = doc.organisation.name
    return gongwen.render_docx(title=doc.title, blocks=[gongwen.Para(p) for p in paragraphs(doc.body)],
                               doc_number=doc.number, recipients=doc.recipients, issuer=issuer,
                               date=doc.issued_on)
