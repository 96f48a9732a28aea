"""The openai backend against a real HTTP endpoint on 127.0.0.1: the SDK, retries, re-asks,
mode negotiation, adaptive concurrency, time-outs and the cache all run for real. Retry waits
are recorded, never slept (``OpenAIBackend.sleep``)."""

import asyncio
import json
import socket
import ssl
import types
from collections import Counter

import pytest

from reviewer.config import Config
from reviewer.llm.backends.concurrency import AdaptiveLimit, AnswerTime, Ticket, read_timeout
from reviewer.llm.backends.openai_compatible import OpenAIBackend, Settings, tls_context
from reviewer.llm.cache import Cache
from reviewer.llm.review import plan_form, review_forms
from reviewer.readers import read_forms
from tests.conftest import INJECTION, SEED_001, SEED_003, fenced_form, run_cli
from tests.llmserver import UNGROUNDED, FakeEndpoint, form_data

ITEMS_003 = 9 + 9 + 9  # nine deducted rows critiqued, nine review comments, nine consistency checks


@pytest.fixture(scope="module")
def forms():
    return read_forms(str(SEED_003))


@pytest.fixture(scope="module")
def both_seeds():
    return read_forms(str(SEED_001)) + read_forms(str(SEED_003))


@pytest.fixture(scope="module")
def every_task(both_seeds):
    """Every task at least once, in three forms: seed 001's first drafts its empty explanation,
    seed 003's first critiques one and its eighth two; each has its 审核意见 and consistency check."""
    return [both_seeds[0], both_seeds[3], both_seeds[10]]


def backend(endpoint, tmp_path, **settings):
    values = {"model": "test-model", "base_url": endpoint.url, "api_key": "sk-test", "retries": 3, "timeout": 5.0}
    values.update(settings)
    made = OpenAIBackend(Settings(**values), cache=Cache(tmp_path / "cache.sqlite3"))
    made.waits = []

    async def sleep(seconds):
        made.waits.append(seconds)

    made.sleep = sleep
    return made


def statuses(reviewed):
    """Each explanation's status, then each form's 审核意见 and consistency check."""
    return (
        [e.status for r in reviewed for e in r.explanations]
        + [r.comment.status if r.comment else "none" for r in reviewed]
        + [r.consistency.status if r.consistency else "none" for r in reviewed]
    )


def test_answers_are_accepted_and_an_identical_run_sends_nothing(forms, tmp_path):
    with FakeEndpoint(delay=0.1) as endpoint:
        first = backend(endpoint, tmp_path)
        reviewed = review_forms(forms, Config(), first, "review")
        assert statuses(reviewed) == ["ok"] * ITEMS_003
        assert len(endpoint.requests) == ITEMS_003
        assert endpoint.most_in_flight > 1 and first.usage.most_in_flight == 8
        again = backend(endpoint, tmp_path)
        assert statuses(review_forms(forms, Config(), again, "review")) == statuses(reviewed)
        assert len(endpoint.requests) == ITEMS_003 and again.usage.cached == ITEMS_003


def test_first_attempt_fails_then_broken_json_then_every_row_completes(forms, tmp_path):
    with FakeEndpoint(delay=0.05) as endpoint:
        endpoint.per_prompt = ["500", "broken", "ok"]
        first = backend(endpoint, tmp_path)
        reviewed = review_forms(forms, Config(), first, "review")
        assert statuses(reviewed) == ["ok"] * ITEMS_003
        assert len(endpoint.requests) == 3 * ITEMS_003 and endpoint.most_in_flight > 1
        assert first.usage.retries == ITEMS_003 and len(first.waits) == ITEMS_003
        again = backend(endpoint, tmp_path)
        review_forms(forms, Config(), again, "review")
        assert len(endpoint.requests) == 3 * ITEMS_003 and again.usage.requests == 0
        reask = endpoint.requests[-1]["messages"]
        assert any("未通过检查" in m["content"] for m in reask if m["role"] == "user")


