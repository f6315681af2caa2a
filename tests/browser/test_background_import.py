"""A large import in the browser (issue #17): the upload goes to the background worker, the page shows the job's
progress and refreshes itself until the result is there, and the user finds the job again under 后台任务."""

import pytest
from django.core.management import call_command

from fazhi.core.excel import workbook_bytes
from fazhi.core.importers import COLUMNS
from fazhi.core.models import Organisation
from fazhi.testing.factories import world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_large_import_runs_in_the_background_and_its_page_shows_the_result(page, login, live_server, settings,
                                                                              tmp_path):
    settings.FAZHI_BACKGROUND_BYTES = 0
    settings.FAZHI_JOBS_DIR = tmp_path / "jobs"
    w = world()
    rows = [[f"B{i:03d}", f"后台导入机构{i}", "", "政府部门", w.gov.code, ""] for i in range(40)]
    upload = tmp_path / "机构.xlsx"
    upload.write_bytes(workbook_bytes("机构", [c[1] for c in COLUMNS], rows))

    login("w_supervisor")
    page.goto(f"{live_server.url}/orgs/import/")
    page.set_input_files("input[type=file]", str(upload))
    page.uncheck("input[name=dry_run]")
    page.click("main button.primary")
    page.wait_for_url("**/jobs/**")
    assert "排队中" in page.inner_text("#job-status")
    assert page.locator("meta[http-equiv=refresh]").count() == 1

    call_command("worker", batch=True, verbosity=0)  # what `fazhi serve`'s worker does

    page.locator("#job-status", has_text="已完成").wait_for(timeout=15000)  # the page refreshed itself
    assert "已导入 40 个机构" in page.inner_text("main")
    assert Organisation.objects.filter(code__startswith="B").count() == 40
    page.click("text=查看导入的记录")
    assert "后台导入机构1" in page.content()
    page.click("header >> text=后台任务")
    assert "已完成" in page.inner_text("main")
