"""A backup killed midway (issue #17, fault suite): the good archive already under that name is untouched, the
database takes writes at once, and the next backup succeeds and restores with a verifying audit chain. Run on a real
SQLite file in separate processes; the process to be killed stops itself just after it began writing the archive."""

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time

SETUP = textwrap.dedent("""
    import os
    os.environ["DJANGO_SETTINGS_MODULE"] = "fazhi.settings"
    import django
    django.setup()
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    from fazhi.core import actions
    from fazhi.core.models import Organisation
    from fazhi.testing.factories import world
    w = world()
    for i in range(40):
        actions.create_organisation(actor=w.supervisor, code=f"K{i:03d}", name=f"机构{i}", kind="department",
                                    parent=w.gov)
    call_command("backup", "--out", os.environ["OUT"], verbosity=0)
""")

KILLED = textwrap.dedent("""
    import os, pathlib, time
    os.environ["DJANGO_SETTINGS_MODULE"] = "fazhi.settings"
    import django
    django.setup()
    from django.core.management import call_command
    from fazhi.core import backup
    original = backup._add_bytes

    def stall(tar, name, content):  # the manifest is the archive's first member
        original(tar, name, content)
        tar.fileobj.flush()
        pathlib.Path(os.environ["READY"]).touch()
        time.sleep(120)

    backup._add_bytes = stall
    call_command("backup", "--out", os.environ["OUT"], verbosity=0)
""")

AFTER = textwrap.dedent("""
    import os
    os.environ["DJANGO_SETTINGS_MODULE"] = "fazhi.settings"
    import django
    django.setup()
    from django.core.management import call_command
    from fazhi.core import actions
    from fazhi.core.models import Organisation
    from django.contrib.auth import get_user_model
    sup = get_user_model().objects.get(username="w_supervisor")
    gov = Organisation.objects.filter(parent=None).first()
    actions.create_organisation(actor=sup, code="AFTER", name="中断后新建", kind="department", parent=gov)
    call_command("backup", "--out", os.environ["OUT"], verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    call_command("restore", os.environ["OUT"], "--yes", verbosity=0)
    assert Organisation.objects.filter(code__startswith="K").count() == 40
    assert Organisation.objects.filter(code="AFTER").exists()
    call_command("audit", "verify")
    print("restored")
""")


def _run(script, env, **kw):
    return subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300, **kw)


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_backup_killed_midway_leaves_the_good_archive_and_the_next_one_works(tmp_path):
    home, out, ready = tmp_path / "home", tmp_path / "fazhi.tar.gz", tmp_path / "ready"
    env = {"PATH": "/usr/bin:/bin", "FAZHI_HOME": str(home), "HOME": str(tmp_path), "OUT": str(out),
           "READY": str(ready), "FAZHI_AUDIT_ANCHORS": str(tmp_path / "anchors.jsonl"), "TMPDIR": str(tmp_path)}
    first = _run(SETUP, env)
    assert first.returncode == 0, first.stderr[-2000:]
    good = _sha(out)

    proc = subprocess.Popen([sys.executable, "-c", KILLED], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while not ready.exists():
        assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
        assert time.time() < deadline, "the backup never started writing"
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)

    assert _sha(out) == good  # the archive under the name is still the whole, earlier one
    partial = tmp_path / ".fazhi.tar.gz.partial"
    assert partial.exists()  # the killed run's bytes are under a name no one takes for a backup

    after = _run(AFTER, env)
    assert after.returncode == 0, after.stderr[-3000:]
    assert "restored" in after.stdout
    assert not partial.exists() and _sha(out) != good
