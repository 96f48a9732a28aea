"""The command as a user runs it: output formats, exit codes, one-line errors."""

import json
import re

import pytest

from tests.conftest import FORMS, SEED_001, SEED_003, run_cli, run_installed


def test_help_and_version():
    result = run_cli("--help")
    assert result.returncode == 0 and "parse" in result.stdout and "schema" in result.stdout
    assert run_cli("--version").stdout.startswith("reviewer ")


def test_parse_prints_canonical_json_for_every_form():
    result = run_cli("parse", str(SEED_001), str(SEED_003))
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert len(document["forms"]) == 12
    form = document["forms"][3]
    assert set(form) >= {
        "project",
        "department",
        "implementer",
        "year",
        "unit",
        "funds",
        "goals",
        "sections",
        "indicators",
        "total",
        "grade",
    }
    assert set(form["funds"]["total"]) >= {"initial_budget", "adjusted_budget", "executed", "weight", "rate", "score"}
    assert set(form["indicators"][0]) >= {
        "level1",
        "level2",
        "name",
        "target",
        "actual",
        "weight",
        "score",
        "explanation",
    }


def test_parse_json_output_reads_back_identically(tmp_path):
    first = run_cli("parse", str(SEED_003))
    saved = tmp_path / "f.json"
    saved.write_text(first.stdout, encoding="utf-8")
    assert run_cli("parse", str(saved)).stdout == first.stdout


def test_parse_yaml_and_text_formats():
    yaml_out = run_cli("parse", str(SEED_001), "--format", "yaml")
    assert yaml_out.returncode == 0 and yaml_out.stdout.startswith("forms:\n- project: 公积金管理业务费用项目")
    text_out = run_cli("parse", str(SEED_003), "-f", "text")
    assert text_out.returncode == 0
    assert "律师顾问工作验收合格率" in text_out.stdout and "年度指标值设置不够合理" in text_out.stdout


def test_reader_can_be_forced():
    result = run_cli("parse", str(SEED_001), "--reader", "pdftext")
    assert result.returncode == 2  # tab text is not PDF text: refused, not misread
    assert result.stderr.count("\n") == 1


def test_schema_describes_the_document():
    schema = json.loads(run_cli("schema").stdout)
    assert "forms" in schema["properties"] and "Indicator" in schema["$defs"]


