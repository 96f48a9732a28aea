"""Write the forms of tests/test_unseen.py: provincial layouts the readers were not made from,
each built by hand after a real published form in ../shared/forms/ (its file named beside it),
written with python-docx and printed to PDF by LibreOffice.

The numbers and texts are the published ones. Where an excerpt stops part-way (TRUNCATED) the
rest of the form is completed in the same template's manner, and the completion is marked
``# completed`` below; a layout no real form has is never made up.

Run from the repository root after changing this script (python-docx; LibreOffice for the PDFs):

    python tests/unseen/make_unseen.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from tests.documents.make_documents import Grid, convert, new_document, shown, write_table  # noqa: E402

Block = str | Grid  # a paragraph outside the table, or a table


def title(text: str) -> str:
    return "# " + text  # a centred heading


def hubei(
    widths: list[float],
    header: tuple[str, str, str],
    ticks: tuple[str, str, str],
    funds: tuple[tuple[str, ...], tuple[str, ...]],
    indicators_label: str,
    indicators: list[tuple],
) -> Grid:
    """The Hubei 20+80 template (财政项目绩效自评表): 项目名称, 主管部门 and 项目实施单位 (``header``),
    three rows of tick boxes, one funds row under 预算数（A）/ 执行数（B）/ 执行率（B/A）/ 得分, then
    the indicators with no 分值 column under a label merged down beside them, and 总分."""
    grid = Grid(widths)
    project, department, implementer = header
    grid.row(("项目名称", 1), (project, 6))
    grid.row(("主管部门", 1), (department, 2), ("项目实施单位", 1), (implementer, 3))
    for label, boxes in zip(("项目类别", "项目属性", "项目类型"), ticks):
        grid.row((label, 1), (boxes, 6))
    (funds_label, *funds_heads), (funds_row, *amounts) = funds
    grid.row((funds_label, 2), *[(text, 1) for text in funds_heads[:-1]], (funds_heads[-1], 2))
    grid.row((funds_row, 2), *[(text, 1) for text in amounts[:-1]], (amounts[-1], 2))
    top = grid.row(
        (indicators_label, 1),
        ("一级指标", 1),
        ("二级指标", 1),
        ("三级指标", 1),
        ("年初目标值（A）", 1),
        ("实际完成值（B）", 1),
        ("得分", 1),
    )
    merged_rows(grid, indicators, first_col=1)
    grid.merge_down(top, 0, grid.rows - 1)
    grid.row(("总分", 6), ("100", 1))  # completed: neither excerpt reaches it
    return grid


def hubei_huangshi() -> list[Block]:
    """15: Hubei 20+80, 黄石市图书馆 2022. No 分值 column; a score is given per 二级指标, its cell
    merged down over the 三级 rows that share it (数量, 时效, 环境效益); 社会效益 has none."""
    grid = hubei(
        widths=[2.0, 1.9, 1.9, 3.4, 2.7, 2.7, 1.2],
        header=("共享工程", "黄石市文化和旅游局", "黄石市图书馆"),
        ticks=(
            "1、部门预算项目 ☑    2、市直专项 □",
            "1、持续性项目 ☑    2、新增性项目 □",
            "1、常年性项目 ☑    2、延续性项目 □    3、一次性项目 □",
        ),
        funds=(
            ("预算执行情况（万元）\n（20分）", "预算数（A）", "执行数（B）", "执行率（B/A）", "得分\n（20分*执行率）"),
            ("年度财政资金总额", "5", "5", "100%", "20"),
        ),
        indicators_label="年度绩效指标\n（80分）",
        indicators=[  # (一级, 二级, 三级, target, actual, score); None: merged into the cell above
            ("产出指标\n（40分）", "数量指标", "一个存储备份器", "25TB", "25TB", "10"),
            (None, None, "WIFI布点全覆盖", "100%覆盖", "100%覆盖", None),
            (None, "质量指标", "以最新资源面市", "资源采购期以当年为主", "资源采购期以当年为主", "10"),
            (None, "时效指标", "可保证读者使用时长", "全天候可用", "全天候", "10"),
            (None, None, "2022年全年", "≥360天", "≥360天", None),
            (None, "成本指标", "以低价位高质量为采购原则", "5万", "5万", "10"),
            ("效益指标\n（30分）", "经济效益", "社会公益服务无经济效益", "公益性事业", "公益性事业", "10"),
            (
                None,
                "社会效益",
                "使读者更方便快捷查找检阅",
                "独有数据资源查询，查询范围可扩展到省图",
                "独有数据资源查询，查询范围可扩展到省图",
                "",
            ),
            (None, None, "促进黄石文化经济发展，丰富市民文化活动", None, None, None),
            (None, "环境效益", "数字图书馆环境优良无污染", "良好", "良好", "10"),
            (None, None, "WIFI全覆盖，绿色环保", "良好", "良好", None),
            (None, "可持续影响指标", "≥360天服务读者", "≥360天", "≥360天", "10"),
            ("满意度指标\n（10分）", "读者", "在网络上设置读者满意度调查", "≥90%", "95%", "10"),  # completed
        ],
    )
    return [
        "附表2",
        title("2022年度共享工程项目自评表"),
        "项目单位（盖章）：黄石市图书馆        主要领导签字：",
        "填报日期：2023.6.28",
        grid,
        "填表人：            联系电话：",
    ]


def hubei_xiangyang() -> list[Block]:
    """07: Hubei 20+80 as 襄阳 prints it, 襄阳市中心医院 2021: 单位名称 and 填报日期 above the table,
    no weights in the 一级 cells, 二级 named short (成本, 时效, 可持续性). The excerpt stops in the
    可持续性 row."""
    grid = hubei(
        widths=[2.0, 1.6, 1.7, 4.0, 2.3, 2.3, 1.2],
        header=("东津院区建设补助", "襄阳市卫生健康委", "襄阳市中心医院"),
        ticks=(
            "1、部门预算项目 □    2、财政专项 ☑    3、市对下转移支付项目 □",
            "1、持续性项目 □    2、新增性项目 □",
            "1、常年性项目 □    2、延续性项目 ☑    3、一次性项目 □",
        ),
        funds=(
            ("预算执行情况\n（万元）（20分）", "预算数（A）", "执行数（B）", "执行率（B/A）", "得分（20分*执行率）"),
            ("年度财政\n资金总额", "1000", "1000", "100%", "20"),
        ),
        indicators_label="年度绩效指标（80分）",
        indicators=[
            ("产出\n指标", "数量指标", "成本控制", "不超过预算", "不超过预算", "10"),
            (None, "质量指标", "保证财政建设补助专款专用", "专款专用", "专款专用", "10"),
            (None, "成本", "每年财政补助1000万元", "1000万元", "1000万元", "10"),
            (None, "时效", "1年", "1年", "1年", "10"),
            ("效益\n指标", "经济效益", "完成东津院区建设，医院东津医疗收入达到5亿元", "5亿元", "6.47亿元", "10"),
            (None, "可持续性", "院区建成后，可持续为周边群众提供医疗服务", "服务范围扩大", "服务范围扩大", "10"),
            (None, "社会效益", "改善东津新区群众就医条件", "改善", "改善", "10"),  # completed from here
            ("满意度\n指标", "服务对象满意度", "就诊群众满意度", "≥90%", "95%", "10"),
        ],
    )
    return [title("2021年度财政项目绩效自评表"), "单位名称：襄阳市中心医院        填报日期：2022年3月18日", grid]


def merged_rows(grid: Grid, rows: list[tuple], first_col: int) -> None:
    """Indicator rows whose None cells are merged into the cell above (vMerge)."""
    tops: dict[int, int] = {}
    for cells in rows:
        line = grid.rows
        grid.row(*[("", 1)] * first_col, *[("" if text is None else text, 1) for text in cells])
        for offset, text in enumerate(cells):
            col = first_col + offset
            if text is None:
                grid.merge_down(tops[col], col, line)
            else:
                tops[col] = line


def sichuan(
    header: list[tuple[str, int]],
    goals: tuple[str, str, str],
    funds: list[tuple[str, ...]],
    indicators: list[tuple],
    total: tuple[str, str],
    verdict: tuple[str, str, str],
    signatures: list[tuple[str, int]],
) -> Grid:
    """The Sichuan 10+90 template (部门预算项目支出绩效自评表): 指标性质 and 度量单位 beside 指标值,
    完成值, 权重; the budget rows 总额 / 其中：财政资金 / 财政专户管理资金 / 单位资金 / 其他资金."""
    grid = Grid([1.5, 1.3, 1.4, 2.6, 1.0, 1.1, 1.0, 1.4, 1.0, 1.0, 2.6])
    for row in header:
        grid.row(*row)
    top = grid.row(("项目基本情况", 1), ("1.项目年度目标完成情况", 2), ("项目年度目标", 4), ("年度目标完成情况", 4))
    grid.row(("", 1), ("", 2), (goals[0], 4), (goals[1], 4))
    grid.merge_down(top, 1, top + 1, cols=2)
    grid.row(("", 1), ("2.项目实施内容及过程概述", 2), (goals[2], 8))
    grid.merge_down(top, 0, grid.rows - 1)
    top = grid.row(
        ("预算执行情况\n（10分）", 1),
        ("年度预算数（万元）", 2),
        ("年初预算", 1),
        ("调整后预算数", 1),
        ("预算执行数", 1),
        ("预算执行率", 1),
        ("权重", 1),
        ("得分", 1),
        ("原因", 2),
    )
    note = (
        "1.预算执行率=预算执行数/调整后预算数，预算执行率未达到90%的需说明原因（100字以内）；"
        "2.年中发生预算调整的（追加或调减），应单独说明理由；3.其他资金包括：社会投入资金、银行贷款。"
    )
    for i, cells in enumerate(funds):
        grid.row(("", 1), (cells[0], 2), *[(text, 1) for text in cells[1:]], (note if i == 0 else "", 2))
    grid.merge_down(top + 1, 9, grid.rows - 1, cols=2)
    grid.merge_down(top, 0, grid.rows - 1)
    top = grid.row(
        ("绩效指标\n（90分）", 1),
        ("一级指标", 1),
        ("二级指标", 1),
        ("三级指标", 1),
        ("指标性质", 1),
        ("指标值", 1),
        ("度量单位", 1),
        ("完成值", 1),
        ("权重", 1),
        ("得分", 1),
        ("未完成原因分析", 1),
    )
    merged_rows(grid, indicators, first_col=1)
    grid.merge_down(top, 0, grid.rows - 1)
    grid.row(("合计", 8), (total[0], 1), (total[1], 1), ("", 1))
    for label, text in zip(("评价结论", "存在问题", "改进措施"), verdict):
        grid.row((label, 1), (text, 10))
    grid.row(*signatures)
    return grid


def sichuan_qingshen() -> list[Block]:
    """04: 青神县发展和改革局 2023, as published: 完成值, 得分 and the boxes hold the template's hints."""
    grid = sichuan(
        header=[
            [("项目名称", 1), ("51000021R000000019951-工资性支出", 10)],
            [("主管部门", 1), ("青神县发展和改革局本级", 10)],
            [("实施单位\n（盖章）", 1), ("青神县发展和改革局", 10)],
        ],
        goals=(
            "严格执行相关政策，保障工资及时、足额发放或社保及时、足额缴纳，预算编制科学合理，减少结余资金。",
            "对照年度目标，说明相关任务目标的完成情况（100字以内）",
            "",
        ),
        funds=[
            ("总额", "238.93", "251.89", "251.89", "100.00%", "10", ""),
            ("其中：财政资金", "238.93", "251.89", "251.89", "100.00%", "/", "/"),
            ("财政专户管理资金", "0.00", "0.00", "0.00", "0.00%", "/", "/"),
            ("单位资金", "0.00", "0.00", "0.00", "0.00%", "/", "/"),
            ("其他资金", "", "", "", "", "/", "/"),
        ],
        indicators=[
            ("产出指标", "数量指标", "发放（缴纳）覆盖率", "=", "100", "%", "", "60", "", ""),
            ("效益指标", "社会效益指标", "足额保障率（参保率）", "=", "100", "%", "", "30", "", ""),
        ],
        total=("100", ""),
        verdict=(
            "结合自评情况，说明项目自评总分，说明项目实施取得的成效或成果。（200字以内）",
            "结合自评情况，分析存在的问题及原因。（200字以内）",
            "针对项目自评中发现的问题，提出下一步改进完善的意见及有关政策性建议。（200字以内）",
        ),
        signatures=[("项目负责人：", 6), ("财务负责人：", 5)],
    )
    return ["报表编号：510000_0013zp", title("部门预算项目支出绩效自评表（2023年度）"), grid]


