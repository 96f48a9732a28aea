"""Read forms from Word documents (.docx).

The document is walked in order: each paragraph outside a table is a one-cell row (the title
and the "（2024年度）" above the table, notes below it), each table row a row of cells laid on
the table's grid, and what a text box holds comes after the paragraph the box is anchored in.
A merged cell holds its text in its first grid position, and the positions it covers, across
(gridSpan) or down (vMerge), are empty, as in a copied table. The rows then go through the grid
reader that reads tab-separated text and workbooks.

The grid and its merges are read from the table's own XML (gridBefore, gridSpan, vMerge, content
controls), which the reader takes straight from the package with lxml; python-docx
(``open_document``, ``body_grid``) gives the same rows from its ``Document``, for a writer that
goes back to the document's cells. Not docx2python: it gives nested lists in which a paragraph
outside a table, a one-cell table and a nested table look alike, and a row's place in its table
(for "表2第14行") is lost.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from reviewer.errors import InputError
from reviewer.form.model import Form
from reviewer.readers.files import open_file
from reviewer.readers.grid import GridRow, join_paragraphs, library_error, read_rows
from reviewer.readers.tabular import FormPlaces, Place
from reviewer.readers.vocabulary import FORM_WORDS, title_year


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


P, TBL, TR, TC, SDT, SDT_CONTENT, CUSTOM_XML, SYM = (
    _w(t) for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent", "customXml", "sym")
)
_NAMESPACES = {"w": _w("")[1:-1], "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
# An on/off property (w:vanish, w:showingPlcHdr) is on unless its w:val turns it off.
_ON = "[not(@w:val = '0' or @w:val = 'false' or @w:val = 'off')]"
# The text of runs on the page, in order: not deleted in tracked changes, moved away, hidden,
# a content control's placeholder ("单击或点击此处输入文字。"), in a fallback copy of a drawing, or
# the pinyin a phonetic guide sets over a character (w:rt).
_SHOWN = (
    "not(ancestor::w:del or ancestor::w:moveFrom or ancestor::mc:Fallback or ancestor::w:rt"
    f" or ancestor::w:sdtContent[../w:sdtPr/w:showingPlcHdr{_ON}])"
    f" and not(w:rPr/w:vanish{_ON} or w:rPr/w:specVanish{_ON})"
)
_PIECES = "/*[self::w:t or self::w:tab or self::w:br or self::w:cr or self::w:noBreakHyphen or self::w:sym]"
_RUN_TEXT = etree.XPath(f".//w:r[{_SHOWN}]{_PIECES}", namespaces=_NAMESPACES)
# In a paragraph that anchors a text box, the paragraph's own runs: the box's are read after it.
# $boxes is the number of text boxes the paragraph itself is in.
_OWN_RUN_TEXT = etree.XPath(
    f".//w:r[count(ancestor::w:txbxContent) = $boxes and {_SHOWN}]{_PIECES}", namespaces=_NAMESPACES
)
# A text box's content, once: Word keeps a VML copy of it in the mc:Fallback of the drawing.
_TEXT_BOXES = etree.XPath(
    ".//w:txbxContent[count(ancestor::w:txbxContent) = $boxes and not(ancestor::mc:Fallback)]",
    namespaces=_NAMESPACES,
)
TEXT_BOX = _w("txbxContent")
FIELD_CHAR = _w("fldChar")
# Line breaks inside a paragraph wrap like paragraphs do; tabs separate like spaces.
_RUN_PIECES = {_w("tab"): " ", _w("br"): "\n", _w("cr"): "\n", _w("noBreakHyphen"): "-"}
# Insert > Symbol writes a character of a symbol font as w:sym, its code in the font's own
# encoding moved to U+F000–U+F0FF: the few that forms use (comparators, units, tick boxes).
_SYMBOL_FONTS = {
    "Symbol": {0xB3: "≥", 0xA3: "≤", 0xB1: "±", 0xB4: "×", 0xB8: "÷", 0xB9: "≠", 0xBB: "≈", 0xB0: "°", 0xD6: "√"},
    "Wingdings": {0xFE: "☑", 0xA8: "□", 0xFC: "✓"},
}
_SPAN = etree.XPath("number(w:tcPr/w:gridSpan/@w:val)", namespaces=_NAMESPACES)
_GRID_BEFORE = etree.XPath("number(w:trPr/w:gridBefore/@w:val)", namespaces=_NAMESPACES)
_MERGE = etree.XPath("w:tcPr/w:vMerge", namespaces=_NAMESPACES)


def read(path: str, data: bytes | None = None) -> list[Form]:
    """The forms of a Word document: the file ``path``, or its bytes ``data`` (an upload)."""
    rows = document_grid(path, data)
    if any(row.location for row in rows):
        forms = read_rows(rows, path, "docx")
        if any(form.year is None for form in forms):
            year = _header_year(path, data)
            for form in forms:
                form.year = form.year or year
        return forms
    try:
        pages = _embedded_pages(path, data)
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise InputError(path, _NOT_READABLE) from None
    if pages:
        # The form is a web page the document holds (w:altChunk, what some web systems export as
        # Word), which Word converts when it opens the file: it is read as the page.
        from reviewer.readers import html

        return [form for page in pages for form in html.read(page, path)]
    raise InputError(path, "no form table: the document has no table (a form is read from a Word table)")


def _header_year(path: str, data: bytes | None) -> int | None:
    """The year a page header prints ("2024年度项目支出绩效自评表"), for a form whose body has none."""
    with open_file(path, data) as file, zipfile.ZipFile(file) as package:
        for name in sorted(n for n in package.namelist() if re.fullmatch(r"word/header\d*\.xml", n)):
            try:
                header = _xml(package.read(name))
            except (etree.XMLSyntaxError, zlib.error, zipfile.BadZipFile):  # a damaged header: the body is read
                continue
            for paragraph in header.iter(P):
                year = title_year(_paragraph(paragraph)[0])
                if year:
                    return year
    return None


def _embedded_pages(path: str, data: bytes | None) -> list[str]:
    """The web pages (HTML or .mht) the main part holds as alternative-format chunks."""
    from reviewer.readers.files import decode
    from reviewer.readers.html import looks_like

    pages = []
    with open_file(path, data) as file, zipfile.ZipFile(file) as package:
        part = _main_part(package)
        folder, _, name = part.rpartition("/")
        try:
            relationships = etree.fromstring(package.read(f"{folder}/_rels/{name}.rels".lstrip("/")), _PARSER)
        except KeyError:
            return []
        for relationship in relationships.iter(f"{{{_PACKAGE}relationships}}Relationship"):
            if relationship.get("Type", "").endswith("/aFChunk"):
                target = posixpath.normpath(posixpath.join(folder, relationship.get("Target", ""))).lstrip("/")
                text = decode(package.read(target), path) if target in package.namelist() else ""
                pages += [text] if looks_like(text.lstrip("\ufeff \t\r\n")) else []
    return pages


def document_grid(path: str, data: bytes | None = None) -> list[GridRow]:
    """Every paragraph outside tables and every table row, in document order."""
    return _walk(_body(path, data), path).rows


def body_grid(document, path: str) -> list[GridRow]:
    """The rows of a python-docx ``Document`` (``open_document``), the same as ``document_grid``
    gives, for a writer that goes back to the document's own cells: a table row's location is
    "表N第M行", N counting the tables walked in document order (a frame table, then the tables it
    holds; a table nested in a cell is that cell's text), M its row in the table, rows wrapped in
    content controls included."""
    return _walk(document.element.body, path).rows


def _walk(body, path: str) -> _Walker:
    """The document's body walked: its rows, and the cells each row came from."""
    walker = _Walker()
    try:
        walker.walk(body)
    except Exception as error:
        raise library_error(path, "cannot read the document's text", error) from None
    return walker


@dataclass
class SourceCells:
    """A Word document opened to be written into (python-docx), and where its forms' cells are:
    for the Word report, which marks the reviewer's findings on the agency's own file."""

    document: Any  # docx.document.Document
    cells: dict[int, list[Any]]  # by line, the w:tc element at each grid position of a table row
    forms: list[FormPlaces]  # in the order ``read`` gives the forms

    def cell(self, place: Place) -> Any | None:
        """The Word cell (w:tc) at a place the grid reader recorded: a merged cell wherever it covers."""
        line, index = place
        row = self.cells.get(line, [])
        return row[index] if index < len(row) else None


def source_cells(path: str, data: bytes | None = None) -> SourceCells:
    """The document at ``path`` (or held in ``data``, named ``path``) read as ``read`` reads it,
    keeping its cells."""
    document = open_document(path, data)
    walker = _walk(document.element.body, path)
    places: list[FormPlaces] = []
    read_rows(walker.rows, path, "docx", places)
    return SourceCells(document, walker.cells, places)


_PACKAGE = "http://schemas.openxmlformats.org/package/2006/"
# The parser python-docx uses, less its element classes: no entities resolved, no network.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
_NOT_READABLE = (
    "not a readable .docx document (corrupt or not a zip file); open it in Word or WPS and save it again as .docx"
)


def _body(path: str, data: bytes | None):
    """The document's <w:body>, read straight from the package (its main part found through the
    package relationships, as Word finds it): a tenth of a second less than python-docx's import."""
    with open_file(path, data) as file:
        try:
            with zipfile.ZipFile(file) as package:
                part = _main_part(package)
                kind = _content_type(package, part)
                if "wordprocessingml" not in kind and "ms-word" not in kind:
                    raise InputError(path, f"not a Word .docx document (an Office file of content type {kind})")
                root = _xml(package.read(part))
                hidden = _hidden_styles(package)
        except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, EOFError, zlib.error):
            raise InputError(path, _NOT_READABLE) from None
        except (OSError, ValueError, RuntimeError) as error:  # a damaged member, an encrypted zip
            raise library_error(path, "not a readable .docx document", error) from None
    body = root.find(_w("body"))
    if body is None:
        raise InputError(path, "no form table: the document has no body (a form is read from a Word table)")
    if hidden:
        _hide_styled_runs(body, hidden)
    return body


