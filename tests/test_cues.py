"""Cause and measure cues of 偏差原因分析及改进措施, on every explanation of the seeds, on texts from
other provinces' published forms (shared/forms) and on texts written to probe the edges.

Each text carries the verdict a reader gives it: the gaps E303 should name ([] = it gives a cause
and a concrete measure)."""

import json

import pytest

from reviewer.rules.cues import GAP_MESSAGES, causes_in, gaps, measures_in, only_asks_for_money, slogans_in
from tests.conftest import ROOT

NO_CAUSE, NO_MEASURE, MONEY, SLOGAN = "no cause", "no measure", "money only", "slogan"

# Every explanation of a row that lost points in golden/parse (seed 003; seed 001's are blank).
SEEDS = [
    # 信息化运维项目 · 长效管理机制健全性 5 → 4. Its reason is how indicators were set (E303 says so
    # separately); the measure, refining the indicators, is concrete enough for a heuristic.
    (
        "绩效指标方面，部分指标细化程度还不够。后续将根据项目工作内容，进一步细化相关指标，"
        "持续提升项目绩效目标编报质量。",
        [],
    ),
    # 各区管理部… · 业务所需设备设施保障情况 3 → 2: old equipment at some sites; survey and renew.
    (
        "2024年已按计划完成年度设备更新工作，进一步保障网点业务工作需求。但部分网点仍存在其他设备设施陈旧、运行缓慢、使用不便等"
        "问题。后续年度将开展进一步摸排梳理及相关设备设施维修与添置更新工作，持续保障业务运转。",
        [],
    ),
    # 专项业务费 · 律师顾问工作验收合格率 10 → 8.5: the target was set badly (E303's setting check);
    # a measure for next year's target.
    ("年度指标值设置不够合理，将在后续年度进一步完善指标值。", []),
    # 服务工作专项经费 · 宣传资料印刷工作完成及时性 2 → 1.5: printed twice a year; print more often.
    (
        "已完成全年宣传资料印制和发放工作，但印制及时性略有欠缺，原因为：印制频次一般为一年2次，集中按批印制，有时赶不上业务变更步伐，"
        "不能保证在业务更新时及时保障宣传品的有效性。后续将增加宣传资料印制和发放频次，及时满足对外培训宣贯需求。",
        [],
    ),
    # 住房公积金网点设备运维服务专项 · 中心本部与管理部协作机制 8 → 6: the supplier changed its manager.
    (
        "项目实施中，本部与管理部协作较好。但受服务商项目经理突然临时变更因素影响，在人员变更期间影响部门间及中心与服务商之间沟通"
        "协作效率。后续将加强对服务商主要人员变更约束的管理，确保服务稳定、各方沟通协作平稳顺畅。",
        [],
    ),
    # 信息化建设项目 · 系统对外服务能力 8 → 6.5: requirements rose; named functions for 2025.
    (
        "已按照项目计划完成2024年度各项建设内容，系统对外服务能力已有加强。但随着业务管理要求的提高，系统还需要进一步完善。"
        "2025年度，将进一步完善数据上报、信息共享、跨省通办等系统功能，进一步提高服务能力。",
        [],
    ),
    # 各区服务网点租赁费物业费 · 物业费用结算及时性 7 → 5: the cause is thin (it restates the delay),
    # but a heuristic cannot tell that from a real one; the LLM critique should ask why.
    ("小部分物业费结算略有延迟，后续年度将加强责任处室与网点及物业公司间的沟通，及时结算", []),
    # 各区服务网点租赁费物业费 · 长效管理机制完善情况 5 → 4: a weakness, no measure (E303's doc example).
    ("项目长效管理机制不断完善，但部分费用结算及时性有待加强。", [NO_MEASURE]),
    # 住房公积金互联网业务运行专项 · 长效管理机制健全性 4 → 2.8: a duplicated indicator; optimise them.
    (
        "项目建立了较为完善的管理机制，绩效管理方面指标设置较为丰富、具体，但个别指标“在线帮办客服回复满意度”存在重复。"
        "后续将进一步优化绩效指标设置。",
        [],
    ),
]

