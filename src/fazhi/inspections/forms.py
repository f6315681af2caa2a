"""Forms of 双随机一公开; they only shape input, the actions validate and decide."""

from django import forms

from fazhi.core.forms import TEXT, choose, date_field
from fazhi.core.models import Organisation
from fazhi.inspections.choices import ConflictKind, EntityKind, Method, Result, RiskClass

_date = date_field


class StepForm(forms.Form):
    def __init__(self, *args, obj=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.obj, self.user = obj, user


class OnForm(StepForm):
    on = _date("日期")


class DrawForm(StepForm):
    on = _date("抽取日期")
    entropy = forms.CharField(label="公开随机数（可选）", max_length=200, required=False,
                              help_text="承诺公布后才产生的公开数值，如当期福利彩票开奖号码或监督人员现场报出的数字；"
                                        "与种子一起决定抽取结果，任何人都无法在承诺时预知")


class CancelForm(StepForm):
    on = _date("取消日期")
    reason = forms.CharField(label="取消原因", max_length=300, widget=TEXT)


class ResultForm(StepForm):
    inspected_on = _date("检查日期")
    result = forms.ChoiceField(label="检查结果", choices=choose(Result.choices))
    findings = forms.CharField(label="检查情况", widget=TEXT, required=False,
                               help_text="发现问题的，写明问题和处理；未发现问题的可不填")
    case_number = forms.CharField(label="立案查处的案件编号", max_length=60, required=False,
                                  help_text="检查结果为立案查处的必填（本平台的执法案件编号）")
    rectify_due = _date("整改期限", required=False, help_text="责令改正的必填")

    def clean(self):
        data = super().clean()
        number = (data.pop("case_number", "") or "").strip()
        data["enforcement_case"] = None
        if number:
            from fazhi.enforcement.models import EnforcementCase

            case = EnforcementCase.objects.visible_to(self.user).filter(number=number).first()
            if case is None:
                self.add_error("case_number", f"找不到案件编号“{number}”。")
            data["enforcement_case"] = case
        return data


class RectifyForm(StepForm):
    on = _date("整改完成日期")
    rectification = forms.CharField(label="整改情况", widget=TEXT)


class AttachForm(forms.Form):
    file = forms.FileField(label="检查记录（检查记录表、照片等，合为一个文件）")


class OrganisationChoiceForm(forms.Form):
    """The organisation is one the user plans for."""

    organisation = forms.ModelChoiceField(label="部门", queryset=Organisation.objects.none())

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from fazhi.core.models import Membership
        from fazhi.inspections.permissions import PLANNER_ROLES

        orgs = Membership.objects.filter(user=user, role__in=PLANNER_ROLES).values("organisation")
        qs = Organisation.objects.active() if user is not None and user.is_superuser else \
            Organisation.objects.filter(pk__in=orgs)
        self.fields["organisation"].queryset = qs.order_by("path")


class PlanForm(OrganisationChoiceForm):
    year = forms.IntegerField(label="年度")
    title = forms.CharField(label="计划名称", max_length=200)
    note = forms.CharField(label="说明", widget=TEXT, required=False)


class TaskForm(forms.Form):
    title = forms.CharField(label="任务名称", max_length=200)
    items = forms.ModelMultipleChoiceField(label="抽查事项", queryset=None, widget=forms.CheckboxSelectMultiple)
    partners = forms.ModelMultipleChoiceField(label="联合抽查部门（部门联合抽查时选择）",
                                              queryset=Organisation.objects.none(), required=False,
                                              widget=forms.CheckboxSelectMultiple)
    start = _date("检查开始日期")
    end = _date("检查结束日期")
    region_prefix = forms.CharField(label="区域（行政区划代码前缀）", max_length=12, required=False,
                                    help_text="留空为全部区域；如 330102 为某区，330102001 为某街道")
    industries = forms.CharField(label="行业（每行一个，留空为全部）", widget=TEXT, required=False)
    kinds = forms.MultipleChoiceField(label="主体类型（不选为全部）", choices=EntityKind.choices, required=False,
                                      widget=forms.CheckboxSelectMultiple)
    ratio_a = forms.CharField(label="A类（信用风险低）抽查比例 %", max_length=8, required=False, initial="1")
    ratio_b = forms.CharField(label="B类（信用风险一般）抽查比例 %", max_length=8, required=False, initial="3")
    ratio_c = forms.CharField(label="C类（信用风险较高）抽查比例 %", max_length=8, required=False, initial="5")
    ratio_d = forms.CharField(label="D类（信用风险高）抽查比例 %", max_length=8, required=False, initial="10")
    inspectors_per_entity = forms.IntegerField(label="每户检查人员数", initial=2, min_value=2, max_value=10)
    avoid_township = forms.BooleanField(label="检查人员不检查本人户籍或居住地乡镇（街道）的对象", required=False,
                                        initial=True)
    avoid_former_employer = forms.BooleanField(label="检查人员不检查曾任职单位", required=False, initial=True)

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        from fazhi.inspections.avoidance import policy_for
        from fazhi.inspections.models import InspectionItem

        policy = policy_for(plan.organisation)
        if policy is not None:  # the region's rule: its kinds start ticked, and the action refuses to drop them
            for name, required in (("avoid_township", policy.township), ("avoid_former_employer", policy.former_employer)):
                self.fields[name].initial = required or self.fields[name].initial
                if required:
                    self.fields[name].help_text = f"{policy.region.name}规定必须回避（{policy.basis}）"

        self.fields["items"].queryset = InspectionItem.objects.filter(active=True).select_related("organisation")
        self.fields["partners"].queryset = Organisation.objects.active().filter(
            inspection_items__isnull=False).exclude(pk=plan.organisation_id).distinct().order_by("path")

    def clean(self):
        data = super().clean()
        data["ratios"] = {cls: data.pop(f"ratio_{cls.lower()}", "") for cls in RiskClass.values}
        data["industries"] = [x.strip() for x in (data.get("industries") or "").splitlines() if x.strip()]
        return data


class ItemForm(OrganisationChoiceForm):
    power_item = forms.CharField(label="行政检查事项编码", max_length=60, help_text="本部门权责清单中的行政检查事项")
    code = forms.CharField(label="抽查事项编号", max_length=60)
    name = forms.CharField(label="抽查事项名称", max_length=200)
    basis = forms.CharField(label="检查依据", widget=TEXT)
    subject_type = forms.CharField(label="检查对象类型", max_length=100, initial="企业、个体工商户")
    method = forms.ChoiceField(label="检查方式", choices=Method.choices)
    default_ratio = forms.DecimalField(label="默认抽查比例（%）", initial=3, min_value=0, max_value=100)


class ConflictForm(forms.Form):
    certificate = forms.CharField(label="检查人员执法证号", max_length=40)
    kind = forms.ChoiceField(label="回避情形", choices=choose(ConflictKind.choices))
    credit_code = forms.CharField(label="相关检查对象统一社会信用代码", max_length=30, required=False,
                                  help_text="近亲属或利害关系、曾任职单位时填写")
    region_code = forms.CharField(label="本人户籍或居住地乡镇（街道）区划代码", max_length=12, required=False)
    reason = forms.CharField(label="说明", max_length=300, required=False)
    recorded_on = _date("登记日期")


class EntityImportForm(forms.Form):
    file = forms.FileField(label="名录文件（.xlsx，或 UTF-8、GB18030 编码的 .csv）")
    dry_run = forms.BooleanField(label="仅校验，不导入", required=False)


class AvoidancePolicyForm(forms.Form):
    region = forms.ModelChoiceField(label="适用区划（含下级区划）", queryset=None)
    township = forms.BooleanField(label="检查人员不检查本人户籍或居住地乡镇（街道）的对象", required=False, initial=True)
    former_employer = forms.BooleanField(label="检查人员不检查曾任职单位", required=False, initial=True)
    basis = forms.CharField(label="地方依据", max_length=300, help_text="如：某省双随机一公开监管工作细则第十条")

    def __init__(self, *args, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
