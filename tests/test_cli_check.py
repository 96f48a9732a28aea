"""`reviewer check`, `rules` and `rule` as a user runs them."""

import json

from reviewer.rules import RULES, kit
from tests.conftest import FORMS, SEED_001, SEED_003, run_cli


def test_seeds_have_errors_exit_1_and_a_summary():
    result = run_cli("check", str(SEED_001), str(SEED_003))
    assert result.returncode == 1, result.stderr
    assert "T401" in result.stdout and "保洁委托服务覆盖网点数" in result.stdout
    assert result.stdout.rstrip().splitlines()[-1].startswith("共2个文件12张表：错误")
    assert "\033[" not in result.stdout  # no colour when not a terminal


def test_exit_zero_and_ignoring_the_errors():
    assert run_cli("check", str(SEED_003), "--exit-zero").returncode == 0
    assert run_cli("check", str(SEED_003), "--ignore", "F104,T401").returncode == 0


def test_json_output_contract():
    result = run_cli("check", str(SEED_003), "--format", "json", "--select", "T4", "--select", "N5")
    document = json.loads(result.stdout)
    assert len(document["forms"]) == 9
    findings = [f for form in document["forms"] for f in form["findings"]]
    assert {f["rule"][0] for f in findings} == {"T", "N"}
    t401 = next(f for f in findings if f["rule"] == "T401")
    assert {k: t401[k] for k in ("name", "severity", "level1", "level2", "indicator")} == {
        "name": "unit-kind-mismatch",
        "severity": "error",
        "level1": "产出指标",
        "level2": "数量指标",
        "indicator": "保洁委托服务覆盖网点数",
    }
    n502 = next(f for f in findings if f["rule"] == "N502")
    assert n502["indicator"] is None
    assert document["summary"]["forms"] == 9 and document["summary"]["error"] == 1
    assert document["forms"][0]["source"].endswith("003_caa427bb58be876f.txt")


def test_markdown_and_english():
    result = run_cli("check", str(SEED_001), "--format", "markdown", "--lang", "en")
    assert result.stdout.startswith("# Review findings")
    assert "| Line | Rule | Severity | Indicator | Finding |" in result.stdout
    assert "lost 3.00 points" in result.stdout


def test_checks_the_canonical_json_parse_writes(tmp_path):
    parsed = run_cli("parse", str(SEED_003)).stdout
    (tmp_path / "f.json").write_text(parsed, encoding="utf-8")
    direct = json.loads(run_cli("check", str(SEED_003), "-f", "json").stdout)
    via_json = json.loads(run_cli("check", str(tmp_path / "f.json"), "-f", "json").stdout)
    assert [f["findings"] for f in via_json["forms"]] == [f["findings"] for f in direct["forms"]]


