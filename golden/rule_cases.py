"""Write the hand-made golden cases of the rule catalogue: for every rule, the first form of
tests/test_rules.py on which it fires and the first on which it must stay silent.

    python golden/rule_cases.py && reviewer golden update

The forms are built in tests/formkit.py from one clean base form, each changed in one place;
this writes their input.json and case.json, and `reviewer golden update` the findings.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reviewer.serialize import dumps  # noqa: E402
from tests.test_rules import CASES  # noqa: E402


def main() -> None:
    written: set[tuple[str, bool]] = set()
    for code, fires, description, make in CASES:
        if (code, fires) in written:
            continue
        written.add((code, fires))
        folder = ROOT / "golden" / "cases" / f"rule-{code}-{'fires' if fires else 'silent'}"
        folder.mkdir(parents=True, exist_ok=True)
        spec = {"mode": "check", "description": f"{code} {'fires' if fires else 'stays silent'}: {description}",
                "fires" if fires else "silent": [code]}
        (folder / "case.json").write_text(json.dumps(spec, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        (folder / "input.json").write_text(dumps(make()) + "\n", encoding="utf-8")
    print(f"{len(written)} rule cases written")


if __name__ == "__main__":
    main()
