from django import forms

from fazhi.core.forms import choose
from fazhi.laws.models import FlagResolution


class ResolveFlagForm(forms.Form):
    on = forms.DateField(label="复核日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                         required=False)
    resolution = forms.ChoiceField(label="复核结论", choices=choose(FlagResolution.choices))
    new_citation = forms.CharField(label="新的引用（改为新的引用时填写，如《中华人民共和国行政处罚法》第五十八条）",
                                   max_length=300, required=False)
    note = forms.CharField(label="复核意见", widget=forms.Textarea(attrs={"rows": 3}), required=False)
