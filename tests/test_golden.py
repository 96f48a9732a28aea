"""The golden suite: one test per case, and the behaviour QA relies on — a change to a template
or an input shows as a diff naming the case and the line, a missing artefact fails and is not
written, a stale one is reported, and `golden update` makes the case pass again."""

import json
import shutil
from pathlib import Path

import pytest

from reviewer.golden.cases import compare, list_cases, produce, update
from reviewer.llm.prompts import installed_prompts
from tests.conftest import ROOT, run_cli
from tests.llmserver import FakeEndpoint

CASES = ROOT / "golden" / "cases"


@pytest.mark.parametrize("case", list_cases(CASES), ids=lambda case: case.name)
def test_golden_case(case):
    differences = compare(produce(case))
    assert not differences, "\n".join(d.describe() for d in differences)


def test_every_rule_has_a_firing_and_a_silent_case():
    from reviewer.rules import RULES

    cases = list_cases(CASES)
    fired = {code for case in cases for code in case.fires}
    silent = {code for case in cases for code in case.silent}
    assert fired == set(RULES) and silent == set(RULES)
    assert sum(case.name.startswith("seed-") and case.mode == "review" for case in cases) == 12  # one per seed form


def test_rule_cases_are_written_from_the_catalogue(tmp_path):
    from reviewer.golden import rulecases

    assert rulecases.stale(CASES) == [], "`reviewer golden update` writes them"
    shutil.copytree(CASES / "rule-F101-fires", tmp_path / "rule-F101-fires")
    (tmp_path / "rule-F101-fires" / "input.json").write_text("{}", encoding="utf-8")
    shutil.copytree(CASES / "rule-F101-fires", tmp_path / "rule-X999-fires")
    stale = rulecases.stale(tmp_path)
    assert "rule-F101-fires/input.json differs from its rule's example" in stale
    assert "rule-X999-fires belongs to no rule example" in stale
    assert "rule-F101-silent/case.json is missing" in stale
    rulecases.write(tmp_path)
    assert rulecases.stale(tmp_path) == [] and not (tmp_path / "rule-X999-fires").exists()


def test_every_line_of_every_template_is_in_a_golden_prompt():
    """So that changing any line of any template makes some golden case fail."""
    import re

    prompts = "\n".join(p.read_text(encoding="utf-8") for p in CASES.glob("*/calls/*.prompt.txt"))
    for template in sorted((p for p in installed_prompts().iterdir() if p.name.endswith(".j2")), key=str):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            for piece in re.split(r"{{.*?}}|{%.*?%}", line):
                assert piece.strip() in prompts, f"{template.name}:{number} is in no golden prompt: {line}"


def copy_case(tmp_path: Path, name: str) -> Path:
    shutil.copytree(CASES / name, tmp_path / name)
    return tmp_path


def test_a_changed_template_line_shows_in_the_prompt_diff(tmp_path):
    prompts = tmp_path / "prompts"
    shutil.copytree(str(installed_prompts()), prompts)
    template = prompts / "critique.j2"
    template.write_text(
        template.read_text(encoding="utf-8").replace("给出审核意见和建议改写", "给出审核意见和改写建议"),
        encoding="utf-8",
    )
    [case] = list_cases(CASES, ["seed-003-3"])
    differences = compare(produce(case, prompts=prompts))
    changed = {d.path: d for d in differences}
    assert set(changed) == {"calls/critique-r03.1.prompt.txt", "calls/critique-r03.2.prompt.txt"}
    diff = changed["calls/critique-r03.1.prompt.txt"].describe()
    assert diff.startswith("seed-003-3/calls/critique-r03.1.prompt.txt")
    line = "请审核下面这一行绩效指标已填写的“偏差原因分析及改进措施”，逐项判断是否合格，并给出审核意见和"
    assert f"\n-{line}建议改写。\n+{line}改写建议。\n" in diff and "@@ -" in diff


def test_a_changed_input_number_fails_and_update_makes_it_pass(tmp_path):
    root = copy_case(tmp_path, "seed-003-4")
    path = root / "seed-003-4" / "input.json"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"executed": 356.49', '"executed": 366.49', 1), encoding="utf-8"
    )
    [case] = list_cases(root)
    differences = compare(produce(case))
    findings = next(d for d in differences if d.path == "findings.json")
    assert findings.kind == "changed" and "seed-003-4/findings.json" in findings.diff
    assert "356.49" in findings.diff and "366.49" in findings.diff
    done = update(produce(case, fill_missing=True))
    assert "updated seed-003-4/findings.json" in done
    assert not compare(produce(case))


