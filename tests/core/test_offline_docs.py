"""The API's interactive docs work offline: Swagger UI comes from the project's static files, not a CDN."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_swagger_ui_from_static_files(client, w):
    client.force_login(w.supervisor)
    page = client.get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in page
    assert not re.search(r"https?://(?!127\\.0\\.0\\.1|localhost)[^\"']*(swagger|cdn|jsdelivr|unpkg)", page)
    assert "/static/ninja/swagger-ui-bundle.js" in page


def test_cli_usage_one_command_per_line():
    from fazhi.cli import OWN_COMMANDS, _usage

    lines = _usage().splitlines()
    for name, desc in OWN_COMMANDS:
        line = next(x for x in lines if x.strip().startswith(name + " "))
        assert line.rstrip().endswith(desc)
