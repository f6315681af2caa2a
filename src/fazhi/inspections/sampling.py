"""From the database to the draw's inputs and back to its public record: the population a task's filters select
(snapshotted to a file whose SHA-256 is committed), the inspector pool with the 回避 each must observe, and the JSON
record the portal publishes at a stable URL (`record`), which `fazhi inspections verify` re-derives."""

from __future__ import annotations

import array
import hashlib
import json
import sys
import tempfile

import numpy as np
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection
from django.db.models.functions import Collate
from django.urls import reverse

from fazhi.inspections.choices import ConflictKind, EntityStatus
from fazhi.inspections.draw import ALGORITHM, LINE, V1, DrawError, algorithm_of, population_line
from fazhi.inspections.models import Conflict, Entity, Task

INLINE_LIMIT = 20000  # populations up to this size are written into the JSON record itself


def population_queryset(task: Task):
    qs = Entity.objects.filter(status=EntityStatus.ACTIVE, risk_class__in=sorted(task.ratios))
    if task.region_prefix:
        qs = qs.filter(region_code__startswith=task.region_prefix)
    if task.industries:
        qs = qs.filter(industry__in=task.industries)
    if task.kinds:
        qs = qs.filter(kind__in=task.kinds)
    return qs


def write_snapshot(task: Task) -> tuple[str, int, str, str]:
    """Stream the population, sorted by credit code (byte order; `draw.ALGORITHM`), into a file in storage, and the
    directory ids of its lines into a private file beside it (`<name>.ids`, little-endian uint64): the snapshot's
    SHA-256, its number of lines, its storage name and the ids file's SHA-256."""
    code = Collate("credit_code", "C") if connection.vendor == "postgresql" else "credit_code"
    rows = population_queryset(task).order_by(code).values_list("risk_class", "credit_code", "region_code", "id")
    digest, ids_digest = hashlib.sha256(), hashlib.sha256()
    count = 0
    prev = ""
    with tempfile.TemporaryFile() as tmp, tempfile.TemporaryFile() as tmp_ids:
        buf, ids = [], []
        for risk, credit, region, pk in rows.iterator(chunk_size=20000):
            if credit <= prev:
                raise DrawError(f"总体排序异常（{credit}），请联系管理员检查数据库排序规则。")
            prev = credit
            buf.append(population_line(risk, credit, region))
            ids.append(pk)
            count += 1
            if len(buf) >= 50000:
                _write(tmp, digest, b"".join(buf))
                _write(tmp_ids, ids_digest, np.asarray(ids, dtype="<u8").tobytes())
                buf, ids = [], []
        _write(tmp, digest, b"".join(buf))
        _write(tmp_ids, ids_digest, np.asarray(ids, dtype="<u8").tobytes())
        tmp.seek(0)
        tmp_ids.seek(0)
        name = default_storage.save(f"inspections/draws/{task.number}-{digest.hexdigest()[:16]}.txt", File(tmp))
        default_storage.delete(f"{name}.ids")  # a leftover of an interrupted commit under this (unique) name
        default_storage.save(f"{name}.ids", File(tmp_ids))
    return digest.hexdigest(), count, name, ids_digest.hexdigest()


def _write(f, digest, data: bytes) -> None:
    digest.update(data)
    f.write(data)


def read_snapshot(task: Task, *, checked: bool = True) -> bytes:
    """The snapshot file; `checked=False` leaves `check_snapshot` to the caller (the draw runs it beside itself)."""
    with default_storage.open(task.population_file, "rb") as f:
        data = f.read()
    if checked:
        check_snapshot(task, data)
    return data


def check_snapshot(task: Task, data: bytes) -> None:
    if len(data) != task.population_count * LINE or hashlib.sha256(data).hexdigest() != task.population_hash:
        raise DrawError("总体快照文件与承诺时公布的哈希不符，文件已被改动，不能据此抽取。")


def read_ids(task: Task):
    """The directory ids of the snapshot's lines (a sequence of int, indexed by line), or None for a task committed
    before they were kept, or whose ids file is gone (a restore from an older backup): the draw then looks the codes
    up."""
    name = f"{task.population_file}.ids"
    if not task.population_ids_sha256 or not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as f:
        data = f.read()
    if len(data) != task.population_count * 8 or hashlib.sha256(data).hexdigest() != task.population_ids_sha256:
        raise DrawError("总体快照的记录号文件与承诺时记录的哈希不符，文件已被改动，不能据此抽取。")
    if sys.byteorder == "little":
        return memoryview(data).cast("Q")  # the file's little-endian integers as they are: an item is a Python int
    ids = array.array("Q", data)
    ids.byteswap()
    return ids


