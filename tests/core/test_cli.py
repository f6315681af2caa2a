import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

FAZHI = [sys.executable, "-m", "fazhi"]


def test_orgs_list_json(w, capsys):
    call_command("orgs", "list", "--json")
    rows = json.loads(capsys.readouterr().out)
    by_code = {r["code"]: r for r in rows}
    assert by_code["W-gov"] == {"code": "W-gov", "name": "测试县人民政府", "kind": "government", "parent": None}
    assert by_code["W-a"]["parent"] == "W-gov"


def _env(home, database_url=None):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["FAZHI_HOME"] = str(home)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _run(args, env, check=True):
    return subprocess.run(FAZHI + args, env=env, capture_output=True, text=True, timeout=600, check=check)


def _demo_database_url():
    """On a PostgreSQL run, the demo goes to its own database beside the test database."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return None
    import psycopg

    base, name = url.rsplit("/", 1)
    demo = f"{name}_demo_cli"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [demo]).fetchone():
            conn.execute(f'CREATE DATABASE "{demo}"')
    return f"{base}/{demo}"


@pytest.mark.slow
def test_demo_builds_twice_and_verifies(tmp_path):
    env = _env(tmp_path / "home", _demo_database_url())
    first = _run(["demo", "--no-serve", "--dir", str(tmp_path / "home")], env)
    assert "示例账号" in first.stdout and "supervisor" in first.stdout
    orgs1 = json.loads(_run(["orgs", "list", "--json"], env).stdout)
    _run(["demo", "--no-serve", "--dir", str(tmp_path / "home")], env)  # rebuilds cleanly on the same directory
    orgs2 = json.loads(_run(["orgs", "list", "--json"], env).stdout)
    assert orgs1 == orgs2 and len([o for o in orgs1 if o["kind"] == "department"]) >= 20
    assert _run(["audit", "verify"], env).returncode == 0
    shown = json.loads(_run(["metrics", "show", "org.departments", "--org", "990121-gov", "--year", "2025",
                             "--json"], env).stdout)
    assert shown["value"] == len([o for o in orgs1 if o["kind"] == "department"])


def test_cli_errors_exit_nonzero(tmp_path):
    env = _env(tmp_path)
    _run(["migrate", "-v0"], env)
    bad = _run(["metrics", "show", "nope", "--org", "x", "--year", "2025"], env, check=False)
    assert bad.returncode != 0 and "未知指标" in bad.stderr
    assert _run([], env).stdout.startswith("用法")
    assert _run(["help"], env).returncode == 0  # falls through to Django


def test_no_secret_committed():
    root = Path(__file__).resolve().parents[2]
    assert not (root / "src" / "fazhi" / "secret_key").exists()
    settings_text = (root / "src" / "fazhi" / "settings.py").read_text()
    assert "SECRET_KEY = \"" not in settings_text


def test_serve_plans_processes_by_database_and_cores():
    from fazhi.core.management.commands.serve import plan

    assert plan(vendor="postgresql", cpus=2) == ("gunicorn", 4, 1)  # one request a process at a time (ADR 0013)
    assert plan(vendor="postgresql", cpus=64) == ("gunicorn", 16, 1)
    assert plan(vendor="sqlite", cpus=8) == ("waitress", 1, 8)  # one writer at a time: one process
    assert plan(vendor="postgresql", cpus=2, gunicorn_available=False) == ("waitress", 1, 8)
    assert plan(vendor="postgresql", cpus=2, workers=3, threads=2) == ("gunicorn", 3, 2)


@pytest.mark.parametrize("server", ["waitress", "gunicorn"])
def test_serve_answers_over_http(tmp_path, server):
    """`fazhi serve` (production settings; waitress, and gunicorn's worker processes) serves the login page and the
    portal."""
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = _env(tmp_path)
    proc = subprocess.Popen(FAZHI + ["serve", "--port", str(port), "--server", server, "--workers", "2"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        body = None
        for _ in range(300):  # a fresh database is migrated first: up to a minute on a busy machine
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2).read().decode()
                break
            except OSError:
                time.sleep(0.2)
        assert body is not None and "登录" in body
        portal = urllib.request.urlopen(f"http://127.0.0.1:{port}/portal/", timeout=5)
        assert portal.status == 200
        css = urllib.request.urlopen(f"http://127.0.0.1:{port}/static/fazhi/app.css", timeout=5)
        assert css.status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)
