"""The command as a user runs it: output formats, exit codes, one-line errors."""

import json

from tests.conftest import FORMS, SEED_001, SEED_003, run_cli


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
