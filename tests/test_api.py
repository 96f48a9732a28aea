"""The public API, without the command line: what `reviewer.read`, `check` and `review` give
is what the commands print, and bad input raises the error the commands report."""

from __future__ import annotations

import json

import pytest

import reviewer
from reviewer.api import check_paths
from reviewer.config import Config
from reviewer.rules import kit
from tests.conftest import SEED_001, SEED_003, Told, run_cli


def relative(path) -> str:
    return str(path.relative_to(path.parents[2]))  # as the CLI is run from the repository root


def test_read_a_path_or_the_bytes_of_a_file():
    by_path = reviewer.read(SEED_001)
    by_bytes = reviewer.read(SEED_001.read_bytes(), name="upload.txt")
    assert [f.project for f in by_path] == [f.project for f in by_bytes] and len(by_path) == 3
    assert by_bytes[0].source.path == "upload.txt"
    assert [f.model_copy(update={"source": None}) for f in by_path] == [
        f.model_copy(update={"source": None}) for f in by_bytes
    ]


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b"\x00\x01", "binary file, not a text form (contains NUL bytes)"),
        (b'{"forms": [', "invalid JSON: Expecting value (column 12)"),
    ],
)
def test_bad_input_raises_the_reason_the_command_prints(tmp_path, data, reason):
    with pytest.raises(reviewer.InputError) as raised:
        reviewer.read(data, name="bad.txt")
    assert str(raised.value).startswith("bad.txt") and reason in str(raised.value)
    (tmp_path / "bad.txt").write_bytes(data)
    printed = run_cli("parse", str(tmp_path / "bad.txt")).stderr.strip()
    assert printed == f"reviewer: error: {str(raised.value).replace('bad.txt', str(tmp_path / 'bad.txt'), 1)}"


def test_check_is_the_json_of_check_format_json():
    for seed in (SEED_001, SEED_003):
        result = reviewer.check(reviewer.read(relative(seed)))
        printed = run_cli("check", relative(seed), "--format", "json")
        assert result.to_dict() == json.loads(printed.stdout)
        assert result.exit_code == printed.returncode == 1


def test_check_takes_paths_and_keeps_going_past_a_bad_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("没有表格", encoding="utf-8")
    told = Told()
    result = reviewer.check([str(SEED_001), bad], progress=told)
    assert result.summary()["forms"] == 3 and result.summary()["unreadable"] == 1
    assert told.said == ["start 2", "done", "done"]  # the bad file is one of the files done
    assert [str(e) for e in result.errors] == [
        f"{bad}: no form found: not JSON or YAML, and no 项目名称 or 绩效自评表 in the text"
    ]
    assert reviewer.check([bad]).exit_code == 2
    assert reviewer.check([kit.base()]).exit_code == 0


def test_check_settings_and_forms_or_paths_not_both():
    only_funds = reviewer.check(reviewer.read(SEED_003), reviewer.Config(select=["F"]))
    assert {f["rule"][0] for form in only_funds.to_dict()["forms"] for f in form["findings"]} == {"F"}
    with pytest.raises(TypeError):
        reviewer.check([kit.base(), str(SEED_001)])


def test_review_is_offline_unless_told_and_is_the_json_of_review():
    result = reviewer.review(reviewer.read(relative(SEED_003)))
    printed = run_cli("review", relative(SEED_003), "--format", "json", "--backend", "offline")
    assert result.to_dict() == json.loads(printed.stdout)
    assert result.exit_code == printed.returncode == 1
    assert {e["status"] for form in result.to_dict()["forms"] for e in form["explanations"]} == {"template"}
    critiques = reviewer.review(reviewer.read(SEED_003), mode="critique", backend=reviewer.OfflineBackend())
    assert {e.mode for form in critiques.forms for e in form.explanations} == {"critique"}


def test_the_public_names():
    assert set(reviewer.__all__) >= {
        "read",
        "check",
        "review",
        "InputError",
        "Config",
        "load_config",
        "Form",
        "CheckResult",
        "ReviewResult",
        "OfflineBackend",
        "OpenAIBackend",
        "ReplayBackend",
        "Settings",
    }
    with pytest.raises(AttributeError):
        reviewer.no_such_name  # noqa: B018


def test_files_read_from_bytes_check_as_the_same_files_read_from_disk():
    batch = reviewer.read_many([(str(SEED_001), SEED_001.read_bytes()), ("noise.bin", b"\x00\x01" * 50)])
    assert (len(batch.forms), batch.files, [e.path for e in batch.errors]) == (3, 2, ["noise.bin"])
    from_disk = check_paths([str(SEED_001)], Config()).to_dict()
    document = reviewer.check(batch).to_dict()
    assert document["forms"] == from_disk["forms"]
    assert document["summary"] == {**from_disk["summary"], "files": 2, "unreadable": 1}


def test_review_asks_only_about_the_rows_chosen():
    form = reviewer.read(SEED_003)[7]
    deducted = [row for row in form.indicators if row.score is not None and row.weight and row.score < row.weight]
    assert len(deducted) == 2
    result = reviewer.review([form], mode="critique", rows=lambda row: row is deducted[1])
    assert [e.indicator for e in result.forms[0].explanations] == [deducted[1].name]
    assert result.forms[0].comment is None
    everything = reviewer.review([form], mode="review", rows=lambda row: False).forms[0]
    assert everything.explanations == [] and everything.comment
