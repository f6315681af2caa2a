"""SQLite under concurrent writes (issue #17 item 6): while one connection holds a write transaction (an import),
another user's read-then-write transaction waits for it instead of failing with “database is locked”. Run on a real
database file in a separate process (the test database is in memory, where SQLite locks differently)."""

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import os, threading, time
    os.environ["DJANGO_SETTINGS_MODULE"] = "fazhi.settings"
    import django
    django.setup()
    from django.core.management import call_command
    from django.db import connections, transaction
    call_command("migrate", verbosity=0)
    from fazhi.core.models import Organisation, Region
    Region.objects.create(code="990000", name="x")
    started, done, errors = threading.Event(), threading.Event(), []

    def long_import():
        try:
            with transaction.atomic():
                Region.objects.create(code="990001", name="导入")
                started.set()
                time.sleep(2)
        except Exception as e:
            errors.append(repr(e))
        finally:
            connections.close_all()
            done.set()

    t = threading.Thread(target=long_import)
    t.start()
    started.wait(10)
    t0 = time.time()
    with transaction.atomic():
        assert Region.objects.filter(code="990000").exists()  # read first ...
        Region.objects.create(code="990002", name="另一用户")  # ... then write
    waited = time.time() - t0
    t.join(20)
    assert not errors, errors
    assert Region.objects.count() == 3
    print(f"waited {waited:.1f}s")
""")


def test_a_read_then_write_waits_for_a_long_write(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "FAZHI_HOME": str(tmp_path), "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    waited = float(result.stdout.strip().split()[-1].rstrip("s"))
    assert waited >= 1.0  # it waited for the import to commit, then succeeded