# Texts from published forms of other provinces (../shared/forms, see its INDEX.md).
FORMS = [
    # 10 · school repairs: the problem and its cause; the measures box says 无.
    (
        "本年度存在的主要问题是项目经费执行进度不均衡,主要集中在下半年执行。主要原因是项目实施进度影响,项目询价采购、实施进度滞后,"
        "完成验收后再办理支付。",
        [NO_MEASURE],
    ),
    # 11 · student aid: a cause in brackets, nothing more.
    ("(因全校总人数减少,总指标数减少,但奖励、资助比例没减少)", [NO_MEASURE]),
    # 13 · 68.07% executed: 存在主要问题, then 相关措施 in a box of its own.
    (
        "一是该项目年终预算执行率为68.07%,预算执行进度较慢,主要原因是因为项目费用须根据任务完成进度进行结算。二是该项目的绩效目标"
        "设置还需进一步完善。",
        [NO_MEASURE],
    ),
    (
        "加快项目预算执行进度,进一步加强绩效管理培训工作,提高部门项目预算资金精细化管理,科学设置项目绩效目标,细化、量化绩效考核"
        "指标体系。",
        [NO_CAUSE],
    ),
    # 17 · library: funds arrive after January; the measure only asks for money.
    (
        "因每年图书馆免开资金不是在年初1月份就到位,上一年的资金按照民生工程要求已经100%落实了支付,资金无结余,这就造成了当年年初开展"
        "工作无经费使用,单位制定资金使用绩效目标的准确性也有一定的影响。",
        [NO_MEASURE],
    ),
    ("及时补充图书馆运营经费,使我县图书馆事业不断发展。", [NO_CAUSE, MONEY]),
    # 18 · library report: 经费不足, and a measure unrelated to it (beyond a heuristic).
    ("经费不足。以目前的金额,无法为人民群众提供更多更好的服务。", [NO_MEASURE]),
    ("加强对各部门申报项目的指导,使项目编制更加符合绩效评价相关要求。", [NO_CAUSE]),
    # 05 · 评价结论: 将 marks the object here ("put the money to the contractor"), not the future.
    ("根据财政局资金下达的管理办法,将资金支付给项目施工方。", [NO_CAUSE, NO_MEASURE]),
]

# The project's own fixture forms (tests/forms).
FIXTURES = [
    # pdf_mof2020 · 古籍数字化扫描页数: a breakdown; a remedy taken and a date to catch up.
    ("供应商扫描设备故障停工两周，已更换设备，2024年一季度补齐剩余400页。", []),
    # pdf_mof2020 · 数字阅览平台上线时间: the gap closed itself; nothing keeps it from recurring.
    ("平台接口联调延后一个月，已于11月上线，无后续影响。", [NO_MEASURE]),
    # tab_sichuan · 养护里程: rain; scheduled for next year, with who.
    ("7月至8月连续降雨，2公里路段无法施工；已列入2025年一季度计划，由养护中心工程科负责。", []),
    # system_export · 受益人口: a cause and an expected date, but no action.
    ("1个行政村管网因征地延误未通水，预计2025年6月完成。", [NO_MEASURE]),
]

# Written to probe the edges, good and bad.
OWN = [
    ("已完工，尚有5%质保金未付，且中标价低于预算。下一年度提高预算编制准确性。", []),
    ("加强管理。", [NO_CAUSE, SLOGAN]),
    ("进一步加强项目管理，做好相关工作。", [NO_CAUSE, SLOGAN]),
    ("今后加强沟通协调。", [NO_CAUSE, SLOGAN]),
    ("受疫情影响，2场培训顺延，今后将加强管理。", [SLOGAN]),
    ("由于资金到位较晚，采购延期至12月。下一步将申请追加预算。", [MONEY]),
    ("下一步将积极争取上级资金支持，加大资金投入。", [NO_CAUSE, MONEY]),
    ("由于资金到位较晚，采购延期至12月；将申请追加预算，并督促供应商于2025年3月前完成安装。", []),
    ("受疫情影响，2场培训顺延至次年3月；培训科将于2025年3月底前补办。", []),
    ("因供应商项目经理变更，验收推迟至2025年1月；后续将在合同中约定人员变更须提前30日报备，由信息科负责。", []),
    ("由于政策调整，补助对象减少120户；下年度将根据新政策重新测算补助人数，并于2025年3月前报财政局审核。", []),
    ("无法按期完成，原因是施工方人员不足；将督促施工方增加作业人员，确保6月底前完工。", []),
    ("中标价低于预算价12.6万元，形成结余；结余资金已按规定上缴财政。", [NO_MEASURE]),
    ("系统对外服务能力已有加强，管理机制较为完善。", [NO_CAUSE, NO_MEASURE]),
    ("后续将根据年度工作计划合理安排资金使用进度，每季度末由财务科通报执行率。", [NO_CAUSE]),
    ("偏差原因：需补充实际原因（如场地、师资或参训人员安排）。改进措施：需补充具体措施。", [NO_CAUSE, NO_MEASURE]),
    (
        "“生态效益指标”未设置三级指标，该项3分未得分。偏差原因：本项目不直接产生生态效益。改进措施：编报2025年绩效目标时删除"
        "该二级指标，将分值调整至能反映项目实效的指标，由财务科牵头审核。",
        [],
    ),
    ("实际完成8次，少2次。", [NO_CAUSE, NO_MEASURE]),
]

