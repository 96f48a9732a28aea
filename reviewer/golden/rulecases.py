"""The rule golden cases, written from the catalogue: for every rule, the first example on which it
fires and the first on which it stays silent, as ``rule-<CODE>-fires`` and ``rule-<CODE>-silent``.

`reviewer golden update` writes them (then their outputs, as for every case); `reviewer golden
run` reports a rule case whose case.json or input.json no longer matches its rule's examples.
"""

from __future__ import annotations

import json
from pathlib import Path

from reviewer.form.serialize import dumps
from reviewer.rules import RULES

PREFIX = "rule-"


def expected() -> dict[str, dict[str, str]]:
    """Case name → {file name → text} for every rule's first firing and first silent example."""
    cases: dict[str, dict[str, str]] = {}
    for code in sorted(RULES):
        for fires in (True, False):
            example = next((e for e in RULES[code].examples if e.fires is fires), None)
            if example is None:
                continue
            verb = "fires" if fires else "stays silent"
            spec = {
                "mode": "check",
                "description": f"{code} {verb}: {example.description}",
                "fires" if fires else "silent": [code],
            }
            cases[f"{PREFIX}{code}-{'fires' if fires else 'silent'}"] = {
                "case.json": json.dumps(spec, ensure_ascii=False, indent=2) + "\n",
                "input.json": dumps(example.make()) + "\n",
            }
    return cases


def holds_rule_cases(root: Path) -> bool:
    """Only a folder that keeps rule cases is held to the catalogue (a test's small folder is not)."""
    return any(root.glob(f"{PREFIX}*/case.json"))


def stale(root: Path) -> list[str]:
    """What differs between the rule cases under ``root`` and the catalogue's examples."""
    if not holds_rule_cases(root):
        return []
    found = []
    wanted = expected()
    for name, files in wanted.items():
        for file, text in files.items():
            path = root / name / file
            if not path.exists():
                found.append(f"{name}/{file} is missing")
            elif path.read_text(encoding="utf-8") != text:
                found.append(f"{name}/{file} differs from its rule's example")
    found += [f"{folder.name} belongs to no rule example" for folder in _unwanted(root, wanted)]
    return found


def write(root: Path) -> list[str]:
    """Write every rule case's inputs under ``root``; say what was written or removed."""
    done = []
    wanted = expected()
    for name, files in wanted.items():
        for file, text in files.items():
            path = root / name / file
            if path.exists() and path.read_text(encoding="utf-8") == text:
                continue
            done.append(f"{'updated' if path.exists() else 'wrote'} {name}/{file}")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for folder in _unwanted(root, wanted):
        for path in sorted(folder.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        folder.rmdir()
        done.append(f"removed {folder.name}")
    return done


def _unwanted(root: Path, wanted: dict[str, dict[str, str]]) -> list[Path]:
    return [folder for folder in sorted(root.glob(f"{PREFIX}*")) if folder.is_dir() and folder.name not in wanted]
