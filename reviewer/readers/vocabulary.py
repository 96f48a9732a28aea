"""What the parts of a form are called: column headers, row labels, category names.

Provinces and years name the same column differently (全年预算数 / 调整后预算数, 分值 /
分数 / 权重, 年度指标值 / 目标值) and put it in a different place. Readers find every
column by these names, never by its position.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from reviewer.form.text import halfwidth, squash

# (field, keywords) in the order they are tried: the first keyword found in a header cell wins.
Vocabulary = tuple[tuple[str, tuple[str, ...]], ...]

# A column a form prints for its reader and the reviewer does not read: how a score is computed
# (济南 prints 得分计算方法 beside the funds and the indicators), a reason box. Named so that the
# column before it ends where it starts.
IGNORED_COLUMN: tuple[str, tuple[str, ...]] = ("ignored", ("计算方法", "评分方法", "评分标准"))

FUNDS_COLUMNS: Vocabulary = (
    IGNORED_COLUMN,
    ("initial_budget", ("年初预算",)),
    # 得分 before 执行率: Hubei heads the score "得分（20分*执行率）".
    ("score", ("得分",)),
    ("rate", ("执行率",)),
    ("executed", ("执行数", "实际支出", "支出数", "实际执行")),
    ("adjusted_budget", ("全年预算", "调整后预算", "预算数")),
    ("weight", ("分值", "分数", "权重")),
    # Sichuan's 原因 box beside the budget rows, for a low execution rate or an adjustment.
    ("explanation", ("原因",)),
)

INDICATOR_COLUMNS: Vocabulary = (
    IGNORED_COLUMN,
    ("level1", ("一级指标",)),
    ("level2", ("二级指标",)),
    ("name", ("三级指标", "指标名称", "具体指标", "指标内容")),
    # 实际 before 指标值: Shandong heads its actuals "实际完成指标值（B）".
    ("actual", ("实际完成值", "全年实际值", "实际值", "完成值", "实际完成")),
    ("target", ("年度指标值", "目标值", "指标值", "计划值", "预期值")),
    # Sichuan prints a target in three columns: 指标性质 (=, ≥, 定性), 指标值, 度量单位.
    ("relation", ("指标性质",)),
    ("unit", ("度量单位", "计量单位")),
    ("explanation", ("偏差原因", "原因分析", "改进措施", "未完成原因")),
    ("score", ("得分",)),
    ("weight", ("分值", "权重", "分数")),
    # A remark beside the explanation ("附读者意见汇总表", "无"): not the explanation, not read.
    ("remark", ("备注",)),
)

# The two boxes of 年度总体目标. Provinces also print 年度目标 / 全年实际完成情况,
# 年初设定目标 / 年度总体目标完成情况综述 (Shandong) and 项目年度目标 / 年度目标完成情况 (Sichuan);
# 完成情况 is tried first, as both names of a pair hold 目标.
GOAL_COLUMNS: Vocabulary = (
    ("actual", ("实际完成情况", "完成情况")),
    ("expected", ("预期目标", "年度目标", "设定目标")),
)

# A reviewer's comments beside the form (the workbook `reviewer check --format xlsx` writes):
# a column of their own, so they never run into the form's last column.
REVIEW_COLUMN: tuple[str, tuple[str, ...]] = ("review", ("审核意见",))

FUNDS_ROWS: Vocabulary = (
    ("total", ("资金总额", "总额", "合计", "总计")),
    ("fiscal", ("财政拨款", "财政资金", "当年财政")),
    ("carryover", ("上年结转", "结转资金")),
    # Sichuan lists two more sources, which the form model keeps with 其他资金 (their sum).
    ("other", ("其他资金", "其他", "单位资金", "财政专户", "自有资金")),
)

# Second-level categories and the first-level category each belongs to in the published templates.
LEVEL2_PARENTS: dict[str, str] = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "成本指标": "产出指标",
    "经济成本指标": "成本指标",
    "社会成本指标": "成本指标",
    "生态环境成本指标": "成本指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
    "满意度指标": "满意度指标",
}
LEVEL1_NAMES: tuple[str, ...] = (
    "产出指标",
    "效益指标",
    "满意度指标",
    "成本指标",
    "项目决策",
    "项目管理",
    "项目产出",
    "项目效益",
    "决策指标",
    "过程指标",
)
LEVEL2_NAMES: tuple[str, ...] = tuple(LEVEL2_PARENTS)
# The 二级 of the older template (项目决策/项目管理/项目产出/项目效益) and of the 2020 共性指标
# (决策/过程/产出/效益), which name no 指标: category labels, not indicators, in a row's 二级 cell.
OLDER_LEVEL2_NAMES: tuple[str, ...] = (
    *("项目目标", "决策过程", "资金分配", "目标设定", "决策依据", "决策程序", "项目立项", "绩效目标", "资金投入"),
    *("资金到位", "资金管理", "组织实施", "财务管理", "业务管理"),
    *("产出数量", "产出质量", "产出时效", "产出成本", "项目效益", "经济效益", "社会效益", "生态效益", "可持续影响"),
    *("满意度", "服务对象满意度", "社会公众或服务对象满意度"),
)

GRADE_WORDS = ("优", "良", "中", "差")
GOAL_LABELS = ("年度", "总体", "目标", "年度总体目标", "总体目标")

_WEIGHT_SUFFIX = re.compile(r"[(（]?\s*(\d+(?:\.\d+)?)\s*分\s*[)）]?$")
_NAME_PREFIX = re.compile(r"^(?:三级)?指标\s*\d*\s*[:：.、．]\s*")


@lru_cache(maxsize=4096)
def field_for_header(cell: str, columns: Vocabulary) -> str | None:
    found = header_match(cell, columns)
    return None if found is None else found[0]


@lru_cache(maxsize=4096)
def header_match(cell: str, columns: Vocabulary) -> tuple[str, int] | None:
    """The field a header cell names and how plainly: the index of the keyword found, 0 for the
    field's first (its most specific) name. Sichuan labels its budget rows "年度预算数（万元）"
    left of the column "调整后预算数": both say 预算数, the second says it more plainly."""
    cleaned = squash(cell)
    for field, keywords in columns:
        for rank, keyword in enumerate(keywords):
            if keyword in cleaned:
                return field, rank
    return None


def funds_row_key(label: str) -> str | None:
    cleaned = squash(label)
    for key, keywords in FUNDS_ROWS:
        if any(keyword in cleaned for keyword in keywords):
            return key
    return None


def split_level(text: str | None) -> tuple[str | None, Decimal | None]:
    """A category cell to its canonical name and the weight printed in it:
    "产出 指标 (50分)" → ("产出指标", 50)."""
    if text is None:
        return None, None
    cleaned = squash(text).rstrip(":：")
    weight = None
    match = _WEIGHT_SUFFIX.search(cleaned)
    if match and match.start() > 0:
        weight = Decimal(match.group(1))
        cleaned = cleaned[: match.start()].strip()
    return (cleaned or None), weight


def strip_name_prefix(text: str) -> str:
    """ "指标1:发放内部聘用人员工资" → "发放内部聘用人员工资"; a bare "指标：" becomes ""."""
    cleaned = squash(text)
    return _NAME_PREFIX.sub("", cleaned, count=1) if _NAME_PREFIX.match(cleaned) else cleaned


def looks_like_level(text: str) -> bool:
    """A category label such as "产出指标(50分)" or "服务对象满意度指标", not an indicator."""
    name, _ = split_level(text)
    if not name:
        return False
    if name in LEVEL1_NAMES or name in LEVEL2_PARENTS:
        return True
    return len(name) <= 12 and name.endswith("指标") and len(name) >= 4 and not any(ch.isdigit() for ch in name)


def fits_level_cell(text: str) -> bool:
    """What a 一级 or 二级 cell may hold: a category label, or an older template's 二级 name
    ("产出质量", "资金管理"), which a wrapped label's first line would be taken for elsewhere."""
    return looks_like_level(text) or split_level(text)[0] in OLDER_LEVEL2_NAMES


