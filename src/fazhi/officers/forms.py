from django import forms

from fazhi.core.forms import choose
from fazhi.core.models import Organisation
from fazhi.officers.choices import CertificateKind, SubjectKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


def _date(label, required=True):
    return forms.DateField(label=label, widget=DATE, required=required)


class SubjectForm(forms.Form):
    organisation = forms.ModelChoiceField(label="执法主体（机构）", queryset=Organisation.objects.none())
    kind = forms.ChoiceField(label="主体类别", choices=choose(SubjectKind.choices))
    credit_code = forms.CharField(label="统一社会信用代码", max_length=18, required=False)
    basis = forms.CharField(label="依据（法律法规条文，每行一项）", widget=TEXT)
    scope = forms.CharField(label="执法领域和职权范围", widget=TEXT)
    entrusted_by = forms.ModelChoiceField(label="委托机关（受委托组织填写）", queryset=Organisation.objects.none(),
                                          required=False)
    document_number = forms.CharField(label="确认或委托文件文号", max_length=100)
    valid_from = _date("起始日期")
    valid_to = _date("委托期限至（受委托组织填写）", required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        visible = Organisation.objects.visible_to(user).active()
        self.fields["organisation"].queryset = visible
        self.fields["entrusted_by"].queryset = visible


class EndForm(forms.Form):
    on = _date("终止日期")
    reason = forms.CharField(label="终止原因", max_length=300)


class AnnounceForm(forms.Form):
    on = _date("公告日期")


class OfficerForm(forms.Form):
    organisation = forms.ModelChoiceField(label="所在单位", queryset=Organisation.objects.none())
    name = forms.CharField(label="姓名", max_length=60)
    id_number = forms.CharField(label="身份证号码", max_length=20)
    position = forms.CharField(label="职务", max_length=100, required=False)
    phone = forms.CharField(label="联系电话", max_length=40, required=False)
    areas = forms.CharField(label="执法领域", max_length=300, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.visible_to(user).active()


class LeaveForm(forms.Form):
    on = _date("离岗日期")
    reason = forms.CharField(label="原因（调离、退休等）", max_length=300)


class CertificateForm(forms.Form):
    number = forms.CharField(label="证件编号", max_length=40)
    kind = forms.ChoiceField(label="证件类别", choices=CertificateKind.choices)
    areas = forms.CharField(label="执法区域和领域", max_length=300, required=False)
    issued_on = _date("发证日期")
    expires_on = _date("有效期至")


class TrainingForm(forms.Form):
    on = _date("日期")
    title = forms.CharField(label="培训或考试名称", max_length=200)
    hours = forms.DecimalField(label="学时", min_value=0, max_value=200, decimal_places=1, required=False)
    exam_score = forms.DecimalField(label="考试成绩（考试填写）", min_value=0, max_value=100, decimal_places=1,
                                    required=False)
    passed = forms.NullBooleanField(label="考试是否合格", required=False)


class StatusForm(forms.Form):
    on = _date("日期")
    reason = forms.CharField(label="原因", max_length=300)


class RequirementForm(forms.Form):
    hours = forms.DecimalField(label="每年培训学时", min_value=1, max_value=200, decimal_places=1)
    basis = forms.CharField(label="依据（本地区文件）", max_length=300, required=False)
