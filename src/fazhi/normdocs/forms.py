"""Forms of the normative-document pages; they only shape input, the actions validate and decide."""

from django import forms

from fazhi.core.forms import TEXT, choose, date_field
from fazhi.core.models import Organisation
from fazhi.normdocs.choices import CampaignKind, EndKind, FilingOutcome, Handling, Outcome, ReviewOpinion

BODY = forms.Textarea(attrs={"rows": 16})


class StepForm(forms.Form):
    def __init__(self, *args, obj=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.obj, self.user = obj, user


class OnForm(StepForm):
    on = date_field("日期")


class ReasonForm(StepForm):
    on = date_field("日期")
    reason = forms.CharField(label="理由", widget=TEXT, max_length=2000)


class DraftForm(forms.Form):
    organisation = forms.ModelChoiceField(label="制定机关", queryset=Organisation.objects.none())
    title = forms.CharField(label="文件名称", max_length=300)
    drafter = forms.CharField(label="起草单位", max_length=200, required=False)
    affects_rights = forms.BooleanField(label="涉及公民、法人和其他组织权利义务", required=False, initial=True,
                                        help_text="涉及的须公开征求意见后才能送审")
    drafted_on = date_field("起草日期")
    text = forms.CharField(label="正文", widget=BODY, help_text="按“第一条……”或“一、……”分条，保存后自动拆分条文")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from fazhi.normdocs.permissions import MAKER_ROLES

        self.fields["organisation"].queryset = Organisation.objects.visible_to(user).active().filter(
            memberships__user=user, memberships__role__in=MAKER_ROLES).distinct() if not user.is_superuser \
            else Organisation.objects.active()


class CurrentTextForm(StepForm):
    """A step that edits the text starts from the current version."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        v = self.obj.current_version() if self.obj is not None else None
        if v is not None and not self.is_bound:
            self.initial["text"] = v.text


class TextForm(CurrentTextForm):
    text = forms.CharField(label="正文", widget=BODY)
    note = forms.CharField(label="修改说明", max_length=300, required=False)


class ConsultForm(StepForm):
    on = date_field("开始日期")


class CloseConsultationForm(StepForm):
    on = date_field("结束日期")
    summary = forms.CharField(label="意见采纳情况说明", widget=TEXT, max_length=5000)


class ReviewForm(StepForm):
    on = date_field("审核日期")
    opinion = forms.ChoiceField(label="审核意见", choices=choose(ReviewOpinion.choices))
    note = forms.CharField(label="审核意见书要点", widget=TEXT, max_length=5000)


class DeliberateForm(StepForm):
    on = date_field("审议日期")
    meeting = forms.CharField(label="审议会议", max_length=200, help_text="如：县人民政府第12次常务会议")


class PublishForm(StepForm):
    on = date_field("公布日期")
    medium = forms.CharField(label="公布载体", max_length=200, initial="政府门户网站、政府公报")
    effective_from = date_field("施行日期", required=False, help_text="不填则自公布之日起施行")
    valid_until = date_field("有效期至", help_text="一般不超过5年；“暂行”“试行”不超过2年")


class FileForm(StepForm):
    on = date_field("报送备案日期")
    congress_on = date_field("报本级人大常委会备案日期", required=False, help_text="人民政府制定的文件须同时报本级人大常委会备案")


class FilingReviewForm(StepForm):
    on = date_field("结论日期")
    outcome = forms.ChoiceField(label="备案审查结论", choices=choose(FilingOutcome.choices))
    note = forms.CharField(label="审查意见", widget=TEXT, max_length=5000, required=False)


class AmendForm(CurrentTextForm):
    on = date_field("公布日期")
    effective_from = date_field("修改后施行日期", required=False)
    text = forms.CharField(label="修改后的全文", widget=BODY)
    note = forms.CharField(label="修改说明", max_length=300)


class RenewForm(StepForm):
    on = date_field("决定日期")
    valid_until = date_field("延续至")
    reason = forms.CharField(label="评估意见", widget=TEXT, max_length=2000)


class EndForm(StepForm):
    on = date_field("失效日期")
    kind = forms.ChoiceField(label="失效方式", choices=choose([c for c in EndKind.choices if c[0] != EndKind.LAPSED]))
    reason = forms.CharField(label="理由", widget=TEXT, max_length=2000)


class ModerateForm(StepForm):
    approve = forms.ChoiceField(label="审核结果", choices=choose([("yes", "审核通过"), ("no", "不予登载")]))
    note = forms.CharField(label="说明", max_length=300, required=False,
                           help_text="不予登载的写明理由（如与文件无关、含侮辱性内容）")


class HandleForm(StepForm):
    on = date_field("处理日期")
    handling = forms.ChoiceField(label="处理情况", choices=choose(Handling.choices))
    note = forms.CharField(label="理由", widget=TEXT, max_length=2000, required=False,
                           help_text="部分采纳或不予采纳的写明理由")


class CommentForm(forms.Form):
    """The portal's comment form (no account): a hidden field left empty by people and filled by robots."""

    body = forms.CharField(label="意见内容", widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)
    name = forms.CharField(label="姓名或单位（可不填）", max_length=100, required=False)
    contact = forms.CharField(label="联系方式（可不填，不公开）", max_length=100, required=False)
    website = forms.CharField(label="", required=False, widget=forms.TextInput(attrs={
        "class": "hp", "tabindex": "-1", "autocomplete": "off", "aria-hidden": "true"}))


class CampaignForm(forms.Form):
    organisation = forms.ModelChoiceField(label="组织清理的机关", queryset=Organisation.objects.none())
    title = forms.CharField(label="清理名称", max_length=200)
    kind = forms.ChoiceField(label="清理类型", choices=choose(CampaignKind.choices))
    topic = forms.CharField(label="清理主题", max_length=200, required=False, help_text="专项清理必填，如“优化营商环境”")
    started_on = date_field("开始日期")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.visible_to(user).active()


class ScopeForm(StepForm):
    keyword = forms.CharField(label="文件名称包含", max_length=100, required=False,
                              help_text="不填则纳入本机关及下级机关全部现行有效文件")


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(label="清理结论", choices=choose(Outcome.choices))
    reason = forms.CharField(label="理由", max_length=500, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label="文件目录（Excel）")
