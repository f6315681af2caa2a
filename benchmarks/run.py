"""Run every benchmark (`make bench`) and print the results as JSON.

Each benchmarks/bench_<module>.py defines `run(scale) -> list[dict]` with entries
{"name", "n", "seconds", "baseline", "baseline_seconds", "ratio"}: a measurement beside a simpler reference measured
in the same run, so the figure is a ratio on this machine rather than an absolute time. The runner builds a fresh
database (PostgreSQL when reachable, else SQLite in a temporary FAZHI_HOME), fills it with `fazhi bench generate`,
then calls each module. Usage: python benchmarks/run.py [--scale county|city|province] [--db sqlite|pg]
[--only NAME ...] [--out FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import platform
import sys
import tempfile
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
PG_BASE = os.environ.get("FAZHI_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PG_DB = os.environ.get("FAZHI_BENCH_DB", "fazhi_bench")  # one database per concurrent run


def _pg_reachable() -> bool:
    try:
        import psycopg

        psycopg.connect(f"{PG_BASE}/postgres", connect_timeout=3).close()
        return True
    except Exception:
        return False


def _fresh_pg() -> str:
    import psycopg

    with psycopg.connect(f"{PG_BASE}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{PG_DB}"')
    return f"{PG_BASE}/{PG_DB}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", choices=["county", "city", "province"])
    ap.add_argument("--db", choices=["sqlite", "pg", "auto"], default="auto")
    ap.add_argument("--only", nargs="*", help="module names, e.g. core deadlines")
    ap.add_argument("--out", help="also write the JSON here")
    ap.add_argument("--existing", action="store_true",
                    help="measure the database in DATABASE_URL as it is (generated earlier), without rebuilding it")
    args = ap.parse_args(argv)

    use_pg = args.db == "pg" or (args.db == "auto" and _pg_reachable())
    scale = args.scale or ("province" if use_pg else "county")
    home = os.environ.get("FAZHI_HOME") if args.existing else None
    os.environ["FAZHI_HOME"] = home or tempfile.mkdtemp(prefix="fazhi-bench-")
    if args.existing:
        use_pg = os.environ.get("DATABASE_URL", "").startswith("postgres")
    elif use_pg:
        os.environ["DATABASE_URL"] = _fresh_pg()
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    sys.path.insert(0, str(HERE))

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    t0 = time.perf_counter()
    if not args.existing:
        call_command("bench", "generate", "--scale", scale, stdout=sys.stderr)
    generate_seconds = time.perf_counter() - t0

    results, errors = [], []
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if args.only and name not in args.only:
            continue
        spec = importlib.util.spec_from_file_location(f"fazhi_bench_{name}", path)
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
            print(f"running {name} …", file=sys.stderr)
            for entry in module.run(scale):
                entry.setdefault("module", name)
                if entry.get("baseline_seconds") and "ratio" not in entry:
                    entry["ratio"] = round(entry["seconds"] / entry["baseline_seconds"], 2)
                results.append(entry)
        except Exception as e:  # one failing benchmark must not hide the others
            errors.append({"module": name, "error": f"{type(e).__name__}: {e}"})
            traceback.print_exc(file=sys.stderr)

    from django.db import connection

    report = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "scale": scale,
        "database": connection.vendor,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "generate_seconds": round(generate_seconds, 2),
        "results": results,
        "errors": errors,
    }
    text = json.dumps(report, ensure_ascii=False, indent=1)
    print(text)
    out = Path(args.out) if args.out else HERE / "results" / f"{report['when'][:19].replace(':', '')}-{scale}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
