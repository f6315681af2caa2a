from django import forms

from fazhi.core.forms import choose
from fazhi.core.models import Organisation
from fazhi.powers.choices import Category, Level

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


class DocumentFields(forms.Form):
    effective_on = forms.DateField(label="生效日期", widget=DATE)
    document_number = forms.CharField(label="批准文件文号", max_length=100)
    document_title = forms.CharField(label="批准文件名称", max_length=300, required=False)
    reason = forms.CharField(label="调整理由", widget=TEXT, required=False)


class ItemFields(forms.Form):
    code = forms.CharField(label="事项编码", max_length=60)
    name = forms.CharField(label="事项名称", max_length=300)
    category = forms.ChoiceField(label="权力类别", choices=choose(Category.choices))
    level = forms.ChoiceField(label="行使层级", choices=Level.choices, initial=Level.COUNTY)
    bases = forms.CharField(label="设定依据（每行一项，如《中华人民共和国行政处罚法》第十八条）",
                            widget=forms.Textarea(attrs={"rows": 4}))
    responsibilities = forms.CharField(label="责任事项", widget=TEXT, required=False)
    accountability = forms.CharField(label="追责情形", widget=TEXT, required=False)
    flowchart = forms.CharField(label="运行流程（步骤以→连接，分支以；分隔，如：受理→审查→决定；审查（不符合条件）→不予受理）",
                                widget=TEXT, required=False)


class AddForm(ItemFields, DocumentFields):
    parent_code = forms.CharField(label="所属事项编码（子项填写）", max_length=60, required=False)


class TakeOverForm(AddForm):
    delegated_from = forms.ModelChoiceField(label="下放或赋权的机关", queryset=Organisation.objects.all())


class AmendForm(ItemFields, DocumentFields):
    pass


class CancelForm(DocumentFields):
    pass


class DelegateForm(DocumentFields):
    to = forms.ModelChoiceField(label="承接机关（乡镇、街道或下级机关）", queryset=Organisation.objects.all())
    keep_original = forms.BooleanField(label="本机关保留该事项（赋权乡镇：乡镇在其辖区内行使，本机关继续行使）",
                                       required=False, initial=True)


class MergeForm(ItemFields, DocumentFields):
    merged_codes = forms.CharField(label="合并的事项编码（以顿号或逗号分隔）", max_length=2000)
