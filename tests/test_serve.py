"""govinfo serve over HTTP: uploads, reading, reviews, downloads, the token and the limits."""

from __future__ import annotations

import io
import json
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import govinfo

flask = pytest.importorskip("flask")

from govinfo.serve import app as serving  # noqa: E402 — after the skip: Flask is the serve extra
from govinfo.serve import workspace as spaces  # noqa: E402
from govinfo.serve.workspace import Workspace  # noqa: E402

TOKEN = "test-token"


@pytest.fixture
def space(tmp_path: Path) -> Iterator[Workspace]:
    found = Workspace(tmp_path / "工作区", jobs=1)
    yield found
    found.close()


@pytest.fixture
def client(space: Workspace) -> Any:
    return serving.create_app(space, token=TOKEN).test_client()


def _xlsx(report: govinfo.AnnualReport) -> bytes:
    buffer = io.BytesIO()
    govinfo.write_xlsx(report, buffer)
    return buffer.getvalue()


def _upload(client: Any, files: list[tuple[str, bytes]], category: str = "current") -> dict[str, Any]:
    data = {"category": category, "files": [(io.BytesIO(content), name) for name, content in files]}
    answer = client.post(
        "/upload", data=data, headers={serving.TOKEN_HEADER: TOKEN}, content_type="multipart/form-data"
    )
    assert answer.status_code == 200, answer.get_data(as_text=True)
    result: dict[str, Any] = answer.get_json()
    return result


def _zip(members: dict[str, bytes], *, utf8: bool = True) -> bytes:
    """A zip of ``members``; not ``utf8``: names in GBK, unflagged, as a Chinese Windows writes them."""
    buffer = io.BytesIO()
    placeholders = {}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for k, (name, content) in enumerate(members.items()):
            raw = name.encode("gbk")
            written = name if utf8 else chr(ord("a") + k) * len(raw)  # ASCII of the same length, replaced below
            placeholders[written.encode()] = raw
            archive.writestr(written, content)
    data = buffer.getvalue()
    if not utf8:
        for ascii_name, raw in placeholders.items():
            data = data.replace(ascii_name, raw)
    return data


def _mixed() -> list[tuple[str, bytes]]:
    example = govinfo.example()
    second = attrs.evolve(example, organ="某市某局")
    broken = govinfo.replace_cells(attrs.evolve(example, organ="某县某局"), {"requests.received.total": 213})
    return [
        ("湛河区.txt", govinfo.example_text().encode()),
        ("某局.xlsx", _xlsx(second)),
        ("某县某局.json", govinfo.to_json(broken).encode()),
        ("坏文件.xlsx", b"PK\x03\x04 not a workbook"),
    ]


def test_a_mixed_upload_is_read_and_shown_by_organ(client: Any, space: Workspace) -> None:
    said = _upload(client, _mixed())
    assert said["added"] == ["湛河区.txt", "某局.xlsx", "某县某局.json", "坏文件.xlsx"]
    assert said["text"] == "已接收 4 个文件"
    assert space.wait(120)
    status = client.get("/api/status").get_json()
    assert (status["read"], status["total"]) == (4, 4)
    by_name = {f["file"]: f for f in status["files"]}
    assert by_name["湛河区.txt"]["organ"] == "湛河区人民政府"
    assert by_name["湛河区.txt"]["errors"] == 1  # the published table 四 row (GI501)
    assert by_name["某县某局.json"]["errors"] >= 1
    assert by_name["坏文件.xlsx"]["status"] == "unreadable"
    assert by_name["坏文件.xlsx"]["reason"].startswith("文件是压缩包，但不是 Excel、Word 或 ODF 文件（坏文件.xlsx）")
    page = client.get("/").get_data(as_text=True)
    assert "某市某局" in page
    assert "无法读取" in page
    assert "<svg" in page  # the charts, drawn on the server
    assert "http" not in page.split("<body>", 1)[1].replace("http://www.w3.org/2000/svg", "")  # nothing fetched
    english = client.get("/?lang=en").get_data(as_text=True)
    assert "Reports by organ" in english


def test_uploaded_names_are_never_paths(client: Any, space: Workspace, tmp_path: Path) -> None:
    said = _upload(client, [("../../逃出.xlsx", _xlsx(govinfo.example())), ("/etc/passwd", b"text")])
    assert said["added"] == ["逃出.xlsx", "passwd"]
    inside = {p.relative_to(space.root).parts[0] for p in space.root.rglob("*") if p.is_file()}
    assert inside <= {"本年报告", spaces.MANIFEST}
    assert not list(tmp_path.glob("逃出*"))
    assert client.get("/file/..%2F..%2Fetc%2Fpasswd").status_code == 404
    assert client.get("/download/file/../../工作区").status_code == 404
    assert client.get("/file/0123456789abcdef01234567.xlsx").status_code == 404  # well formed, not ours


