from django import forms

from fazhi.core import clock
from fazhi.core.models import Organisation
from fazhi.metrics.actions import EARLIEST_YEAR, may_save_historical


class UploadForm(forms.Form):
    file = forms.FileField(label="报告文件（.txt、.docx 或 .pdf）")


class SaveFiguresForm(forms.Form):
    organisation = forms.ModelChoiceField(label="所属机构", queryset=Organisation.objects.none())
    year = forms.IntegerField(label="报告年度", min_value=EARLIEST_YEAR)
    figures = forms.MultipleChoiceField(label="保存的数字", widget=forms.CheckboxSelectMultiple, choices=())
    reason = forms.CharField(label="说明", required=False, widget=forms.TextInput())

    def __init__(self, *args, user=None, figure_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        visible = Organisation.objects.visible_to(user).active()
        allowed = [o.pk for o in visible if may_save_historical(user, o)]
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=allowed)
        self.fields["figures"].choices = figure_choices
        self.fields["year"].max_value = clock.today().year - 1
        self.fields["year"].widget.attrs["max"] = clock.today().year - 1
        self.fields["year"].help_text = "只能保存以往年度的数字。"

    def clean_year(self):
        year = self.cleaned_data["year"]
        last = clock.today().year - 1
        if year > last:
            raise forms.ValidationError(f"只能保存以往年度（{last} 年及以前）的数字。")
        return year