def test_a_number_no_rule_looks_at_still_fails(tmp_path):
    root = copy_case(tmp_path, "rule-F102-silent")  # the clean base form: no finding either way
    path = root / "rule-F102-silent" / "input.json"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"target": "≥10次"', '"target": "≥11次"', 1), encoding="utf-8"
    )
    [case] = list_cases(root)
    [difference] = compare(produce(case))
    assert difference.path == "form.txt" and "≥10次" in difference.diff and "≥11次" in difference.diff


def test_a_missing_artefact_fails_and_a_run_does_not_write_it(tmp_path):
    root = copy_case(tmp_path, "seed-001-2")
    (root / "seed-001-2" / "findings.json").unlink()
    (root / "seed-001-2" / "calls" / "review-comment.1.response.txt").unlink()
    [case] = list_cases(root)
    kinds = {(d.path, d.kind) for d in compare(produce(case))}
    assert ("findings.json", "missing") in kinds
    assert ("calls/review-comment.1.response.txt", "missing") in kinds
    assert not (root / "seed-001-2" / "findings.json").exists()


def test_a_stale_artefact_is_reported_and_update_removes_it(tmp_path):
    root = copy_case(tmp_path, "rule-T401-fires")
    old = root / "rule-T401-fires" / "calls" / "draft-r01.1.prompt.txt"
    old.parent.mkdir()
    old.write_text("a prompt no call makes any more\n", encoding="utf-8")
    [case] = list_cases(root)
    assert [(d.path, d.kind) for d in compare(produce(case))] == [("calls/draft-r01.1.prompt.txt", "stale")]
    assert update(produce(case)) == ["removed rule-T401-fires/calls/draft-r01.1.prompt.txt"]


def test_an_unmet_expectation_fails(tmp_path):
    root = copy_case(tmp_path, "rule-F101-silent")
    spec = root / "rule-F101-silent" / "case.json"
    spec.write_text(json.dumps({"mode": "check", "fires": ["F101"]}), encoding="utf-8")
    [case] = list_cases(root)
    [difference] = compare(produce(case))
    assert difference.kind == "unmet" and "F101 did not fire" in difference.describe()


def test_the_recorded_bad_answers_are_asked_again():
    """The seed cases carry answers a model really gives: cut-off JSON, a fenced block, an invented
    number, a text over the limit, the indicator misnamed; each is re-asked, and one never recovers."""
    outputs = {
        case.name: json.loads((case.folder / "outputs.json").read_text(encoding="utf-8"))
        for case in list_cases(CASES)
        if case.mode == "review"
    }
    for name, call in (
        ("seed-001-1", "draft-r15"),
        ("seed-001-3", "draft-r21"),
        ("seed-003-3", "critique-r03"),
        ("seed-003-4", "critique-r18"),
        ("seed-003-7", "critique-r13"),
    ):
        second = (CASES / name / "calls" / f"{call}.2.prompt.txt").read_text(encoding="utf-8")
        assert "上一个回答未通过检查" in second, name
    failed = [
        (name, e["indicator"]) for name, o in outputs.items() for e in o["explanations"] if e["status"] == "failed"
    ]
    assert failed == [("seed-003-8", "长效管理机制完善情况")]
    assert "45" in outputs["seed-003-8"]["explanations"][1]["problems"][0]


def test_golden_commands(tmp_path):
    listing = run_cli("golden", "list", cwd=ROOT)
    assert listing.returncode == 0 and "seed-003-9" in listing.stdout and "rule-T401-fires" in listing.stdout
    passing = run_cli("golden", "run", "seed-003-2", "rule-S206-fires", cwd=ROOT)
    assert passing.returncode == 0 and "2 of 2 golden cases match" in passing.stderr
    root = copy_case(tmp_path, "rule-S206-fires")
    path = root / "rule-S206-fires" / "input.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"score": 13', '"score": 12', 1), encoding="utf-8")
    failing = run_cli("golden", "run", "--root", str(root))
    assert failing.returncode == 1 and "rule-S206-fires/findings.json: differs" in failing.stdout
    assert "1 differ" in failing.stderr
    unknown = run_cli("golden", "run", "no-such-case", cwd=ROOT)
    assert unknown.returncode == 2 and "no golden case named no-such-case" in unknown.stderr