def year_in(text: str) -> int | None:
    """ "（2023年度）"; also set with spaces between the characters, "（ 2 0 2 3 年 度 ）", and the
    field a web system prints, "评价年度：2023"."""
    cleaned = halfwidth(squash(text)) if text else ""  # "（２０２４年度）" too
    match = _YEAR.search(cleaned) or _YEAR_FIELD.search(cleaned)
    return int(re.sub(r"\s", "", match.group(1))) if match else None


_YEAR = re.compile(r"((?:1\s?9|2\s?0)\s?\d\s?\d)\s*年\s*度")
_YEAR_FIELD = re.compile(r"^(?:评价|所属|预算|自评)?年度\s*[:：]\s*((?:19|20)\d\d)(?:\s*年)?$")


def title_year(text: str) -> int | None:
    """The year of a title: "2021年度…", and "2021年学生资助项目绩效目标自评表" (Hubei), where
    "年" alone is no date since the title names nothing else by year."""
    found = year_in(text)
    match = (
        None if found else re.search(r"((?:19|20)\d{2})\s*年(?![\d一二三四五六七八九十]+月)", halfwidth(squash(text)))
    )
    return found or (int(match.group(1)) if match else None)


def money_unit_in(text: str) -> str | None:
    """ "项目资金（万元）", and a line above the table saying "单位：万元" (Shandong)."""
    match = re.search(r"[(（]\s*(万元|元|千元|亿元)\s*[)）]|(?:金额)?单位\s*[:：]\s*(万元|千元|亿元|元)", text)
    return (match.group(1) or match.group(2)) if match else None


