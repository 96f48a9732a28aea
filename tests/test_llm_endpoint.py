"""The openai backend against a real HTTP endpoint on 127.0.0.1: the SDK, retries, re-asks,
mode negotiation, concurrency, time-outs and the cache all run for real."""

import json
import time

import pytest

from reviewer.config import Config
from reviewer.llm.backends.openai_compatible import OpenAIBackend, Settings
from reviewer.llm.cache import Cache
from reviewer.llm.review import review_forms
from reviewer.readers import read_forms
from tests.conftest import SEED_001, SEED_003, run_cli
from tests.llmserver import FakeEndpoint

ITEMS_003 = 9 + 9 + 9  # nine deducted rows critiqued, nine review comments, nine consistency checks


@pytest.fixture(scope="module")
def forms():
    return read_forms(str(SEED_003))


def backend(endpoint, tmp_path, **settings):
    values = {"model": "test-model", "base_url": endpoint.url, "api_key": "sk-test", "retries": 3, "timeout": 5.0}
    values.update(settings)
    return OpenAIBackend(Settings(**values), cache=Cache(tmp_path / "cache.sqlite3"))


def statuses(reviewed):
    return [e.status for r in reviewed for e in r.explanations] + ["comment" if r.comment else "none" for r in reviewed]


def test_answers_are_accepted_and_an_identical_run_sends_nothing(forms, tmp_path):
    with FakeEndpoint(delay=0.3) as endpoint:
        started = time.perf_counter()
        reviewed = review_forms(forms, Config(), backend(endpoint, tmp_path), "review")
        elapsed = time.perf_counter() - started
        assert statuses(reviewed) == ["ok"] * 9 + ["comment"] * 9
        assert len(endpoint.requests) == ITEMS_003
        assert endpoint.most_in_flight > 1 and elapsed < ITEMS_003 * 0.3
        again = backend(endpoint, tmp_path)
        assert statuses(review_forms(forms, Config(), again, "review")) == statuses(reviewed)
        assert len(endpoint.requests) == ITEMS_003 and again.usage.cached == ITEMS_003


def test_first_attempt_fails_then_broken_json_then_every_row_completes(forms, tmp_path):
    with FakeEndpoint(delay=0.05) as endpoint:
        endpoint.per_prompt = ["500", "broken", "ok"]
        reviewed = review_forms(forms, Config(), backend(endpoint, tmp_path), "review")
        assert statuses(reviewed) == ["ok"] * 9 + ["comment"] * 9
        assert len(endpoint.requests) == 3 * ITEMS_003 and endpoint.most_in_flight > 1
        again = backend(endpoint, tmp_path)
        review_forms(forms, Config(), again, "review")
        assert len(endpoint.requests) == 3 * ITEMS_003 and again.usage.requests == 0
        reask = endpoint.requests[-1]["messages"]
        assert any("未通过检查" in m["content"] for m in reask if m["role"] == "user")


def test_rate_limit_with_retry_after_and_a_time_out_are_retried(forms, tmp_path):
    with FakeEndpoint() as endpoint:
        endpoint.script.extend(["429", "429", "hang"])
        reviewed = review_forms(forms[:1], Config(), backend(endpoint, tmp_path, timeout=1.0), "critique")
        assert statuses(reviewed) == ["ok", "none"]


def test_a_rejected_response_format_moves_to_the_next_mode_and_is_remembered(forms, tmp_path):
    with FakeEndpoint() as endpoint:
        endpoint.reject_modes = {"json_schema"}
        first = backend(endpoint, tmp_path)
        assert statuses(review_forms(forms[:2], Config(), first, "critique")) == ["ok", "ok", "none", "none"]
        assert first.mode == "json_object"
        assert endpoint.requests[-1]["response_format"]["type"] == "json_object"
        assert "schema" in endpoint.requests[-1]["response_format"]
        later = backend(endpoint, tmp_path)
        assert later.mode == "json_object"


@pytest.mark.parametrize("mode", ["tools", "text"])
def test_tool_calls_and_plain_text_modes(forms, tmp_path, mode):
    with FakeEndpoint() as endpoint:
        reviewed = review_forms(forms[:1], Config(), backend(endpoint, tmp_path, structured=mode), "critique")
        assert statuses(reviewed) == ["ok", "none"]
        request = endpoint.requests[0]
        assert ("tools" in request) is (mode == "tools") and "response_format" not in request