def test_folders_and_a_bad_file_in_the_batch(tmp_path):
    (tmp_path / "good.json").write_text(kit.base().model_dump_json(), encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    result = run_cli("check", str(tmp_path))
    assert result.returncode == 0
    assert "bad.txt" in result.stderr and "二进制文件" in result.stderr
    assert "unreadable" not in result.stdout and "1个文件无法读取" in result.stdout


def test_nothing_readable_exits_2(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"")
    assert run_cli("check", str(tmp_path / "bad.txt")).returncode == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("check", str(empty))
    assert result.returncode == 2 and "没有找到自评表文件" in result.stderr


def test_unknown_rule_selector_is_a_usage_error():
    result = run_cli("check", str(SEED_001), "--select", "Z99")
    assert result.returncode == 2 and "Z99" in result.stderr


def test_configuration_file_in_the_working_folder(tmp_path):
    (tmp_path / "reviewer.toml").write_text('ignore = ["E3", "N", "T"]\nlang = "en"\n', encoding="utf-8")
    result = run_cli("check", str(SEED_001), cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.strip().endswith("0 forms with errors")
    bad = tmp_path / "broken" / "reviewer.toml"
    bad.parent.mkdir()
    bad.write_text("select = [", encoding="utf-8")
    result = run_cli("check", str(SEED_001), "--config", str(bad))
    # Said in the messages' language, zh unless --lang says otherwise: the file cannot say.
    assert result.returncode == 2
    assert result.stderr == f"reviewer: 错误：{bad}: TOML 格式错误：Invalid value（在文件末尾）\n"
    result = run_cli("check", str(SEED_001), "--config", str(bad), "--lang=en")
    assert result.returncode == 2
    assert result.stderr == f"reviewer: error: {bad}: invalid TOML: Invalid value (at end of document)\n"
    missing = run_cli("check", str(SEED_001), "--config", str(tmp_path / "none.toml"), "--lang", "en")
    assert missing.returncode == 2 and missing.stderr.endswith("none.toml: cannot read configuration: no such file\n")


def test_rules_listing_and_one_rule():
    listing = run_cli("rules")
    assert listing.returncode == 0 and "F104  cost-deviation-mismatch" in listing.stdout
    catalogue = json.loads(run_cli("rules", "--format", "json").stdout)
    assert len(catalogue) == len(RULES) and {"code", "name", "name_zh", "severity", "summary", "doc"} <= set(
        catalogue[0]
    )
    doc = run_cli("rule", "t401")
    assert doc.stdout.startswith("# unit-kind-mismatch (T401)") and "## How to fix" in doc.stdout
    assert run_cli("rule", "X1").returncode == 2


def test_rules_in_chinese():
    listing = run_cli("rules", "--lang", "zh")
    assert listing.returncode == 0 and "F104  成本偏差率与资金表不符" in listing.stdout and "错误" in listing.stdout
    doc = run_cli("rule", "N503", "--lang", "zh")
    assert doc.stdout.startswith("# 空指标占分值（N503 empty-indicator）\n\n默认级别：错误。")
    assert "## How to fix" in doc.stdout


def test_other_layouts_check_too():
    result = run_cli(
        "check",
        str(FORMS / "system_export.json"),
        str(FORMS / "tab_sichuan.txt"),
        str(FORMS / "pdf_mof2020.txt"),
        "-f",
        "json",
    )
    document = json.loads(result.stdout)
    rules = {f["rule"] for form in document["forms"] for f in form["findings"]}
    assert {"S202", "F105"} <= rules  # the export's 总分 is one point short; 86% executed


def test_markdown_shows_form_text_as_text(tmp_path):
    # A Markdown viewer renders HTML and links: a form's text must reach it as text.
    form = kit.row(0, name="合格率<img src=x onerror=alert(1)>", score="5", explanation="[点此](javascript:alert(2))")()
    form.project = "<script>alert(3)</script>**项目**"
    (tmp_path / "f.json").write_text(form.model_dump_json(), encoding="utf-8")
    result = run_cli("check", str(tmp_path / "f.json"), "--format", "markdown", "--exit-zero")
    assert "## &lt;script&gt;alert(3)&lt;/script&gt;\\*\\*项目\\*\\*" in result.stdout
    assert "合格率&lt;img src=x onerror=alert(1)&gt;" in result.stdout
    assert "“\\[点此\\](javascript:alert(2))”" in result.stdout  # brackets escaped: no link
    assert "<script" not in result.stdout and "<img" not in result.stdout


def test_a_folder_for_a_report_that_is_one_file_says_what_goes_in_a_folder(tmp_path):
    for output in (str(tmp_path), f"{tmp_path}/new/"):
        result = run_cli("check", str(SEED_001), "-o", output)
        assert result.returncode == 2 and result.stderr.count("\n") == 1
        assert "是文件夹：只有 Word 报告（--format docx）写入文件夹" in result.stderr
    english = run_cli("check", str(SEED_001), "-o", str(tmp_path), "--lang", "en")
    assert "is a folder: only Word reports go in a folder (--format docx)" in english.stderr
