"""Decoding files: UTF-8 with or without BOM, GB18030/GBK, UTF-16; refusing what is not text."""

import codecs

import pytest

from reviewer.errors import InputError
from reviewer.readers import read_forms
from reviewer.readers.files import decode, expand_paths
from tests.conftest import SEED_001, SEED_003


@pytest.mark.parametrize("seed", [SEED_001, SEED_003])
@pytest.mark.parametrize("encoding, bom", [("gbk", b""), ("gb18030", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16", b"")])
def test_encodings_parse_like_utf8(tmp_path, seed, encoding, bom):
    copy = tmp_path / seed.name
    copy.write_bytes(bom + seed.read_text(encoding="utf-8").encode(encoding))
    expected = [f.model_copy(update={"source": None}) for f in read_forms(str(seed))]
    got = [f.model_copy(update={"source": None}) for f in read_forms(str(copy))]
    assert got == expected


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty file"),
        (b"  \n\n ", "empty file"),
        (b"\x00\x01\x02binary\x00", "binary"),
        (b"PK\x03\x04rest-of-a-zip", "zip"),
        (bytes(range(128, 256)) * 20, "cannot decode"),
    ],
)
def test_not_text_is_refused(data, message):
    with pytest.raises(InputError, match=message):
        decode(data, "x.txt")


def test_folders_are_searched_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x")
    (tmp_path / "1.json").write_text("x")
    (tmp_path / "notes.md").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    assert [p.replace(str(tmp_path), "") for p in expand_paths([str(tmp_path)])] == ["/1.json", "/b/2.txt"]