def test_rate_limit_with_retry_after_and_a_time_out_are_retried(forms, tmp_path):
    with FakeEndpoint() as endpoint:
        endpoint.script.extend(["429", "429", "hang"])
        # A second to answer, where the hanging request takes three: on a loaded machine (the
        # endpoint shares the test's process) 0.3 s was too little for an answer that came.
        made = backend(endpoint, tmp_path, timeout=1.0)
        reviewed = review_forms(forms[:1], Config(), made, "critique")
        assert statuses(reviewed) == ["ok", "none", "none"]
        assert made.waits[:2] == [0.05, 0.05]  # as Retry-After said
        assert (made.usage.requests, made.usage.retries, made.usage.timeouts) == (4, 3, 1)


def test_every_client_verifies_certificates_with_one_context_made_once(monkeypatch, tmp_path):
    loaded = []
    load = ssl.SSLContext.load_verify_locations
    monkeypatch.setattr(ssl.SSLContext, "load_verify_locations", lambda *a, **k: loaded.append(load(*a, **k)))
    tls_context.cache_clear()
    address = types.SimpleNamespace(url="https://127.0.0.1:9/v1")
    for _ in range(3):
        backend(address, tmp_path).sdk_client()
    assert len(loaded) <= 1  # the trusted certificates read once, not once a client
    context = tls_context()
    assert context is not None and context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname


def test_an_endpoint_never_reached_is_tried_once_more_then_every_item_fails_at_once(both_seeds, tmp_path):
    # A wrong address or a server not started: retrying each of 45 items four times, with
    # waits growing to 4 s, took 8 s to say what the first refusal said.
    with socket.socket() as bound:
        bound.bind(("127.0.0.1", 0))
        closed = types.SimpleNamespace(url=f"http://127.0.0.1:{bound.getsockname()[1]}/v1")
    made = backend(closed, tmp_path)
    reviewed = review_forms(both_seeds, Config(), made, "review")
    problems = [e.problems for r in reviewed for e in r.explanations] + [r.comment.problems for r in reviewed]
    assert problems and all(p == ["endpoint error: APIConnectionError: Connection error."] for p in problems)
    # The requests in flight when the first retry failed were retried once; none after it.
    assert made.usage.retries <= made.settings.concurrency and made.waits and max(made.waits) <= 0.5


def test_a_connection_dropped_after_the_endpoint_answered_is_retried_as_often_as_asked(forms, tmp_path):
    with FakeEndpoint() as endpoint:
        endpoint.script.extend(["ok", "drop", "drop"])
        made = backend(endpoint, tmp_path, concurrency=1)
        reviewed = review_forms(forms, Config(), made, "critique")
        assert set(statuses(reviewed)) == {"ok", "none"}
        assert (made.usage.requests, made.usage.retries) == (len(endpoint.requests), 2)


def test_only_the_items_that_failed_are_asked_again(forms, tmp_path):
    with FakeEndpoint() as endpoint:
        endpoint.per_task = {"critique": ["invented"] * 3}
        reviewed = review_forms(forms, Config(), backend(endpoint, tmp_path), "review")
        assert statuses(reviewed) == ["failed"] * 9 + ["ok"] * 18
        endpoint.per_task, sent = {}, len(endpoint.requests)
        again = backend(endpoint, tmp_path)
        assert statuses(review_forms(forms, Config(), again, "review")) == ["ok"] * ITEMS_003
        asked = endpoint.requests[sent:]
        assert len(asked) == 9 and {r["messages"][1]["content"][:8] for r in asked} == {"请审核下面这一行"}
        assert again.usage.cached == 18


