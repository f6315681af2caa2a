"""From the database to the draw's inputs and back to its public record: the population a task's filters select
(snapshotted to a file whose SHA-256 is committed), the inspector pool with the 回避 each must observe, and the JSON
record the portal publishes at a stable URL (`record`), which `fazhi inspections verify` re-derives."""

from __future__ import annotations

import hashlib
import tempfile

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection
from django.db.models.functions import Collate
from django.urls import reverse

from fazhi.inspections.choices import ConflictKind, EntityStatus
from fazhi.inspections.draw import ALGORITHM, LINE, DrawError, population_line
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


def write_snapshot(task: Task) -> tuple[str, int, str]:
    """Stream the population, sorted by risk class then credit code (byte order), into a file in storage: its
    SHA-256, its number of lines and its storage name."""
    code = Collate("credit_code", "C") if connection.vendor == "postgresql" else "credit_code"
    rows = population_queryset(task).order_by("risk_class", code).values_list("risk_class", "credit_code",
                                                                               "region_code")
    digest = hashlib.sha256()
    count = 0
    prev = b""
    with tempfile.TemporaryFile() as tmp:
        buf = []
        for risk, credit, region in rows.iterator(chunk_size=20000):
            line = population_line(risk, credit, region)
            if line[:20] <= prev:
                raise DrawError(f"总体排序异常（{credit}），请联系管理员检查数据库排序规则。")
            prev = line[:20]
            buf.append(line)
            count += 1
            if len(buf) >= 50000:
                chunk = b"".join(buf)
                digest.update(chunk)
                tmp.write(chunk)
                buf = []
        chunk = b"".join(buf)
        digest.update(chunk)
        tmp.write(chunk)
        tmp.seek(0)
        name = default_storage.save(f"inspections/draws/{task.number}-{digest.hexdigest()[:16]}.txt", File(tmp))
    return digest.hexdigest(), count, name


INSERT_DRAWN = """
INSERT INTO inspections_inspection (task_id, entity_id, draw, risk_class, inspectors, result, findings,
    abnormal_listed, attachment, attachment_name, attachment_sha256, rectification)
SELECT %s, e.id, CAST(s.draw AS integer), s.risk_class, {json}, '', '', %s, '', '', '', ''
FROM {source}
"""


def write_inspections(task: Task, rows) -> int:
    """One inspection per drawn entity — rows of (draw, credit code, risk class, inspectors) — staged and joined to
    the directory in one statement (a province draw writes 10⁵ rows). Returns the number written."""
    import json

    from fazhi.core.bulk import Stage

    stage = Stage("fazhi_stage_drawn", ["draw", "credit_code", "risk_class", "inspectors"])
    with stage:
        for n, code, risk, inspectors in rows:
            stage.add((n, code, risk, json.dumps(inspectors, ensure_ascii=False)))
    json_expr = "CAST(s.inspectors AS jsonb)" if connection.vendor == "postgresql" else "s.inspectors"
    if connection.vendor == "postgresql":  # one probe of the unique index per drawn code (LIMIT keeps the planner
        # from turning it into a hash join that would read the whole directory)
        source = (f"{stage.table} s CROSS JOIN LATERAL (SELECT id FROM inspections_entity "
                  "WHERE credit_code = s.credit_code LIMIT 1) e")
    else:
        source = f"{stage.table} s JOIN inspections_entity e ON e.credit_code = s.credit_code"
    written = stage.execute(INSERT_DRAWN.format(json=json_expr, source=source), [task.pk, False]).rowcount
    stage.drop()
    return written


def read_snapshot(task: Task) -> bytes:
    with default_storage.open(task.population_file, "rb") as f:
        data = f.read()
    if len(data) != task.population_count * LINE or hashlib.sha256(data).hexdigest() != task.population_hash:
        raise DrawError("总体快照文件与承诺时公布的哈希不符，文件已被改动，不能据此抽取。")
    return data


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
    population = {"count": task.population_count, "format": "每行34字节：风险等级\\t统一社会信用代码\\t区划代码（12位）\\n，"
                                                            "按风险等级、信用代码（字节序）排序",
                  "url": reverse("inspections_portal:population", args=[task.pk])}
    if task.population_file and task.population_count <= inline_limit:
        population["lines"] = read_snapshot(task).decode("ascii").splitlines()
    out = {"task": task.number, "title": task.title, "organisation": task.organisation.name,
           "status": task.get_status_display(), "algorithm": ALGORITHM, "commitment": task.commitment,
           "committed_on": task.committed_on and task.committed_on.isoformat(), "parameters": task.parameters,
           "population_hash": task.population_hash, "population": population,
           "inspectors_hash": task.inspectors_hash, "inspectors_pool": task.inspectors_pool,
           "documentation": "/portal/inspections/algorithm/"}
    if task.revealed:
        out.update({"seed": task.seed, "entropy": task.entropy, "drawn_on": task.drawn_on.isoformat()})
        out["selected"] = [
            {"position": i.draw, "credit_code": i.entity.credit_code, "name": i.entity.name,
             "risk_class": i.risk_class,
             "inspectors": [{"certificate": p["certificate"], "name": p["name"]} for p in i.inspectors]}
            for i in task.inspections.select_related("entity").order_by("draw")]
    return out
