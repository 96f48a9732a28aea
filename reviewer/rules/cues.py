"""Whether a 偏差原因分析及改进措施 gives a cause and a measure, read the way real texts write them.

A text is read clause by clause (split at ，。；！？). A clause gives a cause when it names why the
gap arose: 因/由于/原因是, 受…影响, something not yet done (尚未, 未付, 未到位), late (滞后, 延期),
cheaper or dearer than budgeted (中标价, 低于预算, 结余), changed (调整, 变更, 减少, 随着…), or a
shortfall that was found (存在…问题, 不足, 有待加强). A clause gives a measure when it says what will
be done or was done about it: a future marker (将 as "will", 拟, 下一步, 后续, 下一年度, 改进措施：…),
someone made responsible (由工程科负责), an action verb with an object (加强对…的管理, 完善…, 督促…,
已更换设备, 列入2025年计划), a deadline (于2025年6月前) or 及时 + verb. It is not a measure when
the verb is a state or a need (已有加强, 不断完善, 较为完善的, 有待加强).

Two kinds of measure clause are weak: a slogan, a verb with no object of its own (加强管理,
进一步加强项目管理, 做好相关工作, 提高服务水平, 认真组织实施); and a request for money
(申请追加预算, 争取资金, 及时补充经费), which is not an action of the unit's own. A heuristic,
like the rule that uses it: it finds what is missing altogether, and the LLM critique judges
whether what is there is concrete.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

Gap = Literal["no cause", "no measure", "money only", "slogan"]
Kind = Literal["concrete", "money", "slogan"]

# What E303 says for each gap.
GAP_MESSAGES: dict[Gap, tuple[str, str]] = {
    "no cause": ("未说明原因", "no cause"),
    "no measure": ("未提出改进措施", "no measure"),
    "money only": ("改进措施只是申请资金，没有本单位自己的措施", "the only measure asks for more money"),
    "slogan": (
        "改进措施是口号（如“加强管理”），没有具体对象",
        "the measure is a slogan with no object, such as 加强管理",
    ),
}

_CLAUSE = re.compile(r"[^，,。；;！!？?\n]+")

_CAUSE = re.compile(
    "|".join(
        (
            r"由于|因为|原因|因(?![此而素])",  # 因 as "because", not 因此/因而/因素
            r"受[^，。；]{0,30}?影响|受到",
            r"导致|造成|致使",
            r"尚未|未能|未按|未及时|未到位|未到账|未拨付|未下达|未验收|未结算|未付|未签订|未启动|未开工|未通水|未设置",
            r"滞后|延期|延迟|延误|延后|推迟|暂停|停工|放缓|顺延|缓慢",
            r"(?:低于|高于|少于|超出|超过)(?:预算|预期|计划|年初|控制价|限价|市场价)",
            r"中标|招标|流标|询价|成交价|采购价|结余|节余|节约",
            # A change is a cause; "将调整" or "及时调整" is a measure.
            r"(?<!将)(?<!拟)(?<!及时)(?<!适当)(?<!合理)(?<!进一步)(?:调整|调减|调增|变更|变动|变化)",
            r"(?<!将)(?<!拟)(?<!有效)(?<!进一步)(?:减少|下降|降低)",
            r"不足|欠缺|不够|短缺|缺乏|缺少|偏低|偏高|偏少|偏多|过少|过多|不到位|到位(?:较晚|晚|迟|不及时)",
            r"有待|亟待|仍需|尚需|还需",
            r"存在[^，。；]*?(?:问题|不足|重复|差距|短板|困难|偏差|瑕疵|缺陷|隐患|风险)|仍存在",
            r"随着",
            r"疫情|天气|降雨|雨季|台风|汛期|冰冻|离职|人员变动|人事变动|质保金|尾款",
        )
    )
)

# 将 means "will" before these; before a noun it marks the object ("将资金支付给施工方").
_WILL = (
    r"将(?=于|在|会|要|进一步|继续|持续|加强|加快|及时|根据|按照|按|严格|认真|积极|着力|做好|开展|增加|完善|"
    r"优化|提高|提升|督促|建立|健全|细化|调整|规范|强化|推进|落实|组织|安排|对|结合|重新|尽快|全面|切实|加大|"
    r"采取|定期|通过|协调|联系|跟进|争取|申请|向|与|由|全力|适时|合理|科学|逐步|努力|力争|确保|压缩|控制|提前|"
    r"实行|修订|制定|设置|删除|补充|增设|纳入|把|以|从|每)"
)
# A label such as 改进措施： counts when something other than a placeholder follows it.
_LABEL = r"(?:改进|整改)?措施[：:](?!\s*(?:无|暂无|需补充|待补充|[（(]))"
_MEASURE_LABEL = re.compile(_LABEL)
_MARKER = re.compile(
    "|".join(
        (
            _WILL,
            r"拟|下一步|计划(?:于|在|将)",
            _LABEL,
            r"由[^，。；]{1,12}?(?:负责|牵头|落实|跟进)",
            r"(?:后续|今后|下一年度|下年度|明年|以后|来年)(?!的|资金|预算|经费|服务|费用|影响)",
        )
    )
)

_ACTION = re.compile(
    r"加强|强化|加快|完善|建立|健全|督促|提高|提升|优化|增加|开展|细化|规范|落实|推进|调整|明确|"
    r"制定|修订|实行|协调|协商|跟踪|跟进|核实|压实|做好|组织|配备|更换|增设|删除|加大|压缩|"
    r"控制|提前|缩短|简化|整改|补充|申请|争取|追加|补齐|补办|补足|列入|纳入|约定|返工|及时(?![性率的与])"
)
# A clause that says why (因, 导致, …影响) states a cause or its effect, not a remedy, even with an
# action verb in it ("这就造成了当年年初开展工作无经费使用"), unless it also looks ahead
# ("因质保金未付将于明年支付" gives both).
_BECAUSE = re.compile(r"由于|因为|原因|因(?![此而素])|影响|导致|造成|致使")
# Template hints left in a cell ("偏差原因：需补充实际原因") say nothing yet.
_HINT = re.compile(r"需补充|待补充|[（(]写明")
# Adverbs that may stand between what precedes a verb and the verb itself.
_ADVERBS = re.compile(r"(?:进一步|继续|持续|切实|认真|积极|全面|逐步|努力|尽快|及时)+$")
# Before the verb (after those adverbs): the verb is a state or a need, not a measure. A remedy
# already taken is a measure (已更换设备, 已列入2025年计划); a state reached is not (已有加强).
_NOT_AN_ACTION = re.compile(
    r"(?:已有|不断|较为|较|更加|日益|日趋|有所|得到|需要|需|有待|亟待|的|了|不|未|"
    r"没有|无法|难以|能|可|随着)$"
)
_NEGATED = re.compile(r"不能|无法|未能|没有|难以")
# After the verb: it has no object ("有待加强。", "提高的").
_NO_OBJECT = re.compile(r"$|[了的过]|性|率|程度")
_DEADLINE = re.compile(r"(?<!已)于[^，。；]{1,12}?(?:前|之前|以前)(?!期|任)")
_GENERIC = r"(?:管理|监管|监督|领导|沟通|协调|力度|认识|意识|重视|工作|建设|制度|机制|服务)"
_SLOGAN = re.compile(
    rf"(?:加强|强化|提高|提升|完善|规范|加大|做好)对?(?:项目|资金|预算|绩效|财务|内部|日常|各项|相关)?"
    rf"{_GENERIC}(?:[和与及、]?{_GENERIC})*(?:水平|能力)?"
    r"|组织实施|抓好落实|落实到位"
)
_MONEY = re.compile(
    r"(?:及时|尽快|积极|努力|进一步|继续|全力)?"
    r"(?:申请|争取|追加|补充|增加|加大|请求|提请|落实|保障|安排)[^，。；]{0,10}?(?:资金|经费|预算|拨款|投入|补助|财政支持)(?!执行|编制|管理|绩效|使用)"
)


def clauses(text: str) -> list[str]:
    """The text's clauses, template hints left out."""
    return [clause.strip() for clause in _CLAUSE.findall(text) if clause.strip() and not _HINT.search(clause)]