def ids_by_code(codes: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in range(0, len(codes), 5000):
        out.update(Entity.objects.filter(credit_code__in=codes[i:i + 5000]).values_list("credit_code", "id"))
    return out


def write_inspections(task: Task, drawn) -> int:
    """One inspection per drawn entity — `drawn` yields (draw number, entity id, risk class, certificates of its
    inspectors) — COPYed into the table as they come (a province draw writes 10⁵ rows; the database takes them while
    the draw goes on). The other columns take their database defaults. Returns the number written."""
    from fazhi.core.bulk import Stage

    with Stage("inspections_inspection", ["task_id", "entity_id", "draw", "risk_class", "inspectors"],
               create=False) as stage:
        # each certificate as a JSON string, escaped once rather than per row
        text = {p["certificate"]: stage.escape(json.dumps(p["certificate"], ensure_ascii=False))
                for p in task.inspectors_pool}
        pk, pg = task.pk, stage.pg
        for n, entity_id, risk, certificates in drawn:
            inspectors = f"[{','.join([text[c] for c in certificates])}]"
            if pg:  # one format string a line (10⁵ of them), not a tuple joined
                stage.add_line(f"{pk}\t{entity_id}\t{n}\t{risk}\t{inspectors}\n")
            else:
                stage.add((pk, entity_id, n, risk, inspectors), escaped=True)
    return stage.rows


def inspector_pool(task: Task, on) -> list[dict]:
    """Officers of the lead and partner departments (and their units, such as a 综合行政执法大队) with a valid
    certificate on `on`, sorted by certificate number, each with what they must not inspect under the task's 回避
    settings."""
    from django.db.models import Q

    from fazhi.core.scoping import subtree_ids
    from fazhi.officers.models import Certificate

    orgs = [task.organisation, *task.partners.all()]
    below = Q(officer__organisation__in=sorted({i for o in orgs for i in subtree_ids(o)}))
    in_post = Q(officer__left_on__isnull=True) | Q(officer__left_on__gt=on)
    certs = (Certificate.objects.valid_on(on).filter(below, in_post)
             .select_related("officer__organisation").order_by("number"))
    kinds = [ConflictKind.RELATIONSHIP]
    if task.avoid_former_employer:
        kinds.append(ConflictKind.FORMER_EMPLOYER)
    if task.avoid_township:
        kinds.append(ConflictKind.TOWNSHIP)
    conflicts: dict[int, tuple[set, set]] = {}
    for c in Conflict.objects.filter(officer__in=certs.values("officer"), kind__in=kinds, recorded_on__lte=on):
        entities, regions = conflicts.setdefault(c.officer_id, (set(), set()))
        if c.credit_code:
            entities.add(c.credit_code)
        if c.region_code:
            regions.add(c.region_code)
    pool, seen = [], set()
    for cert in certs:
        if cert.officer_id in seen:  # one entry per officer: the certificate that sorts first
            continue
        seen.add(cert.officer_id)
        entities, regions = conflicts.get(cert.officer_id, (set(), set()))
        pool.append({"certificate": cert.number, "name": cert.officer.name,
                     "organisation": cert.officer.organisation.name,
                     "excluded_entities": sorted(entities), "excluded_regions": sorted(regions)})
    return pool


def parameters(task: Task, on) -> dict:
    return {"algorithm": ALGORITHM, "task": task.number, "committed_on": on.isoformat(),
            "ratios": {k: str(task.ratios[k]) for k in sorted(task.ratios)},
            "inspectors_per_entity": task.inspectors_per_entity,
            "avoidance": {"relationship": True, "former_employer": task.avoid_former_employer,
                          "township": task.avoid_township},
            "filters": {"status": EntityStatus.ACTIVE.value, "region_prefix": task.region_prefix,
                        "industries": list(task.industries), "kinds": list(task.kinds)},
            "items": sorted(task.items.values_list("code", flat=True)),
            "organisations": [task.organisation.code, *sorted(task.partners.values_list("code", flat=True))]}


def record(task: Task, *, inline_limit: int = INLINE_LIMIT) -> dict:
    """The public JSON record of a task's draw: before the draw the commitment and what it binds, after it the seed
    and the selection too."""
    algorithm = algorithm_of(task.parameters) if task.parameters else ALGORITHM
    order = "按风险等级、信用代码（字节序）排序" if algorithm == V1 else "按信用代码（字节序）排序，每个代码只出现一次"
    population = {"count": task.population_count,
                  "format": f"每行34字节：风险等级\\t统一社会信用代码\\t区划代码（12位）\\n，{order}",
                  "url": reverse("inspections_portal:population", args=[task.pk])}
    if task.population_file and task.population_count <= inline_limit:
        population["lines"] = read_snapshot(task).decode("ascii").splitlines()
    out = {"task": task.number, "title": task.title, "organisation": task.organisation.name,
           "status": task.get_status_display(), "algorithm": algorithm, "commitment": task.commitment,
           "committed_on": task.committed_on and task.committed_on.isoformat(), "parameters": task.parameters,
           "population_hash": task.population_hash, "population": population,
           "inspectors_hash": task.inspectors_hash, "inspectors_pool": task.inspectors_pool,
           "documentation": "/portal/inspections/algorithm/"}
    if task.revealed:
        out.update({"seed": task.seed, "entropy": task.entropy, "drawn_on": task.drawn_on.isoformat()})
        out["selected"] = [
            {"position": i.draw, "credit_code": i.entity.credit_code, "name": i.entity.name,
             "risk_class": i.risk_class,
             "inspectors": [{"certificate": p["certificate"], "name": p["name"]} for p in i.inspector_list]}
            for i in task.inspections.select_related("entity").order_by("draw")]
    return out