def test_an_answer_that_never_validates_fails_alone_with_its_reason(forms, tmp_path):
    with FakeEndpoint() as endpoint:
        endpoint.per_prompt = ["schema"] * 3
        reviewed = review_forms(forms[:2], Config(), backend(endpoint, tmp_path), "critique")
        items = [e for r in reviewed for e in r.explanations]
        assert [e.status for e in items] == ["failed", "failed"]
        assert "JSON 不符合要求" in items[0].problems[0]
        assert len(endpoint.requests) == 2 * 3  # first try and two re-asks each


def test_an_invented_number_is_asked_again_then_marked_failed(forms, tmp_path):
    with FakeEndpoint() as endpoint:
        endpoint.per_prompt = ["invented", "ok"]
        assert statuses(review_forms(forms[:1], Config(), backend(endpoint, tmp_path), "critique")) == ["ok", "none"]
    with FakeEndpoint() as endpoint:
        endpoint.per_prompt = ["invented"] * 3
        [form] = review_forms(forms[:1], Config(), backend(endpoint, tmp_path / "other"), "critique")
        [item] = form.explanations
        assert item.status == "failed" and "987.65" in item.problems[0]


def test_cli_against_the_endpoint_keeps_the_key_secret(tmp_path):
    key = "sk-test-DO-NOT-PRINT-123"
    with FakeEndpoint() as endpoint:
        endpoint.per_prompt = ["500"] * 20
        result = run_cli(
            "draft",
            str(SEED_001),
            "--format",
            "json",
            "--retries",
            "1",
            "--quiet",
            env={
                "OPENAI_API_KEY": key,
                "OPENAI_BASE_URL": endpoint.url,
                "REVIEWER_MODEL": "m",
                "REVIEWER_CACHE_DIR": str(tmp_path),
            },
        )
    assert result.returncode == 1  # every draft failed
    document = json.loads(result.stdout)
    problems = [p for form in document["forms"] for e in form["explanations"] for p in e["problems"]]
    assert problems and all("endpoint error" in p for p in problems)
    assert key not in result.stdout + result.stderr


def test_cli_usage_line_and_concurrency_option(tmp_path):
    with FakeEndpoint(delay=0.2) as endpoint:
        result = run_cli(
            "review",
            str(SEED_003),
            "--backend",
            "openai",
            "--concurrency",
            "1",
            "-f",
            "json",
            env={
                "OPENAI_API_KEY": "k",
                "OPENAI_BASE_URL": endpoint.url,
                "REVIEWER_CACHE_DIR": str(tmp_path),
                "REVIEWER_PRICE_PROMPT": "1",
                "REVIEWER_PRICE_COMPLETION": "2",
            },
        )
        assert endpoint.most_in_flight == 1
    assert result.returncode == 1
    assert "27 requests (0 answers from the cache)" in result.stderr and ", cost " in result.stderr
    assert json.loads(result.stdout)["summary"]["explanations"] == {"ok": 9, "template": 0, "failed": 0}


def test_record_then_replay_without_an_endpoint(tmp_path):
    recording = tmp_path / "replies.json"
    env = {"OPENAI_API_KEY": "k", "REVIEWER_CACHE_DIR": str(tmp_path / "cache")}
    with FakeEndpoint() as endpoint:
        live = run_cli(
            "critique",
            str(SEED_003),
            "-f",
            "json",
            "--backend",
            "openai",
            "--recording",
            str(recording),
            "--quiet",
            env={**env, "OPENAI_BASE_URL": endpoint.url},
        )
    assert live.returncode == 0 and len(json.loads(recording.read_text(encoding="utf-8"))) == 9
    replayed = run_cli(
        "critique",
        str(SEED_003),
        "-f",
        "json",
        "--backend",
        "replay",
        "--recording",
        str(recording),
        "--quiet",
        env={**env, "OPENAI_BASE_URL": "http://127.0.0.1:9/v1"},
    )
    assert replayed.returncode == 0 and replayed.stdout == live.stdout
    changed = run_cli(
        "critique",
        str(SEED_003),
        "-f",
        "json",
        "--backend",
        "replay",
        "--recording",
        str(recording),
        "--quiet",
        "--limit",
        "150",
        env=env,
    )
    assert changed.returncode == 1 and "no recorded reply" in changed.stdout
