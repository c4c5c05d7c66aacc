"""Every form a report comes in, through one ``govinfo.read``: workbooks of every office suite,
Word files, PDFs and web pages, each read by its cell grid.

The fixtures are made by a real office suite (LibreOffice, :mod:`tests.office`) from the
built-in example: its workbook converted to ``.xls`` and ``.ods``, its rendered page
(:func:`govinfo.render_html`) converted to ``.docx``, ``.doc``, ``.odt`` and ``.pdf``. Each
reads back to the same report. The real published PDF of 淮安市人民政府 reads to the values
printed in it, checked by hand.
"""

from __future__ import annotations

import datetime
import re
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import govinfo
from govinfo import AnnualReport, GovinfoError, strategies
from govinfo.reading import convert as converting
from tests import office
from tests.office import needs_cjk_pdf, needs_office, needs_writer

HUAIAN = Path(__file__).parent / "data" / "files" / "huaian-city-2024.pdf"
WORD = "HTML (StarWriter)"


def _paragraphs(text: str) -> list[str]:
    """A narrative as paragraphs: a page has no blank lines between them."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _letters(text: str) -> str:
    """A narrative without white space: a PDF keeps no space a line break stood for."""
    return "".join(text.split())


def assert_same(read: AnnualReport, expected: AnnualReport) -> None:
    assert govinfo.cell_values(read) == govinfo.cell_values(expected)
    assert (read.organ, read.year, read.edition) == (expected.organ, expected.year, expected.edition)
    for field in ("overview", "problems", "other_matters"):
        assert _letters(getattr(read, field)) == _letters(getattr(expected, field)), field
        assert len(_paragraphs(getattr(read, field))) == len(_paragraphs(getattr(expected, field))), field


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example in every form an office suite saves it."""
    folder = tmp_path_factory.mktemp("formats")
    report = govinfo.example()
    files = {"xlsx": folder / "湛河区.xlsx", "html": folder / "湛河区.html"}
    govinfo.write_xlsx(report, files["xlsx"])
    files["html"].write_text(govinfo.render_html(report, date=datetime.date(2025, 1, 20)), encoding="utf-8")
    if office.SOFFICE is not None:
        files["xls"] = office.convert(files["xlsx"], "xls", folder / "xls")
        files["ods"] = office.convert(files["xlsx"], "ods", folder / "ods")
    if office.WRITER:
        files["docx"] = office.convert(files["html"], "docx:MS Word 2007 XML", folder / "docx", infilter=WORD)
        files["doc"] = office.convert(files["docx"], "doc", folder / "doc")
        files["odt"] = office.convert(files["docx"], "odt", folder / "odt")
        files["pdf"] = office.convert(files["html"], "pdf", folder / "pdf", infilter=WORD)
    return files


PLACES = {
    "xlsx": "表三!J5",
    "xls": "表三!J5",
    "ods": "表三!J5",
    "docx": "表格 2 第 4 行第 10 列",
    "doc": "表格 2 第 4 行第 10 列",
    "odt": "表格 2 第 4 行第 10 列",
}


def _unsigned(findings: list[govinfo.Finding]) -> list[govinfo.Finding]:
    """The findings but the note that the rendered page's signature block is not read into section 六."""
    return [f for f in findings if f.rule_id != "GI529"]


@pytest.mark.parametrize(
    "kind",
    [
        "xlsx",
        "html",
        pytest.param("xls", marks=needs_office),
        pytest.param("ods", marks=needs_office),
        pytest.param("docx", marks=needs_writer),
        pytest.param("doc", marks=needs_writer),
        pytest.param("odt", marks=needs_writer),
        pytest.param("pdf", marks=needs_cjk_pdf),
    ],
)
def test_every_form_reads_back_to_the_example(made: dict[str, Path], kind: str) -> None:
    result = govinfo.read(made[kind])
    assert_same(result.report, govinfo.example())
    assert _unsigned(result.findings) == []
    where = result.sources["requests.received.total"]
    assert where.text == "212"
    assert where.file == made[kind].name
    if kind in PLACES:
        assert where.describe().endswith(PLACES[kind])
    if kind == "pdf":
        assert (where.page, where.table, where.column) == (4, 1, 10)  # the page keeps its blank lines
        assert where.describe().startswith(f"{made[kind].name}:第 4 页表格 1 第 ")
    if kind == "html":
        assert where.line is not None
        assert made[kind].read_text(encoding="utf-8").splitlines()[where.line - 1].count(">212<") >= 1


