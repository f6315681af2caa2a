"""Test helpers for enforcement: a department ready to enforce."""

import datetime as dt

from fazhi.core import clock
from fazhi.core.identifiers import id_check_digit
from fazhi.officers import actions as officers
from fazhi.powers import actions as powers

D = dt.date


def pid(n: int) -> str:
    first = f"110105198501{n % 28 + 1:02d}{n:03d}"
    return first + id_check_digit(first)


class Setup:
    """dept_a of the standard world is a confirmed enforcement subject with three certified officers (one of them
    with an expired certificate) and a penalty, an inspection and a licence item in its power list."""

    def __init__(self, w):
        self.w = w
        with clock.frozen(D(2025, 1, 2)):
            officers.register_subject(actor=w.supervisor, organisation=w.dept_a, kind="statutory",
                                      basis="《中华人民共和国行政处罚法》第十七条", scope="市场监管",
                                      document_number="测政发〔2024〕1号", valid_from=D(2024, 1, 1))
            self.officers = []
            for n, (name, expires) in enumerate((("张执法", D(2030, 1, 1)), ("李执法", D(2030, 1, 1)),
                                                 ("王过期", D(2025, 3, 1))), start=1):
                o = officers.register_officer(actor=w.legal_a, organisation=w.dept_a, name=name, id_number=pid(n),
                                              areas="市场监管")
                officers.issue_certificate(o, actor=w.supervisor, number=f"ZF{n:04d}", issued_on=D(2024, 1, 2),
                                           expires_on=expires)
                self.officers.append(o)
            for code, name, category in (("CF-1", "对销售不合格食品的行政处罚", "penalty"),
                                         ("JC-1", "食品经营场所监督检查", "inspection"),
                                         ("XK-1", "食品经营许可", "licensing")):
                powers.add_item(actor=w.legal_a, organisation=w.dept_a, effective_on=D(2024, 1, 1),
                                document_number="测政发〔2024〕2号", code=code, name=name, category=category,
                                level="county", bases="《中华人民共和国食品安全法》第一百二十四条")