def test_a_zip_is_unpacked_with_the_names_the_office_gave(client: Any, space: Workspace) -> None:
    members = {
        "2024年报/甲镇.xlsx": _xlsx(attrs.evolve(govinfo.example(), organ="甲镇")),
        "2024年报/~$甲镇.xlsx": b"lock",
        "__MACOSX/._甲镇.xlsx": b"resource fork",
        "2024年报/": b"",
    }
    said = _upload(client, [("各单位.zip", _zip(members, utf8=False))])  # as a Chinese Windows zips
    assert said["added"] == ["甲镇.xlsx"]
    assert {r["name"] for r in said["refused"]} == {"~$甲镇.xlsx", "._甲镇.xlsx"}
    assert space.wait(60)
    assert [r.organ for _, r, _ in space.reports()] == ["甲镇"]


def test_zip_bombs_and_encrypted_zips_are_refused(client: Any) -> None:
    bomb = _zip({"大.xlsx": b"\0" * (300 * 2**20)})
    said = _upload(client, [("炸弹.zip", bomb)])
    assert said["added"] == []
    assert "压缩炸弹" in said["refused"][0]["zh"]
    locked = bytearray(_zip({"a.xlsx": b"x" * 10}))
    locked[6] |= 0x1  # the encrypted flag of the local header …
    central = locked.rfind(b"PK\x01\x02")
    locked[central + 8] |= 0x1  # … and of the central directory
    said = _upload(client, [("加密.zip", bytes(locked))])
    assert "加密" in said["refused"][0]["zh"]


