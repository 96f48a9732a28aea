"""The HTML report: self-contained, escaped, every finding beside a coloured cell, filters that
are only an addition (the page shows everything without its script)."""

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest
from markupsafe import escape

from reviewer.api import check_paths
from reviewer.config import Config
from reviewer.reports.html import render_html
from tests.conftest import SEED_001, SEED_003, run_cli

SCRIPT = "<script>document.body.setAttribute('data-pwned','1')</script>"
IMAGE = "<img src=x onerror=\"document.body.setAttribute('data-pwned','2')\">"


def injected_form(folder):
    """Seed 001's first form with markup in its project name, an indicator name and an explanation."""
    text = SEED_001.read_text(encoding="utf-8").replace("公积金管理业务费用项目", SCRIPT + "项目", 1)
    text = text.replace("指标1:发放内部聘用人员工资", "指标1:" + IMAGE, 1)
    path = folder / "injected.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    injected = injected_form(tmp_path_factory.mktemp("html"))
    result = check_paths([str(SEED_001), str(SEED_003), str(injected)], Config(), keep_forms=True)
    return result, render_html(result)


class Cells(HTMLParser):
    """Every element that carries findings: its tag, classes and the rules it was flagged by."""

    def __init__(self):
        super().__init__()
        self.flagged: list[tuple[str, set[str], list[str]]] = []
        self.section = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "section":
            self.section = attributes["id"]
        if "data-flagged" in attributes:
            self.flagged.append((self.section, set(attributes["class"].split()), attributes["data-flagged"].split()))


def test_form_text_is_escaped_never_markup(page):
    _, html = page
    assert SCRIPT not in html and IMAGE not in html
    assert "&lt;script&gt;document.body.setAttribute(&#39;data-pwned&#39;,&#39;1&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html
    assert len(re.findall(r"<script\b", html)) == 1  # the filter script, and nothing else


def test_the_page_loads_nothing_and_allows_only_its_own_script(page):
    _, html = page
    assert not re.search(r"""(src|href)=["']?(https?:|//)|@import|url\(""", html)
    [script] = re.findall(r"<script>(.*?)</script>", html, re.S)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in html and "default-src 'none'" in html


def test_every_error_of_the_seeds_is_a_red_cell_beside_its_message(page):
    result, html = page
    cells = Cells()
    cells.feed(html)
    for n, form in enumerate(result.forms[:12], 1):
        for finding in form.findings:
            flagged = [
                classes for section, classes, rules in cells.flagged if section == f"form-{n}" and finding.rule in rules
            ]
            if finding.severity == "error":
                assert any("flag-error" in classes for classes in flagged), (form.project, finding.rule)
            assert str(escape(finding.message["zh"])) in html


def test_summary_counts_rules_and_every_form(page):
    result, html = page
    summary = result.summary()
    assert f"错误 {summary['error']} 个" in html and f"警告 {summary['warning']} 个" in html
    for code in summary["by_rule"]:
        assert f'<input type="checkbox" value="{code}" checked>' in html
    assert html.count('<section class="form"') == len(result.forms) == 15  # the injected file holds three


def test_the_filters_are_hidden_until_the_script_shows_them(page):
    _, html = page
    assert '<form id="filters" hidden>' in html and "panel.hidden = false" in html


def test_check_and_review_write_html_with_the_same_exit_codes(tmp_path):
    checked = run_cli("check", str(SEED_001), "--format", "html")
    assert checked.returncode == 1 and checked.stdout.startswith("<!DOCTYPE html>")
    out = tmp_path / "review.html"
    reviewed = run_cli("review", str(SEED_001), "-o", str(out))  # the suffix picks html
    assert reviewed.returncode == 1 and reviewed.stdout == ""
    html = out.read_text(encoding="utf-8")
    assert "【起草·模板】" in html and "审核意见（起草／点评）" in html
    assert run_cli("check", str(SEED_001), "--format", "html", "--exit-zero").returncode == 0


def test_report_of_the_published_seeds(tmp_path):
    out = tmp_path / "report.html"
    result = run_cli("report", str(SEED_001), str(SEED_003), "-o", str(out))
    assert result.returncode == 1, result.stderr
    html = out.read_text(encoding="utf-8")
    assert html.count('class="explanation"') >= 12 and "flag-error" in html