@needs_writer
def test_blank_cells_of_a_word_table_stand_for_0_at_their_position(made: dict[str, Path], tmp_path: Path) -> None:
    """A table whose zeros are left blank: each blank is read as 0 where it stands, and said."""
    page = re.sub(r"(<td[^>]*>)0</td>", r"\1&nbsp;</td>", made["html"].read_text(encoding="utf-8"))
    source = tmp_path / "空白.html"
    source.write_text(page, encoding="utf-8")
    docx = office.convert(source, "docx:MS Word 2007 XML", tmp_path / "out", infilter=WORD)
    for path in (source, docx):
        result = govinfo.read(path)
        assert govinfo.cell_values(result.report) == govinfo.cell_values(govinfo.example())
        blanks = [f for f in result.findings if f.rule_id == "GI502"]
        zeros = {p for p, v in govinfo.cell_values(govinfo.example()).items() if v == 0}
        assert len(blanks) == 3  # one a table, listing its blank cells: not 168 lines saying the same
        assert {p for f in blanks for p in f.cells} == zeros
        assert "表三中 155 个单元格为空白" in blanks[1].message_zh
        assert {f.rule_id for f in result.findings} == {"GI502", "GI529"}  # the signature block said apart


def test_a_page_copied_with_its_spans_lost_reads_each_row_under_its_headers(tmp_path: Path) -> None:
    """The example as its site's page lost the spans: rows of table 三 stand one column right of
    their headers. Read by position, aligned, and said once (GI523); table 四's 16 numbers for 15
    cells are said as in the text (GI501)."""
    lines = []
    rows: list[list[str]] = []
    for line in [*govinfo.example_text().splitlines(), ""]:
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        if rows:
            lines.append("<table border=1>")
            lines += ["<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows]
            lines.append("</table>")
            rows = []
        lines.append(f"<p>{line}</p>")
    page = tmp_path / "湛河区.html"
    page.write_text("<html><body>" + "\n".join(lines) + "</body></html>", encoding="utf-8")
    result = govinfo.read(page)
    text = govinfo.read_text(govinfo.example_text()).report
    differ = {
        path for path, value in govinfo.cell_values(result.report).items() if value != govinfo.cell_values(text)[path]
    }
    assert {p.rsplit(".", 1)[0] for p in differ} == {"appeals.litigation_after_reconsideration"}  # the 16th number
    shifted = [f for f in result.findings if f.rule_id == "GI523"]
    assert len(shifted) == 1
    assert "等 19 行" in shifted[0].message_zh
    assert "靠右 1 列" in shifted[0].message_zh
    assert [f.rule_id for f in result.findings if f.rule_id in ("GI501", "GI524")] == ["GI501"]


def test_a_value_under_no_column_is_reported_and_not_read(made: dict[str, Path]) -> None:
    """A number that no shift brings under the headers is not guessed at (GI524)."""
    page = made["html"].read_text(encoding="utf-8")
    row = re.search(r"<tr>\s*<th[^>]*>规章</th>(\s*<td[^>]*>0</td>){3}\s*</tr>", page)
    assert row is not None
    odd = page.replace(
        row.group(), '<tr><td class="label">规章</td><td>1</td><td></td><td>4</td><td></td><td>9</td></tr>'
    )
    result = govinfo.read(odd.encode(), kind="html")
    stray = [f for f in result.findings if f.rule_id == "GI524"]
    assert len(stray) == 1
    assert stray[0].source is not None
    assert stray[0].source.text == "9"
    values = govinfo.cell_values(result.report)
    assert (values["proactive.regulations.issued"], values["proactive.regulations.in_force"]) == (1, 4)


def test_a_workbook_or_page_under_the_wrong_suffix_is_read_as_what_it_is(made: dict[str, Path], tmp_path: Path) -> None:
    for kind, suffix in (("html", ".xls"), ("xlsx", ".xls"), ("html", ".doc")):
        lying = tmp_path / f"导出{suffix}"
        lying.write_bytes(made[kind].read_bytes())
        result = govinfo.read(lying)
        assert govinfo.cell_values(result.report) == govinfo.cell_values(govinfo.example())
        assert [f.rule_id for f in _unsigned(result.findings)] == ["GI525"]
        assert suffix in result.findings[0].message_zh


@needs_office
def test_every_kind_through_the_command(
    made: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from govinfo.cli import main  # noqa: PLC0415

    folder = tmp_path / "各单位"
    folder.mkdir()
    for kind, path in made.items():
        (folder / f"{kind}{path.suffix}").write_bytes(path.read_bytes())
    assert main(["check", "--format", "json", str(folder)]) == 0
    captured = capsys.readouterr()
    assert "未读取" not in captured.err
    assert main(["explain", str(made.get("pdf", made["xls"])), "requests.received.total"]) in (0, 1)
    shown = capsys.readouterr().out
    assert "212" in shown
    assert ("第 4 页" in shown) if "pdf" in made else ("表三!J5" in shown)
    # a 汇总 over files of mixed kinds, as a collecting office receives them
    organs = tmp_path / "汇总"
    organs.mkdir()
    office_file = made.get("pdf", made["xls"])
    (organs / f"湛河区{office_file.suffix}").write_bytes(office_file.read_bytes())
    example = govinfo.example()
    govinfo.write_xlsx(attrs.evolve(example, organ="乙局"), organs / "乙局.xlsx")
    (organs / "丙局.html").write_text(govinfo.render_html(attrs.evolve(example, organ="丙局")), encoding="utf-8")
    (organs / "丁局.json").write_text(govinfo.to_json(attrs.evolve(example, organ="丁局")), encoding="utf-8")
    total = tmp_path / "汇总.json"
    assert main(["aggregate", str(organs), "-o", str(total), "--organ", "全区"]) == 0
    assert govinfo.from_json(total.read_text(encoding="utf-8")).requests.received.total == 4 * 212


HAND_CHECKED = {
    # 第二十条：规章 1 0 11；行政规范性文件 8 26 66；许可 447228；处罚 3985758；强制 88283；收费 96171.6 万元
    "proactive.regulations.issued": 1,
    "proactive.regulations.repealed": 0,
    "proactive.regulations.in_force": 11,
    "proactive.normative_documents.issued": 8,
    "proactive.normative_documents.repealed": 26,
    "proactive.normative_documents.in_force": 66,
    "proactive.licensing.decisions": 447228,
    "proactive.penalties.decisions": 3985758,
    "proactive.coercive_measures.decisions": 88283,
    # 表三：本年新收 3001 53 0 0 61 4 3119；上年结转 34 0 0 0 0 0 34
    "requests.received.natural_person": 3001,
    "requests.received.commercial": 53,
    "requests.received.legal_service": 61,
    "requests.received.other": 4,
    "requests.received.total": 3119,
    "requests.carried_over.total": 34,
    "requests.outcomes.disclosed.total": 1362,
    "requests.outcomes.partially_disclosed.total": 454,
    "requests.outcomes.withheld.administrative_query.total": 105,
    "requests.outcomes.unavailable.not_held.total": 769,
    "requests.outcomes.unavailable.needs_creation.total": 11,  # its label cut by the page break (页 4 → 5)
    "requests.outcomes.other_handling.other.total": 110,  # numbered 3、其他
    "requests.outcomes.total.natural_person": 2932,
    "requests.outcomes.total.total": 3050,
    "requests.carried_forward.total": 103,
    # 表四：72 64 178 37 351 | 13 4 8 1 26 | 12 1 1 6 20
    "appeals.reconsideration.upheld": 72,
    "appeals.reconsideration.total": 351,
    "appeals.litigation_direct.total": 26,
    "appeals.litigation_after_reconsideration.pending": 6,
    "appeals.litigation_after_reconsideration.total": 20,
}


def test_the_real_published_pdf_reads_to_the_values_printed_in_it() -> None:
    result = govinfo.read(HUAIAN)
    report = result.report
    assert (report.organ, report.year, report.edition) == ("淮安市人民政府", 2024, "2021")
    values = govinfo.cell_values(report)
    assert {path: values[path] for path in HAND_CHECKED} == HAND_CHECKED
    assert str(values["proactive.fees.amount"]) == "96171.6"
    # Only the 1、 numbering of table 三 (六) is said: the tables balance as published.
    assert [f.rule_id for f in result.findings] == ["GI512", "GI512", "GI512"]
    assert all(f.source is not None and f.source.page == 5 for f in result.findings)
    assert result.sources["proactive.penalties.decisions"].page == 4
    assert report.overview.startswith("2024 年，我市坚持以习近平新时代中国特色社会主义思想为")
    assert "- 2 -" not in report.overview  # the page number is not content


# Hostile and broken files: a GovinfoError, quickly.


def _pdf(*pages: bytes, count: int | None = None, flate: bool = False) -> bytes:
    """A minimal PDF whose pages have the content streams ``pages``."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 2 * k} 0 R" for k in range(len(pages)))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {count or len(pages)} >>".encode())
    for k, content in enumerate(pages):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * k} 0 R >>".encode())
        body = __import__("zlib").compress(content, 9) if flate else content
        head = f"<< /Length {len(body)}{' /Filter /FlateDecode' if flate else ''} >>\nstream\n".encode()
        objects.append(head + body + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _refused(data: bytes, kind: str | None = None) -> GovinfoError:
    with pytest.raises(GovinfoError) as caught:
        govinfo.read(data, kind=kind)
    return caught.value


def test_header_cells_cut_by_a_page_break_are_joined_and_the_next_header_row_kept() -> None:
    """Found by the LibreOffice property: table 四's two-row header cells (结果维持 …) cut by the page
    break, the second header row (under 未经复议直接起诉) beginning on the next page beside their rest."""
    pytest.importorskip("pdfplumber")
    folder = HUAIAN.parent
    result = govinfo.read(folder / "header-cut-by-page-break.pdf")
    assert result.findings == []
    expected = govinfo.from_json((folder / "header-cut-by-page-break.json").read_text(encoding="utf-8"))
    assert result.report == expected
    assert result.sources["appeals.litigation_after_reconsideration.upheld"].page == 3


def test_a_scanned_pdf_says_it_has_no_text_layer() -> None:
    assert "没有文字层" in _refused(_pdf(b"0 0 m 100 100 l S")).message_zh


def test_a_pdf_of_100000_pages_is_refused_before_reading_them() -> None:
    error = _refused(_pdf(b"", count=100_000))
    assert isinstance(error, govinfo.UnsafeFileError)
    assert "页数过多" in error.message_zh


def test_a_pdf_page_that_inflates_to_a_gigabyte_is_refused() -> None:
    error = _refused(_pdf(b" " * (100 * 2**20), flate=True))
    assert isinstance(error, govinfo.UnsafeFileError)
    assert "解压后过大" in error.message_zh


@needs_cjk_pdf
def test_an_encrypted_pdf_says_it_is_encrypted(made: dict[str, Path], tmp_path: Path) -> None:
    options = '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"x"}}'
    locked = office.convert(made["html"], f"pdf:writer_pdf_Export:{options}", tmp_path, infilter=WORD)
    assert "已加密" in _refused(locked.read_bytes()).message_zh


def _zip(members: dict[str, bytes]) -> bytes:
    import io  # noqa: PLC0415

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_docx_zip_bomb_and_a_docx_with_entities_are_refused() -> None:
    bomb = _zip({"word/document.xml": b"<w:document>" + b" " * (300 * 2**20) + b"</w:document>"})
    assert isinstance(_refused(bomb), govinfo.UnsafeFileError)
    laughs = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><w:document>&a;</w:document>'
    error = _refused(_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": laughs}))
    assert isinstance(error, govinfo.UnsafeFileError)
    assert "实体" in error.message_zh


@pytest.mark.parametrize("kind", ["xls", "ods", "docx", "doc", "pdf"])
def test_a_truncated_file_of_each_kind_is_a_clear_error(made: dict[str, Path], kind: str) -> None:
    if kind not in made:
        pytest.skip("LibreOffice did not make this kind here")
    data = made[kind].read_bytes()
    error = _refused(data[: len(data) // 2])
    assert error.message_zh
    assert error.message_en


def test_a_doc_without_libreoffice_says_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(converting, "office", lambda: None)
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + bytes(600)
    error = _refused(ole)
    assert isinstance(error, govinfo.ConversionError)
    assert ".docx" in error.message_zh
    assert "LibreOffice" in error.message_zh


@needs_office
def test_a_doc_libreoffice_cannot_convert_or_hangs_on_is_stopped_and_cleaned_up(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + bytes(2000)
    # LibreOffice opens what it cannot parse as an empty document: no tables, said as such
    assert isinstance(_refused(ole), govinfo.ConversionError | govinfo.LayoutError)
    monkeypatch.setattr(converting, "TIMEOUT", 0.2)
    error = _refused(ole)
    assert isinstance(error, govinfo.ConversionError)
    assert "超时" in error.message_zh
    assert not list(tmp_path.glob("govinfo-convert-*"))


def test_a_missing_extra_names_the_pip_command(without_module: Callable[[str], None]) -> None:
    without_module("pdfplumber")
    error = _refused(_pdf(b"BT ET"))
    assert isinstance(error, govinfo.MissingExtraError)
    assert 'pip install "govinfo[pdf]"' in error.message_zh
    assert error.extra == "pdf"


@needs_cjk_pdf
@settings(
    max_examples=3,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: each example costs four conversions
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    report=st.sampled_from(["2021", "2019"]).flatmap(
        lambda e: strategies.reports(
            edition_id=e, max_count=10**6, narratives=st.just(""), organs=st.sampled_from(strategies.ORGAN_NAMES)
        )
    )
)
def test_generated_reports_read_back_from_every_office_format(report: AnnualReport, tmp_path: Path) -> None:
    """A report written as a workbook and as a page, saved by LibreOffice in each format, reads back the same."""
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # one folder an example: Hypothesis replays in the same tmp_path
    workbook, page = folder / "报告.xlsx", folder / "报告.html"
    govinfo.write_xlsx(report, workbook)
    page.write_text(govinfo.render_html(report), encoding="utf-8")
    made = [
        office.convert(workbook, "xls", folder / "xls"),
        office.convert(workbook, "ods", folder / "ods"),
        office.convert(page, "docx:MS Word 2007 XML", folder / "docx", infilter=WORD),
        office.convert(page, "pdf", folder / "pdf", infilter=WORD),
    ]
    for path in made:
        print(path.suffix)  # shown with a failure: which format lost what
        result = govinfo.read(path)
        assert [f for f in _unsigned(result.findings) if f.rule_id != "GI528"] == [], path.suffix
        assert_same(result.report, report)


def test_word_markup_in_a_web_page_is_read_as_the_cells_it_shows() -> None:
    """Pages saved by Word split a label over several elements and fill empty cells with ``<o:p>&nbsp;</o:p>``."""
    page = govinfo.render_html(govinfo.example())
    page = page.replace(
        ">一、本年新收政府信息公开申请数量<",
        "><p class=MsoNormal><span lang=ZH-CN>一、本年新收</span><span>政府信息公开申请</span>数量<o:p></o:p></p><",
    )
    page = re.sub(r"(<td[^>]*>)0</td>", r"\1<p class=MsoNormal><o:p>&nbsp;</o:p></p></td>", page)
    result = govinfo.read(page.encode(), kind="html")
    assert govinfo.cell_values(result.report) == govinfo.cell_values(govinfo.example())
    assert {f.rule_id for f in _unsigned(result.findings)} == {"GI502"}


@needs_writer
def test_a_docx_body_too_large_to_parse_is_refused(made: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    from govinfo.reading import word  # noqa: PLC0415

    monkeypatch.setattr(word, "MAX_DOCUMENT_BYTES", 1000)  # the example's body is larger than this
    error = _refused(made["docx"].read_bytes())
    assert isinstance(error, govinfo.UnsafeFileError)
    assert "正文过大" in error.message_zh
