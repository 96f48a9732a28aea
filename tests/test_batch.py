"""Big batches: a pretty JSON document cut into pieces for the workers, and forked workers
that must give what one process gives, in order, with each bad file reported."""

import os
from functools import cache

from reviewer.api import check_paths
from reviewer.config import Config
from reviewer.errors import InputError
from reviewer.form.serialize import dumps
from reviewer.readers import batch, read_forms
from reviewer.readers.batch import map_forms
from reviewer.readers.canonical import decode_piece, split_document
from tests.conftest import SEED_001, SEED_003, Told


@cache
def _seeds() -> tuple:
    return (*read_forms(str(SEED_001)), *read_forms(str(SEED_003)))


def seed_forms():
    return list(_seeds())


def batch_of(count: int) -> list:
    forms = seed_forms()
    copies = []
    for i in range(count):
        form = forms[i % len(forms)].model_copy()
        form.project = f"{form.project}-{i:04d}"
        copies.append(form)
    return copies


def test_pieces_of_a_pretty_document_are_its_forms():
    forms = seed_forms()
    data = ("\ufeff" + dumps({"forms": forms})).encode("utf-8")
    pieces = split_document(data)
    assert pieces is not None and len(pieces) == 12
    decoded = [decode_piece(data, start, end, "f.json") for start, end in pieces]
    assert [d["project"] for d in decoded] == [f.project for f in forms]


def test_documents_in_another_layout_are_not_cut():
    assert split_document(b'{"forms": [{"project": "a"}]}') is None
    assert split_document(b'[\n  {\n    "project": "a"\n  }\n]') is None


def test_a_bad_byte_inside_a_piece_names_its_line():
    data = dumps({"forms": seed_forms()[:2]}).encode("utf-8")
    start, end = split_document(data)[1]
    broken = data[: start + 40] + b"\xff" + data[start + 41 :]
    try:
        decode_piece(broken, start, end, "b.json")
    except InputError as error:
        assert error.line == data.count(b"\n", 0, start + 40) + 1
        assert "UTF-8" in error.message
    else:
        raise AssertionError("a bad byte was decoded")


def test_workers_give_what_one_process_gives(tmp_path, monkeypatch):
    # Slices of 10 and workers from 20 forms: the same cutting, forking and ordering as slices
    # of 250 from 500, on a fiftieth of the forms.
    monkeypatch.setattr(batch, "SLICE", 10)
    monkeypatch.setattr(batch, "PARALLEL_FROM", 20)
    big = tmp_path / "big.json"
    big.write_text(dumps({"forms": batch_of(45)}), encoding="utf-8")
    broken = tmp_path / "broken.json"
    text = dumps({"forms": batch_of(20)})
    broken.write_text(text.replace('"weight": 10', '"weight": true', 1), encoding="utf-8")

    def where(form):
        return form.project, os.getpid()

    told, told_one = Told(), Told()
    mapped = map_forms([str(big), str(broken)], where, jobs=2, progress=told)
    one = map_forms([str(big), str(broken)], where, jobs=1, progress=told_one)
    assert told.said == told_one.said == ["start 7", *["done"] * 7]  # 5 slices of big, 2 of broken
    assert [p for p, _ in mapped.results] == [p for p, _ in one.results]
    assert [str(e) for e in mapped.errors] == [str(e) for e in one.errors]
    assert os.getpid() not in {pid for _, pid in mapped.results}
    assert [p for p, _ in mapped.results] == [f.project for f in batch_of(45)] and mapped.files == 2
    assert [e.path for e in mapped.errors] == [str(broken)] and "boolean" in mapped.errors[0].message


def test_a_gb18030_batch_is_read_whole(tmp_path):
    forms = batch_of(30)
    path = tmp_path / "gbk.json"
    path.write_bytes(dumps({"forms": forms}).encode("gb18030"))
    told = Told()
    result = check_paths([str(path)], Config(), progress=told)
    assert not result.errors and [r.project for r in result.forms] == [f.project for f in forms]
    assert told.said == ["start 1", "done"]  # one file, read whole


def test_documents_are_read_in_the_workers(tmp_path):
    import shutil

    from tests.conftest import ROOT

    documents = ROOT / "tests" / "documents"
    for name in ("mof_001.docx", "mof_pdf_mof2020.pdf", "xls_001.xls"):
        shutil.copy(documents / name, tmp_path / name)

    def where(form):
        return form.project, os.getpid()

    spread = map_forms([str(tmp_path)], where, jobs=2)
    alone = map_forms([str(tmp_path)], where, jobs=1)
    assert [p for p, _ in spread.results] == [p for p, _ in alone.results] and len(spread.results) == 7
    assert {pid for _, pid in alone.results} == {os.getpid()}
    assert os.getpid() not in {pid for _, pid in spread.results}


def test_the_pages_of_a_pdf_read_alone_are_read_in_the_workers(tmp_path, monkeypatch):
    from reviewer.readers import pdf
    from tests.conftest import ROOT

    path = str(ROOT / "tests" / "documents" / "weights-first_sichuan.pdf")  # two pages
    read_page, grid = pdf._read_page, pdf._grid
    readers: list[list[int]] = []

    def tagged(page, number):
        read = read_page(page, number)
        read.reader = os.getpid()  # pickled back with the page
        return read

    def recorded(pages):
        readers.append([page.reader for page in pages])
        return grid(pages)

    monkeypatch.setattr(pdf, "_read_page", tagged)
    monkeypatch.setattr(pdf, "_grid", recorded)
    spread = map_forms([path], dumps, jobs=2)
    alone = map_forms([path], dumps, jobs=1)
    assert spread.results == alone.results and len(spread.results) == 1 and not spread.errors
    in_workers, in_this_process = readers
    assert len(in_workers) == 2 and os.getpid() not in in_workers
    assert in_this_process == [os.getpid()] * 2