def test_a_cached_answer_the_checks_now_reject_is_asked_again(forms, tmp_path):
    with FakeEndpoint() as endpoint:
        first = backend(endpoint, tmp_path)
        assert statuses(review_forms(forms[:1], Config(), first, "critique"))[0] == "ok"
        [job] = plan_form(forms[0], Config(), "critique", False, 200)[1]
        stored = json.loads(first.cache.get(first._key(job)))
        stored["comment"] = UNGROUNDED  # what an older version, checking less, accepted
        first.cache.put(first._key(job), job.task, "test-model", json.dumps(stored, ensure_ascii=False))
        again = backend(endpoint, tmp_path)
        assert statuses(review_forms(forms[:1], Config(), again, "critique"))[0] == "ok"
        assert (again.usage.cached, again.usage.requests) == (0, 1)


def test_a_rejected_response_format_moves_to_the_next_mode_and_is_remembered(forms, tmp_path):
    with FakeEndpoint() as endpoint:
        endpoint.reject_modes = {"json_schema"}
        first = backend(endpoint, tmp_path)
        assert statuses(review_forms(forms[:2], Config(), first, "critique")) == ["ok", "ok"] + ["none"] * 4
        assert first.mode == "json_object"
        assert endpoint.requests[-1]["response_format"]["type"] == "json_object"
        assert "schema" in endpoint.requests[-1]["response_format"]
        later = backend(endpoint, tmp_path)
        assert later.mode == "json_object"


@pytest.mark.parametrize("mode", ["tools", "text"])
def test_tool_calls_and_plain_text_modes(forms, tmp_path, mode):
    with FakeEndpoint() as endpoint:
        reviewed = review_forms(forms[:1], Config(), backend(endpoint, tmp_path, structured=mode), "critique")
        assert statuses(reviewed) == ["ok", "none", "none"]
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
        made = backend(endpoint, tmp_path)
        assert statuses(review_forms(forms[:1], Config(), made, "critique")) == ["ok", "none", "none"]
        reask = endpoint.requests[1]["messages"][-1]["content"]
        assert "comment：出现表中没有的数字：987.65" in reask and "rewrite：出现表中没有的数字：987.65" in reask
    with FakeEndpoint() as endpoint:
        endpoint.per_prompt = ["invented"] * 3
        [form] = review_forms(forms[:1], Config(), backend(endpoint, tmp_path / "other"), "critique")
        [item] = form.explanations
        assert item.status == "failed" and "987.65" in item.problems[0]
        assert {p.split("：")[0] for p in item.problems} == {
            "gap.note",
            "cause.note",
            "controllable.note",
            "timing.note",
            "measure.note",
            "comment",
            "rewrite",
        }


# What each kind of bad answer is rejected for, by task; a task it leaves out passes.
BAD_ANSWERS = {
    "invented": {"draft": "表中没有的数字：987.65", "critique": "表中没有的数字：987.65", "review-comment": "987.65"},
    "ungrounded": {"critique": "comment：出现表中没有的数字：7.77、9999", "review-comment": "9999"},
    "echo": {"draft": "照抄了题目的说明", "critique": "照抄了题目的说明", "review-comment": "照抄了题目的说明"},
    "hollow": {
        "draft": "explanation：未点明指标",
        "critique": "comment：没有提到本表的任何指标、审核发现或数字",
        "review-comment": "只有一句话",
    },
    "misquote": {"consistency": "contradictions[0].narrative：不是“实际完成情况”的原文摘录"},
}


def checked_items(reviewed):
    """Every checked item of a run, with its task: explanations, 审核意见, consistency checks."""
    items = [(e.mode, e) for r in reviewed for e in r.explanations]
    items += [("review-comment", r.comment) for r in reviewed if r.comment]
    items += [("consistency", r.consistency) for r in reviewed if r.consistency]
    return items


