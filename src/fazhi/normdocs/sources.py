"""Laws cited by normative documents in force, as a citation source of the law watch (`fazhi.laws.watch`)."""

from __future__ import annotations

from fazhi.core import clock
from fazhi.laws.watch import CitationSource, Cited, register_source
from fazhi.normdocs.models import Document, LawCitation


def cited(law):
    today = clock.today()
    in_force = Document.objects.in_force_on(today)
    qs = (LawCitation.objects.filter(law=law, version__document__in=in_force)
          .select_related("version__document__organisation").order_by("pk"))
    latest: dict[int, int] = {}
    rows = list(qs)
    for c in rows:
        latest[c.version.document_id] = max(latest.get(c.version.document_id, 0), c.version.seq)
    for c in rows:
        doc = c.version.document
        if c.version.seq != latest[doc.pk]:
            continue  # only the document's current text counts
        yield Cited(obj=c, organisation=doc.organisation, citation=c.citation, number=c.number, suffix=c.suffix,
                    label=f"{doc.organisation.short_name or doc.organisation.name} 《{doc.title}》"[:300],
                    url=doc.get_absolute_url())


register_source(CitationSource(key="normdocs.text", label="规范性文件引用的法律条文", cited=cited))
