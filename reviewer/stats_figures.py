"""One function per dashboard figure: plain Figure records (categories × series) computed from a stats.History."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from .findings import FINDING_TYPES, label as type_label
from .stats import History, OPEN_STATES, OpenWork, month_label
from .workflow_rules import BASES, DISCLOSURES

# Short names for the chart axis; the full wording is workflow_rules.BASIS_LABELS.
BASIS_SHORT = {
    "14-state-secret": "第十四条 国家秘密", "14-law-forbids": "第十四条 法律法规禁止",
    "14-security": "第十四条 三安全一稳定", "15-trade-secret": "第十五条 商业秘密",
    "15-privacy": "第十五条 个人隐私", "16-internal": "第十六条 内部事务信息",
    "16-process": "第十六条 过程性信息", "16-enforcement": "第十六条 行政执法案卷",
}
WITH_BASIS = ("依申请公开", "部分公开", "不予公开")

Value = int | float | None


@dataclass
class Series:
    name: str
    values: list[Value]


@dataclass
class Figure:
    """A chart and its table: one row per category, one column per series (drawn) and per extra (table only)."""

    key: str
    title: str
    description: str
    axis: str
    categories: list[str]
    series: list[Series]
    unit: str = "份"
    horizontal: bool = False
    stacked: bool = False
    extra: list[Series] = field(default_factory=list)
    summary: str = ""
    empty_text: str = "本期暂无数据"

    @property
    def header(self) -> list[str]:
        return [self.axis] + [s.name for s in self.series + self.extra]

    @property
    def rows(self) -> list[list[str | Value]]:
        columns = self.series + self.extra
        return [[c] + [s.values[i] for s in columns] for i, c in enumerate(self.categories)]

    @property
    def empty(self) -> bool:
        return not any(v for s in self.series for v in s.values)


def fmt(v: Value) -> str:
    """A number as tables and labels show it: — for no value, one decimal for fractions."""
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.1f}"
    return str(v)


def days(hours: float) -> float:
    return round(hours / 24, 1)


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def reviewed(h: History) -> Figure:
    months = h.period.months
    sent = {m: set() for m in months}
    for s in h.submitted:
        sent[s.month].add(s.document_id)
    done = Counter(c.month for c in h.closed)
    total_sent = len({s.document_id for s in h.submitted})
    return Figure("reviewed", "每月送审与办结文件数",
                  "送审：当月上传过稿件（含新版本）的文件数；办结：当月经签发人签发的文件数（同一文件只计一次）。",
                  "月份", [month_label(m) for m in months],
                  [Series("送审文件", [len(sent[m]) for m in months]), Series("审查办结", [done[m] for m in months])],
                  summary=f"本期送审 {total_sent} 份，办结 {len(h.closed)} 份。")


def findings(h: History) -> Figure:
    months = h.period.months
    totals = Counter()
    for (_, kind), n in h.findings.items():
        totals[kind] += n
    order = sorted(totals, key=lambda k: (-totals[k], list(FINDING_TYPES).index(k) if k in FINDING_TYPES else 99))
    series = [Series(type_label(k), [h.findings.get((m, k), 0) for m in months]) for k in order]
    return Figure("findings", "每月发现（按类型）",
                  "当月上传的稿件中扫描发现的敏感内容条数，按类型堆叠。", "月份", [month_label(m) for m in months],
                  series, unit="条", stacked=True, summary=f"本期共发现 {sum(totals.values())} 条。")


def blocked(h: History) -> Figure:
    months = h.period.months
    scanned = Counter(s.month for s in h.submitted if s.scanned)
    blocks = Counter(s.month for s in h.submitted if s.scanned and s.blocked)
    n, b = sum(scanned.values()), sum(blocks.values())
    share = percent(b, n)
    return Figure("blocked", "送审稿件阻断比例",
                  "扫描完成的稿件（每个版本计一次）中，因含密级或内部标志被判定为“阻断”的比例。", "月份",
                  [month_label(m) for m in months], [Series("阻断比例（%）", [percent(blocks[m], scanned[m]) for m in months])],
                  unit="%", extra=[Series("扫描完成稿件", [scanned[m] for m in months]),
                                   Series("阻断稿件", [blocks[m] for m in months])],
                  summary=f"本期 {n} 份稿件中 {b} 份被阻断" + (f"（{share}%）。" if share is not None else "。"))


def disclosure(h: History) -> Figure:
    counts = Counter(c.disclosure for c in h.closed)
    return Figure("disclosure", "办结文件的公开属性", "本期签发的文件按公开属性（主动公开、依申请公开、部分公开、不予公开）计数。",
                  "公开属性", list(DISCLOSURES), [Series("文件数", [counts[d] for d in DISCLOSURES])], horizontal=True,
                  summary=f"本期办结 {len(h.closed)} 份，其中不予公开 {counts['不予公开']} 份、部分公开 {counts['部分公开']} 份。")


def basis(h: History) -> Figure:
    counts = Counter((c.basis, c.disclosure) for c in h.closed if c.basis)
    keys = [value for value, _, _ in BASES]
    return Figure("basis", "不公开的法律依据（条例第十四、十五、十六条）",
                  "本期签发的依申请公开、部分公开、不予公开决定所援引的法律依据，按公开属性堆叠。", "法律依据",
                  [BASIS_SHORT[k] for k in keys], [Series(d, [counts[(k, d)] for k in keys]) for d in WITH_BASIS],
                  horizontal=True, stacked=True, summary=f"本期共 {sum(counts.values())} 项决定援引了法律依据。")


def duration(h: History) -> Figure:
    months = h.period.months
    by_month: dict[tuple[int, int], list[float]] = {m: [] for m in months}
    for c in h.closed:
        by_month[c.month].append(c.hours)
    all_hours = [c.hours for c in h.closed]
    summary = "本期没有办结的文件。"
    if all_hours:
        slow = max(h.closed, key=lambda c: c.hours)
        summary = (f"本期 {len(all_hours)} 份文件从首次上传到签发的中位时长 {days(median(all_hours))} 天；"
                   f"最慢的是“{slow.title}”，{days(slow.hours)} 天。")
    return Figure("duration", "从上传到签发的时长",
                  "按签发月份，每份文件从首次上传到签发所用的天数：中位数与最长。", "月份", [month_label(m) for m in months],
                  [Series("中位数（天）", [days(median(v)) if v else None for v in by_month.values()]),
                   Series("最长（天）", [days(max(v)) if v else None for v in by_month.values()])],
                  unit="天", extra=[Series("办结文件", [len(v) for v in by_month.values()])], summary=summary)


def open_work(work: OpenWork) -> Figure:
    names = list(work.per_reviewer)
    return Figure("open", "当前待办（按审查员）",
                  "此刻尚未办结的文件：审查中按最后处理发现的审查员计，退回修改和待签发按作出决定的审查员计；不受统计周期影响。",
                  "审查员", names, [Series(s, [work.per_reviewer[n][s] for n in names]) for s in OPEN_STATES],
                  horizontal=True, stacked=True, summary=f"另有 {work.unclaimed} 份待审查文件尚无人处理。",
                  empty_text="当前没有审查员名下的待办")


def slowest(h: History, n: int = 5) -> list:
    """The n documents that took longest from first upload to sign-off, slowest first."""
    return sorted(h.closed, key=lambda c: (-c.hours, c.document_id))[:n]


def headline(h: History) -> list[tuple[str, str]]:
    """The numbers at the top of the dashboard: (label, value with its unit)."""
    scanned = [s for s in h.submitted if s.scanned]
    share = percent(sum(s.blocked for s in scanned), len(scanned))
    hours = [c.hours for c in h.closed]
    return [("送审文件", f"{len({s.document_id for s in h.submitted})} 份"), ("审查办结", f"{len(h.closed)} 份"),
            ("阻断比例", f"{share:.1f}%" if share is not None else "—"),
            ("上传到签发中位时长", f"{days(median(hours)):.1f} 天" if hours else "—")]


def period_figures(h: History) -> list[Figure]:
    return [reviewed(h), findings(h), blocked(h), disclosure(h), basis(h), duration(h)]
