"""Benchmark data: a province's officers — 100 per department (200,000 at province scale), each with a certificate,
and one training record each — written in bulk."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fazhi.core.identifiers import id_check_digit
from fazhi.officers.models import Certificate, Officer, TrainingRecord


def generate(ctx, per_department: int = 100):
    rng = ctx.rng
    year_start = dt.date(ctx.year, 1, 1)
    n = 0
    batch = []
    for dept in ctx.departments:
        for _ in range(per_department):
            n += 1
            birth = dt.date(1960, 1, 1) + dt.timedelta(days=n // 1000)  # unique (date, sequence) for every n
            first = f"990000{birth:%Y%m%d}{n % 1000:03d}"
            batch.append(Officer(organisation=dept, name=f"执法人员{n}", id_number=first + id_check_digit(first),
                                 areas="综合", joined_on=dt.date(2015, 1, 1)))
        if len(batch) >= 20_000:
            _write(batch, rng, year_start)
            batch = []
    if batch:
        _write(batch, rng, year_start)


def _write(batch, rng, year_start):
    officers = Officer.objects.bulk_create(batch, batch_size=5000)
    if any(o.pk is None for o in officers):
        officers = list(Officer.objects.filter(id_number__in=[o.id_number for o in batch]))
    certs, training = [], []
    for o in officers:
        issued = year_start - dt.timedelta(days=rng.randint(30, 1500))
        certs.append(Certificate(officer=o, number=f"B{o.pk:09d}", issued_on=issued,
                                 expires_on=issued + dt.timedelta(days=5 * 365)))
        training.append(TrainingRecord(officer=o, on=year_start + dt.timedelta(days=rng.randint(0, 300)),
                                       title="年度培训", hours=Decimal(rng.choice([8, 24, 40, 48]))))
    Certificate.objects.bulk_create(certs, batch_size=5000)
    TrainingRecord.objects.bulk_create(training, batch_size=5000)