_UNIT_LINE = re.compile(
    r"^(?:[(（]?(?:金额)?单位\s*[:：]\s*(?:万元|千元|亿元|元)[)）]?|(?:项目)?(?:资金)?[(（](?:万元|千元|亿元|元)[)）])$"
)


def is_unit_line(text: str) -> bool:
    """A line or cell that only gives the unit of the amounts: "金额单位：万元", "（单位：万元）",
    and the funds table's label "项目资金（万元）" on a line of its own (a caption), or its "（万元）"
    left in a cell of its own where a spreadsheet split the label over two rows."""
    return bool(_UNIT_LINE.match(squash(text)))


def is_title(text: str) -> bool:
    """ "项目支出绩效自评表", and a Hubei title named after its project: "2022年度共享工程项目自评表"."""
    cleaned = squash(text)
    return "自评表" in cleaned and len(cleaned) <= 40


def is_year_row(cells: list[str]) -> bool:
    """A row printing only the form's year, "（2024年度）", shorter than a title."""
    filled = [squash(cell) for cell in cells if squash(cell)]
    return len(filled) == 1 and len(filled[0]) < 20 and year_in(filled[0]) is not None


def is_title_row(cells: list[str]) -> bool:
    """A row holding a title, alone or beside one more cell ("（2022年度）"); an indicator row
    whose name has the word, "绩效自评表按时报送率", holds its values too."""
    filled = [cell for cell in cells if squash(cell)]
    return 0 < len(filled) <= 2 and is_title(filled[0])


# Words of a form's own table: a table in a Word or web page cell that has them is the form
# (the cell frames it), not the cell's text.
FORM_WORDS = ("项目名称", "一级指标", "三级指标")

# What follows a form's table: notes, attachments, signatures, dates.
_NOTE_LABEL = re.compile(
    r"^(?:注\s*\d*\s*[:：.、]|注意事项|备注\s*[:：]|说明\s*[:：]|附件\s*\d*\s*[:：]?$|"
    r"(?:单位|财务|项目)?负责人\s*[:：]|(?:填表|填报|审核|联系)人\s*[:：]|联系电话\s*[:：]|"
    r"(?:填表|填报)?日期\s*[:：]|(?:单位)?[(（]?盖章[)）]?$)"
)


# Printed above the rest of a table on the next page: "续表", "续上表", "接上表", "（续）",
# "续前表", "接上页".
_CONTINUED_LABEL = re.compile(r"^[(（]?(?:续(?:表|上表|前表|上页)?|接上(?:表|页))\s*\d*[)）]?$")


def is_continued_label(text: str) -> bool:
    return bool(_CONTINUED_LABEL.match(squash(text)))


# A page's number on a line of its own, where a page break fell inside a table: "第2页",
# "第2页 共3页", "共3页第2页", "- 2 -", "2/3", "Page 2 of 3".
_PAGE_NUMBER = re.compile(
    r"(?:第\d+页|共\d+页)(?:[,，、/]?(?:第\d+页|共\d+页))?|[-—–]\d{1,3}[-—–]|\d{1,3}/\d{1,3}|page\d+(?:of\d+)?",
    re.IGNORECASE,
)


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.fullmatch("".join(text.split())))


def is_note_label(text: str) -> bool:
    return bool(_NOTE_LABEL.match(squash(text)))


_FILLED_IN = re.compile(r"(?:填报|填表)日期\s*[:：]")


def is_stamp_line(text: str) -> bool:
    """A line printed above a form's table saying who stamps and when it was filled in:
    "项目单位（盖章）：…", "填报日期：…", "单位名称：… 填报日期：…" (Hubei)."""
    cleaned = squash(text)
    return "盖章" in cleaned or is_note_label(cleaned) or bool(_FILLED_IN.search(cleaned))


def is_total_label(text: str) -> bool:
    return squash(text) in ("总分", "合计得分", "总得分", "自评总分", "合计")
