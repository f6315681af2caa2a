"""Forms of the enforcement steps; they only shape input, the actions validate and decide. Every step form takes the
case and the user (`form_kwargs`), so choices can follow the case."""

from django import forms

from fazhi.core.forms import TEXT, choose, date_field
from fazhi.core.import_views import ImportForm
from fazhi.core.models import Organisation
from fazhi.enforcement.choices import (
    CaseKind,
    Decision,
    EvidenceKind,
    PartyKind,
    PenaltyKind,
    Procedure,
    RecordStep,
)

_date = date_field


class StepForm(forms.Form):
    def __init__(self, *args, case=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case, self.user = case, user


class CaseForm(forms.Form):
    organisation = forms.ModelChoiceField(label="实施机关", queryset=Organisation.objects.none())
    kind = forms.ChoiceField(label="执法类别", choices=choose(CaseKind.choices))
    procedure = forms.ChoiceField(label="程序（行政处罚）", choices=choose(Procedure.choices), required=False)
    power_item = forms.CharField(label="权责事项编码", max_length=60,
                                 help_text="本机关权责清单中的事项编码；处罚案件须为行政处罚事项")
    cause = forms.CharField(label="案由", max_length=300)
    party_name = forms.CharField(label="当事人", max_length=200)
    party_kind = forms.ChoiceField(label="当事人类型", choices=choose(PartyKind.choices))
    party_id = forms.CharField(label="身份证号码或统一社会信用代码", max_length=30, required=False)
    officers = forms.CharField(label="承办执法人员（执法证号，每行一个）", widget=TEXT,
                               help_text="须持有效执法证件，调查、检查不少于两人（行政处罚法第四十二条、第五十五条）")
    filed_on = _date("立案（受理、检查）日期")
    facts = forms.CharField(label="违法事实（或检查、申请情况）", widget=TEXT, required=False)
    major = forms.BooleanField(label="属于重大执法决定（须法制审核，第五十八条）", required=False)
    review_ground = forms.CharField(label="法制审核情形", max_length=200, required=False,
                                    help_text="如：涉及重大公共利益；直接关系当事人重大权益且经过听证")
    collective_required = forms.BooleanField(label="情节复杂或重大违法，须集体讨论（第五十七条第二款）",
                                             required=False)
    # 当场处罚, 许可, 强制, 检查: the decision is recorded with the case.
    decision = forms.ChoiceField(label="决定（当场处罚或许可、强制、检查的结果）", choices=choose(Decision.choices),
                                 required=False)
    penalty_kinds = forms.MultipleChoiceField(label="处罚种类（当场处罚）", choices=PenaltyKind.choices,
                                              required=False, widget=forms.CheckboxSelectMultiple)
    fine_amount = forms.DecimalField(label="罚款金额（元）", required=False, min_value=0, decimal_places=2)
    decision_number = forms.CharField(label="决定书文号", max_length=100, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.visible_to(user).active()


class NoticeForm(StepForm):
    on = _date("告知日期", help_text="拟作出的处罚内容及事实、理由、依据，以及陈述、申辩、听证权利（第四十四条）")
    proposal = forms.CharField(label="拟处罚内容", widget=TEXT)
    hearing_right = forms.BooleanField(label="告知听证权利（第六十三条所列处罚）", required=False)


class HearingRequestForm(StepForm):
    on = _date("当事人申请听证日期", help_text="应在告知后五日内提出（第六十四条第一项）")


class HearingNoticeForm(StepForm):
    on = _date("发出听证通知日期")
    hearing_on = _date("拟举行听证日期", help_text="应在听证的七日前通知（第六十四条第二项）")


class HearingForm(StepForm):
    on = _date("举行听证日期")


class ReviewForm(StepForm):
    on = _date("法制审核日期")
    passed = forms.TypedChoiceField(label="审核结论", choices=[("", "请选择"), ("1", "同意（通过）"),
                                                              ("0", "不同意（未通过）")],
                                    coerce=lambda v: v == "1")
    opinion = forms.CharField(label="审核意见", widget=TEXT)


class CollectiveForm(StepForm):
    on = _date("集体讨论日期")
    minutes = forms.CharField(label="讨论结论", widget=TEXT)


class ExtendForm(StepForm):
    on = _date("批准日期")
    approver = forms.CharField(label="批准人", max_length=60)
    length = forms.IntegerField(label="延长天数", min_value=1, max_value=365)
    reason = forms.CharField(label="延长理由", max_length=300)


class DecideForm(StepForm):
    on = _date("决定日期")
    decision = forms.ChoiceField(label="决定", choices=choose([(d.value, d.label) for d in (
        Decision.PUNISHED, Decision.NOT_PUNISHED, Decision.NOT_ESTABLISHED, Decision.TRANSFERRED)]))
    penalty_kinds = forms.MultipleChoiceField(label="处罚种类（第九条）", choices=PenaltyKind.choices,
                                              required=False, widget=forms.CheckboxSelectMultiple)
    fine_amount = forms.DecimalField(label="罚款金额（元）", required=False, min_value=0, decimal_places=2)
    confiscated_amount = forms.DecimalField(label="没收违法所得、非法财物金额（元）", required=False, min_value=0,
                                            decimal_places=2)
    decision_number = forms.CharField(label="决定书文号", max_length=100)
    decision_text = forms.CharField(label="决定内容（处罚依据、履行方式和期限）", widget=TEXT)
    social_impact = forms.BooleanField(label="具有一定社会影响，依法公开（第四十八条）", required=False)
    discretion_level = forms.ModelChoiceField(label="适用的裁量情形（裁量基准）", required=False, queryset=None,
                                              help_text="该事项有裁量基准的必选；处罚超出该情形的种类或幅度须写明理由")
    deviation_reason = forms.CharField(label="偏离裁量基准的理由", widget=TEXT, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from fazhi.enforcement.models import DiscretionLevel

        qs = DiscretionLevel.objects.none()
        if self.case is not None and self.case.power_item_id:
            qs = DiscretionLevel.objects.filter(standard__power_item_id=self.case.power_item_id).select_related(
                "standard")
        self.fields["discretion_level"].queryset = qs
        self.fields["discretion_level"].label_from_instance = lambda lv: (
            f"{lv.standard.code} {lv.get_circumstance_display()}：{lv.conditions[:30]}（{lv.range_text}）")


class ServeForm(StepForm):
    on = _date("送达日期", help_text="当事人不在场的，应在七日内送达（第六十一条）")
    method = forms.ChoiceField(label="送达方式", choices=choose([("当场交付", "当场交付"), ("直接送达", "直接送达"),
                                                              ("邮寄送达", "邮寄送达"), ("电子送达", "电子送达"),
                                                              ("留置送达", "留置送达"), ("公告送达", "公告送达")]))


class PayForm(StepForm):
    on = _date("缴纳日期")
    amount = forms.DecimalField(label="缴纳金额（元，含加处罚款）", min_value=0, decimal_places=2)


class PublishForm(StepForm):
    on = _date("公示日期")


class WithdrawForm(StepForm):
    on = _date("撤回公示日期")
    reason = forms.CharField(label="公开说明的理由", max_length=300)


class CloseForm(StepForm):
    on = _date("结案日期")


class DropForm(StepForm):
    on = _date("撤销立案日期")
    reason = forms.CharField(label="撤销立案理由", max_length=300)


class LinkForm(StepForm):
    number = forms.CharField(label="行政复议案件编号或行政诉讼案号", max_length=60)


class EvidenceForm(forms.Form):
    step = forms.ChoiceField(label="环节", choices=choose(RecordStep.choices))
    kind = forms.ChoiceField(label="类型", choices=choose(EvidenceKind.choices))
    title = forms.CharField(label="名称", max_length=200)
    recorded_on = _date("记录日期")
    file = forms.FileField(label="文件")


class DecisionImportForm(ImportForm):
    file = forms.FileField(label="CSV 或 Excel 文件（.csv、.xlsx）")
    source = forms.CharField(label="来源系统", max_length=60, help_text="如“省行政执法综合管理监督平台”；与来源案件编号一起判定是否已导入")
    mapping = forms.CharField(label="列对应（可选）", required=False, widget=TEXT,
                              help_text="列名与模板不同时，每行写“字段=表头”，如“来源案件编号=案件编号”")


class OnForm(StepForm):
    on = _date("日期")


class RoundForm(forms.Form):
    organisation = forms.ModelChoiceField(label="组织评查机关", queryset=Organisation.objects.none())
    title = forms.CharField(label="评查活动名称", max_length=200)
    start = _date("案卷决定日期自")
    end = _date("至")
    per_organisation = forms.IntegerField(label="每个单位抽取案卷数", min_value=1, max_value=100, initial=3)
    seed = forms.CharField(label="随机种子（可留空，系统生成后公开）", max_length=64, required=False)
    pass_score = forms.DecimalField(label="合格分", initial=60, min_value=0, max_value=100)
    excellent_score = forms.DecimalField(label="优秀分", initial=90, min_value=0, max_value=100)
    rectify_days = forms.IntegerField(label="整改期限（日）", initial=30, min_value=1, max_value=365)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.visible_to(user).active()


class ScoreForm(StepForm):
    """One deduction and one problem field per item of the round's sheet."""

    on = _date("评查日期")
    reviewer = forms.CharField(label="评查人员", max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.case is None:
            return
        for item in self.case.round.sheet.all():
            self.fields[f"d_{item.pk}"] = forms.DecimalField(
                label=f"{item.category}扣分（满分 {item.points}）", required=False, min_value=0,
                max_value=item.points, decimal_places=1, help_text=item.description)
            self.fields[f"p_{item.pk}"] = forms.CharField(label=f"{item.category}发现的问题", max_length=300,
                                                          required=False)


class RectifyForm(StepForm):
    on = _date("整改完成日期")
    rectification = forms.CharField(label="整改情况", widget=TEXT)
