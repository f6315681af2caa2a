from django import forms
from django.contrib.auth import get_user_model

from fazhi.core.choices import OrgKind, Role
from fazhi.core.models import Organisation, Region

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


def date_field(label, required=True, help_text=""):
    """A date the browser offers a picker for."""
    return forms.DateField(label=label, widget=DATE, required=required, help_text=help_text)


def choose(choices) -> list[tuple[str, str]]:
    """Choices that start blank ("请选择"), so a consequential answer is never recorded by default."""
    return [("", "请选择")] + list(choices)


class OrganisationForm(forms.Form):
    code = forms.CharField(label="机构代码", max_length=40)
    name = forms.CharField(label="名称", max_length=200)
    short_name = forms.CharField(label="简称", max_length=60, required=False)
    kind = forms.ChoiceField(label="类型", choices=OrgKind.choices)
    parent = forms.ModelChoiceField(label="上级机构", queryset=Organisation.objects.none(), required=False)
    region = forms.ModelChoiceField(label="行政区划", queryset=Region.objects.all(), required=False)
    reason = forms.CharField(label="变更理由", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Organisation.objects.visible_to(user).active()
        # Only a superuser may create a new root; everyone else works below an organisation they manage.
        self.fields["parent"].required = not (user is not None and user.is_superuser)

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if "/" in code or " " in code:
            raise forms.ValidationError("机构代码不能包含空格或“/”。")
        return code


class UserCreateForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    full_name = forms.CharField(label="姓名", max_length=150)
    email = forms.EmailField(label="电子邮箱", required=False)
    role = forms.ChoiceField(label="角色", choices=choose(Role.choices))
    password = forms.CharField(label="初始密码", widget=forms.PasswordInput, min_length=10)


class MembershipForm(forms.Form):
    user = forms.ModelChoiceField(label="用户", queryset=get_user_model().objects.none(),
                                  help_text="本人管辖范围内已有账号的用户；新用户请用“新建用户”。")
    role = forms.ChoiceField(label="角色", choices=choose(Role.choices))
    reason = forms.CharField(label="理由", required=False, max_length=200)

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        visible = Organisation.objects.visible_to(actor)
        self.fields["user"].queryset = get_user_model().objects.filter(
            is_active=True, memberships__organisation__in=visible).distinct().order_by("username")
