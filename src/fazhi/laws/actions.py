"""Every change to the law library: storing one parsed file as (part of) a law version."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from fazhi.core import audit
from fazhi.core.choices import AuditAction, Role
from fazhi.core.models import Membership
from fazhi.core.permissions import ActionError, require
from fazhi.core.scoping import sees_everything
from fazhi.laws.models import Article, Category, Law, LawVersion
from fazhi.laws.parser import ParsedLaw

FALLBACK_BASIS = "按通过或修改日期"


def may_manage_library(actor) -> bool:
    """The command line (no actor), superusers and system administrators keep the library."""
    if actor is None:
        return True
    if sees_everything(actor):
        return True
    return Membership.objects.filter(user=actor, role=Role.ADMIN).exists()


@transaction.atomic
def save_version(parsed: ParsedLaw, *, actor=None, category: str = "") -> tuple[LawVersion, str]:
    """Store a parsed file; returns the version and "created", "updated" or "unchanged".

    Re-importing the same file changes nothing; a changed file replaces the articles it brought (a split code such
    as 民法典 brings one part per file, so only that part's articles are replaced).
    """
    require(may_manage_library(actor), "您没有维护法律法规库的权限。")
    law, law_created = Law.objects.get_or_create(title=parsed.title, defaults={"short_title": parsed.short_title})
    if category:
        cat, _ = Category.objects.get_or_create(name=category)
        law.categories.add(cat)
    version = LawVersion.objects.select_for_update().filter(law=law, version_date=parsed.version_date).first()
    created = version is None
    if created:
        version = LawVersion(law=law, version_date=parsed.version_date)
    else:
        known = version.parts.get(parsed.part) or {}
        if parsed.sha256 in known.get("seen", []):
            # The same file again (or a copy filed under a second category whose text differs slightly).
            return version, "unchanged"
    before = None if created else audit.snapshot(version, ["label", "effective", "article_count"])

    version.label = parsed.label
    # A split code's parts may disagree (one part lacks the 施行 line): an explicit date beats the fallback.
    if created or parsed.effective_basis != FALLBACK_BASIS or version.effective_basis == FALLBACK_BASIS:
        version.effective = parsed.effective
        version.effective_basis = parsed.effective_basis
    if len(parsed.history) >= len(version.history or []):
        version.history = parsed.history
    if not parsed.part:
        version.preamble = parsed.preamble
    seen = [*((version.parts or {}).get(parsed.part, {}).get("seen", [])), parsed.sha256][-5:]
    version.parts = {**(version.parts or {}), parsed.part: {"path": parsed.path, "sha256": parsed.sha256,
                                                           "seen": seen}}
    version.save()

    version.articles.filter(part=parsed.part).delete()
    try:
        with transaction.atomic():
            Article.objects.bulk_create([
                Article(version=version, part=parsed.part, heading=a.heading[:300], number=a.number, suffix=a.suffix,
                        text=a.text)
                for a in parsed.articles
            ], batch_size=500)
    except IntegrityError:
        raise ActionError(f"与《{law.short_title}》（{version.label}）已导入的其他文件条号重复")
    version.article_count = version.articles.count()
    version.save(update_fields=["article_count"])
    link_versions(law)

    after = audit.snapshot(version, ["label", "effective", "article_count"])
    b, a = audit.diff(before, after) if before else (None, after)
    audit.record(actor=actor, obj=version, action=AuditAction.IMPORT, verb="导入法律文本",
                 before=b, after={**(a or {}), "file": parsed.path, "part": parsed.part},
                 object_repr=f"《{law.short_title}》（{version.label}）{parsed.part}")
    return version, "created" if created else "updated"


def link_versions(law: Law) -> None:
    """Each version is superseded by the next one of the same law, in order of taking effect."""
    versions = list(law.versions.order_by("effective", "version_date"))
    for older, newer in zip(versions, [*versions[1:], None], strict=True):
        target = newer.pk if newer else None
        if older.superseded_by_id != target:
            older.superseded_by_id = target
            older.save(update_fields=["superseded_by"])
