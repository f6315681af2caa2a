"""Gap-free numbering of 案号 and 文号: per organisation, kind and year, safe under concurrency.

The organisation's row is locked (SELECT … FOR UPDATE; SQLite serialises writers anyway) for the rest of the
transaction, then the next number continues from the highest one already given in that series. A number is taken
only by a row that is saved in the same transaction, so a refused or rolled-back action leaves no gap.

    seq = next_number(CaseDocument.objects.filter(organisation=org, kind=kind, year=year), lock=org)
    seqs = next_numbers(Case.objects.filter(organisation=org, year=2026), lock=org, count=500)   # bulk import
"""

from __future__ import annotations

from django.db.models import Max

from fazhi.core.models import Organisation


def lock_organisations(*organisations) -> None:
    ids = sorted({o.pk if isinstance(o, Organisation) else o for o in organisations})
    list(Organisation.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))


def next_numbers(series, *, lock, count: int = 1, field: str = "seq") -> list[int]:
    """The next `count` numbers of `series` (a queryset of the rows already numbered in it)."""
    lock_organisations(lock)
    last = series.aggregate(m=Max(field))["m"] or 0
    return list(range(last + 1, last + 1 + count))


def next_number(series, *, lock, field: str = "seq") -> int:
    return next_numbers(series, lock=lock, field=field)[0]
