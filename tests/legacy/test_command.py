import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command


def test_json_output(seed_path, capsys):
    call_command("audit_report", str(seed_path(2)), "--json")
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"text", "repairs", "outline", "figures", "findings"}
    assert set(out["outline"]["parts"]) == {"measures", "shortcomings", "leaders", "next_year", "other"}
    assert out["outline"]["parts"]["shortcomings"]["present"] is True
    fig = next(f for f in out["figures"] if f["metric"] == "mediation.success_rate")
    assert fig["value"] == 99.36 and fig["unit"] == "%" and out["text"][fig["start"]:fig["end"]] == "99.36%"
    assert "99.36%" in fig["sentence"]
    assert {f["severity"] for f in out["findings"]} <= {"error", "warning", "info"}
    assert all(set(f) >= {"kind", "severity", "message"} for f in out["findings"])


def test_text_output(seed_path, capsys):
    call_command("audit_report", str(seed_path(3)))
    out = capsys.readouterr().out
    assert "修复字形" in out and "提纲" in out


def test_errors_are_chinese(tmp_path):
    with pytest.raises(CommandError, match="文件不存在"):
        call_command("audit_report", str(tmp_path / "missing.pdf"))
    bad = tmp_path / "report.xls"
    bad.write_bytes(b"x")
    with pytest.raises(CommandError, match="不支持的文件类型"):
        call_command("audit_report", str(bad))


def test_cli_exit_code(tmp_path):
    env = dict(os.environ, FAZHI_HOME=str(tmp_path))
    proc = subprocess.run([sys.executable, "-m", "fazhi.cli", "audit-report", str(tmp_path / "none.txt")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode != 0
    assert "文件不存在" in proc.stderr
