"""A province ships rules, a reader and a backend as a package of its own: installed from
tests/plugins/reviewer-hubei, its rule runs in `reviewer check`, its reader reads its files and
its backend writes the drafts, with nothing in reviewer changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from reviewer.form.serialize import dumps
from reviewer.rules import kit
from tests.conftest import ROOT, SEED_001, run_installed

PLUGIN = ROOT / "tests" / "plugins" / "reviewer-hubei"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(PLUGIN),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return target


def with_plugin(site, *args, cwd=None):
    path = os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))
    return run_installed(*args, cwd=cwd, env={"PYTHONPATH": path})


def test_the_plugin_rule_runs_and_is_listed(site, tmp_path):
    form = tmp_path / "form.json"
    form.write_text(dumps(kit.base()), encoding="utf-8")
    result = with_plugin(site, "check", str(form), "--format", "json")
    assert result.returncode == 1, result.stderr  # H101 is an error
    [finding] = json.loads(result.stdout)["forms"][0]["findings"]
    assert finding["rule"] == "H101" and finding["message"] == "资金分值为10，湖北模板为20"
    assert "H101" in with_plugin(site, "rules").stdout
    assert "H101" not in run_installed("rules").stdout  # not installed, not there


def test_the_plugin_reader_and_backend(site, tmp_path):
    export = tmp_path / "export.dat"
    form = kit.row(1, actual="85%", score="14.17")()
    export.write_bytes(b"HUBEI-PMKPI-EXPORT\n" + dumps(form).encode())
    parsed = with_plugin(site, "parse", str(export))
    assert parsed.returncode == 0, parsed.stderr
    assert json.loads(parsed.stdout)["forms"][0]["project"] == "干部培训项目"
    drafted = with_plugin(site, "draft", str(export), "--backend", "hubei-gateway", "-f", "json")
    [explanation] = json.loads(drafted.stdout)["forms"][0]["explanations"]
    assert explanation["status"] == "template" and "培训合格率" in explanation["text"]


def test_a_plugin_that_fails_to_load_is_named(tmp_path):
    package = tmp_path / "broken_plugin"
    package.mkdir()
    (package / "__init__.py").write_text("raise RuntimeError('missing dependency')\n", encoding="utf-8")
    dist = tmp_path / "broken_plugin-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugin\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[reviewer.rules]\nbroken = broken_plugin\n", encoding="utf-8")
    result = run_installed("rules", "--lang", "en", env={"PYTHONPATH": str(tmp_path)})
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "reviewer: error: plugin 'broken' (reviewer.rules = broken_plugin) failed to load: "
        "RuntimeError: missing dependency"
    )
    chinese = run_installed("check", str(SEED_001), env={"PYTHONPATH": str(tmp_path)})  # the messages' default
    assert chinese.returncode == 2
    assert chinese.stderr.strip() == (
        "reviewer: 错误：插件 'broken'（reviewer.rules = broken_plugin）无法加载：RuntimeError: missing dependency"
    )
