import pytest

from fazhi.core import actions
from fazhi.core.models import Organisation
from fazhi.core.permissions import ActionError


def test_duplicate_code_gives_chinese_message_and_saves_nothing(w):
    n = Organisation.objects.count()
    with pytest.raises(ActionError, match="机构代码"):
        actions.create_organisation(actor=w.supervisor, code=w.dept_a.code, name="重复机构", kind="department",
                                    parent=w.gov)
    assert Organisation.objects.count() == n


def test_department_officer_cannot_create_siblings(w):
    with pytest.raises(ActionError, match="权限"):
        actions.create_organisation(actor=w.legal_a, code="X1", name="新机构", kind="department", parent=w.gov)


def test_moving_an_organisation_moves_its_subtree(w):
    unit = actions.create_organisation(actor=w.supervisor, code="U1", name="执法大队", kind="unit", parent=w.dept_a)
    actions.update_organisation(w.dept_a, actor=w.supervisor, parent=w.dept_b)
    unit.refresh_from_db()
    assert unit.path == f"{w.gov.path}{w.dept_b.code}/{w.dept_a.code}/U1/"
    assert unit.depth == 3


def test_cannot_move_under_own_descendant(w):
    with pytest.raises(ActionError, match="下级"):
        actions.update_organisation(w.gov, actor=w.supervisor, parent=w.dept_a)


def test_create_user_validates_password(w):
    with pytest.raises(ActionError, match="密码"):
        actions.create_user(actor=w.supervisor, username="new", full_name="新人", password="123",
                            organisation=w.dept_a, role="legal_officer")


def test_form_shows_chinese_errors_and_saves_nothing(w, client):
    client.force_login(w.supervisor)
    n = Organisation.objects.count()
    resp = client.post("/orgs/new/", {"code": "", "name": "", "kind": "nonsense"})
    html = resp.content.decode()
    assert resp.status_code == 200 and "这个字段是必填项" in html and "选择一个有效的选项" in html
    resp = client.post("/orgs/new/", {"code": w.dept_a.code, "name": "重复", "kind": "department",
                                      "parent": w.gov.pk})
    assert "已存在" in resp.content.decode()
    assert Organisation.objects.count() == n


def test_form_creates_and_redirects(w, client):
    client.force_login(w.supervisor)
    resp = client.post("/orgs/new/", {"code": "NEW1", "name": "测试县应急管理局", "kind": "department",
                                      "parent": w.gov.pk, "reason": "新设"})
    assert resp.status_code == 302 and Organisation.objects.filter(code="NEW1", parent=w.gov).exists()
