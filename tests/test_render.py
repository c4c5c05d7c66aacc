"""govinfo.render: the publishable report, read back to the report it came from."""

from __future__ import annotations

import datetime
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import govinfo
from govinfo import AnnualReport, strategies
from govinfo.cli import main
from govinfo.reading import convert as converting
from tests import office
from tests.office import needs_cjk_pdf

_WORDS = "政务公开工作情况本我局积极推进信息发布平台建设规范管理服务质量提升群众满意度进一步加强落实"
_NUMERALS = "一二三四五六七八"


def _line(*, digits: bool) -> st.SearchStrategy[str]:
    """A narrative line: a sentence, a numbered sub-heading, or (``digits``) a figure with spaces."""
    sentence = st.text(alphabet=_WORDS, min_size=2, max_size=60).map(lambda t: t + "。")
    heading = st.builds(
        lambda n, t: f"（{n}）{t}", st.sampled_from(_NUMERALS), st.text(alphabet=_WORDS, min_size=2, max_size=12)
    )
    kinds = [sentence, heading]
    if digits:
        kinds.append(
            st.builds(
                lambda t, n: f"{t} {n} 件。", st.text(alphabet=_WORDS, min_size=2, max_size=20), st.integers(0, 10**6)
            )
        )
    return st.one_of(*kinds)


def narratives(*, pdf: bool = False) -> st.SearchStrategy[str]:
    """Narratives as organs write them: paragraphs, sub-headings and (not in a PDF, whose text layer keeps
    neither) blank lines between paragraphs and spaces around figures; or nothing (a placeholder)."""
    line = _line(digits=not pdf)
    paragraphs = st.lists(line, min_size=1, max_size=5)
    if pdf:
        return st.one_of(st.just(""), paragraphs.map("\n".join))
    separators = st.sampled_from(["\n", "\n\n"])
    return st.one_of(
        st.just(""),
        st.tuples(paragraphs, st.lists(separators, min_size=5, max_size=5)).map(
            lambda pair: "".join(p + s for p, s in zip(pair[0], pair[1], strict=False)).strip()
        ),
    )


def reports(*, pdf: bool = False, max_count: int = 10**6) -> st.SearchStrategy[AnnualReport]:
    return st.sampled_from(["2021", "2019"]).flatmap(
        lambda e: strategies.reports(
            edition_id=e,
            max_count=max_count,
            narratives=narratives(pdf=pdf),
            organs=st.sampled_from(strategies.ORGAN_NAMES),
        )
    )


_DATE = datetime.date(2025, 1, 20)


def _read_back(report: AnnualReport, path: Path, *, date: datetime.date | None = _DATE) -> govinfo.ReadResult:
    govinfo.render(report, path, date=date, allow_errors=True)
    result = govinfo.read(path)
    reading = [f.rule_id for f in result.findings if f.rule_id.startswith("GI5")]
    empty = sum(1 for n in ("overview", "problems", "other_matters") if not getattr(report, n))
    assert sorted(reading) == sorted(["GI529"] + ["GI528"] * empty), path.suffix  # the signature, the placeholders
    return result


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(report=reports(), suffix=st.sampled_from([".docx", ".html"]))
def test_a_rendered_word_file_or_page_reads_back_to_the_report(
    report: AnnualReport, suffix: str, tmp_path: Path
) -> None:
    pytest.importorskip("docx")
    result = _read_back(report, Path(tempfile.mkdtemp(dir=tmp_path)) / f"年报{suffix}")
    assert result.report == report