def _hidden_styles(package: zipfile.ZipFile) -> dict[str, bool]:
    """Whether each style that says so hides its text (w:vanish), itself or through the style it
    is based on: Word's hidden text set by a character or paragraph style."""
    try:
        data = package.read("word/styles.xml")
    except KeyError:
        return {}
    if b"vanish" not in data:  # most documents: no style hides anything, and parsing costs 9 ms
        return {}
    try:
        styles = _xml(data)
    except etree.XMLSyntaxError:
        return {}
    based_on: dict[str, str] = {}
    vanish: dict[str, bool] = {}
    for style in styles.iter(_w("style")):
        name = style.get(_w("styleId"), "")
        parent = style.find(_w("basedOn"))
        if parent is not None:
            based_on[name] = parent.get(_w("val"), "")
        flag = style.find(f"{_w('rPr')}/{_w('vanish')}")
        if flag is not None:
            vanish[name] = flag.get(_w("val"), "true") not in ("0", "false", "off")

    def hides(name: str, seen: frozenset[str] = frozenset()) -> bool | None:
        if name in vanish:
            return vanish[name]
        if name in based_on and name not in seen:
            return hides(based_on[name], seen | {name})
        return None

    decided = {name: hides(name) for name in {*vanish, *based_on}}
    return {name: hidden for name, hidden in decided.items() if hidden is not None}