def test_a_case_that_cannot_run_does_not_stop_the_others(tmp_path):
    root = copy_case(tmp_path, "rule-T401-fires")
    copy_case(tmp_path, "rule-T401-silent")
    (root / "rule-T401-fires" / "case.json").write_text('{"mode": "weird"}', encoding="utf-8")
    result = run_cli("golden", "run", "--root", str(root))
    assert result.returncode == 2
    assert "rule-T401-fires/case.json: mode 'weird': expected check or review" in result.stderr
    assert "1 of 2 golden cases match; 1 could not run" in result.stderr
    listing = run_cli("golden", "list", "--root", str(root))
    assert listing.returncode == 0 and "mode 'weird'" in listing.stdout


def test_golden_eval_scores_two_models_side_by_side(tmp_path):
    with FakeEndpoint() as endpoint:
        endpoint.per_model["inventive"] = "invented"  # adds 节约资金987.65万元 to every text
        result = run_cli(
            "golden",
            "eval",
            "seed-003-3",
            "seed-001-1",
            "--model",
            "plain",
            "--vs-model",
            "inventive",
            "-o",
            str(tmp_path / "eval.json"),
            "--no-cache",
            "-q",
            cwd=ROOT,
            env={"OPENAI_BASE_URL": endpoint.url, "OPENAI_API_KEY": "sk-test"},
        )
    assert result.returncode == 0, result.stderr
    assert "seed-003-3  (plain / inventive)" in result.stdout and "critique-r03" in result.stdout
    assert "inventive: 0 of 4 passed every check" in result.stdout
    scores = json.loads((tmp_path / "eval.json").read_text(encoding="utf-8"))
    by_call = {(i["case"], i["call"]): i for i in scores["items"]}
    assert set(by_call) == {
        ("seed-003-3", "critique-r03"),
        ("seed-003-3", "review-comment"),
        ("seed-001-1", "draft-r15"),
        ("seed-001-1", "review-comment"),
    }
    assert all(i["results"]["plain"]["checks"]["grounded"] for i in scores["items"])
    assert not any(i["results"]["inventive"]["checks"]["grounded"] for i in scores["items"])
    # The nameless row is named by its category 生态效益指标, as the checks ask of a draft.
    assert by_call[("seed-001-1", "draft-r15")]["results"]["plain"]["checks"]["rubric"] is True
    critique = by_call[("seed-003-3", "critique-r03")]
    assert critique["reference"].startswith("“律师顾问工作验收合格率”年度指标值=90(%)")
    assert 0 < critique["results"]["plain"]["similarity"] < 1
    with FakeEndpoint() as endpoint:
        endpoint.per_task = {"review-comment": ["hollow"] * 3}  # a comment that says nothing
        gate = run_cli(
            "golden",
            "eval",
            "seed-003-3",
            "--model",
            "plain",
            "--fail-under",
            "75",
            "--no-cache",
            "-q",
            cwd=ROOT,
            env={"OPENAI_BASE_URL": endpoint.url, "OPENAI_API_KEY": "sk-test"},
        )
    assert gate.returncode == 1 and "plain: 1 of 2 passed every check" in gate.stdout


def test_a_check_that_cannot_run_fails():
    from reviewer.golden.evaluate import CHECKS, _plan, score
    from reviewer.llm.jobs import Outcome
    from reviewer.llm.schemas import Draft

    [case] = list_cases(CASES, ["seed-001-2"])
    job = next(j for j in _plan(case, None) if j.task == "draft")
    assert score(job, Outcome(None, ["endpoint error"]), "参考", 0.3).checks == dict.fromkeys(CHECKS, False)
    answer = Draft(explanation="无", cause="", controllable=None, timing="unknown", measure="")
    placeholder = score(job, Outcome(answer), None, 0.3).checks
    assert placeholder["phrasing"] is False and placeholder["similar"] is False and placeholder["rubric"] is False


def test_every_folder_of_cases_is_a_case():
    strays = [p.name for p in CASES.iterdir() if p.is_dir() and not (p / "case.json").exists()]
    assert not strays, f"folders under golden/cases that no case owns: {strays}"
