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


REPORT = """青山县2023年法治政府建设年度报告
一、主要举措和成效
全年收到行政复议申请150件，审结120件，直接纠错30件，纠错率20%。全年复议、应诉、调解案件共计 1,300 件。
全县行政执法人员参加法治培训 3,200 人次。
二、存在的不足和原因
基层执法力量薄弱。
"""


def test_json_lists_unmapped_figures_genre_era_and_what_each_finding_compares(tmp_path, capsys):
    path = tmp_path / "青山县2023年报告.txt"
    path.write_text(REPORT, encoding="utf-8")
    call_command("audit_report", str(path), "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["genre"]["key"] == "annual_report" and out["genre"]["label"] == "法治政府建设年度报告"
    assert out["era"] == {"key": "supervision_rules_2019", "label": out["era"]["label"], "year": 2023,
                          "outline_checked": True}
    unmapped = {u["raw"]: u for u in out["unmapped"]}
    total = unmapped["1,300 件"]
    assert total["reason"] == "total" and total["subjects"] == ["reconsideration", "litigation", "mediation"]
    assert total["subject_label"] == "行政复议、行政诉讼（应诉）、矛盾纠纷调解" and "共计" in total["sentence"]
    assert out["figures"][total["index"]]["raw"] == "1,300 件" and out["figures"][total["index"]]["metric"] is None
    assert unmapped["3,200 人次"]["reason"] == "no_rule"
    assert out["summary"]["unmapped_figures"] == len(out["unmapped"])
    rate = next(f for f in out["findings"] if f["kind"] == "definition")
    assert [out["figures"][i]["raw"] for i in rate["figures"]] == ["20%", "30件", "120件", "150件"]
    assert [c["raw"] for c in rate["compared"]] == ["20%", "30件", "120件", "150件"]
    assert all("figures" in f for f in out["findings"])


def test_text_output_names_genre_era_and_unmapped_figures(tmp_path, capsys):
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    call_command("audit_report", str(path))
    out = capsys.readouterr().out
    assert "类型：法治政府建设年度报告" in out and "提纲要求：2023 年度报告" in out
    assert "未对应指标的数字（2 个）" in out and "1,300 件（跨类别合计）" in out
    assert "（数字 #" in out
