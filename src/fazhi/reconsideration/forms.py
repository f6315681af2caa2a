from django import forms
from django.utils import timezone

from fazhi.core.choices import OrgKind
from fazhi.core.forms import choose
from fazhi.core.models import Organisation
from fazhi.reconsideration.choices import (
    ActKind,
    ActPublicity,
    Channel,
    HearingKind,
    LetterKind,
    Outcome,
    PartyKind,
    Procedure,
    PublicationScope,
    ReviewStatus,
    ServiceMethod,
    SuspensionGround,
)
from fazhi.reconsideration.permissions import HANDLER_ROLES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


def _date(label, required=True, **kw):
    return forms.DateField(label=label, required=required, widget=DATE, initial=timezone.localdate, **kw)


def handling_bodies(user):
    """Organisations where the user may register and handle 复议 cases."""
    qs = Organisation.objects.visible_to(user).active()
    if user.is_superuser:
        return qs.filter(kind=OrgKind.GOVERNMENT)
    paths = [m.organisation.path for m in user.memberships.select_related("organisation")
             if m.role in HANDLER_ROLES]
    return qs.filter(path__in=paths)


class IntakeForm(forms.Form):
    organisation = forms.ModelChoiceField(label="复议机关", queryset=Organisation.objects.none())
    respondent = forms.ModelChoiceField(label="被申请人", queryset=Organisation.objects.none())
    applicant_name = forms.CharField(label="申请人姓名或名称", max_length=200)
    applicant_kind = forms.ChoiceField(label="申请人类型", choices=PartyKind.choices)
    applicant_id_number = forms.CharField(label="身份证件号码或统一社会信用代码", max_length=40, required=False)
    applicant_phone = forms.CharField(label="联系电话", max_length=40, required=False)
    applicant_address = forms.CharField(label="住所或地址", max_length=300, required=False)
    representative_name = forms.CharField(label="代表人（申请人众多时推选，第十五条）", max_length=200, required=False)
    agent_name = forms.CharField(label="委托代理人", max_length=200, required=False)
    third_party_name = forms.CharField(label="第三人", max_length=200, required=False)
    act_kind = forms.ChoiceField(label="行政行为类别", choices=ActKind.choices)
    act_description = forms.CharField(label="被申请复议的行政行为", max_length=300)
    act_document_number = forms.CharField(label="行政行为文书号", max_length=100, required=False)
    act_date = _date("行政行为作出日期", required=False)
    known_on = _date("知道该行政行为之日", required=False, help_text="用于核对六十日申请期限（第二十条），超期仅提示不阻止。")
    act_on_the_spot = forms.BooleanField(label="当场作出", required=False)
    act_is_warning = forms.BooleanField(label="警告或通报批评", required=False)
    amount = forms.DecimalField(label="涉及款额（元）", required=False, min_value=0, max_digits=14, decimal_places=2)
    parties_consent_simplified = forms.BooleanField(label="各方同意适用简易程序", required=False)
    received_on = _date("收到申请日期")
    channel = forms.ChoiceField(label="申请方式", choices=Channel.choices)
    request = forms.CharField(label="行政复议请求", widget=TEXT)
    facts = forms.CharField(label="事实和理由", widget=TEXT, required=False)
    withdrawal_involuntary = forms.BooleanField(
        label="申请人曾和解撤回同一申请，但能够证明撤回违背其真实意愿（第七十四条第二款）", required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        bodies = handling_bodies(user)
        self.fields["organisation"].queryset = bodies
        if bodies.count() == 1:
            self.fields["organisation"].initial = bodies.first().pk
        self.fields["respondent"].queryset = Organisation.objects.visible_to(user).active() \
            .exclude(kind=OrgKind.UNIT)
        self.fields["act_date"].initial = None
        self.fields["known_on"].initial = None

    def parties(self) -> list[dict]:
        d = self.cleaned_data
        out = [{"role": "applicant", "kind": d["applicant_kind"], "name": d["applicant_name"],
                "id_number": d["applicant_id_number"], "phone": d["applicant_phone"],
                "address": d["applicant_address"]}]
        if d.get("representative_name"):
            out.append({"role": "representative", "kind": PartyKind.PERSON, "name": d["representative_name"]})
        if d.get("agent_name"):
            out.append({"role": "agent", "kind": PartyKind.PERSON, "name": d["agent_name"]})
        if d.get("third_party_name"):
            out.append({"role": "third_party", "kind": PartyKind.PERSON, "name": d["third_party_name"]})
        return out


class SupplementForm(forms.Form):
    on = _date("通知日期")
    items = forms.CharField(label="需要补正的事项（一次性载明）", widget=TEXT)


class OnForm(forms.Form):
    on = _date("日期")


class SendCopyForm(forms.Form):
    on = _date("发送日期")
    respondent_received_on = _date("被申请人收到日期", required=False)


class AnswerForm(forms.Form):
    on = _date("收到答复日期")
    summary = forms.CharField(label="答复要点", widget=TEXT, required=False)


class AcceptForm(forms.Form):
    on = _date("受理日期")
    procedure = forms.ChoiceField(label="审理程序", choices=Procedure.choices)


class RejectForm(forms.Form):
    on = _date("决定日期")
    reason = forms.CharField(label="不予受理理由", widget=TEXT)
    competent_body = forms.CharField(label="有管辖权的复议机关（不属于本机关管辖时）", max_length=200, required=False)


class ReasonForm(forms.Form):
    on = _date("日期")
    reason = forms.CharField(label="说明", widget=TEXT, required=False)


class ApprovalForm(forms.Form):
    on = _date("批准日期")
    approver = forms.CharField(label="批准人（行政复议机构负责人）", max_length=100)
    reason = forms.CharField(label="理由", widget=TEXT)


class ExtendForm(ApprovalForm):
    days = forms.IntegerField(label="延长日数（最多三十日，不填为三十日）", min_value=1, max_value=30, initial=30,
                              required=False)


class HearingForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=HearingKind.choices)
    held_on = _date("日期")
    notified_on = _date("通知日期", required=False)
    place = forms.CharField(label="地点或方式", max_length=200, required=False)
    presiding = forms.CharField(label="主持人", max_length=100, required=False)
    members = forms.CharField(label="听证员或委员（以顿号分隔）", max_length=300, required=False)
    clerk = forms.CharField(label="记录员", max_length=100, required=False)
    summary = forms.CharField(label="情况或意见", widget=TEXT, required=False)
    respondent_head = forms.CharField(label="被申请人负责人（听证）", max_length=100, required=False)
    head_attended = forms.NullBooleanField(label="负责人是否参加听证（第五十一条第三款）", required=False)
    head_absence_reason = forms.CharField(label="未参加的理由及委托的工作人员", max_length=300, required=False)


