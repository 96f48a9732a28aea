"""The Chinese `--help`: each help text, keyed by the first line of its English original."""

from reviewer.reports.readermessages import SETTING_PROBLEMS_ZH

ZH: dict[str, str] = {
    "Check 项目支出绩效自评表 (project performance self-evaluation forms) and draft their 偏差原因分析及改进措施.": "审核项目支出绩效自评表，并起草偏差原因分析及改进措施。",
    "Print the version and exit.": "显示版本号后退出。",
    "Read forms and print them as canonical JSON (or YAML, or readable text).": "读取自评表，输出标准JSON（或YAML、或便于阅读的表格文本）。\n\n"
    "全部文件读取成功时退出码为0；有文件无法读取时为2（其余文件照常输出）。",
    "Form files or folders (folders are searched for .txt .tsv .csv .json .yaml .yml .xlsx .xlsm .xls .docx .pdf .html .htm .mht).": (
        "自评表文件或文件夹（在文件夹中查找 .txt .tsv .csv .json .yaml .yml .xlsx .xlsm .xls .docx .pdf .html .htm .mht）。"
    ),
    "json, yaml or text.": "json、yaml 或 text。",
    "Force a reader instead of detecting it: tabular, csv, pdflayout, pdftext, json, yaml, html, xml2003, xlsx, xls, docx or pdf.": "指定读取方式，不自动识别：tabular、csv、pdflayout、pdftext、json、yaml、html、xml2003、xlsx、xls、docx 或 pdf。",
    "Check forms against the rule catalogue and report every defect found.": "按规则库审核自评表，列出发现的全部问题。\n\n"
    "没有“错误”级问题时退出码为0，有则为1；用法错误或没有可读取的表时为2。"
    "无法读取的文件会逐一说明，其余文件照常审核。",
    "text, json, markdown, html, xlsx or docx (default: by the suffix of -o FILE, else text). html and xlsx lay "
    "every form out with its flagged cells; docx gives a Word file back with the findings as comments (one per "
    "input file: -o a folder for several). xlsx and docx need -o. report writes html, xlsx or docx only.": "text、json、markdown、html、xlsx 或 docx（默认按 -o 文件的后缀，否则为 text）。"
    "html 和 xlsx 按原表排版并标出有问题的单元格；docx 在原 Word 文件上以批注写出问题（每个输入文件一份：多个文件时 -o 给文件夹）。"
    "xlsx 和 docx 须配合 -o。report 只写 html、xlsx 或 docx。",
    "Write the report to FILE instead of standard output (report needs it: FILE.html, .xlsx or .docx).": (
        "把报告写入文件，而不是输出到屏幕（report 必须给出：FILE.html、.xlsx 或 .docx）。"
    ),
    "Rule codes or prefixes to run (F1, T401, ALL); repeat or separate with commas. Replaces the configured "
    "selection.": "要运行的规则代码或前缀（F1、T401、ALL），可重复或用逗号分隔；替代配置文件中的选择。",
    "Rule codes or prefixes to leave out. Replaces the configured list.": "不运行的规则代码或前缀；替代配置文件中的列表。",
    "Weighting template: auto, mof2020, shanghai-101-style, sichuan, hubei, older-city.": "分值模板：auto、mof2020、shanghai-101-style、sichuan、hubei、older-city。",
    "Language of the messages (default zh).": "提示信息的语言（默认 zh）。",
    "A reviewer.toml or pyproject.toml; default: the nearest one found upward.": "配置文件 reviewer.toml 或 pyproject.toml；默认向上逐级查找最近的一个。",
    "Processes for big batches and for the pages of a PDF (default: one per CPU).": "大批量审核及读取PDF各页时使用的进程数（默认每个CPU一个）。",
    "Exit 0 even when errors are found.": "发现错误时也以0退出。",
    "Colour the text output (default: when printing to a terminal).": "文本输出加颜色（默认在终端中显示时加）。",
    "Draft 偏差原因分析及改进措施 for every row that lost points and explains nothing.": "为每个扣分但未说明原因的指标起草偏差原因分析及改进措施。\n\n"
    "退出码为0；有起草结果未通过检查时为1；没有可读取的表时为2。",
    "Draft every deducted row, also those already explained (draft and review).": "为所有扣分指标起草，包括已有说明的（用于 draft 和 review）。",
    "Longest explanation accepted, in characters.": "说明文字的最大长度（字数）。",
    "Who writes the text: openai (any OpenAI-compatible endpoint, OPENAI_BASE_URL / OPENAI_API_KEY), offline "
    "(a marked template filled from the numbers) or replay (answers from --recording). auto: openai when "
    "OPENAI_API_KEY is set. Installed plugins add others.": "由谁撰写文字：openai（任何兼容OpenAI的接口，见 OPENAI_BASE_URL / OPENAI_API_KEY）、"
    "offline（按表中数字填写并标明的模板）或 replay（使用 --recording 中的录制答复）。"
    "auto：设置了 OPENAI_API_KEY 时用 openai。已安装的插件可增加其他方式。",
    "Model name (default $REVIEWER_MODEL).": "模型名称（默认取 $REVIEWER_MODEL）。",
    "How to ask for JSON: json_schema, json_object, tools or text; auto tries them in that order and remembers "
    "what the endpoint takes.": "要求JSON输出的方式：json_schema、json_object、tools 或 text；auto 依次尝试并记住接口支持的方式。",
    "Most requests in flight at once; fewer when the server says it serves fewer, halved on time-outs, 429 "
    "and 503.": "同时发出的最多请求数；服务器声明可同时处理的更少时按其数，遇超时、429 和 503 时减半。",
    "At most this many requests a minute.": "每分钟最多请求数。",
    "Seconds one answer may take at first before the request is given up (and retried); it grows with the "
    "answers seen, up to ten times this, and a request queued behind others gets it for each round ahead of "
    "it.": "单个答复起初最多等待的秒数，超时则放弃并重试；此值随已收到的答复用时增长，最多为十倍；"
    "排在其他请求之后的请求，前面每有一轮就多等一份。",
    "Retries of a request that failed in transport (429, 5xx, time-out).": "传输失败（429、5xx、超时）时的重试次数。",
    "Ask again even when an answer is cached.": "即使有缓存的答复也重新请求。",
    "No progress bar or usage line.": "不显示进度条和用量统计。",
    "A JSON file of recorded replies: written by the openai backend, answered from by --backend replay (which "
    "refuses any request it has no reply for).": "录制答复的JSON文件：openai 方式写入，--backend replay 从中作答（没有录制答复的请求一律拒绝）。",
    "Critique the explanation of every row that lost points and has one.": "点评每个扣分且已有说明的指标的偏差原因分析。\n\n"
    "退出码为0；有点评未通过检查时为1；没有可读取的表时为2。",
    "Check, draft, critique and write each form's 审核意见, in one run.": "一次完成审核、起草、点评，并撰写每张表的审核意见。\n\n"
    "没有“错误”级问题且没有未通过的条目时退出码为0，否则为1；没有可读取的表时为2。",
    "Write the report a reviewer forwards: each form laid out with its findings.": "生成可转发的审核报告：每张表按原表排版并标出问题。\n\n"
    "-o 文件.html 生成单个网页，-o 文件.xlsx 生成工作簿（一张汇总表，每张自评表一个工作表），"
    "-o 文件.docx 在原 Word 文件上以批注写出问题、把草稿填入对应单元格（每个输入文件一份；多个文件时用 --format docx -o 文件夹）。\n\n"
    "未设置 OPENAI_API_KEY 时草稿来自 offline 模板。退出码同 review。",
    "List the rule catalogue: code, name, default severity, what each rule finds.": "列出规则库：代码、名称、默认级别、每条规则查找的问题。",
    "text or json.": "text 或 json。",
    "Print one rule's documentation: what it checks, why it matters, an example, how to fix.": "显示一条规则的说明：检查什么、为何重要、示例、如何修改。",
    "A rule code, e.g. T401.": "规则代码，如 T401。",
    "Print the JSON Schema of the canonical form document.": "输出标准自评表JSON的JSON Schema。",
    "Golden cases for QA: run them, update them after a deliberate change, list them, score a live model against "
    "them.": "标准案例（golden）：运行、更新、列出，并为真实模型打分。",
    "Re-check, re-render and replay every case, and compare each artefact with its golden file.": "重新审核、渲染并回放每个案例，逐项与标准文件比对。\n\n"
    "全部一致时退出码为0；有不同、缺失或多余的文件时为1并给出差异；有案例无法运行时为2。",
    "Case names (default: all).": "案例名称（默认全部）。",
    "The folder of golden cases.": "标准案例所在文件夹。",
    "Rewrite the cases' outputs after a deliberate change, and list what changed.": "在有意修改后重写案例的输出，并列出改动。\n\n"
    "没有录制答复的请求由 offline 方式生成答复：请阅读并改成模型可能给出的答复。有案例无法运行时退出码为2。",
    "List the golden cases: name, mode, and what each is for.": "列出标准案例：名称、模式和用途。",
    "Run a live model on the golden review cases and score every answer against the golden one.": "用真实模型运行标准审核案例，并与标准答复逐条比较打分。\n\n"
    "每项检查（answered、rubric、grounded、length、phrasing、similar）通过或不通过；无法进行的检查算不通过。"
    "输出每个案例的表格和汇总。运行完成退出码为0；低于 --fail-under 时为1；用法或输入错误，"
    "或接口没有任何答复时为2。",
    "The model to score (on $OPENAI_BASE_URL).": "要打分的模型（在 $OPENAI_BASE_URL 上）。",
    "A second model, side by side.": "对比的第二个模型。",
    "A folder of prompt files to use instead of the installed ones.": "用此文件夹中的提示词文件代替安装的版本。",
    "A second version of the prompt files, side by side.": "对比的第二版提示词文件。",
    "Least similarity to the golden text that passes.": "与标准文字的最低相似度。",
    "Write the scores as JSON here.": "把得分以JSON写入此文件。",
    "Exit 1 when a variant passes every check on fewer than this percentage of the answers (a CI gate).": "某个对比项全部检查都通过的答复比例低于此百分比时以1退出（用作CI门槛）。",
    "Serve the web app: upload forms, review their findings and drafts, export the batch.": "启动网页版：上传自评表，审阅发现的问题和草稿，导出整批结果。\n\n会话、上传的文件和修改记录保存在 $REVIEWER_DATA_DIR，未设置时保存在用户数据文件夹。未配置模型（OPENAI_API_KEY，同 review）时，草稿来自 offline 模板。",
    "Address to listen on. Any but a loopback one (127.0.0.1, ::1) needs the token printed at start.": "监听地址。非本机地址（127.0.0.1、::1 以外）须使用启动时显示的令牌访问。",
    "Port to listen on.": "监听端口。",
    "Open the upload page in the browser once serving.": "启动后在浏览器中打开上传页面。",
    "Largest upload (a request), in MB.": "单次上传的最大大小（MB）。",
    "Most files in one upload, archives opened.": "单次上传的最多文件数（压缩包按展开后计）。",
    "zh: the rules' Chinese names and severities (the documentation is English).": "zh：显示规则的中文名称和级别（规则说明为英文）。",
}