@pytest.mark.parametrize("kind", sorted(BAD_ANSWERS))
def test_answers_that_should_not_pass_never_do(every_task, tmp_path, kind):
    expected = BAD_ANSWERS[kind]
    with FakeEndpoint() as endpoint:
        endpoint.per_prompt = [kind] * 3
        items = checked_items(review_forms(every_task, Config(), backend(endpoint, tmp_path), "review"))
    assert sorted(Counter(task for task, _ in items).items()) == [
        ("consistency", 3),
        ("critique", 3),
        ("draft", 1),
        ("review-comment", 3),
    ]
    for task, item in items:
        if task in expected:
            assert item.status == "failed" and any(expected[task] in p for p in item.problems), (task, item.problems)
        else:
            assert item.status == "ok", (task, item.problems)


def test_after_one_bad_answer_the_re_ask_says_why_and_a_grounded_answer_passes(every_task, tmp_path):
    for kind in BAD_ANSWERS:
        with FakeEndpoint() as endpoint:
            endpoint.per_prompt = [kind, "ok"]
            items = checked_items(review_forms(every_task, Config(), backend(endpoint, tmp_path / kind), "review"))
            reasks = [r["messages"][-1]["content"] for r in endpoint.requests if len(r["messages"]) > 2]
        assert Counter(item.status for _, item in items) == {"ok": 10}, kind
        assert len(reasks) == sum(1 for task, _ in items if task in BAD_ANSWERS[kind])
        assert all(r.startswith("上一个回答未通过检查：") for r in reasks)


def test_a_real_contradiction_quoted_from_the_form_is_accepted(forms, tmp_path):
    with FakeEndpoint() as endpoint:
        endpoint.per_task = {"consistency": ["contradiction"]}
        reviewed = review_forms(forms[:1], Config(), backend(endpoint, tmp_path), "review")
    [check] = [r.consistency for r in reviewed]
    assert check.status == "ok" and check.contradictions[0]["indicator"] == forms[0].indicators[0].name


def test_a_form_that_tries_to_close_the_fence_gets_one_fence_in_every_message(tmp_path):
    form = fenced_form()
    with FakeEndpoint() as endpoint:
        reviewed = review_forms([form], Config(), backend(endpoint, tmp_path), "review", all_rows=True)
    assert endpoint.fences and set(endpoint.fences) == {1}  # the endpoint parsed every fence as JSON
    assert Counter(statuses(reviewed)) == {"ok": len(endpoint.requests)}
    assert all(form_data(r)["项目名称"].endswith(INJECTION) for r in endpoint.requests)  # as data, whole


def test_a_one_slot_server_queues_and_no_request_is_given_up(forms, tmp_path):
    # Nine critiques, eight sent at once to a server answering one at a time in 0.2 s: the
    # eighth waits 1.6 s, past a fixed 1 s time-out, but within its queue's allowance. The
    # first answer has 0.8 s to spare, which a loaded machine (the endpoint shares the test's
    # process) needs.
    with FakeEndpoint(delay=0.2, slots=1) as endpoint:
        made = backend(endpoint, tmp_path, timeout=1.0, concurrency=8)
        reviewed = review_forms(forms, Config(), made, "critique")
    assert statuses(reviewed) == ["ok"] * 9 + ["none"] * 18
    assert (made.usage.requests, made.usage.timeouts, made.usage.retries) == (9, 0, 0)
    assert endpoint.most_served == 1 and endpoint.most_in_flight == 8


def test_a_server_that_says_how_many_it_serves_gets_no_more(forms, tmp_path):
    with FakeEndpoint(delay=0.05, slots=2, advertise=True) as endpoint:
        made = backend(endpoint, tmp_path, concurrency=8)
        assert statuses(review_forms(forms, Config(), made, "critique")) == ["ok"] * 9 + ["none"] * 18
    assert made.slots == 2 and endpoint.most_in_flight == 2 and made.usage.most_in_flight == 2


def test_a_server_that_sheds_load_gets_fewer_requests_at_once(both_seeds, tmp_path):
    # Answers two at once and says 429 to the rest: the requests in flight halve to what it
    # takes, so every item completes within its retries, though the waits are not slept.
    with FakeEndpoint(delay=0.05, capacity=2) as endpoint:
        made = backend(endpoint, tmp_path, concurrency=8)
        reviewed = review_forms(both_seeds, Config(), made, "review")
    assert Counter(statuses(reviewed)) == {"ok": 36}
    assert made.usage.retries == endpoint.shed and 0 < endpoint.shed < 36
    assert made.usage.most_in_flight == 8