class ClassifyForm(forms.Form):
    major_complex = forms.BooleanField(label="重大、疑难、复杂案件（应当听证，第五十条；应当提请委员会咨询，第五十二条）",
                                       required=False)
    technical = forms.BooleanField(label="专业性、技术性较强（应当提请委员会咨询，第五十二条）", required=False)
    reason = forms.CharField(label="认定理由", widget=TEXT, required=False)


class SuspendForm(forms.Form):
    on = _date("中止日期")
    ground = forms.ChoiceField(label="中止情形（第三十九条）", choices=choose(SuspensionGround.choices))
    reason = forms.CharField(label="说明", widget=TEXT, required=False)


class DecideForm(forms.Form):
    on = _date("决定日期")
    outcome = forms.ChoiceField(label="决定类型", choices=choose([(o.value, o.label) for o in Outcome if o not in (
        Outcome.MEDIATED, Outcome.SETTLED, Outcome.TERMINATED)]))
    findings = forms.CharField(label="经审理查明的事实", widget=TEXT)
    reason = forms.CharField(label="本机关认为（理由）", widget=TEXT)
    compensation = forms.BooleanField(label="一并决定行政赔偿（第七十二条）", required=False)
    redo_days = forms.IntegerField(label="责令重新作出或履行的期限（日，自收到决定书之日起）", min_value=1,
                                   max_value=365, required=False,
                                   help_text="撤销并责令重作（第六十四条）或责令履行（第六十六条）时填写。")
    not_worse = forms.BooleanField(label="变更决定未对申请人更为不利，或第三人提出了相反请求（第六十三条第二款）",
                                   required=False)


