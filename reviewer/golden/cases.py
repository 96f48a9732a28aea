"""Golden cases: a form, everything the tool makes of it, and the model answers it was given.

A case is a folder (``golden/cases/<name>/``) of plain UTF-8 files, one per artefact:

=====================================  ==========================================  ========
``case.json``                          the mode (check or review); rules that must  input
                                       fire or stay silent, rules left out
``input.json``                         the form, canonical JSON                     input
``calls/<call>.<n>.response.txt``      the model's reply to attempt n of a call     input
``form.txt``                           the form as the tool read it, as a table     output
``findings.json``                      the rule catalogue's findings                output
``calls/<call>.<n>.prompt.txt``        every message of that attempt, as text       output
``outputs.json``                       drafts, critiques, the comment, consistency  output
=====================================  ==========================================  ========

A run re-checks the form, re-renders the prompts and replays the recorded replies through the
backend a live run uses (only the SDK client is replaced), so validation, re-asks and
grounding all run. Outputs are compared with the files; inputs are never written by a run.
A call is named by its task and row (``draft-r07``), not by a hash of its prompt, so a changed
template shows as a diff of the prompt while the recorded reply still answers it.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from reviewer.config import Config
from reviewer.errors import InputError
from reviewer.form.model import Form
from reviewer.form.serialize import dumps
from reviewer.llm.backends.replay import completion
from reviewer.llm.jobs import Job
from reviewer.llm.review import plan_form, run_plans
from reviewer.reports.formtext import render_form
from reviewer.rules.engine import check_form
from reviewer.rules.results import FormResult

INPUTS = ("case.json", "input.json")
RESPONSE, PROMPT = ".response.txt", ".prompt.txt"
LIMIT = 200  # explanation length limit the cases are run with, as `reviewer review` by default


class GoldenError(Exception):
    """A case that cannot be run: a missing or malformed input."""


@dataclass
class Case:
    name: str
    folder: Path
    mode: str = "check"
    description: str = ""
    fires: list[str] = field(default_factory=list)
    silent: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    problem: str | None = None  # why its case.json cannot be used

    def config(self) -> Config:
        """The default settings (never the working folder's reviewer.toml), less ``ignore``."""
        return Config(ignore=self.ignore) if self.ignore else Config()

    def form(self) -> Form:
        from reviewer.readers import read_forms_from_text

        path = self.folder / "input.json"
        try:
            forms = read_forms_from_text(path.read_text(encoding="utf-8"), "input.json", "json")
        except (OSError, UnicodeDecodeError) as error:
            raise GoldenError(f"{path}: cannot read: {error}") from None
        except InputError as error:
            raise GoldenError(f"{self.folder}/{error}") from None
        if len(forms) != 1:
            raise GoldenError(f"{path}: a case holds one form, this file has {len(forms)}")
        return forms[0]


def load_case(folder: Path) -> Case:
    """The case in ``folder``; a case.json that cannot be used gives a case that reports why
    when it is run, so one bad case does not stop the others."""
    path = folder / "case.json"
    try:
        spec = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return Case(folder.name, folder, problem=f"cannot read: {error}")
    except json.JSONDecodeError as error:
        return Case(folder.name, folder, problem=f"invalid JSON at line {error.lineno}: {error.msg}")
    problem = _spec_problem(spec)
    if problem:
        return Case(folder.name, folder, problem=problem)
    return Case(
        folder.name,
        folder,
        spec.get("mode", "check"),
        spec.get("description", ""),
        spec.get("fires", []),
        spec.get("silent", []),
        spec.get("ignore", []),
    )


def _spec_problem(spec: Any) -> str | None:
    if not isinstance(spec, dict):
        return "expected an object with mode, description, fires, silent, ignore"
    unknown = sorted(set(spec) - {"mode", "description", "fires", "silent", "ignore"})
    if unknown:
        return f"unknown field {', '.join(unknown)} (expected mode, description, fires, silent, ignore)"
    if spec.get("mode", "check") not in ("check", "review"):
        return f"mode {spec['mode']!r}: expected check or review"
    for key in ("fires", "silent", "ignore"):
        codes = spec.get(key, [])
        if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
            return f"{key}: expected a list of rule codes"
    return None


def list_cases(root: Path, names: list[str] | None = None) -> list[Case]:
    """The cases under ``root`` (every folder with a case.json), or the named ones."""
    if not root.is_dir():
        raise GoldenError(f"{root}: no such folder of golden cases (give --root)")
    folders = sorted(p.parent for p in root.glob("*/case.json"))
    if names:
        known = {f.name: f for f in folders}
        missing = [n for n in names if n not in known]
        if missing:
            raise GoldenError(f"no golden case named {', '.join(missing)} in {root}")
        folders = [known[n] for n in names]
    return [load_case(folder) for folder in folders]


@dataclass
class Produced:
    """What one run of a case made: output artefacts by path relative to the case folder."""

    case: Case
    artefacts: dict[str, str] = field(default_factory=dict)
    responses_used: set[str] = field(default_factory=set)
    responses_missing: list[str] = field(default_factory=list)
    responses_filled: dict[str, str] = field(default_factory=dict)
    unmet: list[str] = field(default_factory=list)  # expectations of case.json that failed


def produce(case: Case, fill_missing: bool = False, prompts: Path | None = None) -> Produced:
    """Run the case; with ``fill_missing``, a call with no recorded reply is answered by the
    offline backend and the reply kept, for a person to read and edit."""
    if case.problem:
        raise GoldenError(f"{case.folder / 'case.json'}: {case.problem}")
    form = case.form()
    config = case.config()
    produced = Produced(case)
    # The reading itself: a number no rule or prompt looks at still shows when it changes.
    produced.artefacts["form.txt"] = render_form(form) + "\n"
    if case.mode == "review":  # planning checks the form: its findings serve both
        plan = plan_form(form, config, "review", False, LIMIT, prompts)
        findings = plan[0]
        _produce_review(case, form, plan, produced, fill_missing)
    else:
        findings = check_form(form, config)
    produced.artefacts["findings.json"] = dumps(FormResult.of(form, findings).to_dict()) + "\n"
    fired = {f.rule for f in findings}
    produced.unmet += [f"{code} did not fire" for code in case.fires if code not in fired]
    produced.unmet += [f"{code} fired but must stay silent" for code in case.silent if code in fired]
    return produced


def _produce_review(
    case: Case, form: Form, plan: tuple[list, list[Job]], produced: Produced, fill_missing: bool
) -> None:
    from reviewer.llm.backends.openai_compatible import OpenAIBackend, Settings

    client = GoldenClient({call_name(job): job for job in plan[1]}, case.folder, fill_missing)
    backend = OpenAIBackend(
        Settings(model="golden", api_key="golden", structured="json_schema", retries=0),
        cache_enabled=False,
        client_factory=lambda: client,
    )
    [reviewed] = run_plans([form], [plan], backend)
    produced.artefacts["outputs.json"] = (
        dumps(
            {
                "explanations": [e.as_json() for e in reviewed.explanations],
                "comment": reviewed.comment.as_json() if reviewed.comment else None,
                "consistency": reviewed.consistency.as_json() if reviewed.consistency else None,
            }
        )
        + "\n"
    )
    for name, request in client.requests.items():
        produced.artefacts[f"calls/{name}{PROMPT}"] = prompt_text(request)
    produced.responses_used = {f"calls/{name}{RESPONSE}" for name in client.requests}
    produced.responses_missing = client.missing
    produced.responses_filled = client.filled


def call_name(job: Job) -> str:
    """``draft-r07``: the task and the row's place in the form (by identity: a duplicated row
    is its own call), or the task alone for a question about the whole form."""
    row = job.subject.row
    if row is None:
        return job.task
    index = next(i for i, r in enumerate(job.subject.form.indicators, 1) if r is row)
    return f"{job.task}-r{index:02d}"


def prompt_text(request: dict[str, Any]) -> str:
    """Every message of a request, then how JSON was asked for: a template change reads as a text diff."""
    parts = [f"===== {m['role']} =====\n{m['content']}\n" for m in request["messages"]]
    if request.get("response_format"):
        parts.append(
            "===== response_format =====\n"
            + json.dumps(request["response_format"], ensure_ascii=False, indent=2)
            + "\n"
        )
    return "".join(parts)


class GoldenClient:
    """Stands in for ``AsyncOpenAI``: answers each attempt of each call from its response file."""

    def __init__(self, calls: dict[str, Job], folder: Path, fill_missing: bool):
        self.calls = {_messages_key(job.messages): (name, job) for name, job in calls.items()}
        self.prefix = {len(job.messages) for job in calls.values()}
        self.folder = folder
        self.fill_missing = fill_missing
        self.requests: dict[str, dict[str, Any]] = {}
        self.missing: list[str] = []
        self.filled: dict[str, str] = {}
        self.chat = SimpleNamespace(completions=SimpleNamespace(create=self._create))

    async def _create(self, **kwargs: Any) -> Any:
        messages = kwargs["messages"]
        found = next((self.calls[key] for n in self.prefix if (key := _messages_key(messages[:n])) in self.calls), None)
        if found is None:
            raise LookupError("a request that no planned call makes")
        name, job = found
        # A re-ask repeats the question, then the rejected answer and the reasons.
        attempt = 1 + (len(messages) - len(job.messages)) // 2
        call = f"{name}.{attempt}"
        self.requests[call] = kwargs
        return completion(self._reply(call, job), tools=False)

    def _reply(self, call: str, job: Job) -> str:
        path = self.folder / "calls" / f"{call}{RESPONSE}"
        if path.exists():
            return path.read_text(encoding="utf-8")
        if not self.fill_missing:
            self.missing.append(f"calls/{call}{RESPONSE}")
            raise LookupError(f"no recorded response {path.name}")
        from reviewer.llm.backends.offline import OfflineBackend

        reply = json.dumps(OfflineBackend.answer(job.task, job.subject).model_dump(), ensure_ascii=False, indent=2)
        self.filled[f"calls/{call}{RESPONSE}"] = reply + "\n"
        return reply

    async def close(self) -> None:
        """Nothing to close; the backend closes every client it was given."""


def _messages_key(messages: list[dict[str, Any]]) -> str:
    return json.dumps(messages, ensure_ascii=False, sort_keys=True)


@dataclass
class Difference:
    case: str
    path: str
    kind: str  # changed, missing, stale, unmet
    diff: str = ""

    def describe(self) -> str:
        head = {
            "changed": "differs from what the run produced",
            "missing": "is missing (`reviewer golden update` writes it; read it before committing)",
            "stale": "is produced by nothing any more (`reviewer golden update` removes it)",
            "unmet": "expectation of case.json not met",
        }[self.kind]
        return f"{self.case}/{self.path}: {head}" + (f"\n{self.diff}" if self.diff else "")


def compare(produced: Produced) -> list[Difference]:
    case = produced.case
    found = [Difference(case.name, "case.json", "unmet", f"  {reason}") for reason in produced.unmet]
    for path, text in sorted(produced.artefacts.items()):
        file = case.folder / path
        if not file.exists():
            found.append(Difference(case.name, path, "missing"))
            continue
        expected = file.read_text(encoding="utf-8")
        if expected != text:
            found.append(Difference(case.name, path, "changed", diff(path, expected, text, case.name)))
    found += [Difference(case.name, path, "missing") for path in produced.responses_missing]
    found += [Difference(case.name, path, "stale") for path in stale(produced)]
    return found


def stale(produced: Produced) -> list[str]:
    """Files of the case folder that are neither inputs nor anything this run produced or read."""
    kept = {*INPUTS, *produced.artefacts, *produced.responses_used}
    return sorted(
        p.relative_to(produced.case.folder).as_posix()
        for p in produced.case.folder.rglob("*")
        if p.is_file() and p.relative_to(produced.case.folder).as_posix() not in kept
    )


def update(produced: Produced) -> list[str]:
    """Rewrite what differs, write what is missing, remove what is stale; say what was done."""
    case = produced.case
    done = []
    for path, text in sorted({**produced.artefacts, **produced.responses_filled}.items()):
        file = case.folder / path
        if file.exists() and file.read_text(encoding="utf-8") == text:
            continue
        verb = "updated" if file.exists() else "wrote"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
        note = (
            " (from the offline backend: read it and make it a plausible answer)"
            if path in produced.responses_filled
            else ""
        )
        done.append(f"{verb} {case.name}/{path}{note}")
    for path in stale(produced):
        (case.folder / path).unlink()
        done.append(f"removed {case.name}/{path}")
    return done


def diff(path: str, expected: str, produced: str, case: str) -> str:
    """A unified diff of whole lines; JSON is first flattened to one ``field = value`` line per
    field, so a change reads as the field that changed."""
    if path.endswith(".json"):
        expected, produced = _flat(expected), _flat(produced)
    lines = difflib.unified_diff(
        expected.splitlines(),
        produced.splitlines(),
        f"{case}/{path} (golden)",
        f"{case}/{path} (this run)",
        lineterm="",
        n=2,
    )
    return "\n".join(lines)


def _flat(text: str) -> str:
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError:
        return text
    lines: list[str] = []
    _walk(data, "", lines)
    return "\n".join(lines)


def _walk(value: Any, path: str, lines: list[str]) -> None:
    if isinstance(value, dict) and value:
        for key, item in value.items():
            _walk(item, f"{path}.{key}" if path else key, lines)
    elif isinstance(value, list) and value:
        for index, item in enumerate(value):
            _walk(item, f"{path}[{index}]", lines)
    else:
        shown = str(value) if isinstance(value, Decimal) else json.dumps(value, ensure_ascii=False)
        lines.append(f"{path} = {shown}")