def causes_in(text: str) -> list[str]:
    """The clauses that give a cause, in order. What follows a label such as 改进措施： is the
    remedy, and so is a clause that looks ahead: their change words (将加强对人员变更的约束, 将分值
    调整至…) are not a cause, unless a clause that looks ahead also says 因 or 由于."""
    label = _MEASURE_LABEL.search(text)
    return [
        clause
        for clause in clauses(text[: label.start()] if label else text)
        if _CAUSE.search(clause) and (not _MARKER.search(clause) or _BECAUSE.search(clause))
    ]


def measures_in(text: str) -> list[str]:
    """The clauses that propose a measure, in order, weak ones (slogans, money) included."""
    return [clause for clause in clauses(text) if _kind(clause) is not None]


def slogans_in(text: str) -> list[str]:
    """The measure clauses that are only a slogan: 加强管理, 做好相关工作."""
    return [clause for clause in clauses(text) if _kind(clause) == "slogan"]


def only_asks_for_money(text: str) -> bool:
    """Whether the text's measures, if any, all ask for money and none is the unit's own action."""
    kinds = {_kind(clause) for clause in clauses(text)} - {None}
    return "money" in kinds and "concrete" not in kinds


def gaps(text: str) -> list[Gap]:
    """What the text lacks: a cause; a measure; or, when it has measures but none is concrete, one
    of the unit's own ("money only" when some ask for money, "slogan" when all are slogans)."""
    return list(_gaps(text))