def _hide_styled_runs(body, hiding: dict[str, bool]) -> None:
    """Drop the runs a style hides: the run's own (character) style where it says, else its
    paragraph's; a w:vanish on the run itself is the reader's XPath's to decide."""
    if not any(hiding.values()):
        return
    for run in list(body.iter(_w("r"))):
        if run.find(f"{_w('rPr')}/{_w('vanish')}") is not None:
            continue
        style = run.find(f"{_w('rPr')}/{_w('rStyle')}")
        paragraph = next(run.iterancestors(P), None)
        paragraph_style = None if paragraph is None else paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
        said = [
            hiding[name]
            for element in (style, paragraph_style)
            if element is not None and (name := element.get(_w("val"))) in hiding
        ]
        if said and said[0]:
            run.getparent().remove(run)


_STRICT = b"http://purl.oclc.org/ooxml/wordprocessingml/main"


def _xml(data: bytes):
    """A part of the document as XML; Word's "Strict Open XML" format names the same elements in
    a namespace of its own, read here as the usual one."""
    return etree.fromstring(data.replace(_STRICT, _w("")[1:-1].encode()), _PARSER)


def _main_part(package: zipfile.ZipFile) -> str:
    relationships = etree.fromstring(package.read("_rels/.rels"), _PARSER)
    for relationship in relationships.iter(f"{{{_PACKAGE}relationships}}Relationship"):
        if relationship.get("Type", "").endswith("/officeDocument"):
            return relationship.get("Target", "").lstrip("/")
    raise KeyError("officeDocument")