def test_bad_inputs_exit_2_with_one_line_naming_the_file(tmp_path):
    cases = {
        "empty.txt": b"",
        "noise.bin": bytes(range(256)) * 8,
        "prose.txt": "这是一段普通的文字，没有任何表格。\n".encode(),
        "broken.json": b'{"forms": [',
        "types.json": '{"forms": [{"indicators": [{"name": "a", "score": "很好"}]}]}'.encode(),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    for name in [*cases, "missing.txt"]:
        result = run_cli("parse", str(tmp_path / name))
        assert result.returncode == 2, name
        assert result.stderr.startswith(f"reviewer: error: {tmp_path / name}"), result.stderr
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert result.stdout == ""


def test_batch_goes_on_past_a_bad_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    result = run_cli("parse", str(bad), str(FORMS / "tab_sichuan.txt"))
    assert result.returncode == 2
    assert len(json.loads(result.stdout)["forms"]) == 1
    assert "bad.json" in result.stderr


def test_unknown_option_is_a_usage_error():
    assert run_cli("parse", "--format", "xml", str(SEED_001)).returncode == 2


def test_the_installed_command_starts_and_answers():
    result = run_installed("--version")
    assert result.returncode == 0 and result.stdout.startswith("reviewer ")
    checked = run_installed("check", str(SEED_001), "--format", "json")
    assert checked.returncode == 1 and json.loads(checked.stdout)["summary"]["forms"] == 3


def test_help_names_its_values_not_python_types():
    for command in ("check", "review", "golden eval", "serve"):
        text = run_cli(*command.split(), "--help").stdout
        assert not re.search(r"<[a-z][a-z \[\]]*>|\[x[<>]=?", text), command  # <list[str]>, <bool>, [x>=1]
        assert "--help" in text
    assert ".csv" in run_cli("check", "--help").stdout  # every file type the README lists


def test_chinese_help_from_the_option_or_the_environment():
    english = run_cli("--help").stdout
    assert "Check 项目支出绩效自评表" in english
    for args, env in ((["check", "--help", "--lang", "zh"], None), (["--help"], {"REVIEWER_LANG": "zh"})):
        text = run_cli(*args, env=env).stdout
        assert "审核" in text and "Check forms" not in text, args
        assert "─ 选项 ─" in text and "Options" not in text, args
        assert "用法：reviewer" in text and "显示此帮助后退出。" in text, args  # click's own words too
        assert "Usage:" not in text and "Show this message" not in text, args
    commands = ["parse", "check", "review", "report", "rules", "serve", "golden run", "golden eval"]
    for command in commands:
        text = run_cli(*command.split(), "--help", env={"REVIEWER_LANG": "zh"}).stdout
        assert "…" not in text, f"{command}: a Chinese line was cut off"
        assert not re.search(r"[，。；：、）] (?=[^\s│[])|[^\s│] （", text), f"{command}: a stray space"
        assert not re.search(r"│ +[，。；：、）]|（ *│", text), f"{command}: a line begins with a closing mark"
    assert run_cli("--help").stdout == english  # and back
    assert "[必填]" in run_cli("check", "--help", "--lang", "zh").stdout
    assert "[required]" in run_cli("check", "--help").stdout


def panel_text(stderr: str) -> str:
    """The reason a usage error's panel gives, its lines joined."""
    return "".join(line.strip("│ ") for line in stderr.splitlines() if line.startswith("│"))


@pytest.mark.parametrize(
    ("args", "chinese"),
    [
        (["check", "--bogus"], "没有选项 --bogus"),
        (["check"], "缺少参数 'PATH'"),
        (["chek"], "没有命令 'chek'。是否要用 'check', 'schema'？"),
        (["check", "-j", "0", "x"], "'--jobs' / '-j' 的值无效：应不小于 1"),
        (["check", "-j", "two", "x"], "'--jobs' / '-j' 的值无效：应为整数"),
        (["check", "-o"], "选项 '-o' 后面要给出值"),
        (["check", "-f", "xlsx", "x"], "'--format' 的值无效：xlsx 报告是文件：请用 -o FILE.xlsx 给出文件名"),
        (["critique", "--all", "x"], "'--all' 的值无效：critique 不起草；既要评析又要起草，请用 review --all"),
        (["review", "x", "--template", "beijing"], "值无效：template：没有模板 'beijing'；可选 auto, mof2020,"),
        (
            ["check", "x", "-o", "审核.PDF"],
            "'--output' 的值无效：不能写出 .pdf 格式的报告：请用 -o FILE.html（可在浏览器中打印为 PDF）",
        ),
        (["check", "-f", "word", "x"], "'--format' / '-f' 的值无效：'word' 不是可选的值；可选 'text', 'json',"),
    ],
)
def test_usage_errors_in_chinese_where_the_help_is(args, chinese):
    english = run_cli(*args)
    result = run_cli(*args, env={"REVIEWER_LANG": "zh"})
    assert result.returncode == english.returncode == 2
    assert panel_text(result.stderr).replace(" ", "").startswith(chinese.replace(" ", "")), result.stderr
    assert "─ 错误 ─" in result.stderr and "─ Error ─" in english.stderr
    assert ("查看帮助" in result.stderr) == ("for help" in english.stderr)  # where typer says where help is
    assert result.stderr.startswith("用法：reviewer") == english.stderr.startswith("Usage: reviewer")
    assert run_cli(*args).stderr == english.stderr  # and back


def test_a_bad_template_is_one_clear_reason():
    result = run_cli("check", str(SEED_001), "--template", "beijing")
    assert result.returncode == 2
    assert "unknown template 'beijing'; choose auto, mof2020" in result.stderr
    assert "pydantic" not in result.stderr and "errors.pydantic.dev" not in result.stderr


def test_review_and_report_take_the_selection_and_say_what_they_wrote(tmp_path):
    selected = run_cli("review", str(SEED_003), "-f", "json", "--select", "T401", "--template", "mof2020")
    rules = {f["rule"] for form in json.loads(selected.stdout)["forms"] for f in form["findings"]}
    assert rules == {"T401"}
    report = run_cli("report", str(SEED_003), "-o", str(tmp_path / "r.html"), "--ignore", "F,T")
    assert report.returncode == 0 and (tmp_path / "r.html").exists()  # the errors of 003 are F and T
    assert (
        report.stderr.strip()
        == f"reviewer: 已写入 {tmp_path / 'r.html'}：9张表，错误0个，警告9个，提示9个（退出码0：未发现错误）"
    )
    english = run_cli("report", str(SEED_003), "-o", str(tmp_path / "r.html"), "--lang", "en", "--select", "T401")
    assert english.stderr.strip() == (
        f"reviewer: wrote {tmp_path / 'r.html'}: 9 forms, 1 error, 0 warnings, 0 info (exit 1: errors found or an item "
        "failed its checks)"
    )
    # Every command that writes its report to a file says so, and what its exit code means there.
    drafted = run_cli("draft", str(SEED_003), "-o", str(tmp_path / "d.json"), "--lang", "en", "-q", "--select", "T401")
    assert drafted.stderr.strip() == (
        f"reviewer: wrote {tmp_path / 'd.json'}: 9 forms, 1 error, 0 warnings, 0 info (exit 0: every item passed its "
        "checks)"
    )
    checked = run_cli("check", str(SEED_003), "-o", str(tmp_path / "c.json"), "--exit-zero", "--select", "T401")
    assert checked.returncode == 0 and checked.stderr.strip() == (
        f"reviewer: 已写入 {tmp_path / 'c.json'}：9张表，错误1个，警告0个，提示0个"
        "（退出码0：发现错误，已用--exit-zero）"
    )
    assert run_cli("check", str(SEED_003), "--select", "T401").stderr == ""  # on the terminal, the report says it


def test_golden_eval_against_no_endpoint_says_so():
    result = run_cli(
        "golden",
        "eval",
        "--model",
        "m",
        "seed-001-1",
        "--retries",
        "0",
        "--quiet",
        env={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "OPENAI_API_KEY": "x"},
    )
    assert result.returncode == 2
    assert "no answer from the endpoint" in result.stderr and "APIConnectionError" in result.stderr


def test_review_against_no_endpoint_says_so_and_writes_nothing(tmp_path):
    # Every item failing in transport means no model was asked: a report of failed items would
    # read as its verdict.
    out = tmp_path / "r.html"
    env = {"OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "OPENAI_API_KEY": "x"}
    result = run_cli("report", str(SEED_001), "-o", str(out), "--retries", "0", "--no-cache", "--quiet", env=env)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and not out.exists()
    assert "模型服务没有应答，未写入任何内容：endpoint error: APIConnectionError" in result.stderr


@pytest.mark.parametrize(
    ("args", "chinese", "english"),
    [
        (["check", "--select", "Z9"], "没有与 'Z9' 相符的规则；`reviewer rules` 列出全部规则", "no rule matches 'Z9';"),
        (
            ["review", "--backend", "gpt"],
            "没有后端 'gpt'；可选 auto, offline, openai, replay",
            "unknown backend 'gpt';",
        ),
        (["review", "--backend", "replay"], "--backend replay 需要 --recording FILE", "--backend replay needs"),
    ],
)
def test_a_command_that_cannot_start_says_why_in_the_reports_language(args, chinese, english):
    zh, en = run_cli(*args, str(SEED_001)), run_cli(*args, str(SEED_001), "--lang", "en")
    assert (zh.returncode, en.returncode) == (2, 2) and zh.stdout == en.stdout == ""
    assert zh.stderr == f"reviewer: 错误：{chinese}\n"
    assert en.stderr.startswith(f"reviewer: error: {english}")


def test_no_symbolic_link_in_the_tree():
    # A Windows checkout (core.symlinks=false) turns a link into a text file: the prompt files and
    # the report's page are real files inside the package.
    import subprocess

    from tests.conftest import ROOT

    listed = subprocess.run(["git", "ls-files", "-s"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert not [line for line in listed.splitlines() if line.startswith("120000")]
    assert (ROOT / "reviewer" / "prompts" / "system.j2").is_file()


def test_every_help_text_has_its_chinese():
    import inspect

    from reviewer.cli.i18n import _key, _parameter_infos
    from reviewer.cli.main import app
    from reviewer.cli.zh import ZH

    def texts(typer_app):
        yield typer_app.info.help
        for info in _parameter_infos(typer_app.registered_callback.callback) if typer_app.registered_callback else []:
            yield getattr(info, "_help_en", None) or info.help
        for command in typer_app.registered_commands:
            yield getattr(command, "_help_en", None) or command.help or inspect.getdoc(command.callback)
            for info in _parameter_infos(command.callback):
                yield getattr(info, "_help_en", None) or info.help
        for group in typer_app.registered_groups:
            yield from texts(group.typer_instance)

    missing = {_key(text) for text in texts(app) if text and isinstance(text, str)} - set(ZH)
    assert not missing, f"cli/zh.py lacks: {sorted(missing)}"


def test_the_output_formats_are_the_reports_and_no_reader_name():
    from reviewer.cli.common import OutputFormat

    assert [f.value for f in OutputFormat] == ["text", "json", "markdown", "html", "xlsx", "docx"]
    assert run_cli("check", str(SEED_001), "--format", "xml2003").returncode == 2
