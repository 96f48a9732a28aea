"""What the readers say, in Chinese: their warnings on a form, and why a file was not read. The
readers word both in English, as the JSON keeps them; a Chinese report shows each message through
these tables: its pattern, and the Chinese with the same parts. A message a table does not know
is shown as it is (a test reads every fixture and checks that no warning is left in English)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import TYPE_CHECKING

from reviewer.errors import InputError

if TYPE_CHECKING:
    from reviewer.readers.files import Skipped

_QUOTED = r"['\"](?P<{}>.*?)['\"]"  # a value the reader quoted with repr()
_FIELDS = {"project": "项目名称", "department": "主管部门", "implementer": "实施单位", "year": "年度"}
_COLUMNS = {"weight": "分值", "score": "得分"}
# The reasons a sheet's form is not read (the grid reader's errors).
_REASONS = {
    "no indicator table found (no 一级指标/三级指标 header)": "没有找到绩效指标表（没有一级指标/三级指标表头）",
    "no form found: no 项目名称 line": "没有找到自评表（没有项目名称行）",
}


def _counted(text: str) -> str:
    """ "2 rows with content (14, 15) and 1 column with content (L)" → "2行（第14, 15行）、1列（L列）"."""
    text = re.sub(r"(\d+) rows? with content \(([^)]*)\)", r"\1行（第\2行）", text)
    return re.sub(r"(\d+) columns? with content \(([^)]*)\)", r"\1列（\2列）", text).replace(" and ", "、")


# The system's reasons a file cannot be written, as Python gives them (strerror).
_OS_ERRORS_ZH = {
    "No such file or directory": "所在文件夹不存在",
    "Permission denied": "没有写入权限",
    "Read-only file system": "文件系统只读",
    "No space left on device": "磁盘空间不足",
}


# Parts that are the reader's English words, in Chinese, by the name of their group.
_PARTS: dict[str, Callable[[str], str]] = {
    "field": lambda text: _FIELDS.get(text, text),
    "column": lambda text: _COLUMNS.get(text, text),
    "reason": lambda text: _REASONS.get(text, text),
    "counted": _counted,
    "row": lambda text: f"第{text}行" if text else "",
    "suffix": lambda text: "无后缀" if text == "no suffix" else text,
    "message": lambda text: translated(text, _ERRORS_ZH),
    "strerror": lambda text: _OS_ERRORS_ZH.get(text, text),
    "place": lambda text: re.sub(r"sheet '([^']*)' row (\d+)", r"工作表“\1”第\2行", text),
    "problem": lambda text: translated(text, SETTING_PROBLEMS_ZH),
    "alternatives": lambda text: text.replace(" or ", " 或 "),
}

# What is wrong with a setting, as the configuration's validation words it: in a configuration
# file, and given on the command line (--template, --jobs).
SETTING_PROBLEMS_ZH: tuple[tuple[str, str], ...] = (
    (r"Extra inputs are not permitted", "没有这个设置"),
    (r"Input should be a valid integer.*", "应为整数"),
    (r"Input should be a valid (?:number|decimal).*|Decimal input should be .*", "应为数字"),
    (r"Input should be a valid list", "应为列表"),
    (r"Input should be a valid string", "应为字符串"),
    (r"Input should be a valid dictionary.*", "应为一个表（[名称] 及其下的设置）"),
    (r"Input should be greater than or equal to (?P<number>\S+)", "应不小于 {number}"),
    (r"Input should be less than or equal to (?P<number>\S+)", "应不大于 {number}"),
    (r"Input should be (?P<alternatives>'.*')", "应为 {alternatives}"),
    (
        r"unknown template (?P<value>'.*?'); choose (?P<choices>.*) or give explicit weights",
        "没有模板 {value}；可选 {choices}，或在配置文件中给出各部分的分值",
    ),
)

_ZH: tuple[tuple[str, str], ...] = (
    (r"could not place: (?P<cells>.*)", "无法归入表格：{cells}"),
    (
        r"the PDF is damaged: (?P<count>\d+) drawing instructions? on its pages could not be followed, and what "
        r"they drew is missing from the form; export the PDF again",
        "PDF 已损坏：页面上有{count}条绘制指令无法执行，它们绘出的内容没有读入本表；请重新导出 PDF",
    ),
    (r"could not place in the indicator table: (?P<cells>.*)", "无法归入绩效指标表：{cells}"),
    (r"could not place in the funds table: (?P<cells>.*)", "无法归入资金表：{cells}"),
    (r"could not place beside the goals: (?P<cells>.*)", "无法归入年度总体目标：{cells}"),
    (r"could not place lines (?P<lines>[\d, ]+): (?P<text>.*)", "第{lines}行无法归入表格：{text}"),
    (rf"could not place {_QUOTED.format('word')} in the row of line (?P<line>\d+)", "“{word}”无法归入第{line}行"),
    (
        r"could not tell 预期目标 from 实际完成情况; all kept as 预期目标",
        "分不清预期目标和实际完成情况，全部作为预期目标",
    ),
    (rf"could not read funds row {_QUOTED.format('label')}: (?P<values>.*)", "资金行“{label}”无法读取：{values}"),
    (rf"funds row {_QUOTED.format('label')} printed twice; kept the first", "资金行“{label}”出现两次，保留第一行"),
    (r"funds rows (?P<rows>.*) read as one row of 其他资金, their sum", "资金行{rows}合并为一行其他资金（相加）"),
    (
        r"amounts not read, not numbers in the table's unit \((?P<unit>.*?)\): (?P<amounts>.*)",
        "金额未读取，不是资金表单位（{unit}）的数：{amounts}",
    ),
    (r"amounts not read, not numbers: (?P<amounts>.*)", "金额未读取，不是数：{amounts}"),
    (r"more values than columns: (?P<values>.*)", "数值多于列数：{values}"),
    (r"no 总分 row: the total score is missing", "没有总分行：缺少总分"),
    (r"no 一级/二级指标 labels found beside the rows", "指标行旁没有一级/二级指标"),
    (r"row without a name", "指标行没有名称"),
    (r"row without 分值 and 得分; kept what could be read", "指标行没有分值和得分，只保留读到的内容"),
    (
        rf"row {_QUOTED.format('name')} has no target, actual, weight or score",
        "指标行“{name}”没有指标值、实际完成值、分值和得分",
    ),
    (rf"template row {_QUOTED.format('name')} with no values: skipped", "模板行“{name}”没有填写，已跳过"),
    (
        rf"(?P<field>\w+) printed twice: kept {_QUOTED.format('kept')}, ignored {_QUOTED.format('ignored')}",
        "{field}出现两次：保留“{kept}”，忽略“{ignored}”",
    ),
    (rf"(?P<column>weight|score) {_QUOTED.format('text')} is not a number", "{column}“{text}”不是数"),
    (
        r"(?P<count>\d+) table rows before the first 项目名称 belong to no form, not read: (?P<first>.*)",
        "第一个项目名称之前的{count}行表格不属于任何一张表，未读取：{first}",
    ),
    (
        r"(?P<level1>.+) printed with two weights: (?P<one>\S+) and (?P<two>\S+)",
        "{level1}标有两个分值：{one}和{two}",
    ),
    (rf"sheet {_QUOTED.format('sheet')} is hidden: not read", "工作表“{sheet}”已隐藏，未读取"),
    (r"a 项目名称 starts no form here: (?P<reason>.*)", "此处的项目名称之后没有自评表：{reason}"),
    (
        r"(?P<count>\d+) characters? drawn over the page not read: a stamp or watermark",
        "页面上叠印的{count}个字符未读取：印章或水印",
    ),
    (
        rf"sheet {_QUOTED.format('sheet')}(?: row (?P<row>\d+))?: (?P<reason>.*); the sheet is not read as a form",
        "工作表“{sheet}”{row}：{reason}；该工作表未作为自评表读取",
    ),
    (r"hidden on the sheet, not read: (?P<counted>.*)", "工作表中隐藏、未读取的内容：{counted}"),
    (r"hidden on the page, not read: (?P<places>.*)", "网页中隐藏、未读取的内容：{places}"),
    (r"no indicator read: no row under the indicator table's header", "没有读到绩效指标：指标表表头下没有指标行"),
    (
        r"the 备注 column is not read; rows with a remark: lines (?P<lines>[\d, ]+)",
        "备注列未读取；有备注的行：第{lines}行",
    ),
    (
        r"outside the print area (?P<area>\S+), not read: (?P<counted>.*)",
        "打印区域{area}以外、未读取的内容：{counted}",
    ),
    (
        r"(?P<count>\d+) formula cells? \(the first in row (?P<first>\d+)\) (?:was|were) never calculated by the"
        r" program that saved the workbook, read as blank: .*",
        "{count}个公式单元格（第一个在第{first}行）保存时没有计算过，按空白读取：请在 Excel 或 WPS 中打开并保存，"
        "或用 soffice --headless --convert-to xlsx 转换后再检查",
    ),
)


# Why a file was not read (InputError), the reasons a person uploading or checking files meets.
_CONVERT = "或 soffice --headless --convert-to {suffix} FILE）后再读取"
_ERRORS_ZH: tuple[tuple[str, str], ...] = (
    (r"empty file", "空文件"),
    (r"no such file", "没有这个文件"),
    (r"binary file, not a text form \(contains NUL bytes\)", "二进制文件，不是文本格式的自评表（含 NUL 字节）"),
    (r"cannot decode: not UTF-8, GB18030 or another text encoding", "无法解码：不是 UTF-8、GB18030 或其他文本编码"),
    (r"invalid JSON: (?P<reason>.*) \(column (?P<column>\d+)\)", "JSON 格式错误：{reason}（第{column}列）"),
    (r"no form found: no 项目名称 line", "没有找到自评表（没有项目名称行）"),
    (r"no form found: no sheet has a 项目名称 row(?P<rest>.*)", "没有找到自评表：没有工作表有项目名称行{rest}"),
    (r"no indicator table found \(no 一级指标/三级指标 header\)", "没有找到绩效指标表（没有一级指标/三级指标表头）"),
    (
        r"no form table: the document has no table \(a form is read from a Word table\)",
        "没有自评表：文档中没有表格（自评表从 Word 表格中读取）",
    ),
    (
        r"not a readable \.docx document \(corrupt or not a zip file\); open it in Word or WPS and save it again"
        r" as \.docx",
        "不是可读取的 .docx 文档（已损坏或不是 zip 文件）：请用 Word 或 WPS 打开后重新另存为 .docx",
    ),
    (
        r"not a readable \.xlsx workbook \(corrupt or not a zip file\)",
        "不是可读取的 .xlsx 工作簿（已损坏或不是 zip 文件）",
    ),
    (
        r"a Word \.doc file \(the binary format before 2007\), which is not read: .*",
        "Word .doc 文件（2007 年以前的二进制格式），不能读取：请另存为 .docx（" + _CONVERT.format(suffix="docx"),
    ),
    (
        r"a WPS 文字 \.wps document .*",
        "WPS 文字 .wps 文档（金山的二进制格式），不能读取：请在 WPS 中另存为 .docx（" + _CONVERT.format(suffix="docx"),
    ),
    (
        r"a WPS 表格 \.et workbook .*",
        "WPS 表格 .et 工作簿（金山的二进制格式），不能读取：请在 WPS 中另存为 .xlsx（" + _CONVERT.format(suffix="xlsx"),
    ),
    (
        r"an OpenDocument spreadsheet \(\.ods\), which is not read: .*",
        "OpenDocument 表格（.ods），不能读取：请在 LibreOffice 或 WPS 中另存为 .xlsx（"
        + _CONVERT.format(suffix="xlsx"),
    ),
    (
        r"an OpenDocument text document \(\.odt\), which is not read: .*",
        "OpenDocument 文档（.odt），不能读取：请在 LibreOffice 或 WPS 中另存为 .docx（"
        + _CONVERT.format(suffix="docx"),
    ),
    (
        r"a password-protected Office document: .*",
        "设有密码的 Office 文档：请另存一份不设密码的 .docx 或 .xlsx 后再读取",
    ),
    (
        r"scanned PDF: no text layer; .*",
        "扫描版 PDF，没有文字层：请先做文字识别（如 ocrmypdf --language chi_sim），再检查识别后的文件",
    ),
    (
        r"encrypted PDF: it opens only with a password; .*",
        "加密的 PDF，需要密码才能打开：请另存一份不加密的（如 qpdf --decrypt --password=密码 in.pdf out.pdf）再读取",
    ),
    (r"is a directory", "是文件夹"),
    # A report that cannot be written (the commands' -o FILE).
    (r"cannot write the report: (?P<strerror>.*)", "无法写入报告：{strerror}"),
    (
        r"is a folder: only Word reports go in a folder \(--format docx\), one per input file; give -o a FILE",
        "是文件夹：只有 Word 报告（--format docx）写入文件夹，每个输入文件一份；请用 -o 给出文件",
    ),
    (
        r"one \.docx report per input file, and the forms come from (?P<count>\d+) files; give -o a folder .*",
        "每个输入文件一份 .docx 报告，这些表来自{count}个文件："
        "请用 -o 给出文件夹（--format docx -o 审核/），每个文件写一份报告",
    ),
    (
        r"the report would overwrite the form it is about: write it to another file",
        "报告会覆盖它所审核的表：请写到另一个文件",
    ),
    (r"the document changed after it was read: check it again", "文档在读取之后被修改过：请重新检查"),
    # A configuration file (--config, or the one found upward) and a recording (--recording).
    (r"cannot read configuration: no such file", "无法读取配置文件：没有这个文件"),
    (r"cannot read configuration: not UTF-8", "无法读取配置文件：不是 UTF-8 编码"),
    (r"cannot read configuration: (?P<detail>.*)", "无法读取配置文件：{detail}"),
    (
        r"invalid TOML: (?P<detail>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)",
        "TOML 格式错误：{detail}（第{line}行第{column}列）",
    ),
    (r"invalid TOML: (?P<detail>.*) \(at end of document\)", "TOML 格式错误：{detail}（在文件末尾）"),
    (r"invalid TOML: (?P<detail>.*)", "TOML 格式错误：{detail}"),
    (r"invalid configuration: (?P<setting>[^:]+): (?P<problem>.*)", "配置无效：{setting}：{problem}"),
    (r"no such recording", "没有这个录制文件"),
    (r"not a recording: not UTF-8", "不是录制文件：不是 UTF-8 编码"),
    (
        r"not a recording: invalid JSON: (?P<detail>.*) \(line (?P<line>\d+), column (?P<column>\d+)\)",
        "不是录制文件：JSON 格式错误：{detail}（第{line}行第{column}列）",
    ),
    (r"not a recording: not a JSON object of reply texts", "不是录制文件：不是由答复文字组成的 JSON 对象"),
    (r"cannot read: (?P<detail>.*)", "无法读取：{detail}"),
    (r"not valid (?P<encoding>\S+) at byte (?P<byte>\d+)", "不是有效的 {encoding} 编码（第{byte}字节）"),
    (r"not valid UTF-8 \(a JSON batch must be UTF-8 throughout\)", "不是有效的 UTF-8（JSON 批量文件须全部为 UTF-8）"),
    (
        r"a zip or Office file \(\.xlsx/\.docx\), not a text form",
        "zip 或 Office 文件（.xlsx/.docx），不是文本格式的自评表",
    ),
    (
        r"a PDF file, not a text form \(leave --reader out, or give --reader pdf\)",
        "PDF 文件，不是文本格式的自评表（不指定 --reader，或指定 --reader pdf）",
    ),
    (
        r"no form found: not JSON or YAML, and no 项目名称 or 绩效自评表 in the text",
        "没有找到自评表：不是 JSON 或 YAML，文字中也没有“项目名称”或“绩效自评表”",
    ),
    (r"invalid JSON: (?P<detail>.*)", "JSON 格式错误：{detail}"),
    (r"invalid YAML: (?P<detail>.*)", "YAML 格式错误：{detail}"),
    (r"no forms in the document", "文件中没有自评表"),
    (r"forms\[(?P<index>\d+)\] has neither indicators nor a funds table", "forms[{index}] 既没有绩效指标也没有资金表"),
    (
        r"no indicator table found \(no 三级指标/年度指标值 header\)",
        "没有找到绩效指标表（没有三级指标/年度指标值表头）",
    ),
    (
        r"indicator columns in an order this reader does not follow: (?P<detail>.*)",
        "绩效指标表各列的顺序无法识别：{detail}",
    ),
    (
        r"no form table: the document has no body \(a form is read from a Word table\)",
        "没有自评表：文档没有正文（自评表从 Word 表格中读取）",
    ),
    (
        r"not a Word \.docx document \(an Office file of content type (?P<detail>.*)\)",
        "不是 Word .docx 文档（是内容类型为 {detail} 的 Office 文件）",
    ),
    (r"not a readable \.docx document (?P<detail>\(.*\))", "不是可读取的 .docx 文档{detail}"),
    (r"cannot read the document's text (?P<detail>\(.*\))", "无法读取文档的文字{detail}"),
    (r"not a readable \.xlsx workbook (?P<detail>\(.*\))", "不是可读取的 .xlsx 工作簿{detail}"),
    (
        r"not a readable \.xls workbook \(damaged\?\); save it again as \.xlsx (?P<detail>\(.*\))",
        "不是可读取的 .xls 工作簿（可能已损坏）：请另存为 .xlsx{detail}",
    ),
    (
        r"a password-protected \.xls workbook: save an unprotected copy as \.xlsx and read that",
        "设有密码的 .xls 工作簿：请另存一份不设密码的 .xlsx 后再读取",
    ),
    (r"not a PDF file \(no %PDF- header\)", "不是 PDF 文件（没有 %PDF- 文件头）"),
    (
        r"not a readable PDF \(damaged or truncated\); export it again (?P<detail>\(.*\))",
        "不是可读取的 PDF（已损坏或不完整）：请重新导出{detail}",
    ),
    (r"cannot read the PDF's (?:pages|text) (?P<detail>\(.*\))", "无法读取 PDF 的内容{detail}"),
    (r"PDF with no pages", "PDF 没有页面"),
    (
        r"the PDF's fonts give no text for (?P<unmapped>\d+) of its (?P<characters>\d+) characters .*",
        "PDF 共{characters}个字符，其中{unmapped}个的字体缺少 Unicode 映射，读不出文字："
        "请先做文字识别（如 ocrmypdf --force-ocr --language chi_sim），再检查识别后的文件",
    ),
    (r"PDF with no text on any page", "PDF 的各页都没有文字"),
    (r"reader failed \((?P<detail>.*)\)", "读取出错（{detail}）"),
    # What a reader said of a place in the file: the place, and the reason in Chinese.
    (
        r"(?P<place>(?:第\d+页)?表\d+第\d+行|sheet '[^']*' row \d+): (?P<message>.*)",
        "{place}：{message}",
    ),
    (
        r"(?P<message>.*); if this is text extracted from a PDF, check the PDF itself, or extract it with "
        r"pdftotext -layout",
        "{message}；如果这是从 PDF 中提取的文字，请直接检查该 PDF，或用 pdftotext -layout 提取",
    ),
)


@cache
def _patterns(table: tuple[tuple[str, str], ...]) -> list[tuple[re.Pattern[str], str]]:
    # Compiled when a message is first shown: most checks have none to show.
    return [(re.compile(pattern), zh) for pattern, zh in table]


def translated(
    message: str, table: tuple[tuple[str, str], ...], parts: Mapping[str, Callable[[str], str]] = _PARTS
) -> str:
    """The message in the Chinese of the first pattern of ``table`` it matches, each named part
    through ``parts`` (the readers' words by default); a message no pattern matches, as it is."""
    for pattern, zh in _patterns(table):
        match = pattern.fullmatch(message)
        if match:
            return zh.format(**{name: parts.get(name, str)(text or "") for name, text in match.groupdict().items()})
    return message


def warning_message(message: str, lang: str) -> str:
    """A reader's warning on a form, in ``lang``."""
    return message if lang == "en" else translated(message, _ZH)


def error_text(error: InputError, lang: str) -> str:
    """Why a file was not read, named by the file (and line), in ``lang``."""
    where = f"{error.path}:{error.line}" if error.line else error.path
    return f"{where}: {error.message if lang == 'en' else translated(error.message, _ERRORS_ZH)}"


# Why a file in a folder is not read (readers.files): no error, but said.
_SKIPPED_ZH = (
    (r"not a form file type \((?P<suffix>.*)\)", "不是自评表的文件类型（{suffix}）"),
    (r"an archive \((?P<suffix>.*)\): unpack it and check the folder", "压缩包（{suffix}）：请解压后检查其文件夹"),
    (r"an Office lock file \(~\$\), left beside a document that is open", "Office 锁定文件（~$），文档打开时留下的"),
    (r"a hidden file", "隐藏文件"),
    (r"a hidden folder", "隐藏文件夹"),
)


def skipped_text(skipped: Skipped, lang: str) -> str:
    """A file a folder held that was not read, and why, in ``lang``."""
    reason = skipped.reason if lang == "en" else translated(skipped.reason, _SKIPPED_ZH)
    return f"{skipped.path}: {reason}"