def _content_type(package: zipfile.ZipFile, part: str) -> str:
    types = etree.fromstring(package.read("[Content_Types].xml"), _PARSER)
    for override in types.iter(f"{{{_PACKAGE}content-types}}Override"):
        if override.get("PartName", "").lstrip("/") == part:
            return override.get("ContentType", "unknown")
    extension = part.rpartition(".")[2]
    for default in types.iter(f"{{{_PACKAGE}content-types}}Default"):
        if default.get("Extension", "").lower() == extension.lower():
            return default.get("ContentType", "unknown")
    return "unknown"


def open_document(path: str, data: bytes | None = None):
    """The python-docx ``Document`` of the file (or bytes), or an InputError saying why not: for
    a writer that changes the document (the reader itself needs only the XML)."""
    import docx  # python-docx: a cold import of 0.15 s
    from docx.opc.exceptions import PackageNotFoundError

    with open_file(path, data) as file:
        try:
            return docx.Document(file)
        except (zipfile.BadZipFile, PackageNotFoundError):
            raise InputError(path, _NOT_READABLE) from None
        except ValueError as error:
            # python-docx: "file '…' is not a Word file, content type is '…spreadsheetml…'"
            kind = str(error).rpartition("content type is ")[2].strip("'") or "unknown"
            raise InputError(path, f"not a Word .docx document (an Office file of content type {kind})") from None
        except Exception as error:
            raise library_error(path, "not a readable .docx document", error) from None


class _Walker:
    def __init__(self) -> None:
        self.rows: list[GridRow] = []
        self.cells: dict[int, list[Any]] = {}
        self.tables = 0

    def walk(self, container) -> list[GridRow]:
        for block in _blocks(container):
            if block.tag == P:
                text, boxes = _paragraph(block)
                self._add([text], None)
                for box in boxes:
                    self.walk(box)
            else:
                self._table(block)
        return self.rows

    def _add(self, cells: list[str], location: str | None, owners: list[Any] | None = None) -> None:
        if any(cells):
            self.rows.append(GridRow(len(self.rows) + 1, cells, location))
            if owners is not None:
                self.cells[len(self.rows)] = owners

    def _table(self, table) -> None:
        self.tables += 1
        number = self.tables
        above: dict[int, Any] = {}  # by grid column, the cell a vMerge continuation belongs to
        for index, tr in enumerate(_content(table, TR), 1):
            cells = list(_content(tr, TC))
            frame = next((tc for tc in cells if _is_frame(tc, len(cells))), None)
            if frame is not None:
                # A frame: a cell holding the form's tables (a form laid out in an outer table, or
                # beside a label cell "绩效指标"); the row's other cells label it, above it.
                self._add([_cell_text(tc) for tc in cells if tc is not frame], f"表{number}第{index}行")
                self.walk(frame)
                continue
            texts, owners = _row_texts(tr, cells, above)
            self._add(texts, f"表{number}第{index}行", owners)


def _is_frame(tc, cells_in_row: int) -> bool:
    """Whether the cell holds tables that are the form: alone on its row (a cell spanning the
    row), or beside other cells when its tables have a form's header."""
    tables = list(tc.iter(TBL))
    if not tables or cells_in_row == 1:
        return bool(tables)
    texts = ("".join(table.itertext()) for table in tables)
    return any(word in text for text in texts for word in FORM_WORDS)


def _blocks(container) -> Iterator:
    """Paragraphs and tables in order."""
    return _content(container, P, TBL)


def _content(element, *tags: str) -> Iterator:
    """The children with these tags, through the content controls and custom XML that can wrap
    a paragraph, a table, a row or a cell."""
    for child in element.iterchildren():
        if child.tag in tags:
            yield child
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _content(content, *tags)
        elif child.tag == CUSTOM_XML:
            yield from _content(child, *tags)


