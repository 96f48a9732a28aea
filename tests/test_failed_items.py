"""An item that failed its checks, in every output: its reason is shown, and its text is either
not shown (text, Excel) or struck through as rejected (Markdown, HTML), never as a 审核意见."""

import re
import zipfile

import openpyxl
import pytest

from reviewer.api import review
from reviewer.llm.backends.openai_compatible import OpenAIBackend, Settings
from reviewer.llm.cache import Cache
from reviewer.readers import read_forms
from reviewer.reports.docx import write_documents
from reviewer.reports.html import render_html
from reviewer.reports.reviews import review_markdown, review_text
from reviewer.reports.xlsx import write_workbook
from tests.conftest import SEED_003
from tests.llmserver import UNGROUNDED, FakeEndpoint

ECHO = "整张表的审核意见，中文，分条列出需修改的问题"  # what SmolLM2 gave two forms as their 审核意见
MISQUOTE = "系统已于9月全部下线"
REJECTED_TEXTS = (ECHO, UNGROUNDED, MISQUOTE)


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    [form] = read_forms(str(SEED_003))[:1]
    with FakeEndpoint() as endpoint:
        endpoint.per_task = {
            "critique": ["ungrounded"] * 3,
            "review-comment": ["echo"] * 3,
            "consistency": ["misquote"] * 3,
        }
        settings = Settings(model="m", base_url=endpoint.url, api_key="k", retries=0)
        backend = OpenAIBackend(settings, cache=Cache(tmp_path_factory.mktemp("cache") / "c.sqlite3"))
        return review([form], backend=backend)


def test_the_json_says_failed_and_why(result):
    [form] = result.to_dict()["forms"]
    assert [e["status"] for e in form["explanations"]] == ["failed"]
    assert form["comment"]["status"] == "failed" and form["comment"]["text"] == ECHO
    assert any("照抄了题目的说明或要求" in p for p in form["comment"]["problems"])
    assert form["consistency"]["status"] == "failed"
    assert "contradictions[0].indicator：表中没有指标“系统下线率”" in form["consistency"]["problems"]
    assert result.to_dict()["summary"]["comments"] == {"ok": 0, "template": 0, "failed": 1}
    assert result.exit_code == 1


def test_text_shows_the_reasons_and_not_the_rejected_texts(result):
    text = review_text(result, "zh", colour=False)
    assert not any(rejected in text for rejected in REJECTED_TEXTS)
    assert "模型拟写的审核意见未通过检查，未采用：" in text and "审核意见：" not in text
    assert "实际完成情况与指标是否矛盾：模型的回答未通过检查，未采用，没有结论" in text
    assert "[点评·未通过]" in text and "! comment：出现表中没有的数字：7.77、9999" in text


def test_markdown_strikes_the_rejected_texts_through(result):
    markdown = review_markdown(result, "zh")
    outside_strikes = re.sub(r"~~.*?~~", "", markdown)
    assert not any(rejected in outside_strikes for rejected in REJECTED_TEXTS)
    assert all(rejected.rstrip("。") in markdown for rejected in REJECTED_TEXTS)
    assert markdown.count("**未通过检查，未采用**") == 2  # the critique and the comment
    assert "### 审核意见\n" not in markdown


def test_html_marks_them_rejected_and_struck_through(result):
    html = render_html(result.check_result, "zh", result.forms)
    outside_del = re.sub(r"<del>.*?</del>", "", html, flags=re.S)
    assert not any(rejected in outside_del for rejected in REJECTED_TEXTS)
    assert all(rejected in html for rejected in (ECHO, MISQUOTE))
    assert "<h3>模型拟写的审核意见未通过检查，未采用</h3>" in html and "<h3>审核意见</h3>" not in html
    assert 'class="explanation rejected" data-status="failed"' in html
    assert "照抄了题目的说明或要求" in html


def test_excel_gives_the_reasons_and_not_the_rejected_texts(result, tmp_path):
    path = tmp_path / "review.xlsx"
    write_workbook(result.check_result, str(path), "zh", result.forms)
    workbook = openpyxl.load_workbook(path)
    everything = "\n".join(str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row if c.value)
    assert not any(rejected in everything for rejected in REJECTED_TEXTS)
    assert "模型拟写的审核意见未通过检查，未采用：" in everything and "\n审核意见：" not in everything
    assert "【点评·未通过】未通过检查，未采用" in everything and "照抄了题目的说明或要求" in everything


def test_a_failed_text_a_reviewer_edited_is_shown_as_theirs(result, tmp_path):
    # The web app's export: the reviewer rewrote the failed critique and the failed 审核意见.
    import copy

    edited = copy.deepcopy(result)
    [reviewed] = edited.forms
    [critique] = reviewed.explanations
    critique.text, critique.decision = "偏差已说明：进度滞后因招标延期，下一年度提前启动。", "edited"
    assert reviewed.comment is not None
    reviewed.comment.text, reviewed.comment.decision = "请补充成本偏差的原因。", "edited"
    html = render_html(edited.check_result, "zh", edited.forms)
    assert f"【点评·已修改】</span>{critique.text}" in html and "<h3>审核意见（已修改）</h3>" in html
    path = tmp_path / "r.xlsx"
    write_workbook(edited.check_result, str(path), "zh", edited.forms)
    cells = [c.value for row in openpyxl.load_workbook(path).worksheets[1].iter_rows() for c in row if c.value]
    assert any(f"【点评·已修改】{critique.text}" in str(c) for c in cells)
    assert not any(rejected in review_markdown(edited, "zh").replace("~~", "") for rejected in (UNGROUNDED,))
    write_documents(edited.check_result, str(tmp_path / "r.docx"), "zh", edited.forms)
    with zipfile.ZipFile(tmp_path / "r.docx") as document:
        comments = re.sub(r"<[^>]+>", "", document.read("word/comments.xml").decode())
    assert f"【点评·已修改】{critique.text}" in comments and UNGROUNDED not in comments
    # What the checks found wrong with the model's text is not said of the reviewer's.
    assert "照抄了题目的说明或要求" not in comments and "照抄了题目的说明或要求" not in html