def test_adaptive_limit_halves_once_a_round_and_grows_back_by_one():
    async def scenario():
        limit = AdaptiveLimit(8)
        tickets = []
        for _ in range(8):
            async with limit.slot() as ticket:
                tickets.append(ticket)
        for ticket in tickets[:3]:  # three time-outs of one round: one cut
            limit.congested(ticket)
        assert limit.limit == 4
        async with limit.slot() as later:
            pass
        for _ in range(3):
            limit.congested(later)
            later = Ticket(limit.round, 1)
        assert limit.limit == 1  # 4 → 2 → 1, and no lower
        for _ in range(1 + 2 + 3):  # a round of successes at each limit, one more each time
            limit.succeeded()
        assert limit.limit == 4
        for _ in range(40):
            limit.succeeded()
        assert limit.limit == 8 and limit.highest == 1

    asyncio.run(scenario())


def test_a_queued_request_may_wait_for_every_round_ahead_of_it():
    assert read_timeout(60, Ticket(0, 1), None) == 60
    assert read_timeout(60, Ticket(0, 8), None) == 480  # a server that does not say: one at a time
    assert read_timeout(60, Ticket(0, 8), 4) == 120


def test_the_time_an_answer_may_take_is_learnt_from_the_server():
    allowed = AnswerTime(60)
    allowed.answered(50, rounds=1)
    assert allowed.allowed == 100  # twice the longest answer seen
    allowed.answered(150, rounds=3)  # three rounds of 50 s
    assert allowed.allowed == 100
    allowed.timed_out()
    assert allowed.allowed == 200  # slow, not dead: the next try waits longer
    for _ in range(5):
        allowed.timed_out()
    assert allowed.allowed == 600  # ten times --timeout at most


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
            "0",
            "--quiet",
            env={
                "OPENAI_API_KEY": key,
                "OPENAI_BASE_URL": endpoint.url,
                "REVIEWER_MODEL": "m",
                "REVIEWER_CACHE_DIR": str(tmp_path),
            },
        )
    assert result.returncode == 2 and result.stdout == ""  # no draft got an answer: nothing written
    assert "模型服务没有应答，未写入任何内容：endpoint error: InternalServerError" in result.stderr
    assert key not in result.stdout + result.stderr


def test_cli_usage_line_and_concurrency_option(tmp_path):
    with FakeEndpoint(delay=0.02) as endpoint:  # long enough for two requests sent together to overlap
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
    assert "请求27次（其中缓存答复0次），重试0次，超时0次，同时最多1个" in result.stderr  # the messages' language
    assert "，费用" in result.stderr
    summary = json.loads(result.stdout)["summary"]
    assert summary["explanations"] == summary["comments"] == summary["consistency"]
    assert summary["comments"] == {"ok": 9, "template": 0, "failed": 0}


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
    assert changed.returncode == 2 and "no recorded reply" in changed.stderr  # not one question was recorded


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "no such recording"),
        ("{bad", "not a recording: invalid JSON: Expecting property name enclosed in double quotes (line 1, column 2)"),
        ('["a reply"]', "not a recording: not a JSON object of reply texts"),
    ],
)
def test_a_recording_that_cannot_be_replayed_is_named(tmp_path, content, reason):
    recording = tmp_path / "replies.json"
    if content is not None:
        recording.write_text(content, encoding="utf-8")
    args = ("critique", str(SEED_003), "--backend", "replay", "--recording", str(recording), "--quiet")
    result = run_cli(*args, "--lang", "en")
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"reviewer: error: {recording}: {reason}\n")
    assert run_cli(*args).stderr.startswith(f"reviewer: 错误：{recording}: ")