def _row_texts(tr, cells: list, above: dict[int, Any]) -> tuple[list[str], list[Any]]:
    """The row's texts on the table's grid, and the cell that owns each grid position: a merged
    cell everywhere it covers (across, and down from the row where it starts), None before the
    first cell (gridBefore)."""
    texts = [""] * _count(_GRID_BEFORE(tr), 0)
    owners: list[Any] = [None] * len(texts)
    for tc in cells:
        merge = _MERGE(tc)
        # A vMerge without val="restart" continues the cell above: its text is in that cell.
        continues = bool(merge) and merge[0].get(_w("val")) in (None, "continue")
        column, span = len(texts), _count(_SPAN(tc), 1)
        owner = above.get(column, tc) if continues else tc
        texts.append("" if continues else _cell_text(tc))
        texts.extend([""] * (span - 1))
        owners.extend([owner] * span)
        above.update(dict.fromkeys(range(column, column + span), owner))
    return texts, owners


def _count(number: float, default: int) -> int:
    """An XPath number() of a count attribute: NaN where it is missing or not a number."""
    return int(number) if number == number and number >= 0 else default


def _cell_text(tc) -> str:
    """A cell's paragraphs joined; a table inside the cell is flattened row by row, its cells
    joined like paragraphs."""
    parts = []
    for block in _blocks(tc):
        if block.tag == P:
            text, boxes = _paragraph(block)
            parts.append(text)
            parts.extend(_cell_text(box) for box in boxes)
        else:
            parts.extend(join_paragraphs(_cell_text(c) for c in _content(tr, TC)) for tr in _content(block, TR))
    return join_paragraphs(parts)


def _paragraph(p) -> tuple[str, list]:
    """The paragraph's own text, and the text boxes anchored in it (not those inside them)."""
    # Most paragraphs anchor none: a look through the paragraph's elements costs less than an XPath.
    if next(p.iter(TEXT_BOX), None) is None:
        pieces, boxes = _RUN_TEXT(p), []
    else:
        inside = sum(1 for _ in p.iterancestors(TEXT_BOX))  # the boxes the paragraph itself is in
        pieces, boxes = _OWN_RUN_TEXT(p, boxes=inside), _TEXT_BOXES(p, boxes=inside)
    if next(p.iter(FIELD_CHAR), None) is not None:
        pieces = _field_results(p, pieces)
    return _text_of(pieces), boxes


def _field_results(p, pieces: list) -> list:
    """The pieces a person sees of a paragraph with fields: a field's result, never its code
    (w:instrText is not read), nor a field nested in the code ({ IF { = 1 } = 1 "10" "5" }, whose
    inner result would read "1010")."""
    in_code: list[bool] = []  # for each field open around the piece: whether its code is still going on
    hidden = set()
    for element in p.iter(FIELD_CHAR, *(piece.tag for piece in pieces)):
        if element.tag != FIELD_CHAR:
            hidden.update([element] if any(in_code) else [])
        elif element.get(_w("fldCharType")) == "begin":
            in_code.append(True)
        elif element.get(_w("fldCharType")) == "separate" and in_code:
            in_code[-1] = False
        elif element.get(_w("fldCharType")) == "end" and in_code:
            in_code.pop()
    return [piece for piece in pieces if piece not in hidden]


def _text_of(pieces) -> str:
    text = "".join(_piece_text(piece) for piece in pieces)
    return join_paragraphs(text.split("\n"))


def _piece_text(piece) -> str:
    if piece.tag == SYM:
        return _symbol(piece.get(_w("font"), ""), piece.get(_w("char"), ""))
    return _RUN_PIECES.get(piece.tag, piece.text or "")


def _symbol(font: str, char: str) -> str:
    """The character of a w:sym: a code of the font's own encoding (F0xx) is looked up; any other
    code is a Unicode character. A symbol not known, or a code that is not one, reads as nothing."""
    try:
        code = int(char, 16)
        return _SYMBOL_FONTS.get(font, {}).get(code - 0xF000, "") if code >> 8 == 0xF0 else chr(code)
    except ValueError:
        return ""
