"""Statutory periods as data: load and validate the YAML rule files, pick the version in force, compute a due date.

Counting (民事诉讼法（2023年修正）第八十五条; 民法典第二百零一条至第二百零三条): the starting day is not counted; a
period in months ends on the corresponding day of the last month (or its last day); a calendar-day period whose
last day is a rest day ends on the next working day. Working-day periods count working days only.
"""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from fazhi.calendar import workdays
from fazhi.core.permissions import ActionError

DATA_DIR = Path(__file__).resolve().parent / "data"

CALENDAR_DAYS, WORKING_DAYS, MONTHS, FIXED_DATE = "calendar_days", "working_days", "months", "fixed_date"
UNITS = {CALENDAR_DAYS: "日", WORKING_DAYS: "个工作日", MONTHS: "个月", FIXED_DATE: "固定日期"}
REST_DAY_RULES = {"next_working_day", "none"}
SUSPEND, RESTART = "suspend", "restart"
PAUSE_EFFECTS = {SUSPEND: "不计入期限", RESTART: "结束后重新起算"}
DIGITS = "〇一二三四五六七八九"


class UnknownRule(ActionError):
    """A rule id that no rule file defines."""


class RuleFileError(Exception):
    """A rule file that does not follow the schema; the message names the file and the rule."""


