"""When the law changes: records that cite an article of a law register as a *citation source*; importing a new
version of that law compares each cited article of the version it replaces with the new text and files a
`CitationFlag` (amended, renumbered, repealed) into the owning organisation's review queue, with both texts.

The power list registers its legal bases (`fazhi.powers`); normative documents and decisions register theirs the same
way. Resolving a flag is an action (`resolve_flag`); a source may take the new citation back (`update`).
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from fazhi.core import audit, clock, validate
from fazhi.core.choices import AuditAction
from fazhi.core.permissions import ActionError
from fazhi.laws.models import Article, ArticleChange, CitationFlag, FlagResolution, Law, LawVersion


@dataclass
class Cited:
    """One citation of a law by one record."""

    obj: object  # the citing record (saved model instance)
    organisation: object  # whose review queue a flag goes to
    citation: str  # as shown: 《行政处罚法》第五十八条
    number: int  # the cited article
    suffix: int = 0
    label: str = ""  # the record as people name it (default: str(obj))
    url: str = ""


@dataclass
class CitationSource:
    key: str  # "powers.basis"
    label: str  # "权责清单事项的设定依据"
    cited: Callable[[Law], Iterable[Cited]]  # the records citing this law that are in force today
    update: Callable[[object, str, object], None] | None = None  # update(obj, new_citation, actor)


SOURCES: dict[str, CitationSource] = {}


def register_source(source: CitationSource) -> CitationSource:
    SOURCES[source.key] = source
    return source


def previous_version(version: LawVersion) -> LawVersion | None:
    return (LawVersion.objects.filter(law_id=version.law_id, effective__lt=version.effective)
            .order_by("-effective", "-version_date").first())


SAME = 0.5  # the article under its old number still says much the same: amended
MOVED = 0.6  # an article this close to the old text under another number: moved there (perhaps amended)
CANDIDATE = 0.3  # below this nothing in the new version corresponds; shown as a candidate only above it


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _compare(old: Article | None, new_articles: dict, same_text: dict):
    """How a cited article of the old version fares in the new one: None when unchanged, else (change, the new
    article it corresponds to or the closest candidate, similarity 0–1)."""
    if old is None:
        return None
    text = _norm(old.text)
    new = new_articles.get((old.number, old.suffix))
    if new is not None and _norm(new.text) == text:
        return None
    moved = same_text.get(text)
    if moved is not None:
        return ArticleChange.RENUMBERED, moved, 1.0
    here = _ratio(text, _norm(new.text)) if new is not None else 0.0
    if here >= SAME:
        return ArticleChange.AMENDED, new, here
    best, ratio = None, 0.0
    for a in new_articles.values():
        if a is new:
            continue
        sm = difflib.SequenceMatcher(None, text, _norm(a.text), autojunk=False)
        if sm.real_quick_ratio() > ratio and sm.quick_ratio() > ratio:
            r = sm.ratio()
            if r > ratio:
                best, ratio = a, r
    if best is not None and ratio >= MOVED:
        return ArticleChange.RENUMBERED, best, ratio
    if best is not None and ratio >= CANDIDATE:
        return ArticleChange.REPEALED, best, ratio
    return ArticleChange.REPEALED, None, 0.0


def _norm(text: str) -> str:
    return "".join((text or "").split())


@transaction.atomic
def flag_changes(version: LawVersion, *, actor=None) -> list[CitationFlag]:
    """File a flag for every registered citation of an article that `version` changed, compared with the version it
    replaces. Only a version that is now the latest in force counts (importing older texts flags nothing); a flag
    already filed for the same record, citation and version is not filed twice."""
    law = version.law
    if LawVersion.objects.filter(law=law, effective__gt=version.effective).exists():
        return []
    old = previous_version(version)
    if old is None:
        return []
    old_articles = {(a.number, a.suffix): a for a in old.articles.all()}
    new_list = list(version.articles.all())
    new_articles = {(a.number, a.suffix): a for a in new_list}
    same_text = {_norm(a.text): a for a in new_list}
    earlier = CitationFlag.objects.filter(new_version=version)
    existing = set(earlier.values_list("source", "object_id", "citation"))
    earlier_ids = list(earlier.values_list("pk", flat=True))
    flags = []
    for source in SOURCES.values():
        for c in source.cited(law):
            outcome = _compare(old_articles.get((c.number, c.suffix)), new_articles, same_text)
            if outcome is None:
                continue
            key = (source.key, str(c.obj.pk), c.citation[:300])
            if key in existing:
                continue
            existing.add(key)
            change, new, ratio = outcome
            o = old_articles[(c.number, c.suffix)]
            flags.append(CitationFlag(
                organisation=c.organisation, source=source.key,
                content_type=ContentType.objects.get_for_model(c.obj), object_id=str(c.obj.pk),
                object_repr=(c.label or str(c.obj))[:300], object_url=c.url[:300], citation=c.citation[:300],
                law=law, old_version=old, new_version=version, change=change, old_article=o.label,
                new_article=new.label if new else "", old_text=o.text, new_text=new.text if new else "",
                similarity=round(ratio * 100) if new else None))
    CitationFlag.objects.bulk_create(flags, batch_size=1000)
    if not flags:
        return []
    created = list(CitationFlag.objects.filter(new_version=version).exclude(pk__in=earlier_ids).order_by("pk"))
    audit.record_many(actor=actor, verb="法律修改：依据待复核", action=AuditAction.CREATE,
                      entries=[(f, {"citation": f.citation, "change": f.change, "new_article": f.new_article})
                               for f in created], describe=lambda f: f.object_repr)
    return created


@transaction.atomic
def resolve_flag(flag: CitationFlag, *, actor, resolution: str, note: str = "", new_citation: str = "",
                 on: dt.date | None = None) -> CitationFlag:
    """The owning organisation reviews a flag: the basis still applies, or it now cites `new_citation` (the source
    updates its record), or the basis was removed."""
    from fazhi.laws.workflow import FLAG

    flag = CitationFlag.objects.select_for_update().get(pk=flag.pk)
    FLAG.check(flag, "resolve", actor)
    resolution = validate.choice(resolution, FlagResolution, "复核结论")
    note = validate.text(note, "复核意见", required=resolution != FlagResolution.UPDATED)
    new_citation = validate.text(new_citation, "新的引用", required=resolution == FlagResolution.UPDATED,
                                 max_length=300)
    on = validate.date(on or clock.today(), "复核日期", after=[(flag.created_at.date(), "发现日期")])
    if resolution == FlagResolution.UPDATED:
        source = SOURCES.get(flag.source)
        if source is None or source.update is None:
            raise ActionError("该类记录不能在此处修改引用，请到原记录中修改后选择“已删除该依据”或“依据仍然适用”。")
        source.update(flag.content_type.get_object_for_this_type(pk=flag.object_id), new_citation, actor)
    FLAG.move(flag, "resolve")
    flag.resolution, flag.note, flag.new_citation = resolution, note, new_citation
    flag.resolved_on, flag.resolved_by = on, actor
    flag.save()
    audit.record(actor=actor, obj=flag, organisation=flag.organisation, action=AuditAction.TRANSITION,
                 verb="复核依据变更", after={"resolution": resolution, "new_citation": new_citation},
                 reason=note)
    return flag
