from django import forms

from fazhi.core.models import Region
from fazhi.rules.choices import TimeUnit
from fazhi.rules.engine import FIXED_DATE, all_rules


def rule_choices(include_fixed: bool = True):
    return [(r.id, f"{r.title}（{r.id}）") for r in sorted(all_rules().values(), key=lambda r: r.id)
            if include_fixed or r.current.unit != FIXED_DATE]


class OverrideForm(forms.Form):
    rule_id = forms.ChoiceField(label="规则")
    region = forms.ModelChoiceField(label="适用区划", queryset=Region.objects.all())
    length = forms.IntegerField(label="期限长度", min_value=1, max_value=3650)
    unit = forms.ChoiceField(label="单位", choices=TimeUnit.choices)
    citation = forms.CharField(label="地方依据", max_length=300, required=False,
                               help_text="例如：《某省行政规范性文件管理办法》第二十条")
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(label="变更理由", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule_id"].choices = rule_choices(include_fixed=False)


class ComputeForm(forms.Form):
    rule_id = forms.ChoiceField(label="规则")
    start = forms.DateField(label="起算日", widget=forms.DateInput(attrs={"type": "date"}))
    extended = forms.BooleanField(label="经批准延长", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule_id"].choices = rule_choices()