# Usage errors, as typer words them (and the reasons a command gives for a bad value): each
# pattern, and its Chinese with the same named parts; a part named "reason" is translated too.
USAGE_ZH: tuple[tuple[str, str], ...] = (
    (
        r"No such option: (?P<option>\S+) \(Possible options: (?P<choices>.*)\)",
        "没有选项 {option}（相近的选项：{choices}）",
    ),
    (r"No such option: (?P<option>\S+)", "没有选项 {option}"),
    (r"No such command (?P<command>'.*')\. Did you mean (?P<choices>.*)\?", "没有命令 {command}。是否要用 {choices}？"),
    (r"No such command (?P<command>'.*')\.", "没有命令 {command}"),
    (r"Missing argument (?P<name>.*)\.", "缺少参数 {name}"),
    (r"Missing option (?P<name>.*)\.", "缺少选项 {name}"),
    (r"Option (?P<option>'.*') requires an argument\.", "选项 {option} 后面要给出值"),
    (r"Option (?P<option>'.*') requires (?P<count>\d+) arguments\.", "选项 {option} 后面要给出{count}个值"),
    (r"Option (?P<option>'.*') does not take a value\.", "选项 {option} 不带值"),
    (r"Got unexpected extra arguments? \((?P<arguments>.*)\)", "多余的参数：{arguments}"),
    (r"Invalid value for (?P<name>.*?): (?P<reason>.*)", "{name} 的值无效：{reason}"),
    (r"Invalid value: (?P<reason>.*)", "值无效：{reason}"),
    (r"Value error, (?P<value>'.*?') is not one of (?P<choices>.*)\.", "{value} 不是可选的值；可选 {choices}"),
    (r"(?P<setting>template): (?P<problem>.*)", "{setting}：{problem}"),
    *SETTING_PROBLEMS_ZH,
    (r"critique has nothing to draft; use review --all", "critique 不起草；既要评析又要起草，请用 review --all"),
    (r"the report is FILE\.html, FILE\.xlsx or FILE\.docx", "报告文件须为 FILE.html、FILE.xlsx 或 FILE.docx"),
    (
        r"no report is written as (?P<suffix>\S+): give -o FILE\.html \(a browser prints it to PDF\), "
        r"FILE\.xlsx or FILE\.docx",
        "不能写出 {suffix} 格式的报告：请用 -o FILE.html（可在浏览器中打印为 PDF）、FILE.xlsx 或 FILE.docx",
    ),
    (
        r"an? (?P<format>\S+) report is a file: give -o FILE\.\S+",
        "{format} 报告是文件：请用 -o FILE.{format} 给出文件名",
    ),
)

# Why a command stops before it reports (exit 2), said in English by the library.
COMMAND_ERRORS_ZH: tuple[tuple[str, str], ...] = (
    (
        r"no rule matches (?P<selector>'.*'); `reviewer rules` lists them",
        "没有与 {selector} 相符的规则；`reviewer rules` 列出全部规则",
    ),
    (r"unknown backend (?P<name>'.*'); choose from (?P<choices>.*)", "没有后端 {name}；可选 {choices}"),
    (r"--backend replay needs --recording FILE", "--backend replay 需要 --recording FILE"),
    (r"no answer from the endpoint, nothing written: (?P<detail>.*)", "模型服务没有应答，未写入任何内容：{detail}"),
    (
        r"plugin (?P<name>'.*?') \((?P<entry>.*?)\) failed to load: (?P<detail>.*)",
        "插件 {name}（{entry}）无法加载：{detail}",
    ),
)
