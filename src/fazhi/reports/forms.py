from django import forms

from fazhi.core.models import Organisation
from fazhi.reports.choices import SubmissionKind
from fazhi.reports.models import OutlineTemplate


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ReportCreateForm(forms.Form):
    organisation = forms.ModelChoiceField(label="报告机构", queryset=Organisation.objects.none())
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    template = forms.ModelChoiceField(label="提纲模板", queryset=OutlineTemplate.objects.none(), required=False,
                                      help_text="不选则使用默认提纲")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.visible_to(user).active().exclude(kind="unit")
        self.fields["template"].queryset = OutlineTemplate.objects.visible_to(user)


class ReportHeaderForm(forms.Form):
    title = forms.CharField(label="标题", max_length=300)
    doc_number = forms.CharField(label="文号", max_length=100, required=False)
    recipients = forms.CharField(label="主送机关", max_length=200, required=False)


class SectionForm(forms.Form):
    narrative = forms.CharField(label="叙述", required=False,
                                widget=forms.Textarea(attrs={"rows": 14, "id": "narrative"}),
                                help_text="每行一个自然段。数据段落由系统按记录生成，无需在此填写数字。")


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}))


class SubmissionForm(forms.Form):
    organisation = forms.ModelChoiceField(label="报送单位", queryset=Organisation.objects.none())
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    section_key = forms.ChoiceField(label="对应报告章节")
    kind = forms.ChoiceField(label="类型", choices=SubmissionKind.choices)
    title = forms.CharField(label="标题", max_length=200)
    body = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 10}))
    files = MultipleFileField(label="附件", required=False)

    def __init__(self, *args, user=None, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.visible_to(user).active()
        self.fields["section_key"].choices = [
            (s["key"], ("　" if s["level"] == 2 else "") + s["title"].replace("{{year}}", "本").replace(
                "{{next_year}}", "下一")) for s in sections]


class SubmissionReviseForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    body = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 10}))
    files = MultipleFileField(label="补充附件", required=False)


class TemplateForm(forms.Form):
    name = forms.CharField(label="模板名称", max_length=200)
    description = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    sections = forms.CharField(
        label="章节（YAML）", widget=forms.Textarea(attrs={"rows": 30, "class": "code", "spellcheck": "false"}),
        help_text="每个章节含 key（代码）、title（标题）、level（1 或 2）、part（五部分之一，1–5）、"
                  "sentences（数据语句，{{指标代码}} 处填入数值）、guidance（撰写提示）。")
    reason = forms.CharField(label="修改理由", required=False)


class TemplateCreateForm(forms.Form):
    name = forms.CharField(label="模板名称", max_length=200)
    organisation = forms.ModelChoiceField(label="所属机构", queryset=Organisation.objects.none(), required=False,
                                          help_text="不选则为全平台通用模板（仅顶级机构的督察人员可建）")
    copy_of = forms.ModelChoiceField(label="复制自", queryset=OutlineTemplate.objects.none(), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.visible_to(user).active()
        self.fields["copy_of"].queryset = OutlineTemplate.objects.visible_to(user)
