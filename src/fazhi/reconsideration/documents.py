"""The first drafts of the 文书, filled from the case; the handler edits them before they are issued.

Texts follow the usual structure of 行政复议 documents (parties, the contested act, the request, findings, the
decision and its legal basis, the remedy). Paragraphs are separated by blank lines; lines starting with "一、"-style
numbers are kept as they are when rendered to Word.
"""

from __future__ import annotations

import hashlib

from fazhi.core import gongwen
from fazhi.reconsideration.choices import OUTCOME_ARTICLE, DocumentKind, Outcome, PartyRole, Procedure

LAW = "《中华人民共和国行政复议法》"

OUTCOME_OPERATIVE = {
    Outcome.ALTERED: "变更被申请人作出的{act}。",
    Outcome.REVOKED: "撤销被申请人作出的{act}，责令被申请人在法定期限内重新作出行政行为。",
    Outcome.CONFIRMED_ILLEGAL: "确认被申请人作出的{act}违法。",
    Outcome.ORDERED_TO_PERFORM: "责令被申请人自收到本决定书之日起六十日内履行法定职责。",
    Outcome.CONFIRMED_VOID: "确认被申请人作出的{act}无效。",
    Outcome.UPHELD: "维持被申请人作出的{act}。",
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


def _act(case) -> str:
    act = case.act_description
    if case.act_document_number:
        act += f"（{case.act_document_number}）"
    return act


def _applicants(case) -> str:
    return "、".join(p.name for p in case.parties.all() if p.role == PartyRole.APPLICANT) or "申请人"


def _case_body(kind: str, case) -> tuple[str, str, list[str]]:
    act, applicants = _act(case), _applicants(case)
    received = _date(case.received_on)
    if kind == DocumentKind.SUPPLEMENT_NOTICE:
        return "行政复议申请补正通知书", applicants, [
            f"本机关于{received}收到你（单位）对{case.respondent.name}作出的{act}提出的行政复议申请。"
            "经审查，你（单位）提交的申请材料不齐全或者表述不清楚，无法判断是否符合受理条件。"
            f"根据{LAW}第三十一条第一款的规定，请你（单位）自收到本通知之日起十日内补正以下事项：",
            case.supplement_items or "【补正事项】",
            "有正当理由不能按期补正的，可以申请延长补正期限；无正当理由逾期不补正的，视为放弃行政复议申请，并记录在案。",
        ]
    if kind == DocumentKind.ACCEPTANCE_NOTICE:
        proc = case.get_procedure_display() or "普通程序"
        return "行政复议受理通知书", applicants, [
            f"你（单位）对{case.respondent.name}作出的{act}不服，于{received}向本机关提出的行政复议申请，"
            f"经审查，符合{LAW}第三十条第一款规定的受理条件，本机关决定自{_date(case.accepted_on)}起予以受理，"
            f"适用{proc}审理。",
            "行政复议期间行政行为不停止执行，但有" + LAW + "第四十二条规定情形的除外。",
            "在行政复议期间，你（单位）可以查阅、复制被申请人提出的书面答复、作出行政行为的证据、依据和其他有关材料。",
        ]
    if kind == DocumentKind.REJECTION_DECISION:
        tail = f"本案应向{case.competent_body}提出行政复议申请。" if case.competent_body else ""
        return "不予受理行政复议申请决定书", "", [
            *_party_lines(case),
            f"申请人对被申请人作出的{act}不服，于{received}向本机关提出行政复议申请。",
            f"经审查，{case.rejection_reason or '【不予受理的理由】'}根据{LAW}第三十条第二款的规定，"
            f"本机关决定不予受理。{tail}",
            "申请人如不服本决定，可以自收到本决定书之日起十五日内依法向人民法院提起行政诉讼。",
        ]
    if kind == DocumentKind.ANSWER_NOTICE:
        days = "五日" if case.procedure == Procedure.SIMPLIFIED else "十日"
        article = "第五十四条" if case.procedure == Procedure.SIMPLIFIED else "第四十八条"
        return "行政复议答复通知书", case.respondent.name, [
            f"{applicants}对你单位作出的{act}不服，向本机关提出行政复议申请，本机关已依法受理。"
            "现将行政复议申请书副本（或者申请笔录复印件）发送你单位。",
            f"根据{LAW}{article}的规定，请你单位自收到本通知之日起{days}内，提出书面答复，并提交作出行政行为的证据、"
            "依据和其他有关材料。逾期未提出书面答复、提交证据和依据的，视为该行政行为没有证据、依据"
            f"（{LAW}第七十条）。",
        ]
    if kind == DocumentKind.EXTENSION_NOTICE:
        return "行政复议延期审理通知书", applicants, [
            f"本机关于{_date(case.accepted_on)}受理的{applicants}对{case.respondent.name}作出的{act}不服"
            "申请行政复议一案，因情况复杂，不能在规定期限内作出行政复议决定，"
            f"经行政复议机构负责人批准，根据{LAW}第六十二条第一款的规定，审理期限延长三十日。",
        ]
    if kind == DocumentKind.DECISION:
        outcome = case.outcome or Outcome.UPHELD
        article = OUTCOME_ARTICLE.get(outcome, "")
        operative = OUTCOME_OPERATIVE.get(outcome, "【决定内容】").format(act=act)
        return "行政复议决定书", "", [
            *_party_lines(case),
            f"申请人对被申请人作出的{act}不服，于{received}向本机关申请行政复议，本机关依法已予受理。",
            f"申请人请求：{case.request}",
            f"申请人称：{case.facts or '【申请人的事实和理由】'}",
            "被申请人称：【被申请人的答复意见】",
            f"经审理查明：{case.outcome_reason or '【查明的事实】'}",
            f"本机关认为：【理由】根据{LAW}{article}的规定，本机关决定如下：",
            operative + ("被申请人应当依法给予赔偿。" if case.compensation_ordered else ""),
            "申请人如不服本决定，可以自收到本决定书之日起十五日内依法向人民法院提起行政诉讼。",
        ]
    if kind == DocumentKind.MEDIATION:
        return "行政复议调解书", "", [
            *_party_lines(case),
            f"申请人对被申请人作出的{act}不服，于{received}向本机关申请行政复议，本机关依法已予受理。",
            f"经本机关主持调解，当事人自愿达成如下协议：{case.outcome_reason or '【调解协议】'}",
            f"本调解书经各方当事人签字或者签章，并加盖本机关印章，即具有法律效力（{LAW}第七十三条）。",
        ]
    if kind == DocumentKind.TERMINATION:
        article = "第七十四条" if case.outcome == Outcome.SETTLED else "第四十一条"
        return "终止行政复议决定书", "", [
            *_party_lines(case),
            f"申请人对被申请人作出的{act}不服，于{received}向本机关申请行政复议，本机关依法已予受理。",
            f"行政复议期间，{case.outcome_reason or '【终止事由】'}根据{LAW}{article}的规定，本机关决定终止行政复议。",
        ]
    raise ValueError(kind)


def _letter_body(kind: str, letter) -> tuple[str, str, list[str]]:
    case_part = f"在办理{letter.case.number}行政复议案件过程中，" if letter.case_id else "在办理行政复议案件过程中，"
    if kind == DocumentKind.OPINION_LETTER:
        return "行政复议意见书", letter.recipient.name, [
            f"本机关{case_part}发现你单位{letter.subject}。",
            letter.content or "【存在的问题和纠正意见】",
            f"根据{LAW}第七十六条的规定，请你单位自收到本意见书之日起六十日内，将纠正相关违法或者不当行政行为的情况"
            "报送本机关。",
        ]
    return "行政复议建议书", letter.recipient.name, [
        f"本机关{case_part}发现{letter.subject}。",
        letter.content or "【完善制度和改进执法的建议】",
        "根据《中华人民共和国行政复议法实施条例》第五十八条的规定，提出以上建议，请研究办理。",
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
