"""The public API's batch of uploads and its choice of rows to ask about."""

import reviewer
from reviewer.api import check_paths
from reviewer.config import Config
from tests.conftest import SEED_001, SEED_003


def test_files_read_from_bytes_check_as_the_same_files_read_from_disk():
    batch = reviewer.read_many([(str(SEED_001), SEED_001.read_bytes()), ("noise.bin", b"\x00\x01" * 50)])
    assert (len(batch.forms), batch.files, [e.path for e in batch.errors]) == (3, 2, ["noise.bin"])
    from_disk = check_paths([str(SEED_001)], Config()).to_dict()
    document = reviewer.check(batch).to_dict()
    assert document["forms"] == from_disk["forms"]
    assert document["summary"] == {**from_disk["summary"], "files": 2, "unreadable": 1}


def test_review_asks_only_about_the_rows_chosen():
    form = reviewer.read(SEED_003)[7]
    deducted = [row for row in form.indicators if row.score is not None and row.weight and row.score < row.weight]
    assert len(deducted) == 2
    result = reviewer.review([form], mode="critique", rows=lambda row: row is deducted[1])
    assert [e.indicator for e in result.forms[0].explanations] == [deducted[1].name]
    assert result.forms[0].comment is None
    everything = reviewer.review([form], mode="review", rows=lambda row: False).forms[0]
    assert everything.explanations == [] and everything.comment