@needs_cjk_pdf
@settings(
    max_examples=3,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: each example is a LibreOffice run
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(report=reports(pdf=True, max_count=10**4))
def test_a_rendered_pdf_reads_back_to_the_report(report: AnnualReport, tmp_path: Path) -> None:
    """Through LibreOffice: the Word file opens there without repair, and its PDF reads back."""
    pytest.importorskip("pdfplumber")
    result = _read_back(report, Path(tempfile.mkdtemp(dir=tmp_path)) / "年报.pdf")
    assert result.report == report


@needs_cjk_pdf
def test_the_example_rendered_to_pdf_reads_back_but_for_what_a_pdf_cannot_hold(tmp_path: Path) -> None:
    report = govinfo.example()
    result = _read_back(report, tmp_path / "年报.pdf")

    def plain(text: str) -> str:  # a PDF's text layer keeps neither blank lines nor the spaces at line breaks
        return re.sub(r"\s+", "", text)

    assert attrs.evolve(result.report, overview="", problems="", other_matters="") == attrs.evolve(
        report, overview="", problems="", other_matters=""
    )
    for name in ("overview", "problems", "other_matters"):
        assert plain(getattr(result.report, name)) == plain(getattr(report, name))


def test_the_web_page_stands_alone_with_real_header_cells() -> None:
    page = govinfo.render_html(govinfo.example(), date=_DATE)
    assert not re.search(r"<(script|link|img|iframe)\b|https?://|url\(", page)  # nothing fetched, no script
    assert '<th scope="colgroup" colspan="5"' in page  # 行政复议 over its five columns
    assert re.search(r'<th scope="rowgroup" rowspan="\d+" class="label"', page)  # （三）不予公开 over its rows
    assert page.count("<th ") > 70  # every label and header cell
    assert '<p class="signature first">湛河区人民政府</p>' in page
    assert '<p class="signature">2025年1月20日</p>' in page
    assert "@page { size: A4" in page  # printable


def test_empty_sections_and_a_missing_date_are_marked_and_said(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    report = attrs.evolve(govinfo.example(), problems="")
    findings = govinfo.render(report, tmp_path / "年报.docx")
    marks = [f for f in findings if f.rule_id == "GI801"]
    assert [f.message_zh for f in marks] == [
        "“五、存在的主要问题及改进情况”为空，生成的文档中以“【请填写：存在的主要问题及改进情况】”标出，发布前请填写。",
        "落款的成文日期为空，生成的文档中以“【请填写：成文日期】”标出，发布前请填写。",
    ]
    read = govinfo.read(tmp_path / "年报.docx")
    assert read.report.problems == ""  # the placeholder is not the organ's text
    assert "GI528" in [f.rule_id for f in read.findings]
    assert "GI102" in [f.rule_id for f in read.findings]  # and the narrative rule sees the section empty


def test_a_report_with_errors_is_rendered_only_when_asked(tmp_path: Path) -> None:
    broken = govinfo.replace_cells(govinfo.example(), {"requests.received.total": 213})
    target = tmp_path / "年报.html"
    target.write_text("上一版", encoding="utf-8")
    with pytest.raises(govinfo.ReportInvalidError) as caught:
        govinfo.render(broken, target)
    assert caught.value.findings[0].rule_id == "GI301"
    assert target.read_text(encoding="utf-8") == "上一版"  # untouched
    findings = govinfo.render(broken, target, allow_errors=True)
    assert "GI301" in [f.rule_id for f in findings]
    assert "GI301" not in target.read_text(encoding="utf-8")  # the findings are never in the document


def test_wrong_arguments_are_said(tmp_path: Path) -> None:
    with pytest.raises(govinfo.ArgumentError, match=r"render\(\) 只能生成 .docx、.html、.htm、.pdf 文件"):
        govinfo.render(govinfo.example(), tmp_path / "年报.xlsx")
    with pytest.raises(govinfo.ArgumentError, match="date"):
        govinfo.render(govinfo.example(), tmp_path / "年报.html", date="2025-01-20")  # type: ignore[arg-type]
    with pytest.raises(govinfo.ArgumentError):
        govinfo.render("年报", tmp_path / "年报.html")  # type: ignore[arg-type]


def test_without_python_docx_the_error_names_the_extra(without_module: Callable[[str], None], tmp_path: Path) -> None:
    without_module("docx")
    with pytest.raises(govinfo.MissingExtraError) as caught:
        govinfo.render(govinfo.example(), tmp_path / "年报.docx")
    assert 'pip install "govinfo[word]"' in caught.value.message_zh
    assert not (tmp_path / "年报.docx").exists()


def test_without_libreoffice_a_pdf_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pytest.importorskip("docx")
    monkeypatch.setattr(converting, "office", lambda: None)
    with pytest.raises(govinfo.ConversionError) as caught:
        govinfo.render(govinfo.example(), tmp_path / "年报.pdf")
    assert "apt install libreoffice-writer-nogui" in caught.value.message_zh
    assert "Word 或 WPS 中另存为 PDF" in caught.value.message_zh
    assert not (tmp_path / "年报.pdf").exists()


@office.needs_writer
def test_the_word_file_opens_in_libreoffice_as_written(tmp_path: Path) -> None:
    """LibreOffice converts it to its own format and back without complaint, and nothing is lost."""
    pytest.importorskip("docx")
    source = tmp_path / "年报.docx"
    govinfo.render(govinfo.example(), source, date=_DATE)
    odt = office.convert(source, "odt", tmp_path / "odt")
    assert govinfo.read(odt).report == govinfo.example()


def test_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "某局.json"
    source.write_text(govinfo.to_json(govinfo.example()), encoding="utf-8")
    assert main(["render", str(source), str(tmp_path / "年报.html"), "--date", "2025年1月20日"]) == 0
    err = capsys.readouterr().err
    assert "已生成：" in err
    assert "待填写 0 处" in err
    assert "2025年1月20日" in (tmp_path / "年报.html").read_text(encoding="utf-8")
    broken = tmp_path / "有错.json"
    broken.write_text(govinfo.to_json(govinfo.replace_cells(govinfo.example(), {"requests.received.total": 1})))
    assert main(["render", str(broken), "-o", str(tmp_path / "有错.html")]) == 1
    assert "未生成文档" in capsys.readouterr().err
    assert not (tmp_path / "有错.html").exists()
    assert main(["render", str(broken), "-o", str(tmp_path / "有错.html"), "--allow-errors"]) == 0
    listing = tmp_path / "有错.html.问题清单.csv"
    rows = listing.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "文件,机关,年度,规则,级别,路径,位置,问题"
    assert any(",GI301,错误," in row for row in rows)
    assert main(["render", str(source), "-o", str(source)]) == 2  # never over its input
    assert main(["render", str(source), "-o", str(tmp_path / "x.html"), "--date", "明年"]) == 2
    assert "日期“明年”无法识别" in capsys.readouterr().err
