"""What a Chinese reader is shown: each rule by its Chinese name, a row with no indicator name by its
二级指标, and a 审核意见 for the agency with no word of the tool's own (codes, template names)."""

import re

import openpyxl
import pytest

from reviewer.api import check_paths
from reviewer.config import Config
from reviewer.llm.backends.offline import OfflineBackend
from reviewer.llm.review import review_form
from reviewer.readers import read_forms
from reviewer.reports.findings import render
from reviewer.reports.html import render_html
from reviewer.reports.reviews import review_text
from reviewer.reports.xlsx import write_workbook
from reviewer.rules import RULES
from tests.conftest import SEED_001, SEED_003, run_cli

ECOLOGY = "生态效益指标（三级指标填为“无”）"  # seed 001's first two forms
ECOLOGY_BLANK = "生态效益指标（三级指标填为“指标：”）"  # its third: a bare label
INTERNAL = re.compile(r"(?<![A-Za-z])[EFSTN]\d{3}(?!\d)|mof2020|shanghai-101-style|sichuan|hubei|older-city|模板：")


@pytest.fixture(scope="module")
def result():
    return check_paths([str(SEED_001), str(SEED_003)], Config(), keep_forms=True)


def test_text_names_each_rule_and_each_nameless_row(result):
    text = render(result, "text")
    assert f"N503 空指标占分值（错误） {ECOLOGY}: 三级指标为“无”，却有分值3" in text
    assert f"E301 扣分未说明原因（错误） {ECOLOGY_BLANK}: 扣2.00分" in text
    assert "F104 成本偏差率与资金表不符（错误） 项目实际成本与预算偏差率: " in text
    assert not re.search(r"（(?:错误|警告|提示)） (?:无|: )", text)  # never "无" nor blank for a row


def test_english_text_keeps_its_codes_and_severities(result):
    text = render(result, "text", "en")
    assert f"N503 error {ECOLOGY}: names no indicator" in text and "空指标占分值" not in text


def test_markdown_names_rules_and_rows_in_chinese(result):
    markdown = render(result, "markdown")
    assert f"| 31 | N503 空指标占分值 | 错误 | {ECOLOGY} | " in markdown
    assert "empty-indicator" not in markdown
    assert "| 108 | N503 empty-indicator | error |" in render(result, "markdown", "en")


def test_html_summary_and_filters_in_chinese(result):
    page = render_html(result)
    assert "<td>空指标占分值</td>" in page and "<td>empty-indicator</td>" not in page
    assert '<input type="checkbox" value="N503" checked> N503 空指标占分值</label>' in page
    assert '<span class="rule-name">空指标占分值</span>：三级指标为“无”，却有分值3' in page


def test_workbook_in_chinese(result, tmp_path):
    path = tmp_path / "report.xlsx"
    write_workbook(result, str(path))
    book = openpyxl.load_workbook(path)
    summary = [[cell.value for cell in row] for row in book["汇总"].iter_rows()]
    assert ["N503", "空指标占分值", "错误", 3] in [row[:4] for row in summary]
    sheet = book["公积金管理业务费用项目"]
    reviews = [cell.value for cell in sheet["I"] if cell.value]
    assert any("[N503 空指标占分值（错误）] 三级指标为“无”，却有分值3" in text for text in reviews)


def test_rule_names_are_all_chinese_and_distinct():
    names = [rule.name_zh for rule in RULES.values()]
    assert all(re.fullmatch(r"[\u4e00-\u9fff“”（）]+", name) for name in names) and len(set(names)) == len(names)


@pytest.fixture(scope="module")
def reviewed():
    forms = read_forms(str(SEED_001)) + read_forms(str(SEED_003))
    return [review_form(form, Config(), OfflineBackend(), "review") for form in forms]


def test_the_comment_for_the_agency_has_no_internal_words(reviewed):
    assert all(r.comment.status == "template" for r in reviewed)
    comments = [r.comment.text for r in reviewed if r.comment.text]
    assert len(comments) == 12
    for comment in comments:
        assert not INTERNAL.search(comment), comment
        assert "表格" not in comment and "“”" not in comment and "“无”：" not in comment
    first = comments[0]
    assert f"{ECOLOGY}：三级指标为“无”，却有分值3（空指标占分值）" in first
    assert "“发放内部聘用人员工资”：与第17行（数量指标）重复（指标重复）" in first
    missing = next(c for c, r in zip(comments, reviewed) if r.result.project == "补充公积金")
    assert "1. 缺少一级指标“满意度指标”（缺少一级指标）" in missing


def test_drafts_of_nameless_rows_name_their_category(reviewed):
    drafts = [e for r in reviewed for e in r.explanations if e.indicator in ("", "无")]
    assert len(drafts) == 3 and {e.subject for e in drafts} == {ECOLOGY, ECOLOGY_BLANK}
    assert all(e.text.startswith(f"【模板，需补充】{e.subject}年度指标值") for e in drafts)


def test_review_output_names_the_nameless_rows():
    result = run_cli("review", str(SEED_001))
    assert f"[起草·模板] {ECOLOGY_BLANK} (line 108)" in result.stdout
    assert "]  (line" not in result.stdout


def test_review_text_from_the_api(reviewed):
    from reviewer.llm.review import ReviewResult

    text = review_text(ReviewResult("review", reviewed[:1]), "zh", False)
    assert f"[起草·模板] {ECOLOGY} (line 31)" in text


def test_the_usage_line_in_either_language():
    from decimal import Decimal

    from reviewer.llm.jobs import Usage

    usage = Usage(requests=5, cached=1, retries=1, timeouts=2, most_in_flight=3)
    usage.prompt_tokens, usage.completion_tokens = 900, 40
    prices = (Decimal("0.5"), Decimal("2"))
    assert usage.describe(prices) == (
        "5 requests (1 answers from the cache), 1 retry, 2 time-outs, at most 3 in flight, "
        "900 prompt and 40 completion tokens, cost 0.0005"
    )
    assert usage.describe(prices, "zh") == (
        "请求5次（其中缓存答复1次），重试1次，超时2次，同时最多3个，提示词900个token、生成40个token，费用0.0005"
    )
    assert usage.describe().endswith("40 completion tokens") and "费用" not in usage.describe(None, "zh")
