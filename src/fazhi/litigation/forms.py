"""Forms for each step of a litigation case; they only shape input, the actions validate and decide."""

from django import forms

from fazhi.core.forms import choose
from fazhi.core.models import Organisation
from fazhi.litigation.choices import ActKind, AppealOutcome, Appearance, Appellant, Outcome
from fazhi.reconsideration.models import Case as ReconsiderationCase

DATE = forms.DateInput(attrs={"type": "date"})


class CaseForm(forms.Form):
    organisation = forms.ModelChoiceField(label="被告机构", queryset=Organisation.objects.none())
    court = forms.CharField(label="受理法院", max_length=100)
    case_number = forms.CharField(label="案号", max_length=60, help_text="如：（2025）苏1181行初12号")
    plaintiffs = forms.CharField(label="原告", widget=forms.Textarea(attrs={"rows": 2}),
                                 help_text="多个原告用“、”分隔")
    contested_act = forms.CharField(label="被诉行政行为", max_length=300)
    act_kind = forms.ChoiceField(label="行为类别", choices=ActKind.choices)
    filed_on = forms.DateField(label="立案日期", required=False, widget=DATE)
    received_on = forms.DateField(label="收到起诉状副本日期", widget=DATE,
                                  help_text="自此日起十五日内提交答辩状和证据（行政诉讼法第六十七条）")
    co_defendant = forms.ModelChoiceField(label="共同被告（复议机关）", queryset=Organisation.objects.none(),
                                          required=False, help_text="经复议维持的案件，复议机关为共同被告")
    reconsideration_case = forms.CharField(
        label="行政复议案件（收案编号）", max_length=60, required=False,
        help_text="经行政复议后起诉的，填写该复议案件的收案编号；复议维持的自动列复议机关为共同被告")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        visible = Organisation.objects.visible_to(user).active()
        self.fields["organisation"].queryset = visible
        self.fields["co_defendant"].queryset = Organisation.objects.active()

    def clean_reconsideration_case(self):
        """The concluded 复议 case with this number that the user may see (a number, not a list of every case: a
        province has a hundred thousand)."""
        number = self.cleaned_data["reconsideration_case"].strip()
        if not number:
            return None
        case = ReconsiderationCase.objects.visible_to(self.user).filter(number=number).first()
        if case is None:
            raise forms.ValidationError(f"未找到收案编号为“{number}”的行政复议案件，或您无权查看该案件。")
        return case  # whether it may be linked (concluded, about this defendant) is the action's to say


class AnswerForm(forms.Form):
    on = forms.DateField(label="提交答辩日期", widget=DATE)


class HearingForm(forms.Form):
    held_on = forms.DateField(label="开庭日期", widget=DATE)
    appearance = forms.ChoiceField(label="出庭情况", choices=choose(Appearance.choices))
    attendee = forms.CharField(label="出庭人员及职务", max_length=200, required=False,
                               help_text="如：张三（局长）；律师李四")
    absence_reason = forms.CharField(label="负责人未出庭原因", required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}),
                                     help_text="正职、副职负责人均未出庭时必填")
    note = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class JudgmentForm(forms.Form):
    outcome = forms.ChoiceField(label="一审结果", choices=choose(Outcome.choices))
    concluded_on = forms.DateField(label="一审审结日期", widget=DATE)
    summary = forms.CharField(label="裁判要旨", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class AppealForm(forms.Form):
    appellant = forms.ChoiceField(label="上诉人", choices=Appellant.choices)
    court = forms.CharField(label="二审法院", max_length=100)
    case_number = forms.CharField(label="二审案号", max_length=60, help_text="如：（2025）苏11行终88号")
    filed_on = forms.DateField(label="上诉日期", widget=DATE)


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(label="二审结果", choices=choose(AppealOutcome.choices),
                                help_text="发回重审的，原审法院重新审理时以新的一审案号另行登记")
    final_outcome = forms.ChoiceField(label="改判结果", required=False, choices=choose(Outcome.choices),
                                      help_text="依法改判的必填：二审判决对被诉行政行为的处理")
    decided_on = forms.DateField(label="二审审结日期", widget=DATE)
    summary = forms.CharField(label="二审裁判要旨", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class SuggestionForm(forms.Form):
    court = forms.CharField(label="发出法院", max_length=100)
    number = forms.CharField(label="文号", max_length=80, required=False)
    received_on = forms.DateField(label="收到日期", widget=DATE)
    content = forms.CharField(label="建议内容", widget=forms.Textarea(attrs={"rows": 3}))


class SuggestionReplyForm(forms.Form):
    replied_on = forms.DateField(label="回复日期", widget=DATE)
    reply = forms.CharField(label="回复及整改情况", widget=forms.Textarea(attrs={"rows": 3}))

