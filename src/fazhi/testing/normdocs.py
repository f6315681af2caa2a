"""Test helpers for normative documents: a document taken through its life cycle by the actions, and a registered
published one (for clean-ups and catalogues)."""

import datetime as dt

from fazhi.core import clock
from fazhi.normdocs import actions
from fazhi.normdocs.catalogue import register_existing

D = dt.date
TEXT = """第一条 为了规范本县城市绿化管理，根据《中华人民共和国行政处罚法》第十八条，制定本办法。
第二条 本办法适用于本县城区范围内的绿化规划、建设和管理。
第三条 任何单位和个人不得擅自占用城市绿地。"""


def published(w, *, org=None, actor=None, title="测试县城市绿化管理办法", affects_rights=False, start=None,
              valid_years=5, file=True):
    """Drafted on `start`, reviewed after 5 working days, deliberated, registered, published and (optionally) filed
    by a department of the world (dept_a by default)."""
    org, actor, start = org or w.dept_a, actor or w.legal_a, start or D(2025, 3, 3)
    with clock.frozen(start):
        doc = actions.create_draft(actor=actor, organisation=org, title=title, drafted_on=start, text=TEXT,
                                   affects_rights=affects_rights)
        actions.submit_for_review(doc, actor=actor, on=start)
    day = start + dt.timedelta(days=10)
    with clock.frozen(day):
        actions.record_review(doc, actor=actor, on=day, opinion="lawful", note="符合法律规定")
        actions.deliberate(doc, actor=actor, on=day, meeting="局务会议")
        actions.register(doc, actor=actor, on=day)
        until = day.replace(year=day.year + valid_years) - dt.timedelta(days=1)
        actions.publish(doc, actor=actor, on=day, medium="政府门户网站", valid_until=until)
        if file:
            actions.file(doc, actor=actor, on=day)
    doc.refresh_from_db()
    return doc


def registered(w, n: int, *, org=None, actor=None, year=2020, **kw):
    """`n` documents already in force, registered as an existing catalogue."""
    org, actor = org or w.dept_a, actor or w.legal_a
    with clock.frozen(D(2025, 1, 2)):
        return [register_existing(actor=actor, organisation=org, title=f"测试文件{i:03d}", number=f"测规〔{year}〕{i}号",
                                  published_on=D(year, 1 + i % 12, 1 + i % 28), filed_on=D(year, 1 + i % 12, 1 + i % 28),
                                  audit_event=False, **kw) for i in range(1, n + 1)]
