import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command

from fazhi.core.audit import verify_chain
from fazhi.core.models import AuditEvent
from fazhi.laws import demo
from fazhi.laws.importers import BUNDLED_DIR, import_directory
from fazhi.laws.models import Article, Category, Law, LawVersion

from .conftest import CHUFA, FUYI_2017, FUYI_2023, copy_laws


def test_versions_are_linked_and_categorised(library):
    fuyi = Law.objects.get(short_title="行政复议法")
    old, new = fuyi.versions.order_by("effective")
    assert old.superseded_by == new and new.superseded_by is None
    assert old.in_force_until() == dt.date(2023, 12, 31)
    assert fuyi.version_on(dt.date(2023, 12, 31)) == old and fuyi.version_on(dt.date(2024, 1, 1)) == new
    assert [c.name for c in fuyi.categories.all()] == ["诉讼与非诉讼程序法"]
    assert new.article_count == 90 == new.articles.count()
    assert library.files == 4 and len(library.laws) == 3 and len(library.versions) == 4


def test_a_malformed_file_is_rejected_by_name_while_the_others_import(db, tmp_path):
    root = copy_laws(tmp_path / "laws", FUYI_2023, CHUFA)
    bad = root / "行政法" / "坏文件(2020-01-01).md"
    bad.write_text("# 坏文件\n\n2020年1月1日 通过\n\n第一条 没有题注结束标记。\n", encoding="utf-8")
    dup = root / "行政法" / "重复条号法(2020-01-01).md"
    dup.write_text("# 重复条号法\n2020年1月1日 通过\n<!-- INFO END -->\n第一条 甲。\n第二条 乙。\n第二条 丙。\n",
                   encoding="utf-8")
    summary = import_directory(root)
    assert sorted(name for name, _ in summary.rejected) == ["行政法/坏文件(2020-01-01).md",
                                                            "行政法/重复条号法(2020-01-01).md"]
    assert "INFO END" in dict(summary.rejected)["行政法/坏文件(2020-01-01).md"]
    assert summary.created == 2
    # Nothing of the rejected files went in, not even the first articles of the one with a duplicate.
    assert set(Law.objects.values_list("short_title", flat=True)) == {"行政复议法", "行政处罚法"}
    assert Article.objects.count() == 90 + 86


def test_reimport_is_idempotent(library, small_dir):
    counts = (Law.objects.count(), LawVersion.objects.count(), Article.objects.count(), AuditEvent.objects.count())
    ids = set(Article.objects.values_list("pk", flat=True))
    again = import_directory(small_dir)
    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 4, [])
    assert (Law.objects.count(), LawVersion.objects.count(), Article.objects.count(),
            AuditEvent.objects.count()) == counts
    assert set(Article.objects.values_list("pk", flat=True)) == ids


def test_a_changed_file_replaces_its_articles_and_is_audited(library, small_dir):
    path = small_dir / FUYI_2017
    path.write_text(path.read_text(encoding="utf-8").replace("第四十三条 本法自1999年10月1日起施行",
                                                             "第四十三条 本法自1999年10月1日起施行（改）"),
                    encoding="utf-8")
    summary = import_directory(small_dir)
    assert (summary.updated, summary.unchanged) == (1, 3)
    v = LawVersion.objects.get(law__short_title="行政复议法", version_date=dt.date(2017, 9, 1))
    assert "施行（改）" in v.articles.get(number=43).text
    assert v.articles.count() == 43
    event = AuditEvent.objects.for_object(v).first()
    assert event.verb == "导入法律文本" and event.after["file"] == FUYI_2017
    assert verify_chain().ok


def test_the_same_law_filed_under_two_categories(db, tmp_path):
    root = copy_laws(tmp_path / "laws", CHUFA)
    (root / "经济法").mkdir()
    (root / "经济法" / "行政处罚法(2021-01-22).md").write_bytes((root / CHUFA).read_bytes())
    summary = import_directory(root)
    assert (summary.created, summary.unchanged) == (1, 1)
    assert set(Category.objects.values_list("name", flat=True)) == {"行政法", "经济法"}
    assert Law.objects.get().categories.count() == 2


def test_cli_import_prints_a_summary(db, small_dir, capsys):
    (small_dir / "_index.md").write_text("---\nbookCollapseSection: true\n---\n", encoding="utf-8")
    (small_dir / "行政法" / "说明.md").write_text("# 说明\n\n没有日期\n<!-- INFO END -->\n正文\n", encoding="utf-8")
    call_command("laws", "import", str(small_dir))
    out = capsys.readouterr().out
    assert "读取文件 5 个：新增 4，更新 0，未变 0，拒绝 1。" in out
    assert "涉及法律法规 3 部、版本 4 个、条文" in out
    assert "行政法/说明.md：无法确定版本日期" in out


def test_cli_import_fails_only_when_nothing_could_be_read(db, tmp_path):
    with pytest.raises(CommandError, match="路径不存在"):
        call_command("laws", "import", str(tmp_path / "nowhere"))
    (tmp_path / "x.md").write_text("not a law", encoding="utf-8")
    with pytest.raises(CommandError, match="没有读入任何法律文本"):
        call_command("laws", "import", str(tmp_path))


def test_cli_cite(library, capsys):
    call_command("laws", "cite", "《行政复议法》第62条第二款", "--on", "2024-06-01", "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["law"] == "中华人民共和国行政复议法" and out["version"] == "2023年修订"
    assert out["article"] == "第六十二条" and out["text"].startswith("适用简易程序")
    call_command("laws", "cite", "行政处罚法第五十八条", "--on", "2024-06-01")
    assert capsys.readouterr().out.startswith("《行政处罚法》（2021年修订）第五十八条")


@pytest.mark.parametrize("args, message", [
    (["《行政复议法》第九十九条", "--on", "2024-06-01"], "《行政复议法》（2023年修订）没有第九十九条"),
    (["《某某法》第一条", "--on", "2024-06-01"], "法律法规库中没有《某某法》"),
    (["《行政复议法》第一条", "--on", "2024-13-01"], "日期“2024-13-01”无效"),
])
def test_cli_cite_failures(library, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("laws", "cite", *args)


def test_demo_imports_the_bundled_texts(db):
    from fazhi.testing.factories import user

    class Ctx:
        admin = user("demo_admin", superuser=True)

    demo.build(Ctx())
    titles = set(Law.objects.values_list("short_title", flat=True))
    assert {"行政复议法", "行政处罚法", "行政诉讼法", "政府信息公开条例", "行政许可法", "行政强制法"} <= titles
    assert LawVersion.objects.filter(law__short_title="行政复议法").count() == 2
    assert len(list(BUNDLED_DIR.rglob("*(*).md"))) == LawVersion.objects.count()


@pytest.mark.django_db
def test_whole_shared_collection(shared_dir):
    """The full collection: only the one non-law file (a how-to guide without a date) is rejected."""
    summary = import_directory(shared_dir / "laws")
    assert summary.files > 1000
    assert [name for name, _ in summary.rejected] == ["其他/劳动仲裁和劳动诉讼的攻略.md"]
    code = Law.objects.get(short_title="民法典").versions.get()
    assert code.effective == dt.date(2021, 1, 1)
    assert code.articles.count() == 1260 and len(code.parts) == 8
    from fazhi.laws.citations import resolve

    assert resolve("《民法典》第一千零八十条", dt.date(2024, 6, 1)).text.startswith("完成离婚登记")
    assert resolve("《行政复议法》第六十二条第二款", dt.date(2024, 6, 1)).version == "2023年修订"
