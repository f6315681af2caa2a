"""Bounded load on loopback (issue #17): N concurrent clients for S seconds against the portal and the dashboard
of a demo served by waitress, with a large Excel import running beside them; counts every answer by status.

Usage: python benchmarks/load_check.py [--clients 50] [--seconds 60] [--db sqlite|pg] [--rows 3000]
Exits 1 when any request answered 5xx or failed.
"""

from __future__ import annotations

import argparse
import collections
import http.cookiejar
import io
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAZHI = [sys.executable, "-m", "fazhi"]


def _opener():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)), jar


def _login(base: str, username: str, password: str):
    opener, jar = _opener()
    page = opener.open(f"{base}/accounts/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token}).encode()
    opener.open(urllib.request.Request(f"{base}/accounts/login/", data=data, headers={"Referer": base}), timeout=30)
    return opener, jar


def _multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = "----fazhiload"
    out = io.BytesIO()
    for k, v in fields.items():
        out.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n".encode())
    for k, (name, content) in files.items():
        out.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"; filename=\"{name}\"\r\n"
                  "Content-Type: application/octet-stream\r\n\r\n".encode())
        out.write(content + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--db", choices=["sqlite", "pg"], default="sqlite")
    ap.add_argument("--rows", type=int, default=3000)
    ap.add_argument("--port", type=int, default=8765)
    args = ap.parse_args()
    env = dict(os.environ, FAZHI_HOME=tempfile.mkdtemp(prefix="fazhi-load-"))
    if args.db == "pg":
        env["DATABASE_URL"] = os.environ.get("FAZHI_LOAD_PG", "postgres://postgres@127.0.0.1:5432/fazhi_load")
    subprocess.run([*FAZHI, "demo", "--no-serve"], env=env, check=True, capture_output=True)
    server = subprocess.Popen([*FAZHI, "serve", "--port", str(args.port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        counts, lock = collections.Counter(), threading.Lock()
        stop = time.time() + args.seconds

        def client(i):
            opener, _ = _login(base, "supervisor", "Fazhi-demo-2026") if i % 2 else (urllib.request.build_opener(), 0)
            url = f"{base}/" if i % 2 else f"{base}/portal/"
            while time.time() < stop:
                try:
                    status = opener.open(url, timeout=60).status
                except urllib.error.HTTPError as e:
                    status = e.code
                except OSError as e:
                    status = f"failed: {type(e).__name__}"
                with lock:
                    counts[(url.removeprefix(base), status)] += 1

        def importer():
            sys.path.insert(0, str(ROOT / "src"))
            from openpyxl import Workbook

            opener, _ = _login(base, "supervisor", "Fazhi-demo-2026")
            page = opener.open(f"{base}/litigation/import/", timeout=30).read().decode()
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
            wb = Workbook()
            ws = wb.active
            ws.append(["被告机构*", "案号*", "受理法院*", "原告*", "被诉行政行为*", "行为类别*", "行政复议案件编号", "立案日期",
                       "收到起诉状副本日期*", "提交答辩日期", "开庭日期", "出庭情况", "出庭人员及职务", "负责人未出庭原因", "一审结果",
                       "一审审结日期"])
            for n in range(args.rows):
                ws.append(["清源县市场监督管理局", f"（2025）示1121行初{9000 + n}号", "清源县人民法院", "张某", "处罚决定", "行政处罚",
                           "", "2025-03-01", "2025-03-04", "", "", "", "", "", "", ""])
            buf = io.BytesIO()
            wb.save(buf)
            body, ctype = _multipart({"csrfmiddlewaretoken": token}, {"file": ("load.xlsx", buf.getvalue())})
            req = urllib.request.Request(f"{base}/litigation/import/", data=body,
                                         headers={"Content-Type": ctype, "Referer": base})
            t0 = time.time()
            try:
                status = opener.open(req, timeout=600).status
            except urllib.error.HTTPError as e:
                status = e.code
            with lock:
                counts[("/litigation/import/ (import)", status)] += 1
                counts[("import seconds", round(time.time() - t0, 1))] += 1

        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        threads.append(threading.Thread(target=importer))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        server.terminate()
    bad = 0
    for (url, status), n in sorted(counts.items(), key=str):
        print(f"{url:32} {status!s:>24} {n}")
        if url != "import seconds" and (not isinstance(status, int) or status >= 500):
            bad += n
    print("errors:", bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
