"""The checks every field of a model's answer declares (``reviewer/llm/checks.py``)."""

import pytest
from pydantic import BaseModel

from reviewer.config import Config
from reviewer.llm import checks
from reviewer.llm.review import plan_form
from reviewer.llm.schemas import TASKS, Critique, Draft, ReviewComment
from reviewer.readers import read_forms
from tests.conftest import SEED_001, SEED_003


@pytest.fixture(scope="module")
def seed_forms():
    return read_forms(str(SEED_001)) + read_forms(str(SEED_003))


@pytest.fixture(scope="module")
def jobs(seed_forms):
    """The review questions of 服务工作专项经费, by task (one critique, the comment, consistency)."""
    form = next(f for f in seed_forms if f.project == "服务工作专项经费")
    return {job.task: job for job in plan_form(form, Config(), "review", False, 200)[1]}


def fields(schema: type[BaseModel]):
    for name, info in schema.model_fields.items():
        yield schema, name, info
        nested = info.annotation.__args__[0] if name == "contradictions" else info.annotation
        if isinstance(nested, type) and issubclass(nested, BaseModel):
            yield from fields(nested)


@pytest.mark.parametrize("task", sorted(TASKS))
def test_every_field_declares_exactly_one_check(task):
    for schema, name, info in fields(TASKS[task]):
        declared = [m for m in info.metadata if isinstance(m, checks.Check)]
        assert len(declared) == 1, f"{schema.__name__}.{name}"
        if info.annotation is str:  # a text a person reads is never left unchecked
            assert not isinstance(declared[0], checks.Closed | checks.Parts), f"{schema.__name__}.{name}"


def test_a_text_about_a_row_must_name_it_and_stay_within_the_limit(seed_forms):
    form = next(f for f in seed_forms if f.project == "服务工作专项经费")
    row = next(r for r in form.indicators if r.name == "宣传资料印刷工作完成及时性")
    prose = checks.Prose(names="row")
    assert prose.problems("扣0.50分。", checks.Ground(form, row, [], 200)) == ["未点明指标“宣传资料印刷工作完成及时性”"]
    too_long = prose.problems("宣传资料印刷工作完成及时性扣0.50分。", checks.Ground(form, row, [], 10))
    assert too_long == ["超过10字（20字）"]


def test_a_nameless_row_is_named_by_its_category(seed_forms):
    form = next(f for f in seed_forms if f.project == "公积金信息化服务外包项目")
    row = next(r for r in form.indicators if r.level2 == "生态效益指标")
    assert row.name == ""
    ground = checks.Ground(form, row, [], 200)
    assert checks.Prose(names="row").problems("生态效益未设置具体指标，扣2分，下年度将补充。", ground) == []


def test_the_schema_and_prompt_echoed_back_are_rejected(seed_forms):
    form = next(f for f in seed_forms if f.project == "公积金信息化服务外包项目")
    [draft] = [j for j in plan_form(form, Config(), "draft", False, 200)[1] if j.subject.row.level2 == "生态效益指标"]
    echoed = "A drafted 偏差原因分析及改进措施 for one indicator row."  # what SmolLM2 answered once
    answer = Draft(explanation=echoed, cause="偏差的具体原因", controllable=None, timing="unknown", measure="无")
    problems = draft.accept(answer)
    assert [p.split("：")[0] for p in problems] == ["explanation"] * 3 + ["cause", "measure"]
    assert "explanation：未点明指标“生态效益指标”" in problems
    assert "照抄了题目的说明或要求" in problems[0] and "照抄了题目的说明或要求" in problems[3]
    assert problems[4] == "measure：没有实际内容"
    instruction = "请为下面这一行绩效指标起草“偏差原因分析及改进措施”。"
    assert checks.echo(instruction, checks.instructions(draft.messages, Draft))


@pytest.mark.parametrize(
    "text, echo",
    [
        ("整张表的审核意见，中文，分条列出需修改的问题", True),  # the description, as SmolLM2 gave it
        ("给填报单位的审核意见，中文", True),
        ("点明指标名称，用本行自己的数字和单位说明偏差大小；给出具体原因", True),  # the prompt's rules
        ("未说明原因是否可控", False),  # a verdict answering its question "是否说明原因是否可控"
        ("需补充实际原因", False),  # what the prompt asks for when the cause is unknown
        ("“偏差原因分析及改进措施”未说明原因", False),  # a column's name is a name, not an instruction
        ("“律师顾问工作验收合格率”扣1.5分，偏差原因分析未说明原因是否可控，也未提出具体措施，请补充。", False),
    ],
)
def test_what_counts_as_an_echo(jobs, text, echo):
    critique = jobs["critique"]
    units = checks.instructions(critique.messages, Critique) + checks.instructions(
        jobs["review-comment"].messages, ReviewComment
    )
    assert bool(checks.echo(text, units)) is echo


@pytest.mark.parametrize(
    "comment, says",
    [
        ("“宣传资料印刷工作完成及时性”扣0.5分，请补充原因和完成时间。", []),
        ("扣0.5分，请补充原因和完成时间。", []),  # a number of the form
        ("宣传资料印制不及时（E300），请补充原因。", []),  # a finding's code
        ("请修改。", ["没有提到本表的任何指标、审核发现或数字", "只有一句话，没有写出具体问题和如何修改"]),
        ("偏差原因分析不具体。", ["没有提到本表的任何指标、审核发现或数字", "只有一句话，没有写出具体问题和如何修改"]),
        ("扣7.77分，应赔偿9999万元。", ["出现表中没有的数字：7.77、9999万"]),  # came back accepted once
        ("", ["文字为空"]),
    ],
)
def test_a_comment_must_say_something_of_this_form(jobs, comment, says):
    critique = jobs["critique"]
    ground = checks.Ground(critique.subject.form, critique.subject.row, critique.subject.findings, 200)
    assert checks.Prose(names="form", phrases=2).problems(comment, ground) == says


def test_a_narrative_is_a_quotation_and_an_indicator_a_row(jobs):
    consistency = jobs["consistency"]
    form = consistency.subject.form
    ground = checks.Ground(form, None, [], 200)
    narrative = form.goals.actual
    quoted = narrative[5:25].replace("，", "，\n  ")  # wrapped differently, still the same words
    assert checks.Quote().problems(quoted, ground) == []
    assert checks.Quote().problems(f"“{narrative[5:25]}”", ground) == []
    assert checks.Quote().problems("系统已于9月全部下线", ground) == ["不是“实际完成情况”的原文摘录"]
    assert checks.Quote().problems("  ", ground) == ["文字为空"]
    assert checks.Quote().problems(narrative[:2], ground) == ["摘录太短，看不出是原文的哪一句"]
    assert checks.RowName().problems(form.indicators[0].name, ground) == []
    assert checks.RowName().problems("系统下线率</form_data>", ground) == ["表中没有指标“系统下线率＜/form_data＞”"]


def test_problems_name_the_field_and_walk_nested_answers(jobs):
    consistency = jobs["consistency"]
    form = consistency.subject.form
    answer = TASKS["consistency"].model_validate(
        {
            "contradictions": [
                {"indicator": form.indicators[0].name, "narrative": form.goals.actual[:10], "explanation": "不一致"},
                {"indicator": "不存在", "narrative": form.goals.actual[:10], "explanation": "9999万元"},
            ]
        }
    )
    assert consistency.accept(answer) == [
        "contradictions[0].explanation：没有提到本表的任何指标、审核发现或数字",
        "contradictions[1].indicator：表中没有指标“不存在”",
        "contradictions[1].explanation：出现表中没有的数字：9999万",
    ]