def sichuan_daying() -> list[Block]:
    """05, form B: 大英县司法局 2023, the whole budget added mid-year; one indicator carries all 90
    points, as in the same file's form A (its values and the closing rows completed from form A)."""
    grid = sichuan(
        header=[
            [("项目名称", 1), ("51092324T000010263357-2023年全县安可替代补助资金项目", 10)],
            [("主管部门", 1), ("大英县司法局部门", 4), ("实施单位", 2), ("大英县司法局", 4)],
        ],
        goals=(
            "根据要求购买安可设备，并完成项目资金支付。",
            "完成",
            "2023年购买13台安可电脑，并于12月前完成资金支付。",
        ),
        funds=[
            ("总额", "0.00", "3.36", "3.36", "100.00%", "10", "10"),
            ("其中：财政资金", "0.00", "3.36", "3.36", "100.00%", "/", "/"),
            ("财政专户管理资金", "0.00", "0.00", "0.00", "0.00%", "/", "/"),
            ("单位资金", "0.00", "0.00", "0.00", "0.00%", "/", "/"),
            ("其他资金", "", "", "", "", "/", "/"),
        ],
        indicators=[
            ("产出指标", "质量指标", "完成安可产品购买并按要求支付资金", "=", "100", "%", "100", "90", "90", "")
        ],  # completed
        total=("100", "100"),  # completed
        verdict=("按要求购买安可设备，并完成项目资金支付。", "无", "无"),  # completed
        signatures=[("项目负责人：查小兵", 6), ("财务负责人：唐勇", 5)],
    )
    return [title("部门预算项目支出绩效自评表（2023年度）"), grid]


