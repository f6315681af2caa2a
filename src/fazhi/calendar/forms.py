from django import forms

from fazhi.calendar.choices import DayKind


class ScheduleForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=1990, max_value=2100)
    notice = forms.CharField(label="依据文件", max_length=200, required=False,
                             help_text="例如：国务院办公厅关于2027年部分节假日安排的通知")
    days = forms.CharField(label="节假日与调休日", widget=forms.Textarea(attrs={"rows": 12}),
                           help_text="每行一个日期：日期 类型 名称，如“2027-01-01 放假 元旦”“2027-02-06 调休上班 春节调休”。")
    reason = forms.CharField(label="变更理由", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DayForm(forms.Form):
    date = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label="类型", choices=DayKind.choices)
    name = forms.CharField(label="名称", max_length=100, required=False)
    reason = forms.CharField(label="理由", required=False)


class ScheduleImportForm(forms.Form):
    file = forms.FileField(label="Excel（.xlsx）或 CSV 文件")
    notice = forms.CharField(label="依据文件", max_length=200, required=False)
    dry_run = forms.BooleanField(label="仅校验，不导入", required=False, initial=True)


class CalculatorForm(forms.Form):
    start = forms.DateField(label="起算日", widget=forms.DateInput(attrs={"type": "date"}))
    days = forms.IntegerField(label="工作日数", min_value=-2000, max_value=2000)


class NoticePasteForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=1990, max_value=2100, required=False,
                              help_text="可不填：从通知标题“关于XXXX年部分节假日安排的通知”中识别。")
    text = forms.CharField(label="通知文本", max_length=20000, widget=forms.Textarea(attrs={"rows": 14}),
                           help_text="粘贴国务院办公厅关于部分节假日安排的通知全文，如“一、元旦：1月1日（周四）至3日（周六）"
                                     "放假调休，共3天。1月4日（周日）上班。”")
    notice = forms.CharField(label="依据文件", max_length=200, required=False,
                             help_text="可不填：默认为“国务院办公厅关于XXXX年部分节假日安排的通知”。")
    reason = forms.CharField(label="变更理由", required=False, widget=forms.Textarea(attrs={"rows": 2}))
