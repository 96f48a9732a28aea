"""The web app in a real browser: Debian's Chromium driven by Selenium through chromium-driver,
against `reviewer serve`'s server on 127.0.0.1. A reviewer uploads a seed file, sees the red
T401 cell, edits a draft and accepts it, and downloads the workbook that holds the edit.
Skipped where Chromium or its driver is missing, except in CI (``CI`` set), where it fails."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time

import pytest
from openpyxl import load_workbook

from reviewer.web.app import Settings, create_app
from tests.conftest import SEED_003
from tests.test_browser import CHROMIUM, FLAGS

DRIVER = shutil.which("chromedriver")
if DRIVER is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must run the browser test: chromium-driver is not installed (.ci/run installs it)")
    pytest.skip("chromium-driver is not installed", allow_module_level=True)

from selenium import webdriver  # noqa: E402  (only once the driver is known to be there)
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

PROJECT = "各区管理部服务大厅委托业务费与其他设施费专项"
ROW = "保洁委托服务覆盖网点数"
ERROR_FILL = "rgba(255, 179, 179, 1)"  # .flag-error in the report's style
EDITED = "经核实，网点保洁服务已全部委托到位；年度指标值的单位应为“个”，下年度填报时更正。"


@pytest.fixture
def server(tmp_path):
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(Settings(data=tmp_path / "data"))
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)


@pytest.fixture
def browser(tmp_path):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,1800"):
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    )
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    yield driver
    driver.quit()


def wait(driver, until, seconds: float = 20):
    # Looked at every 0.05 s: Selenium's default of 0.5 s left the test waiting after each change.
    return WebDriverWait(driver, seconds, poll_frequency=0.05).until(lambda _: until())


def test_upload_see_the_error_edit_accept_and_download_the_workbook(server, browser):
    browser.get(server + "/")
    browser.find_element(By.ID, "files").send_keys(str(SEED_003))
    browser.find_element(By.CSS_SELECTOR, "#upload button[type=submit]").click()
    wait(browser, lambda: "/s/" in browser.current_url)
    batch = browser.current_url

    browser.find_element(By.LINK_TEXT, PROJECT).click()
    row = browser.find_element(By.XPATH, f"//tr[td[contains(., '{ROW}')]]")
    red = row.find_elements(By.CSS_SELECTOR, "td.flag-error[data-flagged~='T401']")
    assert red and all(cell.value_of_css_property("background-color") == ERROR_FILL for cell in red)

    box = browser.find_element(By.CSS_SELECTOR, "form.item")
    text = box.find_element(By.TAG_NAME, "textarea")
    text.clear()
    text.send_keys(EDITED)
    wait(browser, lambda: "已保存" in box.find_element(By.CLASS_NAME, "saved").text)  # saved as typed
    assert box.find_element(By.CLASS_NAME, "state").text == "已修改"
    box.find_element(By.CSS_SELECTOR, "button[value=accept]").click()
    wait(browser, lambda: box.find_element(By.CLASS_NAME, "state").text == "已修改并采纳")

    browser.refresh()  # the edit is on the server, not only on the page
    box = browser.find_element(By.CSS_SELECTOR, "form.item")
    assert box.find_element(By.TAG_NAME, "textarea").get_attribute("value") == EDITED
    assert "state-accepted" in box.get_attribute("class")

    browser.get(batch)
    browser.find_element(By.LINK_TEXT, "Excel 工作簿").click()
    workbook = wait(browser, lambda: next(iter(browser.downloads.glob("*.xlsx")), None))
    wait(browser, lambda: not list(browser.downloads.glob("*.crdownload")))
    cells = [str(c.value) for sheet in load_workbook(workbook).worksheets for r in sheet.iter_rows() for c in r]
    assert any(EDITED in cell and "【点评·已修改】" in cell for cell in cells)

    problems = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert not problems, problems  # no script refused by the policy, no failed request