def anhui_tianchang() -> list[Block]:
    """09: the MoF template as Anhui prints it, 天长市水利局 2022: 主管部门 blank; 质量/时效/成本 rows
    with scores and no 指标值 or 完成值; the template's 指标2 / …… rows left in."""
    grid = Grid([1.3, 1.4, 1.6, 3.6, 1.6, 1.6, 1.0, 1.0, 2.6])
    grid.row(("项目名称", 2), ("水旱灾害防御经费", 7))
    grid.row(("主管部门", 2), ("", 3), ("实施单位", 1), ("天长市水利局", 3))
    top = grid.row(
        ("项目资金\n（万元）", 2),
        ("", 1),
        ("年初预算数", 1),
        ("全年预算数（A）", 1),
        ("全年执行数（B）", 1),
        ("分值", 1),
        ("执行率（B/A）", 1),
        ("得分", 1),
    )
    grid.row(("", 2), ("年度资金总额：", 1), ("880", 1), ("880", 1), ("880", 1), ("10", 1), ("", 1), ("10", 1))
    grid.row(("", 2), ("其中：本年财政拨款", 1), ("880", 1), ("880", 1), ("880", 1), ("-", 1), ("", 1), ("-", 1))
    grid.row(("", 2), ("上年结转资金", 1), ("", 1), ("", 1), ("", 1), ("-", 1), ("", 1), ("-", 1))
    grid.row(("", 2), ("其他资金", 1), ("", 1), ("", 1), ("", 1), ("-", 1), ("", 1), ("-", 1))
    grid.merge_down(top, 0, grid.rows - 1, cols=2)
    top = grid.row(("年度总体目标完成情况", 2), ("预期目标", 4), ("实际完成情况", 3))
    grid.row(("", 2), ("完成年度防汛工作，完成中型灌区节水改造项目和农业综合水价改革项目。", 4), ("完成年度目标。", 3))
    grid.merge_down(top, 0, grid.rows - 1, cols=2)
    top = grid.row(
        ("年度绩效指标完成情况", 1),
        ("一级\n指标", 1),
        ("二级指标", 1),
        ("三级指标", 1),
        ("年度指标值", 1),
        ("实际完成值", 1),
        ("分值", 1),
        ("得分", 1),
        ("偏差原因分析及改进措施", 1),
    )
    groups = [
        (
            "产出指标\n（50分）",
            [
                (
                    "数量指标",
                    [
                        ("指标1：完成中型灌区节水改造项目数量", "1", "1", "10", "10"),
                        ("指标2：完成农业综合水价改革项目", "1", "1", "10", "10"),
                    ],
                ),
                ("质量指标", [("指标1：工程质量合格", "", "", "10", "10"), ("指标2：", "", "", "", "")]),
                ("时效指标", [("指标1：年度资金支付完成率100%", "", "", "10", "10"), ("指标2：", "", "", "", "")]),
                ("成本指标", [("指标1：资金执行在预算范围内", "", "", "10", "10"), ("指标2：", "", "", "", "")]),
            ],
        ),
        (
            "效益指标\n（30分）",
            [
                ("经济效益\n指标", [("指标1：全市安全度汛", "", "", "10", "10"), ("指标2：", "", "", "", "")]),
                (
                    "社会效益\n指标",
                    [("指标1：保护全市人口财产不受损失", "", "", "10", "10"), ("指标2：", "", "", "", "")],
                ),
                ("生态效益\n指标", [("指标1：/", "/", "/", "", ""), ("指标2：", "", "", "", "")]),
                ("可持续影\n响指标", [("指标1：已建工程良性运行", "", "", "10", "10"), ("指标2：", "", "", "", "")]),
            ],
        ),
        (
            "满意度指标\n（10分）",
            [
                (
                    "服务对象\n满意度指标",
                    [("指标1：服务对象满意度", "90%", "100%", "10", "10"), ("指标2：", "", "", "", "")],
                ),
            ],
        ),
    ]
    for level1, level2s in groups:
        top1 = grid.rows
        for level2, rows in level2s:
            top2 = grid.rows
            for cells in [*rows, ("……", "", "", "", "")]:
                grid.row(
                    ("", 1),
                    (level1 if grid.rows == top1 else "", 1),
                    (level2 if grid.rows == top2 else "", 1),
                    *[(text, 1) for text in cells],
                    ("", 1),
                )
            grid.merge_down(top2, 2, grid.rows - 1)
        grid.merge_down(top1, 1, grid.rows - 1)
    grid.merge_down(top, 0, grid.rows - 1)
    grid.row(("总分", 6), ("100", 1), ("100", 1), ("", 1))
    note = (
        "注：1.一级指标分值统一设置为：产出指标50分、效益指标30分、服务对象满意度指标10分、预算资金执行率10分。"
        "如有特殊情况，一级指标权重可做适当调整，但加总后应等于100。"
    )  # completed after "如有"
    return [title("项目支出绩效自评表"), title("（2022年度）"), grid, note]


