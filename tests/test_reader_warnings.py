"""Reader warnings in Chinese outputs: every message a reader writes, shown in Chinese."""

from __future__ import annotations

import pytest

from reviewer.errors import InputError
from reviewer.readers import read_forms
from reviewer.readers.files import Skipped
from reviewer.reports.readermessages import error_text, skipped_text, warning_message
from tests.conftest import FORMS, ROOT, run_cli, untranslated

# A PDF printed from a Word fixture gives its Word file's warnings, and reading one takes a
# second: its own warnings are checked where test_documents and test_unseen read it.
FIXTURES = sorted(
    path
    for folder in ("tests/documents", "tests/unseen", "tests/forms", "golden/seeds")
    for path in (ROOT / folder).iterdir()
    if path.is_file() and path.suffix != ".py" and not (path.suffix == ".pdf" and path.with_suffix(".docx").exists())
)


def test_every_warning_the_fixtures_give_is_shown_in_chinese():
    forms = []
    for path in FIXTURES:
        try:
            forms += read_forms(str(path))
        except InputError:
            continue  # the bad files among them
    assert len({w.message for form in forms for w in form.warnings}) >= 10
    assert untranslated(forms) == []


@pytest.mark.parametrize(
    ("message", "chinese"),
    [
        ("could not place: 项目类别 | 1、上级专项□", "无法归入表格：项目类别 | 1、上级专项□"),
        ("could not place in the funds table: 年度绩效指标", "无法归入资金表：年度绩效指标"),
        ("could not place in the indicator table: 注 | 说明", "无法归入绩效指标表：注 | 说明"),
        ("could not place beside the goals: 2.项目实施内容", "无法归入年度总体目标：2.项目实施内容"),
        ("could not place lines 12, 13: 多余的文字", "第12, 13行无法归入表格：多余的文字"),
        ("could not place '9.5' in the row of line 40", "“9.5”无法归入第40行"),
        ("funds row '其他资金' printed twice; kept the first", "资金行“其他资金”出现两次，保留第一行"),
        (
            "funds rows 单位资金 + 其他资金 read as one row of 其他资金, their sum",
            "资金行单位资金 + 其他资金合并为一行其他资金（相加）",
        ),
        (
            "amounts not read, not numbers in the table's unit (万元): 3,200,000.00元, 187,000.00元",
            "金额未读取，不是资金表单位（万元）的数：3,200,000.00元, 187,000.00元",
        ),
        (
            "implementer printed twice: kept '某县财政局', ignored '满意度'",
            "实施单位出现两次：保留“某县财政局”，忽略“满意度”",
        ),
        ("score '待评' is not a number", "得分“待评”不是数"),
        ("template row '指标2' with no values: skipped", "模板行“指标2”没有填写，已跳过"),
        ("row '无' has no target, actual, weight or score", "指标行“无”没有指标值、实际完成值、分值和得分"),
        ("产出指标 printed with two weights: 50 and 40", "产出指标标有两个分值：50和40"),
        ("no 总分 row: the total score is missing", "没有总分行：缺少总分"),
        ("24 characters drawn over the page not read: a stamp or watermark", "页面上叠印的24个字符未读取：印章或水印"),
        (
            "a 项目名称 starts no form here: no indicator table found (no 一级指标/三级指标 header)",
            "此处的项目名称之后没有自评表：没有找到绩效指标表（没有一级指标/三级指标表头）",
        ),
        (
            "3 table rows before the first 项目名称 belong to no form, not read: 续表 …",
            "第一个项目名称之前的3行表格不属于任何一张表，未读取：续表 …",
        ),
        ("sheet '2023年（旧）' is hidden: not read", "工作表“2023年（旧）”已隐藏，未读取"),
        (
            "sheet '填表说明' row 2: no indicator table found (no 一级指标/三级指标 header); "
            "the sheet is not read as a form",
            "工作表“填表说明”第2行：没有找到绩效指标表（没有一级指标/三级指标表头）；该工作表未作为自评表读取",
        ),
        (
            "hidden on the sheet, not read: 2 rows with content (14, 15) and 1 column with content (L)",
            "工作表中隐藏、未读取的内容：2行（第14, 15行）、1列（L列）",
        ),
        (
            "outside the print area A1:K21, not read: 1 column with content (M)",
            "打印区域A1:K21以外、未读取的内容：1列（M列）",
        ),
        (
            "1 formula cell (the first in row 6) was never calculated by the program that saved the workbook, read as "
            "blank: open the workbook in Excel or WPS and save it, or convert it with soffice --headless --convert-to "
            "xlsx FILE, and read that",
            "1个公式单元格（第一个在第6行）保存时没有计算过，按空白读取：请在 Excel 或 WPS 中打开并保存，"
            "或用 soffice --headless --convert-to xlsx 转换后再检查",
        ),
    ],
)
def test_each_message_in_chinese(message, chinese):
    assert warning_message(message, "zh") == chinese and warning_message(message, "en") == message


