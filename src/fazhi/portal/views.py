"""The public, read-only site. No login; only published records; personal data masked (see fazhi.portal.masking)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from fazhi.core.choices import OrgKind
from fazhi.core.models import Organisation
from fazhi.core.modules import hook


def portal_context(request) -> dict:
    """Sections contributed by modules through `portal_sections` on their AppConfig."""
    sections = []
    for label, name in hook("portal_sections"):
        try:
            sections.append((label, reverse(name)))
        except NoReverseMatch:
            continue
    root = Organisation.objects.filter(parent__isnull=True, kind=OrgKind.GOVERNMENT).order_by("path").first()
    return {"portal_sections": sections, "portal_name": root.name if root else "政务公开"}


def index(request):
    return render(request, "portal/index.html", portal_context(request))


def orgs(request):
    qs = Organisation.objects.active().exclude(kind=OrgKind.UNIT).select_related("parent")
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(name__icontains=q)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "portal/orgs.html", {**portal_context(request), "page": page, "q": q,
                                                "querystring": f"q={q}" if q else ""})


def audit_anchor(request):
    """The latest signed head of the audit chain (JSON): keep a copy, and a later rewrite of the history shows."""
    from django.http import JsonResponse

    from fazhi.core.anchors import read_anchors

    anchors = read_anchors()
    return JsonResponse({"latest": anchors[-1].__dict__ if anchors else None, "count": len(anchors),
                         "note": "审计链头的外部锚点：seq 为记录序号，hash 为该条记录的哈希，sig 为以库外密钥计算的签名。"},
                        json_dumps_params={"ensure_ascii": False})