def shandong_licheng() -> list[Block]:
    """14: 济南市历城区 district template, 历城区文化馆 2019: a 得分计算方法 column beside the funds and
    the indicators, one merged cell holding the scoring rules; no 全年预算数; a "-" row under each
    indicator for a second one."""
    grid = Grid([1.3, 1.4, 1.5, 3.4, 1.6, 1.6, 1.0, 1.0, 1.6, 3.4])
    grid.row(("项目名称", 2), ("商品和服务支出", 3), ("主管部门", 2), ("济南市历城区文化和旅游局", 3))
    grid.row(
        ("项目实施单位", 2),
        ("济南市历城区文化馆", 3),
        ("项目负责人", 1),
        ("田延青", 1),
        ("联系电话", 1),
        ("88894492", 2),
    )
    top = grid.row(("年度总体目标", 2), ("年初设定目标", 4), ("年度总体目标完成情况综述", 4))
    grid.row(
        ("", 2),
        ("历城区文化馆免费开放", 4),
        ("用于历城区文化馆全年免费开放，主要支付招聘合同人员工资，确保我馆全年正常免费开放和群众文化工作开展。", 4),
    )
    grid.merge_down(top, 0, grid.rows - 1, cols=2)
    top = grid.row(
        ("项目预算\n执行情况\n（10分）", 1),
        ("", 2),
        ("年初预算数（A）", 1),
        ("全年执行数（B）", 1),
        ("分值", 1),
        ("执行率（B/A）", 1),
        ("得分", 1),
        ("得分计算方法", 2),
    )
    grid.row(
        ("", 1),
        ("年度资金总额", 2),
        ("45", 1),
        ("45", 1),
        ("10", 1),
        ("100%", 1),
        ("10", 1),
        ("执行率*该指标分值，最高不得超过分值上限。", 2),
    )
    grid.row(("", 1), ("其中：财政拨款", 2), ("45", 1), ("45", 1), ("-", 1), ("-", 1), ("-", 1), ("", 2))
    grid.row(("", 1), ("其他资金", 2), ("", 1), ("", 1), ("-", 1), ("-", 1), ("-", 1), ("", 2))
    grid.merge_down(top + 1, 8, grid.rows - 1, cols=2)
    grid.merge_down(top, 0, grid.rows - 1)
    top = grid.row(
        ("绩效\n指标", 1),
        ("一级\n指标", 1),
        ("二级\n指标", 1),
        ("三级指标", 1),
        ("预期指标值（A）", 1),
        ("实际完成指标值（B）", 1),
        ("分值", 1),
        ("得分", 1),
        ("未完成原因", 1),
        ("得分计算方法", 1),
    )
    method = (
        "定量指标计算：完成值达到指标值，记满分；未达到指标值，按B/A或A/B*该指标分值记分。\n"
        "定性指标计算：根据“三档”原则分别按照指标分值的100-80%（含80%）、80-50%（含50%）、50-0%来记分。"
    )
    groups = [
        (
            "产出指标\n（50分）",
            [
                ("数量指标", [("全年免费开放", "100%", "100%", "12.5", "12.5")]),
                ("质量指标", [("免费开放管理制度健全、执行有效性", "100%", "100%", "12.5", "12.5")]),
                ("时效指标", [("免费开放率", "100%", "100%", "12.5", "12.5")]),
                ("成本指标", [("实际成本与工作内容的匹配程度", "45万", "45万", "12.5", "12.5")]),
                ("-", []),
            ],
        ),
        (
            "效益指标\n（30分）",
            [
                ("经济效益\n指标", [("承担重要公益服务项目、助推民生事业发展", "100%", "100%", "10", "10")]),
                (
                    "社会效益\n指标",
                    [
                        (
                            "促进基本公共文化服务标准化均等化，保障群众基本文化权益。满足广大人民群众接受素质教育、"
                            "文化娱乐的需求。",
                            "100%",
                            "100%",
                            "10",
                            "10",
                        )
                    ],
                ),  # completed from here
                ("可持续影响\n指标", [("群众文化活动长效开展", "长期", "长期", "10", "10")]),
            ],
        ),
        (
            "满意度指标\n（10分）",
            [
                ("服务对象\n满意度指标", [("群众满意度", "≥90%", "95%", "10", "10")]),
            ],
        ),
    ]
    first = grid.rows
    for level1, level2s in groups:
        top1 = grid.rows
        for level2, rows in level2s:
            top2 = grid.rows
            for cells in [*rows, ("-", "", "", "", "")]:
                grid.row(
                    ("", 1),
                    (level1 if grid.rows == top1 else "", 1),
                    (level2 if grid.rows == top2 else "", 1),
                    *[(text, 1) for text in cells],
                    ("", 1),
                    (method if grid.rows == first else "", 1),
                )
            grid.merge_down(top2, 2, grid.rows - 1)
        grid.merge_down(top1, 1, grid.rows - 1)
    grid.merge_down(first, 9, grid.rows - 1)
    grid.merge_down(top, 0, grid.rows - 1)
    grid.row(("总分", 6), ("100", 1), ("100", 1), ("", 2))  # completed
    return [
        title("区级部门预算项目支出绩效自评表"),
        title("（ 2019 年度）"),
        "主管部门（盖章）：                                       单位：万元",
        grid,
        "填表人：              联系电话：              填报日期：2020年4月",
    ]  # completed


FORMS = {
    "hubei_huangshi": hubei_huangshi,
    "hubei_xiangyang": hubei_xiangyang,
    "sichuan_qingshen": sichuan_qingshen,
    "sichuan_daying": sichuan_daying,
    "anhui_tianchang": anhui_tianchang,
    "shandong_licheng": shandong_licheng,
}


def write(path: Path, blocks: list[Block]) -> None:
    doc = new_document(footer=False)
    for block in blocks:
        if isinstance(block, Grid):
            write_table(doc, block)
            continue
        heading = block.startswith("# ")
        paragraph = doc.add_paragraph(block[2:] if heading else block)
        if heading:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.runs[0].font.size = Pt(15)
    doc.core_properties.author = "reviewer tests"
    doc.save(str(path))
    print("wrote", shown(path))


def main() -> None:
    paths = []
    for name, make in FORMS.items():
        paths.append(OUT / f"{name}.docx")
        write(paths[-1], make())
    if convert(paths, "pdf", OUT):
        for path in paths:
            print("wrote", shown(path.with_suffix(".pdf")))


if __name__ == "__main__":
    main()