def test_the_chinese_report_shows_the_chinese_and_the_json_the_readers_words():
    text = run_cli("check", str(FORMS / "tab_sichuan.txt")).stdout
    assert "读取提示 模板行“指标2”没有填写，已跳过" in text and "template row" not in text
    document = run_cli("check", str(FORMS / "tab_sichuan.txt"), "--format", "json").stdout
    assert "template row '指标2' with no values: skipped" in document


def test_why_each_bad_file_was_not_read_is_said_in_chinese(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    bad = [*sorted((ROOT / "tests/documents/bad").iterdir()), tmp_path / "empty.txt"]
    errors = []
    for path in bad:
        try:
            read_forms(str(path))
        except InputError as error:
            errors.append(error)
    assert len(errors) >= 6  # the corrupt, encrypted, scanned, legacy and table-less files
    for error in errors:
        chinese = error_text(error, "zh")
        assert chinese.startswith(f"{error.path}: ") and chinese != str(error), str(error)
        assert error_text(error, "en") == str(error)
    assert f"{tmp_path / 'empty.txt'}: 空文件" in [error_text(e, "zh") for e in errors]


def test_the_chinese_report_lists_the_unread_files_in_chinese(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "report.html"
    run_cli("check", str(FORMS / "tab_sichuan.txt"), str(tmp_path / "empty.txt"), "-o", str(out))
    assert f"<li>{tmp_path / 'empty.txt'}: 空文件</li>" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("message", "chinese"),
    [
        ("is a directory", "是文件夹"),
        ("not valid gb18030 at byte 12", "不是有效的 gb18030 编码（第12字节）"),
        (
            "a zip or Office file (.xlsx/.docx), not a text form",
            "zip 或 Office 文件（.xlsx/.docx），不是文本格式的自评表",
        ),
        (
            "no form found: not JSON or YAML, and no 项目名称 or 绩效自评表 in the text",
            "没有找到自评表：不是 JSON 或 YAML，文字中也没有“项目名称”或“绩效自评表”",
        ),
        ("invalid YAML: mapping values are not allowed here", "YAML 格式错误：mapping values are not allowed here"),
        ("forms[3] has neither indicators nor a funds table", "forms[3] 既没有绩效指标也没有资金表"),
        ("PDF with no text on any page", "PDF 的各页都没有文字"),
        (
            "the PDF's fonts give no text for 235 of its 687 characters (they have no Unicode mapping): its text "
            "cannot be read as printed; OCR it (e.g. ocrmypdf --force-ocr --language chi_sim) and check the OCR'd file",
            "PDF 共687个字符，其中235个的字体缺少 Unicode 映射，读不出文字："
            "请先做文字识别（如 ocrmypdf --force-ocr --language chi_sim），再检查识别后的文件",
        ),
        (
            "not a readable PDF (damaged or truncated); export it again (PSEOF: Unexpected EOF)",
            "不是可读取的 PDF（已损坏或不完整）：请重新导出(PSEOF: Unexpected EOF)",
        ),
        ("reader failed (KeyError: 'x')", "读取出错（KeyError: 'x'）"),
        ("cannot read configuration: no such file", "无法读取配置文件：没有这个文件"),
        ("invalid TOML: Unclosed array (at end of document)", "TOML 格式错误：Unclosed array（在文件末尾）"),
        ("invalid TOML: Invalid value (at line 2, column 9)", "TOML 格式错误：Invalid value（第2行第9列）"),
        ("invalid configuration: selct: Extra inputs are not permitted", "配置无效：selct：没有这个设置"),
        ("invalid configuration: lang: Input should be 'zh' or 'en'", "配置无效：lang：应为 'zh' 或 'en'"),
        (
            "invalid configuration: thresholds.low_execution: Input should be a valid decimal",
            "配置无效：thresholds.low_execution：应为数字",
        ),
        ("no such recording", "没有这个录制文件"),
        (
            "not a recording: invalid JSON: Expecting value (line 1, column 1)",
            "不是录制文件：JSON 格式错误：Expecting value（第1行第1列）",
        ),
        (
            "第2页表1第1行: no indicator table found (no 一级指标/三级指标 header)",
            "第2页表1第1行：没有找到绩效指标表（没有一级指标/三级指标表头）",
        ),
        (
            "sheet '2023' row 4: no indicator table found (no 一级指标/三级指标 header)",
            "工作表“2023”第4行：没有找到绩效指标表（没有一级指标/三级指标表头）",
        ),
        (
            "no form found: no 项目名称 line; if this is text extracted from a PDF, check the PDF itself, or "
            "extract it with pdftotext -layout",
            "没有找到自评表（没有项目名称行）；如果这是从 PDF 中提取的文字，请直接检查该 PDF，"
            "或用 pdftotext -layout 提取",
        ),
    ],
)
def test_each_reason_a_file_is_not_read_in_chinese(message, chinese):
    assert error_text(InputError("f", message), "zh") == f"f: {chinese}"
    assert error_text(InputError("f", message), "en") == f"f: {message}"


@pytest.mark.parametrize(
    ("reason", "chinese"),
    [
        ("not a form file type (.md)", "不是自评表的文件类型（.md）"),
        ("not a form file type (no suffix)", "不是自评表的文件类型（无后缀）"),
        ("an archive (.zip): unpack it and check the folder", "压缩包（.zip）：请解压后检查其文件夹"),
        ("an Office lock file (~$), left beside a document that is open", "Office 锁定文件（~$），文档打开时留下的"),
        ("a hidden file", "隐藏文件"),
        ("a hidden folder", "隐藏文件夹"),
    ],
)
def test_each_reason_a_file_is_skipped_in_chinese(reason, chinese):
    assert skipped_text(Skipped("d/x", reason), "zh") == f"d/x: {chinese}"
    assert skipped_text(Skipped("d/x", reason), "en") == f"d/x: {reason}"


def test_the_command_says_on_stderr_in_its_language_why_a_file_was_not_read(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "说明.md").write_text("# 说明", encoding="utf-8")
    chinese = run_cli("check", str(tmp_path)).stderr.splitlines()
    assert chinese == [
        f"reviewer: 错误：{tmp_path / 'empty.txt'}: 空文件",
        f"reviewer: 跳过：{tmp_path / '说明.md'}: 不是自评表的文件类型（.md）",
    ]
    english = run_cli("check", str(tmp_path), "--lang", "en").stderr.splitlines()
    assert english == [
        f"reviewer: error: {tmp_path / 'empty.txt'}: empty file",
        f"reviewer: skipped: {tmp_path / '说明.md'}: not a form file type (.md)",
    ]
    (tmp_path / "empty.txt").unlink()
    assert run_cli("review", str(tmp_path), "--backend", "offline").stderr.endswith(
        f"reviewer: 错误：没有找到自评表文件：{tmp_path}\n"
    )
