"""Anchoring the audit chain outside the database (issue #17 item 4).

The chain alone cannot tell a faithful history from one rewritten by someone who can write to the database: they can
rehash every row, drop the newest rows with the head, or empty both tables. So the head is periodically *anchored*:
its sequence number and hash, signed (HMAC-SHA256) with a key kept outside the database (`FAZHI_AUDIT_KEY`, else a file
in FAZHI_HOME created 0600), are appended to a file outside the database (`FAZHI_HOME/audit-anchors.jsonl`, opened
for appending only) and published on the portal (`/portal/audit-anchor/`), where anyone may copy them. `fazhi tick`
anchors once a day; `fazhi audit anchor` anchors now. `verify_anchors` checks every anchor against the chain: a
rewrite changes the hash at an anchored sequence number, a truncation or an emptied table falls short of it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from fazhi.core import clock


def _home() -> Path:
    return Path(settings.FAZHI_HOME)


def anchors_path() -> Path:
    return Path(os.environ.get("FAZHI_AUDIT_ANCHORS") or _home() / "audit-anchors.jsonl")


def _key() -> bytes:
    env = os.environ.get("FAZHI_AUDIT_KEY")
    if env:
        return env.encode()
    path = _home() / "audit-anchor.key"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


def sign(seq: int, digest: str, at: str) -> str:
    return hmac.new(_key(), f"{seq}:{digest}:{at}".encode(), hashlib.sha256).hexdigest()


@dataclass
class Anchor:
    seq: int
    hash: str
    at: str
    sig: str

    def valid(self) -> bool:
        return hmac.compare_digest(self.sig, sign(self.seq, self.hash, self.at))


def read_anchors() -> list[Anchor]:
    path = anchors_path()
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out.append(Anchor(int(d["seq"]), str(d["hash"]), str(d["at"]), str(d["sig"])))
    return out


def anchor() -> Anchor | None:
    """Append the current head (when it moved since the last anchor); returns the anchor written, else None."""
    from fazhi.core.models import AuditChainHead

    head = AuditChainHead.objects.filter(pk=1).first()
    if head is None or head.last_seq == 0:
        return None
    last = (read_anchors() or [None])[-1]
    if last is not None and last.seq == head.last_seq and last.hash == head.last_hash:
        return None
    at = clock.now().isoformat(timespec="seconds")
    a = Anchor(head.last_seq, head.last_hash, at, sign(head.last_seq, head.last_hash, at))
    path = anchors_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as f:
        f.write(json.dumps(a.__dict__, ensure_ascii=False) + "\n")
    return a


def verify_anchors(last_seq: int) -> str | None:
    """Why the chain disagrees with its anchors (naming what differs), or None when every anchor holds."""
    from fazhi.core.models import AuditEvent

    anchors = read_anchors()
    for a in anchors:
        if not a.valid():
            return f"锚点文件中 {a.at} 的锚点签名不符：锚点文件被改动，或签名密钥已更换。"
    if not anchors:
        return None
    top = max(anchors, key=lambda a: a.seq)
    if last_seq < top.seq:
        return (f"审计链被截断：{top.at} 的锚点记录到第 {top.seq} 条，数据库中现仅有 {last_seq} 条"
                + ("（审计表已被清空）。" if last_seq == 0 else "。"))
    hashes = dict(AuditEvent.objects.filter(seq__in=[a.seq for a in anchors]).values_list("seq", "hash"))
    for a in anchors:
        if hashes.get(a.seq) != a.hash:
            return f"第 {a.seq} 条审计记录与 {a.at} 的锚点不符：锚定之后审计链被改写。"
    return None


def latest() -> Anchor | None:
    anchors = read_anchors()
    return anchors[-1] if anchors else None