@lru_cache(maxsize=16384)
def _gaps(text: str) -> tuple[Gap, ...]:
    # A batch repeats its explanations (copied forms, 无偏差-style stock texts): read each once.
    kinds = {_kind(clause) for clause in clauses(text)} - {None}
    found: list[Gap] = [] if causes_in(text) else ["no cause"]
    if not kinds:
        found.append("no measure")
    elif "concrete" not in kinds:
        found.append("money only" if "money" in kinds else "slogan")
    return tuple(found)


@lru_cache(maxsize=16384)
def _kind(clause: str) -> Kind | None:
    """What measure a clause proposes, if any. Explanations repeat across a batch's forms."""
    looks_ahead = _MARKER.search(clause) is not None
    if _BECAUSE.search(clause) and not looks_ahead:
        return None
    money = [match.span() for match in _MONEY.finditer(clause)]
    kinds = {_action_kind(clause, start, money) for start in _action_starts(clause)}
    if money:
        kinds.add("money")
    if not kinds:
        # A future marker with a verb this list does not know ("后续将提前锁定场地") still proposes something.
        return "concrete" if looks_ahead else None
    return "concrete" if "concrete" in kinds else "money" if "money" in kinds else "slogan"


def _action_starts(clause: str) -> list[int]:
    starts = [match.start() for match in _DEADLINE.finditer(clause)]
    for match in _ACTION.finditer(clause):
        before = _ADVERBS.sub("", clause[: match.start()])
        if _NOT_AN_ACTION.search(before) or _NEGATED.search(before) or _NO_OBJECT.match(clause, match.end()):
            continue
        starts.append(match.start())
    return starts


def _action_kind(clause: str, start: int, money: list[tuple[int, int]]) -> Kind:
    if any(low <= start < high for low, high in money):
        return "money"
    return "slogan" if _SLOGAN.fullmatch(clause[start:].rstrip()) else "concrete"
