"""The list, item, organisation and adjustment pages, the Word export, the import page and the portal."""

import io

import pytest
from django.urls import reverse

from fazhi.core.gongwen import docx_text
from fazhi.powers import flowchart
from fazhi.powers.importers import import_items
from fazhi.powers.models import PowerItem

from .conftest import row, sheet

pytestmark = pytest.mark.django_db


def _one(w):
    result = import_items(io.BytesIO(sheet([
        row(w.dept_a.name, "A-1", "对冒用农产品质量标志的行政处罚", bases="《中华人民共和国农产品质量安全法》第五十一条",
            flow="立案→调查→告知→决定；告知（要求听证）→听证→决定"),
    ])), actor=w.legal_a, dry_run=False)
    assert result.ok
    return PowerItem.objects.get()


def test_flowchart_text_round_trip():
    chart = flowchart.parse("受理→审查→决定；审查（不符合条件）→不予许可")
    assert [n["label"] for n in chart] == ["受理", "审查", "决定", "不予许可"]
    assert chart[1]["next"] == [{"to": "3", "when": ""}, {"to": "4", "when": "不符合条件"}]
    assert flowchart.parse(flowchart.text(chart)) == chart
    svg = flowchart.svg(chart)
    assert svg.startswith("<svg") and "不符合条件" in svg and svg.count("<rect") == 4
    assert [[n["label"] for n in layer] for layer in flowchart.layers(chart)] == [["受理"], ["审查"], ["决定", "不予许可"]]
    assert flowchart.svg([]) == "" and flowchart.parse("") == []


def test_item_pages_word_and_steps(w, laws, client):
    item = _one(w)
    client.force_login(w.legal_a)
    page = client.get(item.get_absolute_url()).content.decode()
    assert "<svg" in page and "要求听证" in page and "冒用农产品质量标志" in page  # flowchart and article text
    assert 'data-step="amend"' in page and 'data-step="cancel"' in page
    text = docx_text(client.get(reverse("powers:item_docx", args=[item.pk])).content)
    assert "设定依据" in text and "【立案】" in text and "第五十一条" in text
    listing = client.get(reverse("powers:item_list")).content.decode()
    assert "A-1" in listing and "Excel 导入" in listing
    assert "A-1" not in client.get(reverse("powers:item_list"), {"on": "2023-12-31"}).content.decode()
    assert "A-1" not in client.get(reverse("powers:item_list"), {"kind": "False"}).content.decode()  # sub-items only
    assert "A-1" in client.get(reverse("powers:item_list"), {"kind": "True"}).content.decode()
    junk = client.get(reverse("powers:item_list"), {"on": "x" * 50, "category": "nope"})
    assert junk.status_code == 200 and "无效" in junk.content.decode()
    amend = client.get(reverse("powers:item_step", args=[item.pk, "amend"])).content.decode()
    assert "对冒用农产品质量标志的行政处罚" in amend  # the form starts from the item
    resp = client.post(reverse("powers:item_step", args=[item.pk, "cancel"]),
                       {"effective_on": "2025-05-01", "document_number": "", "reason": ""})
    assert resp.status_code == 200 and PowerItem.objects.get().valid_to is None  # refused, nothing saved
    resp = client.post(reverse("powers:item_step", args=[item.pk, "cancel"]),
                       {"effective_on": "2025-05-01", "document_number": "测政发〔2025〕9号", "reason": "合并至市级"})
    assert resp.status_code == 302 and PowerItem.objects.get().valid_to is not None
    org_page = client.get(reverse("powers:org_detail", args=[w.dept_a.pk]), {"on": "2025-04-30"}).content.decode()
    assert "事项 1 项" in org_page and 'data-step="add"' in org_page
    adj = client.get(reverse("powers:adjustment_list")).content.decode()
    assert "测政发〔2025〕9号" in adj
    client.force_login(w.legal_b)
    assert 'data-step="add"' in client.get(reverse("powers:org_detail", args=[w.dept_b.pk])).content.decode()
    assert client.get(reverse("powers:org_step", args=[w.dept_a.pk, "add"])).status_code == 404


def test_import_page_template_dry_run_and_import(w, laws, client):
    client.force_login(w.legal_a)
    url = reverse("powers:import")
    assert client.get(url, {"template": 1})["Content-Type"].startswith("application/vnd.openxml")
    data = sheet([row(w.dept_a.name, "A-1", "事项一"), row(w.dept_a.name, "A-2", "事项二", category="不知道")])
    resp = client.post(url, {"file": io.BytesIO(data), "dry_run": "on"})
    assert "权力类别" in resp.content.decode() and PowerItem.objects.count() == 0
    good = sheet([row(w.dept_a.name, "A-1", "事项一")])
    f = io.BytesIO(good)
    f.name = "list.xlsx"
    resp = client.post(url, {"file": f})
    assert resp.status_code == 302 and PowerItem.objects.count() == 1
    client.force_login(w.officer_a)
    assert client.get(url).status_code == 404


def test_portal_lists_items_in_force_without_login(w, laws, client):
    item = _one(w)
    client.logout()
    listing = client.get(reverse("powers_portal:list"), {"q": "冒用"}).content.decode()
    assert item.name in listing
    assert item.name not in client.get(reverse("powers_portal:list"), {"category": "licensing"}).content.decode()
    detail = client.get(reverse("powers_portal:detail", args=[item.pk])).content.decode()
    assert "<svg" in detail and "/portal/laws/articles/" in detail
    assert client.get(reverse("powers_portal:list"), {"category": "junk", "org": "x", "page": "z"}).status_code == 200


def test_api_lists_on_a_date_and_runs_steps(w, laws, client):
    from fazhi.core.models import ApiToken

    _, key = ApiToken.issue(w.legal_a)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    body = {"code": "A-9", "name": "对某行为的处罚", "category": "penalty", "level": "county",
            "bases": "《中华人民共和国行政处罚法》第十八条", "effective_on": "2025-01-01", "document_number": "测政发〔2025〕1号"}
    resp = client.post(f"/api/v1/powers/orgs/{w.dept_a.code}/steps/add", data=body, content_type="application/json",
                       **auth)
    assert resp.status_code == 200 and resp.json()["code"] == "A-9", resp.content
    item_id = resp.json()["id"]
    resp = client.post(f"/api/v1/powers/items/{item_id}/steps/cancel", content_type="application/json", **auth,
                       data={"effective_on": "2025-06-01", "document_number": "测政发〔2025〕2号"})
    assert resp.status_code == 200 and resp.json()["valid_to"] == "2025-06-01"
    assert [i["code"] for i in client.get("/api/v1/powers/items?on=2025-05-31", **auth).json()] == ["A-9"]
    assert client.get("/api/v1/powers/items?on=2025-06-01", **auth).json() == []
    bad = client.post(f"/api/v1/powers/orgs/{w.dept_b.code}/steps/add", data=body, content_type="application/json",
                      **auth)
    assert bad.status_code in (400, 404) and bad["Content-Type"].startswith("application/json")
