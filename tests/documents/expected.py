"""The canonical JSON a fixture document must read as: the golden parse of the seed it was written
from, or the text form it was written from, without what tells where it was read. Shared by
test_documents.py and bench/documents_bench.py (which runs without pytest)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from reviewer.form.serialize import dumps
from reviewer.readers import read_forms

ROOT = Path(__file__).resolve().parent.parent.parent
FORMS = ROOT / "tests" / "forms"

GOLDEN = {"001": "001_1fb274d828a9de78", "003": "003_caa427bb58be876f"}
TEXT_FORMS = {"sichuan": "tab_sichuan.txt", "pdf_mof2020": "pdf_mof2020.txt"}
PLAIN_FORMS = 3  # the plain layout prints the first three forms of seed 003
# What tests/documents/make_documents.py writes after the weights-first form with no 总分.
SIGN_OFF = ["注：本表金额单位为元。", "单位负责人：李四填表人：张三联系电话：0000-1234567", "填报日期：2025年1月20日"]


def golden_forms(seed: str) -> list[dict]:
    text = (ROOT / "golden" / "parse" / f"{GOLDEN[seed]}.json").read_text("utf-8")
    return json.loads(text, parse_float=Decimal)["forms"]


def blank(value, layout: str):
    """The canonical JSON without what tells where it was read (source, line, location), and without
    年初预算数 for a layout that prints no such column."""
    if isinstance(value, list):
        return [blank(item, layout) for item in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, item in value.items():
        if key in ("source", "line", "location"):
            continue
        if layout == "weights-first" and key == "initial_budget":
            item = None
        if layout == "weights-first" and key == "raw":
            item = {k: v for k, v in item.items() if k != "initial_budget"}
        out[key] = blank(item, layout)
    return out


def canonical(forms, layout: str) -> str:
    data = json.loads(dumps({"forms": forms}), parse_float=Decimal)
    return dumps(blank(data, layout))


def expected_json(name: str) -> str:
    layout, source = Path(name).stem.split("_", 1)
    if source in GOLDEN:
        forms = golden_forms(source)
        return canonical(forms[:PLAIN_FORMS] if layout == "plain" else forms, layout)
    forms = read_forms(str(FORMS / TEXT_FORMS[source]))
    for form in forms:
        # Warnings describe the file read (a template row the text file holds and the document
        # does not); the notes are what the document prints after the form.
        form.warnings = []
        form.notes = SIGN_OFF if source == "sichuan" else form.notes
    return canonical(forms, layout)
