"""The parse of every seed form, compared with the golden files a person has read against the seeds.

After a deliberate change to a reader: ``REVIEWER_UPDATE_GOLDEN=1 pytest tests/test_golden_parse.py``,
then read the diff of golden/parse/ before committing it.
"""

import os

import pytest

from reviewer.form.serialize import dumps
from reviewer.readers import read_forms
from tests.conftest import ROOT, SEED_001, SEED_003


@pytest.mark.parametrize("seed", [SEED_001, SEED_003], ids=lambda p: p.stem)
def test_seed_parse_matches_golden(seed, monkeypatch):
    monkeypatch.chdir(ROOT)
    relative = seed.relative_to(ROOT).as_posix()
    produced = dumps({"forms": read_forms(relative)}) + "\n"
    golden = ROOT / "golden" / "parse" / f"{seed.stem}.json"
    if os.environ.get("REVIEWER_UPDATE_GOLDEN"):
        golden.write_text(produced, encoding="utf-8")
    assert golden.exists(), f"missing {golden}: run with REVIEWER_UPDATE_GOLDEN=1 and read the result"
    assert produced == golden.read_text(encoding="utf-8")
