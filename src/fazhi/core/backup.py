"""Backup and restore (issue #17 item 10): one archive holding the database's records, the uploaded files and the
audit anchors, taken consistently while the server runs, on SQLite and PostgreSQL.

The records are written with Django's serializer (natural keys for content types and permissions, so an archive loads
into a freshly migrated database of either kind) inside one read transaction: REPEATABLE READ on PostgreSQL, and on
SQLite a read transaction that holds a snapshot of the file. `restore` empties the database, loads the records
(sequences reset by `loaddata`), puts the files back and checks the audit chain.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

from fazhi.core import clock

FORMAT = 1
EXCLUDE = {"contenttypes.contenttype", "auth.permission", "sessions.session", "admin.logentry"}
FILES = ("uploads", "documents")


def _models():
    from django.apps import apps

    return [m for m in apps.get_models() if m._meta.label_lower not in EXCLUDE and not m._meta.proxy
            and m._meta.managed]


def _sorted_models():
    from django.core.serializers import sort_dependencies

    app_list = {}
    for m in _models():
        app_list.setdefault(m._meta.app_config, []).append(m)
    return sort_dependencies(app_list.items(), allow_cycles=True)


def backup(out: Path) -> dict:
    """Write the archive; returns its manifest (counts per model)."""
    from fazhi.core.anchors import anchors_path

    counts = {}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data.json"
        with transaction.atomic():
            with connection.cursor() as cur:
                if connection.vendor == "postgresql":
                    cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                    cur.execute("SET TRANSACTION READ ONLY")
                else:
                    cur.execute("SELECT 1 FROM django_migrations LIMIT 1")  # starts the read snapshot
            with data.open("w", encoding="utf-8") as f:
                f.write("[")
                first = True
                for model in _sorted_models():
                    qs = model._base_manager.order_by(model._meta.pk.name)
                    counts[model._meta.label_lower] = qs.count()
                    for chunk in _chunks(qs):
                        text = serializers.serialize("json", chunk, use_natural_foreign_keys=True,
                                                     use_natural_primary_keys=False, cls=_ExactEncoder)
                        body = text.strip()[1:-1].strip()
                        if body:
                            f.write(("" if first else ",") + body)
                            first = False
                f.write("]")
        manifest = {"format": FORMAT, "created": clock.now().isoformat(timespec="seconds"),
                    "vendor": connection.vendor, "counts": counts}
        out.parent.mkdir(parents=True, exist_ok=True)
        # Written beside the target and renamed when whole: a backup killed midway never leaves a truncated archive
        # under the name of a good one (the next run overwrites the partial file).
        partial = partial_path(out)
        with tarfile.open(partial, "w:gz") as tar:
            _add_bytes(tar, "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode())
            tar.add(data, arcname="data.json")
            for sub in FILES:
                path = Path(settings.FAZHI_HOME) / sub
                if path.exists():
                    tar.add(path, arcname=f"files/{sub}")
            anchors = anchors_path()
            if anchors.exists():
                tar.add(anchors, arcname="audit-anchors.jsonl")
        with partial.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(partial, out)
    return manifest


def partial_path(out: Path) -> Path:
    return out.with_name(f".{out.name}.partial")


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; an audit event's time is part of its hash, so a restored chain
    would no longer verify. Times keep their microseconds here."""

    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


def _chunks(qs, size: int = 5000):
    last = None
    pk = qs.model._meta.pk.name
    while True:
        page = qs.filter(**{f"{pk}__gt": last}) if last is not None else qs
        rows = list(page[:size])
        if not rows:
            return
        yield rows
        last = getattr(rows[-1], pk)


def _add_bytes(tar, name: str, content: bytes):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(clock.now().timestamp())
    tar.addfile(info, io.BytesIO(content))


class RestoreError(Exception):
    pass


def restore(archive: Path) -> dict:
    """Replace the database's records and the files with the archive's; returns the manifest."""
    from fazhi.core.anchors import anchors_path
    from fazhi.metrics import freshness

    if not archive.exists():
        raise RestoreError(f"备份文件不存在：{archive}")
    with tempfile.TemporaryDirectory() as tmp:
        try:
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(tmp, filter="data")
        except (tarfile.TarError, OSError) as e:
            raise RestoreError(f"无法读取备份文件：{e}") from None
        root = Path(tmp)
        try:
            manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise RestoreError("备份文件缺少清单（manifest.json），不是本系统生成的备份。") from None
        if manifest.get("format") != FORMAT:
            raise RestoreError(f"备份格式版本 {manifest.get('format')} 不受支持。")
        call_command("migrate", interactive=False, verbosity=0)
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)  # post_migrate recreates the content types
            call_command("loaddata", str(root / "data.json"), verbosity=0)
            freshness.bump_all()  # a running server's processes must not serve what they kept from before
        for sub in FILES:
            target = Path(settings.FAZHI_HOME) / sub
            shutil.rmtree(target, ignore_errors=True)
            if (root / "files" / sub).exists():
                shutil.copytree(root / "files" / sub, target)
        anchors = anchors_path()
        anchors.unlink(missing_ok=True)
        if (root / "audit-anchors.jsonl").exists():
            shutil.copy(root / "audit-anchors.jsonl", anchors)
    return manifest
