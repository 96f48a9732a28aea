"""E303 on real explanations: what it says is missing from each text of the cue tables (the seeds'
explanations, other provinces', the fixtures') and from texts of this file, good and bad."""

import pytest

from reviewer.config import Config
from reviewer.rules import kit
from reviewer.rules.cues import GAP_MESSAGES
from reviewer.rules.engine import check_form
from tests.conftest import SEED_001, SEED_003
from tests.test_cues import CASES

NO_CAUSE, NO_MEASURE, MONEY, SLOGAN = "no cause", "no measure", "money only", "slogan"
SETTING = "about how the indicator was set, not its gap"
GAPS = {en: gap for gap, (_, en) in GAP_MESSAGES.items()}

# (text, the gaps E303 names, whether it is about indicator-setting), written for this test.
OWN = [
    (
        "因部分设备到货延期，年底前仅完成安装8台，剩余2台已于2025年1月完成安装；今后在合同中明确交货期限和违约责任。",
        [],
        False,
    ),
    ("受台风影响，7月份两次活动取消，少完成2场；下一年度将活动安排在汛期之前。", [], False),
    ("项目结余资金12.3万元，原因是政府采购中标价低于预算；拟在2025年预算编制时参考近三年中标价测算。", [], False),
    ("由于财政资金11月才下达，项目推迟启动，已督促施工单位加快进度，预计2025年4月完工。", [], False),
    ("满意度调查样本偏少，仅回收问卷86份；后续由办公室负责扩大调查范围，每季度开展一次。", [], False),
    ("部分农户因外出务工未参加培训，参训率低于目标；下一步将采取线上培训方式，并于农闲时段组织补训。", [], False),
    ("工作人员离职导致数据录入滞后，目前已补充人员并完成全部录入。", [], False),
    ("原因：采购流程较长，验收在12月下旬完成。措施：2025年起提前一个季度启动采购程序，由财务科牵头。", [], False),
    ("尚有3户未签订协议，已安排专人逐户走访，力争于2025年6月前全部签订。", [], False),
    ("进一步加强管理，提高服务水平。", [NO_CAUSE, SLOGAN], False),
    ("我单位高度重视，认真组织实施，较好地完成了年度目标。", [NO_CAUSE, SLOGAN], False),
    ("今后将积极争取上级资金支持，确保项目顺利实施。", [NO_CAUSE, MONEY], False),
    ("因疫情原因，部分活动未能开展，下年度将积极申请追加经费，加大投入力度。", [MONEY], False),
    ("本年度项目实施顺利，未发现明显问题。", [NO_CAUSE, NO_MEASURE], False),
    ("由于政策调整，补助标准提高，补助人数相应减少。", [NO_MEASURE], False),
    ("指标值设定偏高，实际完成值未达到，下年度将科学合理设定指标值。", [], True),
]


def e303(text):
    form = kit.row(1, actual="85%", score="14.17", explanation=text)()
    return [f for f in check_form(form, Config()) if f.rule == "E303"]


def problems(text):
    found = e303(text)
    return found[0].facts["problems"] if found else []


@pytest.mark.parametrize("text, expected", CASES, ids=[text[:24] for text, _ in CASES])
def test_the_rule_names_the_gaps_of_the_cue_tables(text, expected):
    assert [GAPS[p] for p in problems(text) if p in GAPS] == expected


@pytest.mark.parametrize("text, expected, setting", OWN, ids=[text[:24] for text, _, _ in OWN])
def test_the_rule_names_the_gaps_of_real_kinds_of_text(text, expected, setting):
    found = problems(text)
    assert [GAPS[p] for p in found if p in GAPS] == expected
    assert (SETTING in found) is setting


def test_table_sizes():
    assert len(OWN) >= 15 and sum(1 for _, gaps, _ in OWN if not gaps) >= 5


def test_the_issue_text_gives_two_causes_and_a_measure():
    assert e303("已完工，尚有5%质保金未付，且中标价低于预算。下一年度提高预算编制准确性。") == []


def test_a_short_text_is_weak_whatever_it_says():
    assert "shorter than 15 characters" in problems("因下雨延期，将补办。")


def test_a_message_says_every_gap_in_chinese():
    [hit] = e303("下一步将积极争取上级资金支持，加大资金投入。")
    assert hit.message["zh"].startswith("偏差原因分析未说明原因、改进措施只是申请资金，没有本单位自己的措施：")


def test_on_the_seeds_only_the_explanations_that_lack_something():
    from reviewer.api import check_paths

    result = check_paths([str(SEED_001), str(SEED_003)], Config(select=["E303"]))
    flagged = sorted((f.indicator, tuple(f.facts["problems"])) for r in result.forms for f in r.findings)
    assert flagged == [
        ("律师顾问工作验收合格率", (SETTING,)),
        ("长效管理机制健全性", (SETTING,)),
        ("长效管理机制健全性", (SETTING,)),
        ("长效管理机制完善情况", ("no measure",)),
    ]
