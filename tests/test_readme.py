"""The README's Python examples run as written, from the repository's files."""

from __future__ import annotations

import contextlib
import io
import re
import shutil

from tests.conftest import ROOT, SEEDS


def python_blocks(section: str) -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index(f"## {section}")
    end = readme.index("\n## ", start + 1)
    return re.findall(r"```python\n(.*?)```", readme[start:end], re.S)


def test_use_it_from_python_runs_as_written(tmp_path, monkeypatch):
    shutil.copytree(SEEDS, tmp_path / "golden" / "seeds")
    monkeypatch.chdir(tmp_path)
    blocks = python_blocks("Use it from Python")
    assert len(blocks) >= 4
    scope: dict = {}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        for block in blocks:
            exec(compile(block, "README.md", "exec"), scope)
    lines = printed.getvalue().splitlines()
    assert lines[0] == "9 信息化运维项目" and lines[1] == "1"
    assert "upload.bin: binary file, not a text form (contains NUL bytes)" in lines
    assert "3 template" in lines and "0" in lines
    assert (tmp_path / "report.html").stat().st_size > 0 and (tmp_path / "report.xlsx").stat().st_size > 0


def test_the_architecture_names_every_module():
    """docs/architecture.md is the newcomer's map: a module it does not name is a room not on it."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    package = ROOT / "reviewer"
    modules = [
        path
        for path in package.rglob("*.py")
        if path.name not in ("__init__.py", "__main__.py") and "catalogue" not in path.parts
    ]
    assert len(modules) > 50
    assert [str(p.relative_to(ROOT)) for p in modules if p.name not in text] == []
