"""S2xx: weights, scores, grades and the scoring rules of 财预〔2020〕10号."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..model import Form
from .base import Context, Hit, rule
from .common import HUNDRED, cell, comparable, identical_text_met, is_reverse, show, target_met, within

GRADE_WORDS = {"achieved": ("达成年度指标", "achieved"), "partial": ("部分达成年度指标并具有一定效果", "partly achieved"),
               "failed": ("未达成年度指标且效果较差", "not achieved")}


def _sum(values) -> Decimal:
    return sum((v for v in values if v is not None), Decimal(0))


def _funds_weight(form: Form) -> Decimal:
    return form.funds.total.weight if form.funds.total and form.funds.total.weight is not None else Decimal(0)


@rule("S201", "weights-total", "error")
def weights_total(form: Form, ctx: Context) -> Iterator[Hit]:
    """Indicator weights and the funds weight do not add up to the template's total.

    ## What it checks
    Σ 分值 of all indicators + the funds 分值 against the template total (100).

    ## Why it matters
    Points that do not add up to 100 make every score and grade on the form meaningless
    (产出70 + 效益20 + 满意度10 + 执行10 = 110 under a 总分 of 100 has been published).

    ## Example
    Indicators weighted 95 plus 10 for the funds: 105.

    ## How to fix
    Re-weight the indicators so that they and the funds block total 100.

    ## Options
    `template`
    """
    weights = [row.weight for row in form.indicators if row.weight is not None]
    if not weights:
        return
    total = _sum(weights) + _funds_weight(form)
    if abs(total - ctx.template.total) > ctx.config.tolerance.score:
        yield Hit(f"指标分值合计{show(_sum(weights))}加资金分值{show(_funds_weight(form))}为{show(total)}，"
                  f"应为{ctx.template.total}",
                  f"indicator weights {show(_sum(weights))} plus funds weight {show(_funds_weight(form))} make "
                  f"{show(total)}, not {ctx.template.total}", facts={"sum": show(total)})


@rule("S202", "total-score-mismatch", "error")
def total_score_mismatch(form: Form, ctx: Context) -> Iterator[Hit]:
    """The printed 总分 is not the sum of the scores.

    ## What it checks
    总分 against Σ 得分 of the indicators + the funds 得分, within `tolerance.score` or one unit
    of the last printed digit.

    ## Why it matters
    总分 decides the grade and is what gets reported upward; an addition error is the simplest
    defect to catch and the most embarrassing to miss.

    ## Example
    Scores 20.83 + 25 + 21 + 10 and funds 8.60 make 85.43; 总分 printed 84.43.

    ## How to fix
    Add the scores again and correct 总分 (or the score that is wrong).

    ## Options
    `tolerance.score`
    """
    if form.total is None or form.total.score is None:
        return
    scores = [row.score for row in form.indicators if row.score is not None]
    if not scores:
        return
    funds = form.funds.total.score if form.funds.total and form.funds.total.score is not None else Decimal(0)
    expected = _sum(scores) + funds
    if not within(form.total.score, expected, str(form.total.score), ctx.config.tolerance.score):
        yield Hit(f"总分填报为{form.total.score}，指标得分合计{show(_sum(scores))}加资金得分{show(funds)}为{show(expected)}",
                  f"总分 printed {form.total.score}; indicator scores {show(_sum(scores))} plus funds "
                  f"{show(funds)} make {show(expected)}",
                  line=form.total.line, facts={"printed": str(form.total.score), "computed": show(expected)})


@rule("S203", "section-weight-mismatch", "error")
def section_weight_mismatch(form: Form, ctx: Context) -> Iterator[Hit]:
    """A weight printed in a category header differs from the sum of its rows.

    ## What it checks
    For every first-level category whose header prints a weight ("产出指标(50分)"), that
    weight against Σ 分值 of the rows under it.

    ## Why it matters
    The header is the promise; rows that add up to something else mean a row was added,
    dropped or mis-weighted after the header was written.

    ## Example
    产出指标(50分) over rows weighted 12 + 14 + 12 + 14 = 52.

    ## How to fix
    Make the rows add up to the header, or correct the header.
    """
    for section in form.sections:
        if section.weight is None:
            continue
        rows = [row for row in form.indicators if row.level1 == section.level1]
        summed = _sum(row.weight for row in rows)
        if rows and abs(summed - section.weight) > ctx.config.tolerance.score:
            yield Hit(f"{section.level1}标注{section.weight}分，其下指标分值合计{show(summed)}",
                      f"{section.level1} is headed {section.weight} points; its rows add up to {show(summed)}",
                      line=rows[0].line, facts={"level1": section.level1, "printed": str(section.weight),
                                                "sum": show(summed)})


@rule("S204", "grade-mismatch", "error")
def grade_mismatch(form: Form, ctx: Context) -> Iterator[Hit]:
    """评分等级 is not the grade its 总分 earns.

    ## What it checks
    The printed grade against the grade for the printed 总分: 优 ≥ 90, 良 80–<90, 中 60–<80,
    差 < 60 (thresholds in `grades`).

    ## Why it matters
    The grade is what rankings and budget decisions read; it must follow from the score.

    ## Example
    总分 86.5 with 评分等级 优.

    ## How to fix
    Print the grade the score earns.

    ## Options
    `grades`
    """
    if not form.grade or form.total is None or form.total.score is None:
        return
    expected = grade_for(form.total.score, ctx)
    if form.grade != expected:
        yield Hit(f"总分{form.total.score}对应等级为“{expected}”，表中填报“{form.grade}”",
                  f"总分 {form.total.score} earns grade {expected}, the form says {form.grade}",
                  line=form.total.line, facts={"printed": form.grade, "expected": expected})


def grade_for(score: Decimal, ctx: Context) -> str:
    grades = ctx.config.grades
    return "优" if score >= grades.优 else "良" if score >= grades.良 else "中" if score >= grades.中 else "差"


@rule("S205", "score-out-of-range", "error")
def score_out_of_range(form: Form, ctx: Context) -> Iterator[Hit]:
    """A score above its weight or below zero.

    ## What it checks
    Every indicator's 得分 and the funds 得分 against 0 and its 分值.

    ## Why it matters
    A score never exceeds its weight; over-achievement earns an explanation, not extra points.

    ## Example
    分值 10, 得分 12.

    ## How to fix
    Cap the score at the weight; explain any over-achievement instead.
    """
    for row in form.indicators:
        if row.score is None or row.weight is None:
            continue
        if row.score > row.weight or row.score < 0:
            yield Hit(f"得分{cell(row, 'score')}超出0至分值{cell(row, 'weight')}的范围",
                      f"score {cell(row, 'score')} outside 0 to weight {cell(row, 'weight')}", row=row)
    funds = form.funds.total
    if funds and funds.score is not None and funds.weight is not None and not 0 <= funds.score <= funds.weight:
        yield Hit(f"资金得分{funds.printed('score')}超出0至分值{funds.printed('weight')}的范围",
                  f"funds score {funds.printed('score')} outside 0 to weight {funds.printed('weight')}",
                  line=funds.line)


@rule("S206", "met-but-deducted", "warning")
def met_but_deducted(form: Form, ctx: Context) -> Iterator[Hit]:
    """A target that was met, yet points were taken off.

    ## What it checks
    Rows that lost points although the actual meets the target by its comparator (≥, ≤, <, >;
    "=" and a bare number count as met when the actual is better in the indicator's direction),
    or although the actual repeats the target word for word.

    ## Why it matters
    The scoring rule gives full points for a met target. A deduction here is either an arithmetic
    slip or a judgement (the target was set too low) that must be written down.

    ## Example
    律师顾问工作验收合格率: target =90(%), actual 100.00(%), 8.50 of 10 points.

    ## How to fix
    Give full points, or explain the deduction (and raise next year's target if it was too low).
    """
    for row in ctx.deducted:
        if target_met(row) or identical_text_met(row):
            yield Hit(f"实际完成值{cell(row, 'actual')}已达到年度指标值{cell(row, 'target')}，却扣分"
                      f"（{cell(row, 'score')}/{cell(row, 'weight')}）",
                      f"actual {cell(row, 'actual')} meets the target {cell(row, 'target')}, yet scored "
                      f"{cell(row, 'score')} of {cell(row, 'weight')}", row=row)


@rule("S207", "missed-but-full", "warning")
def missed_but_full(form: Form, ctx: Context) -> Iterator[Hit]:
    """A quantitative target that was missed, yet full points.

    ## What it checks
    Rows whose actual misses the target by its comparator but score their whole weight.

    ## Why it matters
    Full points for a missed target inflate 总分 and hide the gap that needs explaining.

    ## Example
    养护里程: target ≥30公里, actual 28公里, 20 of 20 points.

    ## How to fix
    Score the row by the proportional rule and explain the gap.
    """
    for row in ctx.numeric:
        if row.weight is not None and row.score == row.weight and target_met(row) is False:
            yield Hit(f"实际完成值{cell(row, 'actual')}未达到年度指标值{cell(row, 'target')}，却得满分{cell(row, 'score')}",
                      f"actual {cell(row, 'actual')} misses the target {cell(row, 'target')}, yet full points "
                      f"{cell(row, 'score')}", row=row)


@rule("S208", "qualitative-band", "error")
def qualitative_band(form: Form, ctx: Context) -> Iterator[Hit]:
    """A qualitative grade scored outside its band.

    ## What it checks
    Rows whose 实际完成值 is one of the three grades (达成年度指标, 部分达成年度指标并具有一定效果,
    未达成年度指标且效果较差, or an unambiguous variant such as 达成指标): the score as a share of
    the weight must lie in the grade's band, 80–100%, 60–80% and 0–60% (`bands`; some
    localities use 50%). Both ends are included.

    ## Why it matters
    The bands are the scoring rule for qualitative indicators; a score outside them means the
    grade or the score is wrong.

    ## Example
    部分达成指标并具有一定效果 scored 9 of 10 (90%).

    ## How to fix
    Score within the band of the grade given, or change the grade.

    ## Options
    `bands`
    """
    for row in form.indicators:
        value = row.actual_value
        if value is None or value.grade is None or row.weight is None or row.score is None or not row.weight:
            continue
        low, high = getattr(ctx.config.bands, value.grade)
        share = row.score / row.weight * HUNDRED
        if not low <= share <= high:
            zh, en = GRADE_WORDS[value.grade]
            yield Hit(f"“{cell(row, 'actual')}”（{zh}）应得分值的{low}%–{high}%，实得{cell(row, 'score')}/"
                      f"{cell(row, 'weight')}（{show(share)}%）",
                      f"'{cell(row, 'actual')}' ({en}) scores {low}–{high}% of the weight; this row has "
                      f"{cell(row, 'score')} of {cell(row, 'weight')} ({show(share)}%)",
                      row=row, facts={"share": show(share)})


@rule("S209", "proportional-score", "warning")
def proportional_score(form: Form, ctx: Context) -> Iterator[Hit]:
    """A missed quantitative target scored far from the proportional rule.

    ## What it checks
    For a missed target: a positive (≥) indicator should score 分值 × 实际 ÷ 目标; a reverse (≤)
    one 分值 × 目标 ÷ 实际 (`reverse_scoring = "ratio"`) or 分值 × (1 − (实际 − 目标) ÷ 目标),
    zero at twice the target (`"linear"`). The score may differ by `tolerance.proportional`
    (0.5 points). Targets of zero are not scored this way and are skipped.

    ## Why it matters
    The proportional rule is the published method; a score far from it is a judgement that
    has to be explained, or a mistake.

    ## Example
    养护里程: target ≥30公里, actual 20公里, 分值 20: proportional 13.33, scored 18.

    ## How to fix
    Score by the rule, or explain why the deduction differs.

    ## Options
    `reverse_scoring`, `tolerance.proportional`
    """
    for row in ctx.deducted:
        if target_met(row) is not False:
            continue
        numbers = comparable(row.target_value, row.actual_value)  # type: ignore[arg-type]
        if numbers is None:
            continue
        goal, done = numbers
        expected = _proportional(row.weight, goal, done, is_reverse(row), ctx.config.reverse_scoring)
        if expected is not None and abs(row.score - expected) > ctx.config.tolerance.proportional:
            yield Hit(f"未达标按比例应得约{show(expected)}分，实得{cell(row, 'score')}",
                      f"missed target: the proportional rule gives about {show(expected)}, scored {cell(row, 'score')}",
                      row=row, facts={"expected": show(expected)})


def _proportional(weight: Decimal, goal: Decimal, done: Decimal, reverse: bool, convention: str) -> Decimal | None:
    if goal <= 0 or done < 0:
        return None
    if not reverse:
        return min(weight * done / goal, weight)
    if convention == "ratio":
        return weight * goal / done if done else weight
    return max(weight * (1 - (done - goal) / goal), Decimal(0))


@rule("S210", "template-weights", "warning")
def template_weights(form: Form, ctx: Context) -> Iterator[Hit]:
    """First-level weights differ from the template's.

    ## What it checks
    Σ 分值 of each first-level category, and the funds 分值, against the weights the selected
    template fixes (MoF 2020: 产出 50, 效益 30, 满意度 10, funds 10; Hubei: funds 20).
    Templates that leave the split free (101号-style, Sichuan) only check the funds weight.

    ## Why it matters
    A form weighted off-template scores differently from its peers, and the difference is
    usually a category left out or padded.

    ## Example
    产出指标 rows weighted 60 under the MoF template (50).

    ## How to fix
    Re-weight to the template, or configure the template the province actually uses.

    ## Options
    `template`
    """
    template = ctx.template
    funds = form.funds.total.weight if form.funds.total else None
    if template.funds_weight is not None and funds is not None and funds != template.funds_weight:
        yield Hit(f"资金执行分值{funds}，模板（{template.name}）为{template.funds_weight}",
                  f"funds weight {funds}; the {template.name} template gives {template.funds_weight}",
                  line=form.funds.total.line if form.funds.total else None)
    for level1, expected in template.level1.items():
        rows = [row for row in form.indicators if row.level1 == level1]
        summed = _sum(row.weight for row in rows)
        if rows and summed != expected:
            yield Hit(f"{level1}分值合计{show(summed)}，模板（{template.name}）为{expected}",
                      f"{level1} weighs {show(summed)}; the {template.name} template gives {expected}",
                      line=rows[0].line, facts={"level1": level1, "sum": show(summed)})
