"""Decoding files: UTF-8 with or without BOM, GB18030/GBK, UTF-16; refusing what is not text."""

import codecs
import json

import pytest

from reviewer.errors import InputError
from reviewer.readers import read_forms
from reviewer.readers.files import Skipped, decode, expand_paths, walk
from tests.conftest import SEED_001, SEED_003, run_cli


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


def test_a_folder_names_every_file_it_does_not_read(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("x")
    for name in ("README.md", ".DS_Store", "~$自评表.docx", "forms.zip", "Makefile"):
        (tmp_path / name).write_text("x")
    (tmp_path / "自评表.txt").write_bytes(SEED_001.read_bytes())
    found = [(p.path, p.reason) if isinstance(p, Skipped) else (p, None) for p in walk([str(tmp_path)])]
    found = [(path.replace(str(tmp_path), ""), reason) for path, reason in found]
    assert found == [
        ("/.git", "a hidden folder"),
        ("/.DS_Store", "a hidden file"),
        ("/Makefile", "not a form file type (no suffix)"),
        ("/README.md", "not a form file type (.md)"),
        ("/forms.zip", "an archive (.zip): unpack it and check the folder"),
        ("/~$自评表.docx", "an Office lock file (~$), left beside a document that is open"),
        ("/自评表.txt", None),
    ]


def test_skipped_files_are_named_in_every_output_and_are_no_error(tmp_path):
    (tmp_path / "README.md").write_text("# 说明")
    (tmp_path / "自评表.txt").write_bytes(SEED_001.read_bytes())
    result = run_cli("check", str(tmp_path), "--format", "json")
    skipped = f"reviewer: 跳过：{tmp_path / 'README.md'}: 不是自评表的文件类型（.md）"
    assert result.returncode == 1 and skipped in result.stderr  # 1: the seed's errors, not 2
    document = json.loads(result.stdout)
    assert document["skipped"] == [{"source": str(tmp_path / "README.md"), "reason": "not a form file type (.md)"}]
    assert document["errors"] == [] and document["summary"]["skipped"] == 1
    text = run_cli("check", str(tmp_path))
    assert "跳过1个不是自评表的文件" in text.stdout and skipped in text.stderr
    assert skipped in run_cli("review", str(tmp_path), "--backend", "offline", "--quiet").stderr
    parsed = run_cli("parse", str(tmp_path)).stderr  # parse, whose JSON keeps the readers' words, says them
    assert f"reviewer: skipped: {tmp_path / 'README.md'}: not a form file type (.md)" in parsed
    (tmp_path / "自评表.txt").unlink()
    alone = run_cli("check", str(tmp_path))
    assert alone.returncode == 2 and skipped in alone.stderr and "没有找到自评表文件" in alone.stderr
