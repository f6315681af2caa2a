"""The 行政处罚决定书 as a Word document in the official layout (fazhi.core.gongwen), from the case's records: the
six items of 行政处罚法第五十九条 — the party; the facts and evidence; the kinds and basis; the manner and period of
performance; the remedies and their periods; the deciding organ and date."""

from __future__ import annotations

from fazhi.core import gongwen
from fazhi.enforcement.choices import Decision, PartyKind


def decision_docx(case) -> bytes:
    party = f"当事人：{case.party_name}" + (f"（{PartyKind(case.party_kind).label}）" if case.party_kind else "")
    if case.party_id:
        party += f"，{'身份证号码' if case.party_kind == PartyKind.NATURAL else '统一社会信用代码'}：{case.party_id}"
    blocks = [gongwen.Para(party, indent=False)]
    basis = "；".join(b.canonical or b.citation for b in case.power_item.bases.all()) if case.power_item else ""
    blocks.append(gongwen.Para(f"本机关于{gongwen.chinese_date(case.filed_on)}对你（单位）{case.cause}一案立案调查。"
                               + (f"经调查，{case.facts}" if case.facts else "")))
    if case.notified_on:
        heard = f"你（单位）申请听证，本机关于{gongwen.chinese_date(case.hearing_on)}举行了听证。" if case.hearing_on else ""
        blocks.append(gongwen.Para(f"本机关于{gongwen.chinese_date(case.notified_on)}告知你（单位）拟作出的行政处罚内容及"
                                   f"事实、理由、依据，并告知你（单位）依法享有陈述、申辩{'、要求听证' if case.hearing_right else ''}"
                                   f"的权利。{heard}"))
    if case.decision == Decision.PUNISHED:
        kinds = "、".join(case.penalty_kind_labels)
        amounts = []
        if case.fine_amount:
            amounts.append(f"罚款人民币{case.fine_amount}元")
        if case.confiscated_amount:
            amounts.append(f"没收违法所得、非法财物计人民币{case.confiscated_amount}元")
        blocks.append(gongwen.Para(f"依据{basis or '有关法律、法规、规章'}的规定，本机关决定对你（单位）给予如下行政处罚："
                                   f"{kinds}" + (f"，{'；'.join(amounts)}" if amounts else "") + "。"))
        if case.fine_amount:
            blocks.append(gongwen.Para("请自收到本决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚款。逾期不缴纳的，"
                                       "每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额（《中华人民共和国"
                                       "行政处罚法》第六十七条、第七十二条）。"))
    else:
        blocks.append(gongwen.Para(f"本机关决定：{Decision(case.decision).label}。"))
    if case.decision_text:
        blocks.append(gongwen.Para(case.decision_text))
    blocks.append(gongwen.Para("如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者六个月内依法向人民法院"
                               "提起行政诉讼。行政复议和行政诉讼期间，本决定不停止执行，法律另有规定的除外。"))
    return gongwen.render_docx(title=f"{case.organisation.name}\n行政处罚决定书", doc_number=case.decision_number,
                               blocks=blocks, issuer=case.organisation.name, date=case.decided_on)
