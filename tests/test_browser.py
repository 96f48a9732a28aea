"""The HTML report in a real browser (headless Chromium): what a reviewer sees, after the page's
script ran. Skipped where Chromium is not installed, except in CI (``CI`` set), where it fails."""

import os
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser

import pytest
from PIL import Image

from reviewer.api import check_paths
from reviewer.config import Config
from reviewer.reports.html import render_html
from tests.conftest import SEED_001, SEED_003
from tests.test_htmlreport import IMAGE, SCRIPT, injected_form

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Without the background-networking flags Chromium waits on the closed network for minutes.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
ERROR_FILL = (0xFF, 0xB3, 0xB3)  # .flag-error in the page's style
WARNING_FILL = (0xFF, 0xE5, 0x8A)  # .flag-warning

if CHROMIUM is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must run the browser test: Chromium is not installed (.ci/run installs it)")
    pytest.skip("Chromium is not installed", allow_module_level=True)


def chromium(tmp_path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120, check=True
    )


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    result = check_paths([str(SEED_001), str(SEED_003), str(injected_form(folder))], Config(), keep_forms=True)
    page = folder / "report.html"
    page.write_text(render_html(result), encoding="utf-8")
    return folder, result, page


class Dom(HTMLParser):
    """The body's attributes, the flagged cells, and the text the page shows."""

    def __init__(self):
        super().__init__()
        self.body: dict[str, str | None] = {}
        self.flagged: list[tuple[str, set[str], list[str]]] = []
        self.section = ""
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "body":
            self.body = attributes
        elif tag == "section":
            self.section = attributes["id"]
        if "data-flagged" in attributes:
            self.flagged.append((self.section, set(attributes["class"].split()), attributes["data-flagged"].split()))

    def handle_data(self, data):
        self.text.append(data)


def test_after_the_script_ran_markup_in_cells_is_text_and_every_error_is_highlighted(report):
    folder, result, page = report
    dom = Dom()
    dom.feed(chromium(folder, "--dump-dom", page.as_uri()).stdout)
    assert "data-pwned" not in dom.body
    shown = "".join(dom.text)
    assert SCRIPT in shown and IMAGE in shown  # shown as the text the form holds
    errors = [(n, f.rule) for n, form in enumerate(result.forms, 1) for f in form.findings if f.severity == "error"]
    assert len(errors) == 15  # the nine of the seeds, and E301 and N503 in each form of the copy of 001
    for n, rule in errors:
        assert any(
            section == f"form-{n}" and rule in rules and "flag-error" in classes
            for section, classes, rules in dom.flagged
        ), (n, rule)


def test_the_screenshot_shows_the_highlighted_cells(report):
    folder, _, page = report
    shot = folder / "report.png"
    chromium(folder, "--hide-scrollbars", "--window-size=1400,2400", f"--screenshot={shot}", page.as_uri())
    colours = Counter({colour: count for count, colour in Image.open(shot).convert("RGB").getcolors(1 << 24)})
    # The first form's empty 生态效益指标 row: its name and explanation cells are errors (N503, E301);
    # the warnings above and below it fill more than a few cells.
    assert colours[ERROR_FILL] > 10_000, colours.most_common(8)
    assert colours[WARNING_FILL] > 20_000