def chinese_number(n: int) -> str:
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return DIGITS[n // 10] + "十" + (DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + DIGITS[rest] if rest < 10 else
                                  ("一" + chinese_number(rest) if rest < 20 else chinese_number(rest)))
    return DIGITS[n // 100] + "百" + tail


@dataclass(frozen=True)
class Citation:
    law: str
    version: str
    article: str
    paragraph: int | None = None

    def text(self) -> str:
        """The citation as the law library parses it: 《中华人民共和国行政复议法》第六十二条第一款."""
        para = f"第{chinese_number(self.paragraph)}款" if self.paragraph else ""
        return f"《{self.law}》{self.article}{para}"

    def full(self) -> str:
        """With the version, for people: 《中华人民共和国行政复议法》（2023年修订）第六十二条第一款."""
        para = f"第{chinese_number(self.paragraph)}款" if self.paragraph else ""
        return f"《{self.law}》（{self.version}）{self.article}{para}"


@dataclass(frozen=True)
class Extension:
    length: int
    unit: str
    approver: str


@dataclass(frozen=True)
class PauseRule:
    kind: str
    effect: str


@dataclass(frozen=True)
class RuleVersion:
    rule_id: str
    title: str
    clock_starts: str
    effective_from: dt.date
    effective_to: dt.date | None
    citation: Citation
    unit: str
    length: int | None = None
    fixed: tuple[int, int, int] | None = None  # (month, day, years after the start's year)
    rest_day: str = "next_working_day"
    extension: Extension | None = None
    pauses: tuple[PauseRule, ...] = ()
    note: str = ""
    source: str = ""
    length_set_by: str = ""  # the length is not in the law: the deciding body sets it (e.g. 行政复议决定书)

    @property
    def key(self) -> str:
        return self.effective_from.isoformat()

    def in_force(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)

    def pause_rule(self, kind: str) -> PauseRule | None:
        return next((p for p in self.pauses if p.kind == kind), None)

    def period_text(self, length: int | None = None, unit: str | None = None) -> str:
        unit = unit or self.unit
        if unit == FIXED_DATE:
            m, d, after = self.fixed
            year = "次年" if after == 1 else ("当年" if after == 0 else f"第{after}年")
            return f"{year}{m}月{d}日前"
        length = length if length is not None else self.length
        if length is None:
            return f"{self.length_set_by}确定的期限（{UNITS[unit].lstrip('个')}）"
        return f"{length}{UNITS[unit]}"


@dataclass
class Rule:
    id: str
    title: str
    clock_starts: str
    versions: list[RuleVersion] = field(default_factory=list)
    source: str = ""

    def version_on(self, on: dt.date) -> RuleVersion:
        for v in self.versions:
            if v.in_force(on):
                return v
        raise ActionError(f"规则“{self.title}”（{self.id}）在 {on:%Y-%m-%d} 没有有效的版本。")

    @property
    def current(self) -> RuleVersion:
        return self.versions[0]


# --- loading and validation -----------------------------------------------------------------------------

VERSION_KEYS = {"effective_from", "effective_to", "citation", "length", "unit", "fixed", "rest_day", "extension",
                "pauses", "note", "length_set_by"}
RULE_KEYS = {"id", "title", "clock_starts", "versions"}


def _date(value, where: str, name: str) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise RuleFileError(f"{where}：{name} 应为日期（YYYY-MM-DD），实为“{value}”。") from None


def _positive_int(value, where: str, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise RuleFileError(f"{where}：{name} 应为正整数，实为“{value}”。")
    return value


def _parse_version(rule: dict, raw, where: str, source: str) -> RuleVersion:
    if not isinstance(raw, dict):
        raise RuleFileError(f"{where}：版本应为映射。")
    unknown = set(raw) - VERSION_KEYS
    if unknown:
        raise RuleFileError(f"{where}：未知字段 {', '.join(sorted(unknown))}。")
    for key in ("effective_from", "citation", "unit"):
        if key not in raw:
            raise RuleFileError(f"{where}：缺少字段 {key}。")
    start = _date(raw["effective_from"], where, "effective_from")
    end = _date(raw["effective_to"], where, "effective_to") if raw.get("effective_to") else None
    if end and end < start:
        raise RuleFileError(f"{where}：effective_to 早于 effective_from。")
    c = raw["citation"]
    if not isinstance(c, dict) or not all(c.get(k) for k in ("law", "version", "article")):
        raise RuleFileError(f"{where}：citation 须包含 law、version、article。")
    para = c.get("paragraph")
    if para is not None:
        para = _positive_int(para, where, "citation.paragraph")
    citation = Citation(str(c["law"]), str(c["version"]), str(c["article"]), para)
    unit = raw["unit"]
    if unit not in UNITS:
        raise RuleFileError(f"{where}：unit 应为 {'、'.join(UNITS)} 之一，实为“{unit}”。")
    length = fixed = None
    if unit == FIXED_DATE:
        f = raw.get("fixed")
        if not isinstance(f, dict) or not {"month", "day"} <= set(f):
            raise RuleFileError(f"{where}：fixed_date 须有 fixed: {{month, day, years_after}}。")
        fixed = (int(f["month"]), int(f["day"]), int(f.get("years_after", 1)))
        try:
            dt.date(2001, fixed[0], fixed[1])
        except ValueError:
            raise RuleFileError(f"{where}：fixed 不是有效的月日。") from None
    elif raw.get("length_set_by"):
        if raw.get("length") is not None:
            raise RuleFileError(f"{where}：length_set_by 与 length 不能同时出现。")
    else:
        length = _positive_int(raw.get("length"), where, "length")
    rest_day = raw.get("rest_day", "next_working_day" if unit in (CALENDAR_DAYS, MONTHS) else "none")
    if rest_day not in REST_DAY_RULES:
        raise RuleFileError(f"{where}：rest_day 应为 next_working_day 或 none。")
    extension = None
    if raw.get("extension") is not None:
        e = raw["extension"]
        if not isinstance(e, dict) or e.get("unit", unit) not in (CALENDAR_DAYS, WORKING_DAYS, MONTHS) \
                or not e.get("approver"):
            raise RuleFileError(f"{where}：extension 须包含 length、unit、approver。")
        extension = Extension(_positive_int(e.get("length"), where, "extension.length"), e.get("unit", unit),
                              str(e["approver"]))
    pauses = []
    for p in raw.get("pauses") or []:
        if not isinstance(p, dict) or not p.get("kind") or p.get("effect") not in PAUSE_EFFECTS:
            raise RuleFileError(f"{where}：pauses 每项须有 kind 与 effect（suspend 或 restart）。")
        pauses.append(PauseRule(str(p["kind"]), p["effect"]))
    return RuleVersion(rule_id=rule["id"], title=rule["title"], clock_starts=rule.get("clock_starts", ""),
                       effective_from=start, effective_to=end, citation=citation, unit=unit, length=length,
                       fixed=fixed, rest_day=rest_day, extension=extension, pauses=tuple(pauses),
                       note=str(raw.get("note", "") or ""), source=source,
                       length_set_by=str(raw.get("length_set_by", "") or ""))


def load_file(path: Path) -> list[Rule]:
    name = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise RuleFileError(f"规则文件 {name} 不是有效的 YAML：{e}") from e
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RuleFileError(f"规则文件 {name}：顶层应为 rules: 列表。")
    out = []
    for i, raw in enumerate(data["rules"], 1):
        if not isinstance(raw, dict) or not raw.get("id"):
            raise RuleFileError(f"规则文件 {name} 第 {i} 条规则：缺少 id。")
        where = f"规则文件 {name} 中的规则 {raw['id']}"
        unknown = set(raw) - RULE_KEYS
        if unknown:
            raise RuleFileError(f"{where}：未知字段 {', '.join(sorted(unknown))}。")
        if not raw.get("title"):
            raise RuleFileError(f"{where}：缺少 title。")
        if not raw.get("versions"):
            raise RuleFileError(f"{where}：至少需要一个版本（versions）。")
        versions = [_parse_version(raw, v, f"{where} 第 {j} 个版本", name) for j, v in enumerate(raw["versions"], 1)]
        versions.sort(key=lambda v: v.effective_from, reverse=True)
        for newer, older in zip(versions, versions[1:], strict=False):
            if older.effective_to is None or older.effective_to >= newer.effective_from:
                raise RuleFileError(f"{where}：{older.key} 版本与 {newer.key} 版本的有效期重叠"
                                    f"（旧版本须以 effective_to 截止于新版本生效之前）。")
        out.append(Rule(raw["id"], raw["title"], raw.get("clock_starts", ""), versions, name))
    return out


def load_dir(directory: Path = DATA_DIR) -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for path in sorted(directory.glob("*.yaml")):
        for rule in load_file(path):
            if rule.id in rules:
                raise RuleFileError(f"规则 {rule.id} 在 {rules[rule.id].source} 与 {path.name} 中重复定义。")
            rules[rule.id] = rule
    return rules


@lru_cache(maxsize=1)
def all_rules() -> dict[str, Rule]:
    return load_dir(DATA_DIR)


def get_rule(rule_id: str) -> Rule:
    try:
        return all_rules()[rule_id]
    except KeyError:
        raise UnknownRule(f"未知的期限规则“{rule_id}”。可用规则：{'、'.join(sorted(all_rules()))}") from None


# --- computation ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Pause:
    start: dt.date
    end: dt.date | None
    kind: str = "中止"


@dataclass(frozen=True)
class Override:
    """A regional length (规则覆盖), e.g. a province's 30-day normative-document filing period."""

    length: int
    unit: str
    region_name: str
    citation: str = ""
    id: int | None = None


@dataclass
class DeadlineResult:
    rule: RuleVersion
    start: dt.date
    due: dt.date
    provisional: bool
    explanation: str
    citation: str
    paused: bool = False  # an open pause: the clock is stopped, the due date will move
    article_text: str = ""
    steps: list[str] = field(default_factory=list)

    @property
    def rule_id(self) -> str:
        return self.rule.rule_id


def add_months(d: dt.date, months: int) -> dt.date:
    """民法典第二百零二条: the corresponding day of the final month, or its last day when it has none."""
    m = d.month - 1 + months
    year, month = d.year + m // 12, m % 12 + 1
    return dt.date(year, month, min(d.day, pycalendar.monthrange(year, month)[1]))


def _advance(start: dt.date, length: int, unit: str) -> dt.date:
    if unit == WORKING_DAYS:
        return workdays.add_working_days(start, length)
    if unit == MONTHS:
        return add_months(start, length)
    return start + dt.timedelta(days=length)


def _as_pause(p) -> Pause:
    if isinstance(p, Pause):
        return p
    if isinstance(p, tuple | list):
        if len(p) == 2:
            return Pause(p[0], p[1])
        return Pause(p[0], p[1], p[2])
    return Pause(p.start, p.end, getattr(p, "kind", "中止"))


def _parse_date(value, what: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ActionError(f"{what}“{value}”不是有效日期，应为 YYYY-MM-DD 格式。") from None


def resolve_article(citation: Citation, on: dt.date):
    """The article from the law library (fazhi.laws.citations), or None when the library does not have it."""
    try:
        from fazhi.laws.citations import CitationError, resolve
    except ImportError:
        return None
    try:
        return resolve(citation.text(), on)
    except CitationError:
        return None
    except Exception:  # noqa: BLE001 - the library must never break a deadline
        return None


def article_text(citation: Citation, on: dt.date) -> str:
    resolved = resolve_article(citation, on)
    return (resolved.text or "") if resolved is not None else ""


def compute_due(rule_id: str, start, *, pauses=(), extended: bool | int = False, on=None,
                override: Override | None = None, with_text: bool = True, length: int | None = None) -> DeadlineResult:
    """The due date of a period under the rule version in force on `on` (default: the start date).

    `extended`: True for the rule's full extension, or the approved length when shorter (at most the rule's).
    `length`: a period the law leaves to the deciding body (责令重作 within a period the decision sets) — only for a
    rule whose version says `length_set_by`."""
    start = _parse_date(start, "起算日")
    rule = get_rule(rule_id)
    version = rule.version_on(_parse_date(on, "适用日期") if on is not None else start)
    set_length = length
    length, unit = version.length, version.unit
    steps = []
    if set_length is None and version.length_set_by:
        raise ActionError(f"“{rule.title}”的期限由{version.length_set_by}确定，请提供期限长度。")
    if set_length is not None:
        if not version.length_set_by:
            raise ActionError(f"“{rule.title}”的期限由法律规定，不能另行确定。")
        if not isinstance(set_length, int) or set_length < 1:
            raise ActionError("确定的期限应为正整数。")
        length = set_length
    if override is not None and unit != FIXED_DATE:
        length, unit = override.length, override.unit or unit
    period = version.period_text(length, unit)
    steps.append(f"依据{version.citation.full()}，自{version.clock_starts or '起算日'} {start:%Y-%m-%d} 起"
                 f"{'' if unit == FIXED_DATE else '（当日不计入）'}{period}"
                 + (f"（期限由{version.length_set_by}确定）" if set_length is not None else ""))
    if override is not None and unit != FIXED_DATE:
        steps.append(f"{override.region_name}规定为{period}" + (f"（{override.citation}）" if override.citation else ""))

    clock = start
    extra_days = extra_work = 0
    paused = False
    covered = None  # the end of the deducted time so far: overlapping pauses are deducted once (their union)

    def due_so_far() -> dt.date:
        """When the period would end with what has been deducted so far (rolled over a rest day as the rule says)."""
        if unit == FIXED_DATE:
            m, d, after = version.fixed
            return dt.date(clock.year + after, m, d)
        end = _advance(clock, length + (extra_work if unit == WORKING_DAYS else 0), unit)
        end += dt.timedelta(days=extra_days)
        if version.rest_day == "next_working_day" and unit != WORKING_DAYS and not workdays.is_working_day(end):
            end = workdays.next_working_day(end)
        return end

    for p in sorted((_as_pause(p) for p in pauses), key=lambda p: p.start):
        pr = version.pause_rule(p.kind)
        if pr is None:
            allowed = "、".join(x.kind for x in version.pauses) or "无"
            raise ActionError(f"“{rule.title}”不适用“{p.kind}”期间的扣除（本规则可扣除：{allowed}）。")
        if p.end is not None and p.end < p.start:
            raise ActionError(f"{p.kind}期间的结束日 {p.end:%Y-%m-%d} 早于开始日 {p.start:%Y-%m-%d}。")
        if p.start < clock:
            continue
        if pr.effect != RESTART and p.start > due_so_far():
            # A period that has already run out is not revived by a pause that begins afterwards.
            steps.append(f"{p.kind}自 {p.start:%Y-%m-%d} 开始时期限已于 {due_so_far():%Y-%m-%d} 届满，不予扣除")
            continue
        if p.end is None:
            paused = True
            steps.append(f"{p.kind}自 {p.start:%Y-%m-%d} 起计时暂停，尚未恢复")
            break
        if pr.effect == RESTART:
            clock, extra_days, extra_work, covered = p.end, 0, 0, None
            steps.append(f"{p.kind}材料于 {p.end:%Y-%m-%d} 收到，期限自该日重新起算")
            continue
        begin = max(p.start, covered) if covered else p.start
        if covered and p.end <= covered:
            steps.append(f"{p.kind}期间 {p.start:%Y-%m-%d} 至 {p.end:%Y-%m-%d} 已在前一扣除期间内，不重复扣除")
            continue
        overlap = "（与前一期间重叠部分不重复扣除）" if begin != p.start else ""
        if unit == WORKING_DAYS:
            n = workdays.working_days_between(begin, p.end)
            extra_work += n
            steps.append(f"扣除{p.kind}期间 {begin:%Y-%m-%d} 至 {p.end:%Y-%m-%d}（{n}个工作日）{overlap}")
        else:
            n = (p.end - begin).days
            extra_days += n
            steps.append(f"扣除{p.kind}期间 {begin:%Y-%m-%d} 至 {p.end:%Y-%m-%d}（{n}日）{overlap}")
        covered = p.end

    if unit == FIXED_DATE:
        m, d, after = version.fixed
        raw = dt.date(clock.year + after, m, d)
    else:
        raw = _advance(clock, length + (extra_work if unit == WORKING_DAYS else 0), unit)
        raw += dt.timedelta(days=extra_days)
    if extended:
        if version.extension is None:
            raise ActionError(f"“{rule.title}”没有延长期限的规定。")
        ext = version.extension
        n = ext.length if extended is True else int(extended)
        if not 1 <= n <= ext.length:
            raise ActionError(f"延长期限最多不得超过{ext.length}{UNITS[ext.unit]}。")
        raw = _advance(raw, n, ext.unit)
        steps.append(f"经{ext.approver}批准延长{n}{UNITS[ext.unit]}")
    due = raw
    if version.rest_day == "next_working_day" and unit != WORKING_DAYS and not workdays.is_working_day(raw):
        due = workdays.next_working_day(raw)
        steps.append(f"期满日 {workdays.describe(raw)} 为{workdays.rest_day_reason(raw)}，顺延至 {workdays.describe(due)}")
    else:
        steps.append(f"期满日为 {workdays.describe(due)}")
    # Only a count of working days, or a roll-over past rest days, depends on the holiday schedule: a fixed date or a
    # plain count of calendar days that does not roll over is certain whatever the schedule says.
    calendar_bound = unit == WORKING_DAYS or version.rest_day == "next_working_day" or (
        extended and version.extension is not None and version.extension.unit == WORKING_DAYS)
    provisional = calendar_bound and workdays.is_provisional(due)
    if provisional:
        steps.append(f"暂定：{due.year}年节假日安排尚未录入，已按《全国年节及纪念日放假办法》的法定节假日推算，"
                     "调休安排公布后自动重算")
    if paused:
        steps.append("恢复计时后重新计算期满日")
    explanation = "；".join(steps) + "。"
    text = article_text(version.citation, start) if with_text else ""
    if text:
        explanation += f"\n条文：{text}"
    return DeadlineResult(rule=version, start=start, due=due, provisional=provisional, explanation=explanation,
                          citation=version.citation.full(), paused=paused, article_text=text, steps=steps)
