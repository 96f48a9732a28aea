"""The web app through the ASGI test client: uploads, the pages, edits, exports, the JSON API
(byte for byte the command's JSON), and every refusal (size, count, noise, empty, zip bomb,
paths, tokens, cross-site posts), after each of which the server still serves."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import shutil
import socket
import time
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from reviewer.config import Config
from reviewer.readers import DOCUMENT_READERS
from reviewer.web.app import Settings, create_app
from reviewer.web.uploads import MB, Limits
from tests.conftest import FORMS, ROOT, SEED_001, SEED_003, run_cli
from tests.llmserver import FakeEndpoint

BASE = "http://127.0.0.1:8765"
ROW = "保洁委托服务覆盖网点数"


def app_client(data: Path, **settings) -> TestClient:
    return TestClient(create_app(Settings(data=data, **settings)), base_url=BASE, follow_redirects=False)


@pytest.fixture
def client(tmp_path):
    return app_client(tmp_path / "data")


def upload(client: TestClient, *files: tuple[str, bytes], url: str = "/sessions", **kwargs):
    return client.post(url, files=[("files", (name, data)) for name, data in files], follow_redirects=False, **kwargs)


def seed(path: Path) -> tuple[str, bytes]:
    return path.name, path.read_bytes()


def session_of(client: TestClient, *files: tuple[str, bytes]) -> str:
    answer = upload(client, *files)
    assert answer.status_code == 303, answer.text
    return answer.headers["location"]


def csrf(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def items(page: str) -> list[tuple[str, str]]:
    """(action, text) of each edit box on a form page."""
    return re.findall(
        r'<form class="item[^"]*" id="item-\d+" method="post" action="([^"]+)">.*?<textarea[^>]*>(.*?)</textarea>',
        page,
        re.S,
    )


def form_number(client: TestClient, session: str, project: str) -> int:
    page = client.get(session).text
    links = re.findall(r'<a href="' + re.escape(session) + r'/f/(\d+)">([^<]*)</a>', page)
    return next(int(n) for n, name in links if name == project)


def test_upload_shows_the_batch_and_the_form_with_its_red_t401_cell(client):
    session = session_of(client, seed(SEED_003))
    page = client.get(session)
    assert page.status_code == 200
    assert "表 9 张" in page.text and "错误 3 个" in page.text
    assert 'data-rule="T401"' in page.text  # the per-rule table
    n = form_number(client, session, "各区管理部服务大厅委托业务费与其他设施费专项")
    form = client.get(f"{session}/f/{n}").text
    row = re.search(r"<tr id=\"form-\d+-r\d+\">.*?" + ROW + r".*?</tr>", form, re.S).group(0)
    red = re.findall(r'<td class="[^"]*flag-error" data-flagged="([^"]+)">', row)
    assert red and all("T401" in rules.split() for rules in red)
    assert "“保洁委托服务覆盖网点数”是数量指标" in form  # the finding beside it
    assert items(form), "the deducted row's critique is in an edit box"


def test_edits_are_saved_with_their_time_and_the_exports_carry_the_final_texts(client):
    session = session_of(client, seed(SEED_003))
    page = client.get(f"{session}/f/8").text  # 各区服务网点租赁费物业费: two deducted rows
    token = csrf(page)
    (first, _), (second, _) = items(page)
    edited = "经核实，该指标因工作安排调整未完成，下年度将按季度跟踪。<b>"
    answer = client.post(
        first, data={"csrf": token, "action": "edit", "text": edited}, headers={"Accept": "application/json"}
    )
    assert answer.status_code == 200 and answer.json()["state"] == "edited" and answer.json()["updated"]
    assert client.post(first, data={"csrf": token, "action": "accept", "text": edited}).status_code == 303
    assert client.post(second, data={"csrf": token, "action": "reject"}).status_code == 303
    other = client.get(f"{session}/f/7").text
    client.post(items(other)[0][0], data={"csrf": csrf(other), "action": "accept"})

    page = client.get(f"{session}/f/8").text
    assert "经核实，该指标因工作安排调整未完成，下年度将按季度跟踪。&lt;b&gt;" in page
    assert "已驳回" in page and "修改记录" in page and page.count('<td class="num">20') == 3  # three edits, timed
    document = json.loads(client.get(f"{session}/export.json").content)
    [kept] = document["forms"][7]["explanations"]  # the rejected one is left out
    assert kept["text"] == edited and kept["decision"] == "edited"
    assert document["forms"][6]["explanations"][0]["decision"] == "accepted"
    assert "decision" not in document["forms"][0]["explanations"][0]  # nobody looked at it

    book = load_workbook(io.BytesIO(client.get(f"{session}/export.xlsx").content))
    cells = [str(c.value) for row in book.worksheets[8].iter_rows() for c in row if c.value]
    assert any(edited in cell and "已修改】" in cell for cell in cells)
    html = client.get(f"{session}/export.html")
    assert "attachment" in html.headers["content-disposition"]
    assert "经核实，该指标因工作安排调整未完成" in html.text and "已修改】" in html.text


def test_an_accepted_or_edited_comment_keeps_its_status_and_says_what_the_reviewer_decided(client):
    session = session_of(client, seed(SEED_001))  # three forms, each with a template 审核意见
    token = csrf(client.get(f"{session}/f/1").text)
    client.post(f"{session}/f/1/t/-1", data={"csrf": token, "action": "accept"})
    client.post(f"{session}/f/2/t/-1", data={"csrf": token, "action": "edit", "text": "请补充偏差原因。"})
    document = json.loads(client.get(f"{session}/export.json").content)
    accepted, edited, untouched = (form["comment"] for form in document["forms"])
    assert accepted["status"] == "template" and accepted["decision"] == "accepted"
    assert edited == {"status": "template", "text": "请补充偏差原因。", "problems": [], "decision": "edited"}
    assert untouched["status"] == "template" and "decision" not in untouched
    assert document["summary"]["comments"] == {"ok": 0, "template": 3, "failed": 0}  # none passed a check
    # The exports show a taken 审核意见 as the reviewer's, not as a template.
    page = client.get(f"{session}/export.html").text
    assert "<h3>审核意见（已修改）</h3>" in page and "<h3>审核意见（已采纳）</h3>" in page
    assert '<div class="comment" data-status="template">请补充偏差原因。</div>' in page


def test_the_upload_page_names_every_kind_of_file_read(client):
    page = client.get("/").text
    for kind in (*DOCUMENT_READERS, "csv", "xlsm"):
        assert f".{kind}" in page, kind
    assert "JSON 和 YAML" in page and ".zip" in page
    assert ".doc 和 WPS 的 .wps、.et 文件请先另存为" in page  # read by no reader: what to do instead


def test_the_routers_errors_are_chinese_and_a_path_naming_no_form_is_not_found(client):
    wrong_method = client.get("/sessions")
    assert wrong_method.status_code == 405 and wrong_method.headers["allow"] == "POST"
    assert "这个地址不接受 GET 请求" in wrong_method.text and "Method Not Allowed" not in wrong_method.text
    assert client.get("/api/check").json() == {"error": "这个地址不接受 GET 请求"}
    session = session_of(client, seed(SEED_001))
    page = client.get(f"{session}/f/abc")
    assert page.status_code == 404 and "找不到这个页面" in page.text and 'lang="zh' in page.text
    token = {"csrf": csrf(client.get(f"{session}/f/1").text)}
    for url in (f"{session}/f/1/t/abc", f"{session}/f/x/t/0/redraft"):
        answer = client.post(url, data=token, headers={"Accept": "application/json"})
        assert (answer.status_code, answer.json()) == (404, {"error": "找不到这个页面"}), url
    assert client.get(f"{session}/files/abc/export.docx").status_code == 404


def test_a_session_survives_a_restart(tmp_path):
    first = app_client(tmp_path)
    session = session_of(first, seed(SEED_003))
    page = first.get(f"{session}/f/2").text
    action, _ = items(page)[0]
    first.post(action, data={"csrf": csrf(page), "action": "edit", "text": "重启前写下的说明"})
    again = app_client(tmp_path)  # a new process on the same data folder
    assert "重启前写下的说明" in again.get(f"{session}/f/2").text
    assert again.get("/s/" + "x" * 22).status_code == 404


def test_the_json_api_answers_what_the_command_prints(client, tmp_path):
    folder = tmp_path / "files"
    folder.mkdir()
    names = [shutil.copy(path, folder / path.name) for path in (SEED_001, SEED_003)]
    files = [seed(Path(name)) for name in names]
    for command in ("check", "review"):
        printed = run_cli(command, *(Path(n).name for n in names), "--format", "json", cwd=folder).stdout
        answer = upload(client, *files, url=f"/api/{command}")
        assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
        assert answer.content == printed.encode("utf-8"), command


def test_a_zip_of_forms_is_read_member_by_member(client):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("自评表/" + SEED_001.name, SEED_001.read_bytes())
        z.writestr("__MACOSX/._x", b"junk")
    document = upload(client, ("表.zip", archive.getvalue()), url="/api/check").json()
    assert document["summary"]["files"] == 1 and document["summary"]["forms"] == 3
    assert document["forms"][0]["source"] == f"表.zip/自评表/{SEED_001.name}"


def test_unreadable_files_among_readable_ones_are_listed(client):
    document = upload(client, seed(SEED_001), ("noise.bin", bytes(range(256)) * 40), url="/api/check").json()
    assert document["summary"]["unreadable"] == 1 and document["errors"][0]["source"] == "noise.bin"


def zip_of(*members: tuple[str, bytes]) -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(name, data)
    return archive.getvalue()


WORKBOOK_BOMB = zip_of(("[Content_Types].xml", b"<Types/>"), ("xl/worksheets/sheet1.xml", b" " * (20 * MB)))
BAD_UPLOADS = {
    "noise": (("noise.bin", bytes((i * 7919) % 251 for i in range(20000))), 422, "没有读到任何自评表"),
    "empty": (("empty.txt", b""), 422, "empty.txt: 空文件"),
    "zip bomb": (("bomb.zip", zip_of(("a.txt", b"0" * (20 * MB)))), 422, "压缩炸弹"),
    "path in the file name": (("../../etc/passwd", SEED_001.read_bytes()), 400, "路径"),
    "path in an archive": (("x.zip", zip_of(("../evil.txt", SEED_001.read_bytes()))), 400, "路径"),
    "archive in an archive": (("x.zip", zip_of(("inner.zip", zip_of(("a.txt", b"x"))))), 422, "压缩包中又有压缩包"),
    "corrupt archive": (("x.zip", b"PK\x03\x04" + b"\x00" * 100), 422, "不是可读取的 .xlsx 工作簿"),
    "workbook bomb": (
        ("book.xlsx", zip_of(("[Content_Types].xml", b"<x/>"), ("xl/a.xml", b" " * (20 * MB)))),
        422,
        "压缩炸弹",
    ),
}


@pytest.mark.parametrize("bad", BAD_UPLOADS, ids=list(BAD_UPLOADS))
def test_a_bad_upload_is_refused_with_a_reason_and_the_server_keeps_serving(client, bad):
    file, status, reason = BAD_UPLOADS[bad]
    for url in ("/api/check", "/api/review", "/sessions"):
        answer = upload(client, file, url=url, headers={"Accept": "application/json"})
        assert answer.status_code == status, (url, answer.text)
        assert reason in answer.json()["error"]
    page = upload(client, file)  # the upload page, with the reason on it
    assert page.status_code == status and reason in page.text and 'id="upload"' in page.text
    assert upload(client, seed(SEED_001), url="/api/check").status_code == 200


def test_size_and_count_limits(tmp_path):
    client = app_client(tmp_path, limits=Limits(upload=MB, files=3, unpacked=2 * MB))
    big = ("big.txt", b"x" * (MB + 1))
    answer = upload(client, big, url="/api/check")
    assert answer.status_code == 413 and "1 MB" in answer.json()["error"]
    many = [(f"{n}.txt", SEED_001.read_bytes()) for n in range(4)]
    assert upload(client, *many, url="/api/check").status_code == 413
    inflating = zip_of(*((f"{n}.txt", bytes(range(256)) * 4096) for n in range(3)))  # 3 MB unpacked, not a bomb
    answer = upload(client, ("x.zip", inflating), url="/api/check")
    assert answer.status_code == 413 and "解压后超过" in answer.json()["error"]
    assert upload(client, seed(SEED_001), url="/api/check").status_code == 200
    elsewhere = client.post("/api/check", files=[("attachment", ("a.txt", SEED_001.read_bytes()))])
    assert elsewhere.json() == {"error": "没有收到文件：请在字段 files 中上传一个或多个文件"}


def test_posts_need_the_session_token_and_the_same_site(client):
    session = session_of(client, seed(SEED_001))
    page = client.get(f"{session}/f/1").text
    action, _ = items(page)[0]
    assert client.post(action, data={"action": "accept"}).status_code == 403
    assert client.post(action, data={"csrf": "guess", "action": "accept"}).status_code == 403
    forged = {"csrf": csrf(page), "action": "accept"}
    assert client.post(action, data=forged, headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert client.post(action, data=forged, headers={"Origin": "http://evil.example"}).status_code == 403
    assert (
        upload(client, seed(SEED_001), url="/api/check", headers={"Origin": "http://evil.example"}).status_code == 403
    )
    assert (
        client.post(action, data=forged, headers={"Sec-Fetch-Site": "same-origin", "Origin": BASE}).status_code == 303
    )


def test_a_loopback_server_refuses_other_host_names(client):
    assert client.get("/", headers={"Host": "attacker.example:8765"}).status_code == 403
    assert client.get("/", headers={"Host": "localhost:8765"}).status_code == 200


def test_a_token_is_needed_on_every_request(tmp_path):
    client = app_client(tmp_path, token="s3cret")
    assert client.get("/").status_code == 403
    assert upload(client, seed(SEED_001), url="/api/check").json()["error"].startswith("需要令牌")
    answer = client.get("/?token=s3cret", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    assert "HttpOnly" in answer.headers["set-cookie"]
    assert client.get("/").status_code == 200  # the cookie the redirect set
    client.cookies.clear()
    bearer = {"Authorization": "Bearer s3cret"}
    assert upload(client, seed(SEED_001), url="/api/check", headers=bearer).status_code == 200
    assert client.get("/", headers={"Authorization": "Bearer wrong"}).status_code == 403


def test_markup_in_a_form_is_text_and_the_policy_allows_only_the_pages_scripts(client):
    script = "<script>document.body.dataset.pwned=1</script>"
    text = SEED_001.read_text(encoding="utf-8").replace("公积金管理业务费用项目", script, 1)
    session = session_of(client, ("injected.txt", text.encode()))
    for url in (session, f"{session}/f/1"):
        page = client.get(url)
        assert script not in page.text and "&lt;script&gt;document.body.dataset.pwned=1&lt;/script&gt;" in page.text
        policy = page.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
        for body in re.findall(r"<script>(.*?)</script>", page.text, re.S):
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in policy
    assert script not in client.get(f"{session}/export.html").text


def test_errors_are_json_for_the_api_and_pages_for_people(client):
    assert client.get("/api/nothing").json() == {"error": "找不到这个页面"}
    assert client.post("/api/check", content=b"x", headers={"Content-Type": "text/plain"}).status_code == 400
    assert upload(client, seed(SEED_001), url="/api/check?lang=fr").status_code == 400
    missing = client.get("/s/nothing")
    assert missing.status_code == 404 and "没有这个审核批次" in missing.text
    session = session_of(client, seed(SEED_001))
    assert client.get(f"{session}/f/99").status_code == 404
    assert client.get(f"{session}/export.pdf").status_code == 404
    page = client.get(f"{session}/f/1").text
    action, _ = items(page)[0]
    assert client.post(action + "/redraft", data={"csrf": csrf(page)}).status_code == 409  # no model
    assert 'class="redraft"' not in page


def test_the_api_page_and_openapi_describe_the_endpoints(client):
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) == {"/api/check", "/api/review"}
    assert "files" in json.dumps(spec["paths"]["/api/check"]["post"]["requestBody"])
    assert "POST /api/review" in client.get("/api").text


def test_with_a_model_drafts_are_written_in_the_background_and_a_row_drafted_again(tmp_path, monkeypatch):
    with FakeEndpoint() as endpoint:
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
        monkeypatch.setenv("OPENAI_BASE_URL", endpoint.url)
        monkeypatch.setenv("REVIEWER_MODEL", "test-model")
        client = app_client(tmp_path, config=Config())
        session = session_of(client, seed(SEED_003))
        deadline = time.monotonic() + 60
        while client.get(f"{session}/status").json()["status"] == "drafting" and time.monotonic() < deadline:
            time.sleep(0.1)
        assert client.get(f"{session}/status").json() == {"status": "done", "detail": ""}
        page = client.get(f"{session}/f/2").text
        assert "重新起草" in page and "【点评·通过】" in page
        action, _ = items(page)[0]
        asked = len(endpoint.requests)
        answer = client.post(action + "/redraft", data={"csrf": csrf(page)}, headers={"Accept": "application/json"})
        assert answer.status_code == 200 and answer.json()["state"] == "pending"
        assert len(endpoint.requests) == asked + 1  # one row, asked again past the cache


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_on_another_address_needs_the_token_it_prints(monkeypatch, capsys):
    import uvicorn

    from reviewer.cli.main import main

    served = []

    def run(server, sockets):  # what uvicorn is given: its config, and the address already bound
        served.append((server.config, [s.getsockname() for s in sockets]))

    monkeypatch.setattr(uvicorn.Server, "run", run)
    port = free_port()
    assert main(["serve", "--port", str(port)]) == 0
    assert f"http://127.0.0.1:{port}/ " in capsys.readouterr().err  # a loopback address: no token
    assert served[-1][1] == [("127.0.0.1", port)]
    port = free_port()
    assert main(["serve", "--host", "0.0.0.0", "--port", str(port)]) == 0
    token = re.search(r"\?token=(\S+)", capsys.readouterr().err).group(1)
    config = served[-1][0]
    client = TestClient(config.app, base_url=f"http://reviewer.example:{port}")
    assert (config.host, config.port) == ("0.0.0.0", port)
    assert client.get("/").status_code == 403
    assert client.get("/", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_serve_on_a_busy_port_says_so_in_one_line_and_exits_2(monkeypatch, capsys):
    import uvicorn

    from reviewer.cli.main import main

    monkeypatch.setattr(uvicorn.Server, "run", lambda server, sockets=None: pytest.fail("served on a busy port"))
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    printed = capsys.readouterr().err
    assert printed.count("\n") == 1 and "serving" not in printed
    assert f"127.0.0.1:{port}" in printed and "in use" in printed and "--port" in printed


def test_an_uploaded_word_file_is_given_back_with_its_comments(client):
    import io

    import docx

    word = ROOT / "tests" / "documents" / "mof_003.docx"
    session = session_of(client, seed(SEED_001), seed(word))
    page = client.get(session).text
    assert f"{session}/files/1/export.docx" in page and f"{session}/files/0/export.docx" not in page
    answer = client.get(f"{session}/files/1/export.docx")
    assert answer.status_code == 200
    assert answer.headers["content-disposition"].endswith("''" + quote("mof_003-审核.docx"))  # as -o 审核/ names it
    comments = [c.text for c in docx.Document(io.BytesIO(answer.content)).comments]
    assert any("[T401 " in text for text in comments) and any("审核意见" in text for text in comments)
    assert client.get(f"{session}/files/0/export.docx").status_code == 404  # a text file is no Word file


def test_a_forms_reader_warnings_are_shown_once_in_chinese(client):
    session = session_of(client, seed(FORMS / "tab_sichuan.txt"))
    page = client.get(f"{session}/f/1").text
    assert page.count("读取提示") == 1 and "模板行“指标2”没有填写，已跳过" in page and "template row" not in page
