"""Importing a new version of a law flags every basis citing an article it changed, with both texts, into the owning
department's review queue; resolving a flag is an action (fazhi.laws.watch)."""

import io

import pytest
from django.urls import reverse

from fazhi.core.permissions import ActionError
from fazhi.laws.importers import import_directory
from fazhi.laws.models import CitationFlag
from fazhi.laws.watch import resolve_flag
from fazhi.powers.demo import LATER_LAWS
from fazhi.powers.importers import import_items
from fazhi.powers.models import PowerBasis

from .conftest import row, sheet

pytestmark = pytest.mark.django_db


def _items(w):
    a = w.dept_a.name
    result = import_items(io.BytesIO(sheet([
        row(a, "A-1", "对未建立农产品生产记录的行政处罚", bases="《中华人民共和国农产品质量安全法》第四十七条"),
        row(a, "A-2", "对冒用农产品质量标志的行政处罚", bases="《中华人民共和国农产品质量安全法》第五十一条"),
        row(a, "A-3", "依法查处的一般规定", bases="《中华人民共和国行政处罚法》第十八条"),
    ])), actor=w.legal_a, dry_run=False)
    assert result.ok, result.errors


def test_a_revised_law_flags_the_bases_that_cite_changed_articles(w, laws, client):
    _items(w)
    summary = import_directory(LATER_LAWS)  # 农产品质量安全法 (2022年修订, in force 2023-01-01)
    assert summary.flags == 2 and "依据变更复核" in "".join(summary.lines())
    flags = {f.old_article: f for f in CitationFlag.objects.all()}
    assert set(flags) == {"第四十七条", "第五十一条"}  # 行政处罚法 unchanged: nothing flagged
    moved = flags["第四十七条"]
    assert moved.change == "renumbered" and moved.new_article == "第六十九条" and moved.similarity >= 60
    assert "生产记录" in moved.old_text and "生产记录" in moved.new_text
    gone = flags["第五十一条"]
    assert gone.change == "repealed" and "冒用农产品质量标志" in gone.old_text
    assert all(f.organisation == w.dept_a and f.status == "open" for f in flags.values())
    # Importing the same file again flags nothing twice.
    assert import_directory(LATER_LAWS).flags == 0 and CitationFlag.objects.count() == 2
    # The department's queue shows both texts; another department does not see it.
    client.force_login(w.legal_a)
    assert "第六十九条" in client.get(reverse("laws:flag_list")).content.decode()
    page = client.get(moved.get_absolute_url()).content.decode()
    assert "新旧条文对照" in page and "生产记录" in page and "第六十九条" in page
    client.force_login(w.legal_b)
    assert client.get(moved.get_absolute_url()).status_code == 404
    # Resolving: another department may not; the owner updates the citation, which the basis takes.
    with pytest.raises(ActionError):
        resolve_flag(moved, actor=w.legal_b, resolution="updated", new_citation="《中华人民共和国农产品质量安全法》第六十九条")
    with pytest.raises(ActionError, match="新的引用"):
        resolve_flag(moved, actor=w.legal_a, resolution="updated")
    client.force_login(w.legal_a)
    resp = client.post(reverse("laws:flag_step", args=[moved.pk, "resolve"]),
                       {"resolution": "updated", "new_citation": "《中华人民共和国农产品质量安全法》第六十九条",
                        "note": ""})
    assert resp.status_code == 302
    moved.refresh_from_db()
    assert moved.status == "resolved" and moved.resolved_by == w.legal_a
    basis = PowerBasis.objects.get(pk=moved.object_id)
    assert basis.canonical == "《农产品质量安全法》（2022年修订）第六十九条" and basis.version.label == "2022年修订"
    with pytest.raises(ActionError, match="复核"):
        resolve_flag(moved, actor=w.legal_a, resolution="still_valid", note="x")
    resolve_flag(gone, actor=w.legal_a, resolution="still_valid", note="新法第七十五条继续规定冒用标志的处罚")
    assert CitationFlag.objects.open().count() == 0
