"""The power list's legal bases as a citation source of the law watch (fazhi.laws.watch): when a new version of a
law is imported, every basis of an item in force that cites a changed article is flagged for its department."""

from __future__ import annotations

from fazhi.core import clock
from fazhi.laws.watch import CitationSource, Cited, register_source
from fazhi.powers.models import PowerBasis, PowerItem


def cited(law):
    today = clock.today()
    qs = (PowerBasis.objects.filter(law=law, number__isnull=False)
          .filter(item__in=PowerItem.objects.in_force_on(today))
          .select_related("item__organisation"))
    for b in qs.iterator(chunk_size=2000):
        yield Cited(obj=b, organisation=b.item.organisation, citation=b.canonical or b.citation, number=b.number,
                    suffix=b.suffix, label=f"{b.item.organisation.short_name or b.item.organisation.name} "
                                           f"{b.item.code} {b.item.name}"[:300],
                    url=b.item.get_absolute_url())


def update(basis, new_citation, actor):
    from fazhi.powers.actions import replace_basis

    replace_basis(basis, new_citation, actor)


register_source(CitationSource(key="powers.basis", label="权责清单事项的设定依据", cited=cited, update=update))