def test_upload_limits(client: Any, space: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spaces, "MAX_FILE_BYTES", 1000)
    said = _upload(client, [("大.txt", b"x" * 2000), ("小.txt", b"x" * 10)])
    assert said["added"] == ["小.txt"]
    assert said["refused"][0]["zh"] == "超过 0 MB 的上限"
    monkeypatch.setattr(spaces, "MAX_FILES", 2)
    said = _upload(client, [(f"{k}.txt", str(k).encode()) for k in range(4)])
    assert len(said["added"]) == 2
    assert "一次最多上传 2 个文件" in said["refused"][0]["zh"]
    same = _upload(client, [("again.txt", b"0")])  # the same content as 0.txt
    assert same["refused"][0]["zh"] == "与已上传的文件内容相同"
    client.application.config["MAX_CONTENT_LENGTH"] = 100
    answer = client.post(
        "/upload",
        data={"files": [(io.BytesIO(b"x" * 1000), "a.txt")]},
        headers={serving.TOKEN_HEADER: TOKEN},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 413
    assert "请分批上传" in answer.get_json()["zh"]


def test_changes_need_the_pages_token(client: Any) -> None:
    assert client.post("/upload", data={}).status_code == 403
    assert client.post("/upload", data={}, headers={serving.TOKEN_HEADER: "wrong"}).status_code == 403
    client.set_cookie(serving.TOKEN_COOKIE, TOKEN)  # a cookie, which another site's form would send, is not enough
    assert client.post("/api/review", data="{}").status_code == 403
    page = client.get("/").get_data(as_text=True)
    assert f'<meta name="govinfo-token" content="{TOKEN}">' in page


def test_a_loopback_page_answers_only_to_its_own_names(client: Any) -> None:
    assert client.get("/", headers={"Host": "127.0.0.1:8765"}).status_code == 200
    assert client.get("/", headers={"Host": "localhost:8765"}).status_code == 200
    assert client.get("/", headers={"Host": "attacker.example:8765"}).status_code == 403  # DNS rebinding


def test_beyond_this_computer_every_request_needs_the_token(space: Workspace) -> None:
    client = serving.create_app(space, token=TOKEN, require_token=True).test_client()
    assert client.get("/", headers={"Host": "10.0.0.5:8765"}).status_code == 403
    assert client.get("/api/status").status_code == 403
    answer = client.get(f"/?token={TOKEN}")
    assert answer.status_code == 200
    cookie = next(c for c in answer.headers.getlist("Set-Cookie") if c.startswith(serving.TOKEN_COOKIE))
    assert "HttpOnly" in cookie
    assert client.get("/api/status").status_code == 200  # the cookie carries it on
    assert client.get("/api/status", headers={serving.TOKEN_HEADER: TOKEN}).status_code == 200


def _finding_keys(client: Any, stored: str) -> list[str]:
    page = client.get(f"/file/{stored}").get_data(as_text=True)
    import re  # noqa: PLC0415

    return re.findall(r'data-key="([^"]+)"', page)


def test_decisions_go_to_the_review_file_the_command_uses(
    client: Any, space: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    _upload(client, [("湛河区.txt", govinfo.example_text().encode())])
    assert space.wait(60)
    stored = space.entries()[0].stored
    key = _finding_keys(client, stored)[0]
    headers = {serving.TOKEN_HEADER: TOKEN}
    missing_by = client.post(
        "/api/review", data=json.dumps({"file": stored, "key": key, "decision": "accept"}), headers=headers
    )
    assert missing_by.status_code == 400
    asked = {"file": stored, "key": key, "decision": "accept", "by": "张三", "reason": "原文如此"}
    answer = client.post("/api/review", data=json.dumps(asked), headers=headers)
    assert answer.status_code == 200
    assert answer.get_json()["text"] == "已接受"
    page = client.get(f"/file/{stored}").get_data(as_text=True)
    assert "finding error settled" in page
    assert "已接受" in page
    # the command reads the same file: the accepted finding is hidden
    from govinfo.cli import main  # noqa: PLC0415

    text = space.root / "湛河区.txt"
    text.write_text(govinfo.example_text(), encoding="utf-8")
    assert main(["check", str(text), "--review", str(space.review_file)]) == 0
    assert "已审核、未显示 1 项" in capsys.readouterr().out
    bad = {"file": stored, "key": "nonesuch", "decision": "accept", "by": "张三"}
    assert client.post("/api/review", data=json.dumps(bad), headers=headers).status_code == 404
    assert client.post("/api/review", data="[1]", headers=headers).status_code == 400


def test_decisions_taken_at_once_are_all_kept(client: Any, space: Workspace) -> None:
    broken = govinfo.replace_cells(
        govinfo.example(), {"requests.received.total": 213, "appeals.reconsideration.total": 1}
    )
    _upload(client, [("某局.json", govinfo.to_json(broken).encode())])
    assert space.wait(60)
    stored = space.entries()[0].stored
    keys = _finding_keys(client, stored)
    assert len(keys) >= 3
    app = client.application

    def decide(key: str) -> None:
        asked = {"file": stored, "key": key, "decision": "dismiss", "by": "李四"}
        app.test_client().post("/api/review", data=json.dumps(asked), headers={serving.TOKEN_HEADER: TOKEN})

    threads = [threading.Thread(target=decide, args=(key,)) for key in keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    entries = govinfo.Reviews.load(space.review_file).entries
    assert {k for k, e in entries.items() if e.decision == "dismissed"} == set(keys)


def test_last_years_reports_are_paired_by_organ(client: Any, space: Workspace) -> None:
    now = govinfo.example()
    last = attrs.evolve(
        govinfo.replace_cells(now, {"requests.carried_forward.natural_person": 5, "requests.carried_forward.total": 5}),
        year=2023,
    )
    gone = attrs.evolve(now, organ="已撤销的局", year=2023)
    _upload(client, [("本年.json", govinfo.to_json(now).encode())])
    _upload(
        client,
        [("上年.json", govinfo.to_json(last).encode()), ("撤销.json", govinfo.to_json(gone).encode())],
        "previous",
    )
    assert space.wait(60)
    stored = next(e.stored for e in space.entries("current"))
    page = client.get(f"/file/{stored}").get_data(as_text=True)
    assert "已与上年（2023 年度）报告比较" in page
    assert "GI6" in page  # last year's carried forward against this year's carried over
    summary = client.get("/summary").get_data(as_text=True)
    assert "已撤销的局" in summary.split("上年有报告、本年未报送的单位", 1)[1]


def test_downloads_read_back(client: Any, space: Workspace) -> None:
    _upload(client, [(name, data) for name, data in _mixed() if name != "坏文件.xlsx"])
    assert space.wait(120)
    total = client.get("/download/aggregate.xlsx")
    assert total.status_code == 200
    assert "filename*=UTF-8''%E6%B1%87%E6%80%BB.xlsx" in total.headers["Content-Disposition"]
    read = govinfo.read(total.data)
    assert read.report.requests.received.total == 424  # 湛河区 and 某市某局; 某县某局 has errors, left out
    assert (space.root / "输出" / "汇总.xlsx").read_bytes() == total.data
    summary = client.get("/summary").get_data(as_text=True)
    assert "某县某局" in summary.split("有错误、未纳入汇总的单位", 1)[1]
    listing = client.get("/download/findings.csv").data.decode("utf-8-sig").splitlines()
    assert listing[0] == "文件,机关,年度,规则,级别,路径,位置,问题"
    assert any(",GI301,错误," in row for row in listing)
    workbook = next(e for e in space.entries() if e.name == "某局.xlsx")
    annotated = client.get(f"/download/file/{workbook.stored}")
    assert annotated.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    assert govinfo.read(annotated.data).made is not None  # govinfo's annotated copy
    text = next(e for e in space.entries() if e.name == "湛河区.txt")
    csv_rows = client.get(f"/download/file/{text.stored}").data.decode("utf-8-sig").splitlines()
    assert any("GI501" in row for row in csv_rows)


def test_a_restarted_server_shows_the_same_state(client: Any, space: Workspace) -> None:
    _upload(client, _mixed())
    _upload(client, [("上年.json", govinfo.to_json(attrs.evolve(govinfo.example(), year=2023)).encode())], "previous")
    assert space.wait(120)
    before = client.get("/api/status").get_json()
    space.close()
    again = Workspace(space.root, jobs=1)
    try:
        assert again.wait(120)
        after = serving.create_app(again, token=TOKEN).test_client().get("/api/status").get_json()
    finally:
        again.close()
    assert after == before


def test_an_empty_workspace_says_so(client: Any) -> None:
    assert "还没有读取到本年报告" in client.get("/summary").get_data(as_text=True)
    assert client.get("/download/aggregate.xlsx").status_code == 404
    assert "暂无数据" in client.get("/").get_data(as_text=True)


def test_the_command_refuses_a_bad_port(capsys: pytest.CaptureFixture[str]) -> None:
    from govinfo.cli import main  # noqa: PLC0415

    assert main(["serve", "--port", "70000"]) == 2
    assert "端口 70000 无效" in capsys.readouterr().err


def test_a_list_of_organs_names_those_without_a_report(client: Any, space: Workspace) -> None:
    _upload(client, [("湛河区.txt", govinfo.example_text().encode())])
    assert space.wait(60)
    assert "未上传应报送单位名单" in client.get("/summary").get_data(as_text=True)
    listing = "湛河区人民政府\r\n甲镇人民政府\r\n\r\n乙乡人民政府\r\n".encode("gbk")  # saved by Notepad as "ANSI"
    headers = {serving.TOKEN_HEADER: TOKEN}
    answer = client.post(
        "/members",
        data={"members": (io.BytesIO(listing), "名单.txt")},
        headers=headers,
        content_type="multipart/form-data",
    )
    assert answer.get_json()["text"] == "名单共 3 个单位"
    summary = client.get("/summary").get_data(as_text=True)
    missing = summary.split("名单中尚未报送的单位", 1)[1].split("</ul>", 1)[0]
    assert "甲镇人民政府" in missing
    assert "乙乡人民政府" in missing
    assert "湛河区人民政府" not in missing
    assert "已有名单：3 个单位" in client.get("/").get_data(as_text=True)
    empty = client.post(
        "/members",
        data={"members": (io.BytesIO(b"\n\n"), "空.txt")},
        headers=headers,
        content_type="multipart/form-data",
    )
    assert empty.status_code == 400
    assert "单位名单是空的" in empty.get_json()["zh"]
    assert client.post("/members", data={}, headers=headers).status_code == 400


def test_without_flask_the_error_names_the_serve_extra(without_module: Callable[[str], None], tmp_path: Path) -> None:
    without_module("flask")
    with pytest.raises(govinfo.MissingExtraError) as caught:
        govinfo.serve.start(tmp_path)
    assert (
        caught.value.message_zh == '运行本地网页（govinfo serve）需要安装可选依赖，请运行：pip install "govinfo[serve]"'
    )
    assert caught.value.extra == "serve"
    assert not any(tmp_path.iterdir())  # nothing written


def test_a_batch_that_cannot_be_totalled_says_why(client: Any, space: Workspace) -> None:
    other = govinfo.replace_cells(govinfo.example(), {"proactive.licensing.decisions": 1})  # the same organ again
    _upload(
        client, [("湛河区.txt", govinfo.example_text().encode()), ("湛河区重报.json", govinfo.to_json(other).encode())]
    )
    assert space.wait(60)
    assert "同一机关的报告出现了不止一次：湛河区人民政府" in client.get("/summary").get_data(as_text=True)
    refused = client.get("/download/aggregate.xlsx")
    assert refused.status_code == 409
    assert refused.get_json()["zh"] == "同一机关的报告出现了不止一次：湛河区人民政府"