class MediateForm(forms.Form):
    on = _date("达成调解协议日期")
    agreement = forms.CharField(label="调解协议内容", widget=TEXT)


class TerminateForm(forms.Form):
    on = _date("终止日期")
    reason = forms.CharField(label="终止事由", widget=TEXT)
    settled = forms.BooleanField(label="当事人和解后申请人撤回（第七十四条）", required=False)


class LetterForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=LetterKind.choices)
    recipient = forms.ModelChoiceField(label="送达机关", queryset=Organisation.objects.none())
    issued_on = _date("制发日期")
    subject = forms.CharField(label="事由", max_length=300)
    content = forms.CharField(label="主要内容", widget=TEXT, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = Organisation.objects.visible_to(user).active()


class LetterReplyForm(forms.Form):
    on = _date("反馈日期")
    reply = forms.CharField(label="纠正情况", widget=TEXT)


class IncidentalForm(forms.Form):
    on = _date("提出日期")
    document_title = forms.CharField(label="规范性文件名称", max_length=300)
    maker = forms.CharField(label="制定机关", max_length=200)
    competent = forms.BooleanField(label="本机关有权处理", required=False, initial=True)


class ReviewDecisionForm(forms.Form):
    """Art. 59 for a competent body (lawful, or stop and order correction); art. 56 transfer otherwise."""

    on = _date("处理日期")
    status = forms.ChoiceField(label="处理结果")
    result = forms.CharField(label="处理意见", widget=TEXT, required=False)
    transferred_to = forms.CharField(label="转送机关", max_length=200, required=False)

    def __init__(self, *args, competent: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = (ReviewStatus.LAWFUL, ReviewStatus.UNLAWFUL) if competent else (ReviewStatus.TRANSFERRED,)
        self.fields["status"].choices = choose([(s.value, s.label) for s in allowed])
        if competent:
            del self.fields["transferred_to"]
        else:
            self.fields["transferred_to"].required = True


class MakerNoticeForm(forms.Form):
    on = _date("书面通知日期")
    received_on = forms.DateField(label="制定机关收到日期", required=False, widget=DATE,
                                  help_text="不填则按通知日期起算答复期限（第五十八条）。")


class ReplyForm(forms.Form):
    """The maker's answer (art. 58) or the transferee's reply (art. 60)."""

    on = _date("收到日期")
    text = forms.CharField(label="答复或处理意见要点", widget=TEXT)


class DocumentForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    recipients = forms.CharField(label="主送", max_length=300, required=False)
    body = forms.CharField(label="正文（段落之间空一行）", widget=forms.Textarea(attrs={"rows": 22}))



class ServiceForm(forms.Form):
    recipient = forms.CharField(label="受送达人", max_length=200)
    method = forms.ChoiceField(label="送达方式", choices=ServiceMethod.choices)
    sent_on = _date("交付、发出或公告日期")
    received_on = forms.DateField(label="签收或送达日期", required=False, widget=DATE,
                                  help_text="邮寄送达以回执上的签收日期为准，电子送达以到达受送达人系统之日为准；尚未签收的可留空，"
                                            "签收后再登记。公告送达自动按民事诉讼法计算视为送达之日。")
    reference = forms.CharField(label="送达回证或邮件号", max_length=100, required=False)


class ReceiptForm(forms.Form):
    service = forms.ModelChoiceField(label="送达记录", queryset=None)
    received_on = _date("签收或送达日期")

    def __init__(self, *args, document=None, **kwargs):
        from fazhi.reconsideration.models import DocumentService

        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = DocumentService.objects.filter(document=document, received_on__isnull=True)


class PublishForm(forms.Form):
    on = _date("公开日期")
    act_publicity = forms.ChoiceField(label="被申请行政行为的公开情况", choices=choose(ActPublicity.choices))
    scope = forms.ChoiceField(label="公开方式", choices=choose(PublicationScope.choices))
    note = forms.CharField(label="审核意见", max_length=300, required=False)
    checked = forms.BooleanField(label="已逐段核对公开文本：当事人姓名、证件号码、电话、住址等个人信息已隐去")
