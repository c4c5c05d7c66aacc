"""Value tokens and label matching: what each reading assumes, and says."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from govinfo.reading.labels import Match, match, normalize
from govinfo.reading.values import Note, read_amount, read_count


@pytest.mark.parametrize(
    ("raw", "value", "note"),
    [
        (212, 212, None),
        (212.0, 212, None),
        (2.5, 0, Note.UNREADABLE),
        (float("nan"), 0, Note.UNREADABLE),
        (True, 0, Note.UNREADABLE),
        (None, 0, Note.BLANK),
        ("", 0, Note.BLANK),
        ("  \u3000", 0, Note.BLANK),
        ("/", 0, Note.PLACEHOLDER),
        ("—", 0, Note.PLACEHOLDER),
        ("无", 0, Note.PLACEHOLDER),
        ("－", 0, Note.PLACEHOLDER),
        ("212", 212, Note.TEXT),
        ("２１２", 212, Note.TEXT),
        ("1,234", 1234, Note.TEXT),
        ("1，234", 1234, Note.TEXT),
        (" 12 件", 12, Note.TEXT),
        ("3.0", 3, Note.TEXT),
        ("-3", -3, Note.TEXT),
        ("+21", 21, Note.TEXT),
        ("3.5", 0, Note.UNREADABLE),
        ("12,34", 0, Note.UNREADABLE),
        ("十二", 0, Note.UNREADABLE),
        (datetime.date(2024, 1, 1), 0, Note.UNREADABLE),
    ],
)
def test_counts(raw: object, value: int, note: Note | None) -> None:
    reading = read_count(raw)
    assert (reading.value, reading.note, reading.raw) == (value, note, raw)


@pytest.mark.parametrize(
    ("raw", "value", "note"),
    [
        (14.4321, "14.4321", None),
        (14.0, "14", None),
        (14, "14", None),
        (float("inf"), "0", Note.UNREADABLE),
        (True, "0", Note.UNREADABLE),
        (None, "0", Note.BLANK),
        (" ", "0", Note.BLANK),
        ("/", "0", Note.PLACEHOLDER),
        ("14.4321", "14.4321", Note.TEXT),
        ("１４．４３２１", "14.4321", Note.TEXT),
        ("240万元", "240", Note.TEXT),
        ("1,240.5", "1240.5", Note.TEXT),
        ("251000元", "25.1", Note.CONVERTED),
        ("约 3 万", "0", Note.UNREADABLE),
        (datetime.time(1, 2), "0", Note.UNREADABLE),
    ],
)
def test_amounts(raw: object, value: str, note: Note | None) -> None:
    reading = read_amount(raw)
    assert isinstance(reading.value, Decimal)
    assert (reading.value, reading.note) == (Decimal(value), note)


def test_normalize_folds_width_space_and_quotes() -> None:
    assert normalize("（一） 予以公开") == "(一)予以公开"
    assert normalize("商业 企业") == "商业企业"
    assert normalize("3.危及“三安全一稳定”") == normalize('3.危及"三安全一稳定"')
    assert normalize("第二十条\n第（一）项") == "第二十条第(一)项"


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("行政许可", "行政许可", Match.EXACT),
        ("规范性文件", "行政规范性文件", Match.LOOSE),
        ("本年新制发数量", "本年制发件数", Match.LOOSE),
        ("行政许可(含其他对外管理服务事项)", "行政许可", Match.LOOSE),
        ("属于国家秘密", "1.属于国家秘密", Match.LOOSE),
        ("1、属于国家秘密", "1.属于国家秘密", Match.LOOSE),
        ("(一)予以公开", "予以公开", Match.LOOSE),
        ("现行有效件", "现行有效件数", Match.LOOSE),
        ("3、其他", "3.其他", Match.LOOSE),
        ("政许可", "行政许可", Match.LOOSE),  # a character dropped by the page
        ("年废止件数", "本年废止件数", Match.LOOSE),
        ("规範性文件", "规范性文件", Match.EXACT),  # traditional script, through OpenCC
        ("行政处罚", "行政许可", None),
        ("他", "其他", None),
        ("本年", "本年制发件数", None),
        ("其他结果", "其他", None),
        ("3.其他", "其他", None),
        ("总计", "（七）总计", None),
        ("", "其他", None),
        ("行政许可结果", "行政许可", None),
    ],
)
def test_label_matching(text: str, label: str, expected: Match | None) -> None:
    assert match(normalize(text), normalize(label)) is expected