CASES = SEEDS + FORMS + FIXTURES + OWN


@pytest.mark.parametrize("text, expected", CASES, ids=[text[:24] for text, _ in CASES])
def test_verdict(text, expected):
    assert gaps(text) == expected
    assert bool(causes_in(text)) is (NO_CAUSE not in expected)
    assert bool(measures_in(text)) is (NO_MEASURE not in expected)


def test_every_seed_explanation_of_a_deduction_has_a_verdict():
    written = set()
    for path in sorted((ROOT / "golden" / "parse").glob("*.json")):
        for form in json.loads(path.read_text(encoding="utf-8"))["forms"]:
            written |= {
                row["explanation"]
                for row in form["indicators"]
                if row["explanation"]
                and row["weight"] is not None
                and row["score"] is not None
                and row["score"] < row["weight"]
            }
    assert written == {text for text, _ in SEEDS}


def test_table_size():
    assert len(OWN) >= 15


def test_the_clauses_found_are_the_ones_a_reader_points_to():
    text = "已完工，尚有5%质保金未付，且中标价低于预算。下一年度提高预算编制准确性。"
    assert causes_in(text) == ["尚有5%质保金未付", "且中标价低于预算"]
    assert measures_in(text) == ["下一年度提高预算编制准确性"]
    supplier = SEEDS[4][0]
    # 变更 in the measure is the thing constrained, not a second cause.
    assert causes_in(supplier) == [
        "但受服务商项目经理突然临时变更因素影响",
        "在人员变更期间影响部门间及中心与服务商之间沟通协作效率",
    ]
    assert measures_in(supplier) == ["后续将加强对服务商主要人员变更约束的管理"]


@pytest.mark.parametrize(
    "text",
    [
        "项目长效管理机制不断完善。",
        "系统对外服务能力已有加强。",
        "项目建立了较为完善的管理机制。",
        "结算及时性有待加强。",
        "系统还需要进一步完善。",
        "随着业务管理要求的提高。",
        "能及时了解政策。",
        "2023年购买13台安可电脑，已于12月前完成资金支付。",
    ],
)
def test_states_and_past_actions_are_not_measures(text):
    assert measures_in(text) == []


def test_only_asks_for_money():
    assert only_asks_for_money("及时补充图书馆运营经费。")
    assert only_asks_for_money("下一步将申请追加预算。")
    assert not only_asks_for_money("将申请追加预算，并督促供应商于3月前完成安装。")
    assert not only_asks_for_money("后续将合理安排资金使用进度。")  # scheduling its own spending is the unit's own
    assert not only_asks_for_money("受疫情影响，培训顺延。")  # no measure at all is another gap


def test_slogans_are_verbs_with_no_object_of_their_own():
    assert slogans_in("进一步加强管理，做好相关工作。") == ["进一步加强管理", "做好相关工作"]
    assert slogans_in("后续将加强对服务商主要人员变更约束的管理。") == []
    assert slogans_in("加强责任处室与网点及物业公司间的沟通。") == []


def test_every_gap_has_a_message_in_both_languages():
    assert set(GAP_MESSAGES) == {NO_CAUSE, NO_MEASURE, MONEY, SLOGAN}
    assert all(zh and en for zh, en in GAP_MESSAGES.values())
