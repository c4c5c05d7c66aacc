"""The web page of ``govinfo serve``: a Flask application over one :class:`~govinfo.serve.workspace.Workspace`.

Pages are built on the server (no script library, nothing fetched from elsewhere); a little
inline script uploads files with progress, follows the reading, and records decisions. Every
request that changes anything carries the page's token (a site in another tab cannot make
the browser post to this one); when the server listens beyond this computer, every request
needs it.
"""

from __future__ import annotations

import hmac
import html
import io
import json
import re
from collections import Counter
from typing import Any

import flask
from werkzeug.exceptions import RequestEntityTooLarge

import govinfo
from govinfo.cli.output import csv_row, findings_csv, unread_row
from govinfo.editions import edition
from govinfo.editions.layout import Table
from govinfo.errors import GovinfoError, Lang
from govinfo.findings import Finding, Severity
from govinfo.model.cells import cell_values
from govinfo.model.report import organ_key
from govinfo.review import DECISION_ZH, Reviews, fingerprints
from govinfo.rules.engine import row_label
from govinfo.serve.charts import bar_chart
from govinfo.serve.workspace import MAX_UPLOAD_BYTES, Category, Entry, Outcome, Workspace, counts
from govinfo.writing.document import table_html

TOKEN_HEADER = "X-Govinfo-Token"  # noqa: S105 — the header's name, not a secret
TOKEN_COOKIE = "govinfo_token"  # noqa: S105 — the cookie's name
_STORED = re.compile(r"^[0-9a-f]{24}\.[a-z0-9]{1,5}$")

MAIN_TOTALS = (
    ("requests.received.total", "本年新收申请", "requests received"),
    ("requests.outcomes.total.total", "本年办结", "requests decided"),
    ("requests.carried_forward.total", "结转下年度", "carried forward"),
    ("appeals.reconsideration.total", "行政复议", "reconsiderations"),
    ("appeals.litigation_direct.total", "行政诉讼（直接起诉）", "lawsuits (direct)"),
    ("appeals.litigation_after_reconsideration.total", "行政诉讼（复议后起诉）", "lawsuits (after reconsideration)"),
)
"""The totals the 汇总 page shows for every organ (canonical paths, both editions)."""

_STYLE = """
body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;
       margin: 0; color: #222; background: #f6f7f9; font-size: 15px; }
header { background: #2d4f7c; color: #fff; padding: 10px 20px; display: flex; gap: 20px; align-items: center; }
header a { color: #fff; } header h1 { font-size: 18px; margin: 0; flex: 1; }
main { padding: 16px 20px; max-width: 1200px; }
section { background: #fff; border: 1px solid #dde; border-radius: 4px; padding: 12px 16px; margin-bottom: 16px; }
h2 { font-size: 16px; margin: 0 0 10px; }
table.list { border-collapse: collapse; width: 100%; }
table.list td, table.list th { border-bottom: 1px solid #e4e6ea; padding: 5px 8px; text-align: left; }
.error { color: #b3261e; } .warning { color: #8a6100; } .info { color: #2d5f8a; } .muted { color: #777; }
table.report { border-collapse: collapse; margin: 8px 0 16px; font-size: 12px; }
table.report td, table.report th { border: 1px solid #555; padding: 2px 4px; text-align: center; }
table.report th { background: #f0f2f5; font-weight: normal; }
table.report th.label, table.report th.title { text-align: left; }
td.mark-error { background: #ffc7ce; } td.mark-warning { background: #ffeb9c; } td.mark-info { background: #ddebf7; }
td.chosen { outline: 3px solid #2d4f7c; }
.finding { border-left: 4px solid #ccc; padding: 6px 10px; margin: 6px 0; cursor: pointer; background: #fafbfc; }
.finding.error { border-color: #b3261e; } .finding.warning { border-color: #d49a00; }
.finding.info { border-color: #2d5f8a; }
.finding .message { color: #222; } .finding.settled { opacity: .55; }
.detail { display: none; margin-top: 6px; color: #333; } .finding.open .detail { display: block; }
button { padding: 3px 10px; } input[type=text] { width: 16em; }
#progress { height: 8px; background: #e4e6ea; border-radius: 4px; overflow: hidden; margin: 8px 0; }
#progress div { height: 100%; width: 0; background: #2d4f7c; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
"""

_SCRIPT = """
const token = document.querySelector('meta[name=govinfo-token]').content;
function send(url, body, progress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('X-Govinfo-Token', token);
    if (progress) request.upload.onprogress = e => progress(e.loaded / Math.max(e.total, 1));
    request.onload = () => resolve({status: request.status, body: JSON.parse(request.responseText || '{}')});
    request.onerror = () => reject(new Error('network'));
    request.send(body);
  });
}
async function follow() {
  const bar = document.querySelector('#progress div'), said = document.getElementById('reading');
  for (;;) {
    const state = await (await fetch('/api/status', {headers: {'X-Govinfo-Token': token}})).json();
    if (bar) bar.style.width = (100 * state.read / Math.max(state.total, 1)) + '%';
    if (said) said.textContent = state.text;
    if (state.read >= state.total) { if (said && said.dataset.waiting) location.reload(); return; }
    if (said) said.dataset.waiting = '1';
    await new Promise(r => setTimeout(r, 700));
  }
}
document.querySelectorAll('form.upload').forEach(form => form.addEventListener('submit', async event => {
  event.preventDefault();
  const data = new FormData(form), said = form.querySelector('.said');
  const answer = await send(form.getAttribute('action'), data, p => { said.textContent = Math.round(100 * p) + '%'; });
  said.textContent = answer.body.text || answer.body.error || '';
  if (form.getAttribute('action') !== '/upload') return;
  document.getElementById('reading').dataset.waiting = '1';
  follow();
}));
document.querySelectorAll('.finding').forEach(item => item.addEventListener('click', event => {
  if (event.target.closest('.decide')) return;
  item.classList.toggle('open');
  document.querySelectorAll('td.chosen').forEach(td => td.classList.remove('chosen'));
  if (item.classList.contains('open')) for (const path of JSON.parse(item.dataset.cells)) {
    const td = document.querySelector(`td[data-path="${path}"]`);
    if (td) { td.classList.add('chosen'); }
  }
}));
document.querySelectorAll('.decide button').forEach(button => button.addEventListener('click', async () => {
  const box = button.closest('.finding');
  const body = JSON.stringify({file: box.dataset.file, key: box.dataset.key, decision: button.value,
    reason: box.querySelector('input[name=reason]').value, by: box.querySelector('input[name=by]').value});
  const answer = await send('/api/review', body);
  box.querySelector('.status').textContent = answer.body.text || '';
  if (answer.status === 200) box.classList.toggle('settled', button.value !== 'reopen');
}));
if (document.getElementById('reading')) follow();
"""


def create_app(workspace: Workspace, *, token: str, require_token: bool = False) -> flask.Flask:
    """The application over ``workspace``; ``token`` guards changes always and every request when
    ``require_token`` (a server listening beyond this computer)."""
    app = flask.Flask("govinfo.serve")
    app.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD_BYTES
    app.config["MAX_FORM_PARTS"] = 5_000
    app.json.ensure_ascii = False  # type: ignore[attr-defined]

    app.config["GOVINFO_WORKSPACE"] = workspace
    app.config["GOVINFO_TOKEN"] = token
    app.config["GOVINFO_REMOTE"] = require_token
    app.before_request(_guard)
    app.after_request(_headers)
    app.register_error_handler(RequestEntityTooLarge, _too_large)
    app.add_url_rule("/", view_func=home, methods=["GET"])
    app.add_url_rule("/favicon.ico", view_func=_no_icon, methods=["GET"])
    app.add_url_rule("/upload", view_func=upload, methods=["POST"])
    app.add_url_rule("/members", view_func=members, methods=["POST"])
    app.add_url_rule("/api/status", view_func=status, methods=["GET"])
    app.add_url_rule("/file/<stored>", view_func=report_page, methods=["GET"])
    app.add_url_rule("/api/review", view_func=review, methods=["POST"])
    app.add_url_rule("/summary", view_func=summary, methods=["GET"])
    app.add_url_rule("/download/aggregate.xlsx", view_func=download_aggregate, methods=["GET"])
    app.add_url_rule("/download/findings.csv", view_func=download_findings, methods=["GET"])
    app.add_url_rule("/download/file/<stored>", view_func=download_file, methods=["GET"])
    return app


def _no_icon() -> flask.Response:
    return flask.Response(status=204)


def _workspace() -> Workspace:
    found: Workspace = flask.current_app.config["GOVINFO_WORKSPACE"]
    return found


def _token() -> str:
    found: str = flask.current_app.config["GOVINFO_TOKEN"]
    return found


def _remote() -> bool:
    return bool(flask.current_app.config["GOVINFO_REMOTE"])


def _guard() -> flask.Response | None:
    if not _remote() and flask.request.host.rsplit(":", 1)[0] not in _LOCAL_NAMES:
        # a page for this computer only answers to its own names (a DNS rebinding site cannot read it)
        return _refused(403, "只允许本机访问", "this computer only")
    given = (
        flask.request.headers.get(TOKEN_HEADER)
        or flask.request.cookies.get(TOKEN_COOKIE)
        or flask.request.args.get("token")
    )
    good = given is not None and hmac.compare_digest(given.encode(), _token().encode())
    if flask.request.method != "GET":  # a change needs the page's token in its header, never a cookie
        header = flask.request.headers.get(TOKEN_HEADER, "")
        good = hmac.compare_digest(header.encode(), _token().encode())
    elif not _remote():
        good = True
    if not good:
        return _refused(403, "缺少或错误的访问令牌", "missing or wrong access token")
    return None


def _headers(response: flask.Response) -> flask.Response:
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    if flask.request.args.get("token") and _remote():
        response.set_cookie(TOKEN_COOKIE, _token(), httponly=True, samesite="Strict")
    return response


def _too_large(_: RequestEntityTooLarge) -> flask.Response:
    limit = MAX_UPLOAD_BYTES // 2**20
    return _refused(413, f"一次上传不能超过 {limit} MB，请分批上传", f"one upload is at most {limit} MB")


def _page(title: str, body: str) -> flask.Response:
    lang = _lang()
    other = "en" if lang == "zh" else "zh"
    switch = "English" if lang == "zh" else "中文"
    text = (
        f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="govinfo-token" content="{html.escape(_token())}">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<header><h1>{_t('政府信息公开工作年度报告 · 审核工作台', 'Annual reports · review desk')}</h1>"
        f'<a href="/?lang={lang}">{_t("首页", "Home")}</a> <a href="/summary?lang={lang}">{_t("汇总", "Total")}</a> '
        f'<a href="?lang={other}">{switch}</a></header><main>{body}</main>'
        f"<script>{_SCRIPT}</script></body></html>"
    )
    response = flask.make_response(text)
    response.set_cookie("govinfo_lang", lang, samesite="Strict")
    return response


def home() -> flask.Response:
    done, total = _workspace().progress()
    rows = []
    rule_counts: Counter[str] = Counter()
    organ_counts: list[tuple[str, int]] = []
    for entry in _workspace().entries():
        outcome = _workspace().outcome(entry.stored)
        rows.append(_file_row(_workspace(), entry, outcome, rule_counts, organ_counts))
    none = _t("暂无数据", "no data")
    by_organ = sorted(organ_counts, key=lambda item: -item[1])
    upload = "".join(
        f'<form class="upload" method="post" enctype="multipart/form-data" action="/upload">'
        f'<input type="hidden" name="category" value="{category}">'
        f'<label>{label} <input type="file" name="files" multiple></label> '
        f'<button type="submit">{_t("上传", "Upload")}</button> <span class="said"></span></form>'
        for category, label in (
            ("current", _t("本年报告（可多选，或一个 .zip）：", "This year's reports (several, or a .zip):")),
            ("previous", _t("上年报告（用于与上年比较）：", "Last year's reports (for year over year):")),
        )
    )
    listed = len(_workspace().members())
    upload += (
        '<form class="upload" method="post" enctype="multipart/form-data" action="/members">'
        f"<label>{_t('应报送单位名单（文本文件，每行一个单位）：', 'Organs that should report (text, one a line):')} "
        '<input type="file" name="members" accept=".txt,text/plain"></label> '
        f'<button type="submit">{_t("上传", "Upload")}</button> <span class="said">'
        f"{_t(f'已有名单：{listed} 个单位', f'{listed} organs listed') if listed else ''}</span></form>"
    )
    waiting = _t(f"已读取 {done} / {total} 个文件", f"{done} of {total} files read")
    body = (
        f"<section><h2>{_t('上传报告', 'Upload reports')}</h2>{upload}"
        f'<div id="progress"><div style="width:{100 * done // max(total, 1)}%"></div></div>'
        f'<div id="reading" class="muted">{waiting}</div>'
        f'<p class="muted">{_t("工作区：", "Workspace: ")}{html.escape(str(_workspace().root))}</p></section>'
        f"<section><h2>{_t('各单位报告', 'Reports by organ')}</h2>"
        f'<table class="list" id="files"><tr><th>{_t("文件", "File")}</th><th>{_t("机关", "Organ")}</th>'
        f"<th>{_t('年度', 'Year')}</th><th>{_t('类别', 'Kind')}</th><th>{_t('状态', 'Status')}</th>"
        f"<th>{_t('错误', 'Errors')}</th><th>{_t('警告', 'Warnings')}</th></tr>{''.join(rows)}</table></section>"
        f'<section><h2>{_t("图表", "Charts")}</h2><div class="charts">'
        f"{bar_chart(_t('问题最多的规则', 'Findings by rule'), rule_counts.most_common(15), empty=none)}"
        f"{bar_chart(_t('各单位的错误和警告', 'Errors and warnings by organ'), by_organ, colour='#b3261e', empty=none)}"
        f"</div></section>"
    )
    return _page(_t("审核工作台", "Review desk"), body)


def upload() -> flask.Response:
    category = flask.request.form.get("category", "current")
    if category not in ("current", "previous"):
        return _refused(400, "类别无效", "unknown category")
    files = flask.request.files.getlist("files")
    uploads = [(f.filename or "未命名", f.read()) for f in files]
    chosen: Category = "previous" if category == "previous" else "current"
    added, refused = _workspace().add(uploads, chosen)
    said = _t(f"已接收 {len(added)} 个文件", f"{len(added)} file(s) received")
    if refused:
        said += _t(f"，{len(refused)} 个未接收：", f"; {len(refused)} refused: ") + "；".join(
            f"{r.name}（{_t(r.zh, r.en)}）" for r in refused[:10]
        )
    return flask.jsonify(
        {
            "added": [e.name for e in added],
            "refused": [{"name": r.name, "zh": r.zh, "en": r.en} for r in refused],
            "text": said,
        }
    )


def members() -> flask.Response:
    """The list of organs that should report (a text file, one a line)."""
    given = flask.request.files.get("members")
    if given is None:
        return _refused(400, "请选择单位名单文件", "choose the list of organs")
    try:
        organs = _workspace().set_members(given.read())
    except GovinfoError as error:
        return _refused(400, error.message_zh, error.message_en)
    return flask.jsonify({"organs": organs, "text": _t(f"名单共 {len(organs)} 个单位", f"{len(organs)} organs listed")})


def status() -> flask.Response:
    done, total = _workspace().progress()
    files = []
    for entry in _workspace().entries():
        outcome = _workspace().outcome(entry.stored)
        item: dict[str, Any] = {"file": entry.name, "id": entry.stored, "category": entry.category}
        item["status"] = "reading" if outcome is None else outcome.status
        if outcome is not None and outcome.report is not None:
            errors, warnings = counts(list(outcome.findings))
            item |= {"organ": outcome.report.organ, "year": outcome.report.year}
            item |= {"errors": errors, "warnings": warnings}
        if outcome is not None and outcome.reason is not None:
            item["reason"] = _t(*outcome.reason)
        files.append(item)
    text = _t(f"已读取 {done} / {total} 个文件", f"{done} of {total} files read")
    return flask.jsonify({"read": done, "total": total, "text": text, "files": files})


def report_page(stored: str) -> flask.Response:
    entry, outcome = _known(_workspace(), stored)
    if outcome is None or outcome.report is None:
        reason = _t(*outcome.reason) if outcome is not None and outcome.reason else _t("正在读取", "being read")
        said = f"<section><h2>{html.escape(entry.name)}</h2><p>{html.escape(reason)}</p></section>"
        return _page(entry.name, said)
    report = outcome.report
    findings = _workspace().findings(entry, report, outcome)
    reviews = _workspace().reviews()
    prints = fingerprints(findings, report)
    marks: dict[str, str] = {}
    items = []
    for finding, print_ in zip(findings, prints, strict=True):
        state = reviews.status(print_)
        settled = state in ("accepted", "dismissed")
        for path in finding.cells or ((finding.path,) if finding.path else ()):
            if not settled and (path not in marks or finding.severity is Severity.ERROR):
                marks[path] = f"mark-{finding.severity.value}"
        items.append(_finding_item(entry, finding, print_.key, state, report.edition))
    layout = edition(report.edition)
    tables = "".join(
        f"<h3>{html.escape(s.heading)}</h3>{table_html(report, s, marks)}".replace(
            "<table ", '<table class="report" ', 1
        )
        for s in layout.sections
        if isinstance(s, Table)
    )
    last = _workspace().previous_of(report)
    compared = (
        _t(f"已与上年（{last.year} 年度）报告比较", f"compared with last year's ({last.year}) report")
        if last
        else _t("未上传该单位的上年报告，未作与上年比较", "no report of last year for this organ")
    )
    errors, warnings = counts(findings)
    body = (
        f"<section><h2>{html.escape(report.organ)} {report.year} {_t('年度报告', 'report')}</h2>"
        f'<p class="muted">{html.escape(entry.name)} · {_t("格式版本", "edition")} {report.edition} · '
        f"{_t('错误', 'errors')} {errors} · {_t('警告', 'warnings')} {warnings} · {html.escape(compared)} · "
        f'<a href="/download/file/{entry.stored}">{_t("下载批注版或问题清单", "annotated copy or findings")}</a></p>'
        f"</section><section><h2>{_t('问题（点击查看所在单元格）', 'Findings (click to see the cells)')}</h2>"
        f"{''.join(items) or _t('未发现问题', 'no findings')}</section>"
        f"<section><h2>{_t('表格', 'Tables')}</h2>{tables}</section>"
    )
    return _page(report.organ, body)


def review() -> flask.Response:
    try:
        asked = json.loads(flask.request.get_data(as_text=True) or "{}")
    except ValueError:
        return _refused(400, "请求无效", "bad request")
    if not isinstance(asked, dict):
        return _refused(400, "请求无效", "bad request")
    decision = {"accept": "accepted", "dismiss": "dismissed", "reopen": "pending"}.get(str(asked.get("decision")))
    stored, key = str(asked.get("file", "")), str(asked.get("key", ""))
    by, reason = str(asked.get("by", ""))[:100], str(asked.get("reason", ""))[:1000]
    if decision is None:
        return _refused(400, "决定无效", "unknown decision")
    if decision != "pending" and not by.strip():
        return _refused(400, "请填写审核人", "name the reviewer")
    entry, outcome = _known(_workspace(), stored)
    if outcome is None or outcome.report is None:
        return _refused(404, "报告尚未读取", "the report is not read yet")
    report = outcome.report
    findings = _workspace().findings(entry, report, outcome)
    prints = {p.key: (f, p) for f, p in zip(findings, fingerprints(findings, report), strict=True)}
    if key not in prints:
        return _refused(404, "没有这个问题", "no such finding")
    finding, print_ = prints[key]

    def decide(current: Reviews) -> None:
        current.record(finding, report, print_)
        current.decide(key, decision, by=by.strip(), reason=reason.strip())  # type: ignore[arg-type]

    try:
        _workspace().update_reviews(decide)
    except GovinfoError as error:
        return _refused(500, error.message_zh, error.message_en)
    said = DECISION_ZH[decision] if _lang() == "zh" else decision
    return flask.jsonify({"key": key, "decision": decision, "text": said})


def summary() -> flask.Response:
    return _page(_t("汇总", "Total"), _summary(_workspace()))


def download_aggregate() -> flask.Response:
    total, refused = _aggregate(_workspace())
    if refused is not None:
        return _refused(409, refused.message_zh, refused.message_en)
    if total is None:
        return _refused(404, "还没有可以汇总的报告", "no report to total yet")
    buffer = io.BytesIO()
    govinfo.write_aggregate_xlsx(total, buffer)
    return _download(_workspace(), "汇总.xlsx", buffer.getvalue(), _XLSX)


def download_findings() -> flask.Response:
    rows: list[list[object]] = []
    for entry in _workspace().entries("current"):
        outcome = _workspace().outcome(entry.stored)
        if outcome is None:
            continue
        if outcome.report is None or outcome.status != "read":
            reason = outcome.reason[0] if outcome.reason else ""
            if outcome.status == "left_out":
                rows.append(unread_row(entry.name, reason, "zh", status=("未计入", "left out"), severity=Severity.INFO))
            else:
                rows.append(unread_row(entry.name, reason, "zh"))
            continue
        found = _workspace().findings(entry, outcome.report, outcome)
        rows += [csv_row(entry.name, outcome.report, finding, "zh") for finding in found]
    return _download(_workspace(), "问题清单.csv", findings_csv(rows, "zh"), "text/csv")


def download_file(stored: str) -> flask.Response:
    entry, outcome = _known(_workspace(), stored)
    if outcome is None or outcome.report is None:
        return _refused(404, "报告尚未读取", "the report is not read yet")
    findings = _workspace().findings(entry, outcome.report, outcome)
    unsettled = _workspace().reviews().unsettled(findings, outcome.report)
    source = _workspace().stored_path(entry)
    stem = _safe_stem(outcome.report.organ or entry.name)
    if source.suffix in (".xlsx", ".xlsm"):
        buffer = io.BytesIO()
        govinfo.annotate_xlsx(source, buffer, findings=unsettled)
        return _download(_workspace(), f"{stem}-批注版.xlsx", buffer.getvalue(), _XLSX)
    rows = [csv_row(entry.name, outcome.report, finding, "zh") for finding in unsettled]
    return _download(_workspace(), f"{stem}-问题清单.csv", findings_csv(rows, "zh"), "text/csv")


_LOCAL_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _lang() -> Lang:
    asked = flask.request.args.get("lang") or flask.request.cookies.get("govinfo_lang")
    return "en" if asked == "en" else "zh"


def _t(zh: str, en: str) -> str:
    return en if _lang() == "en" else zh


def _refused(status: int, zh: str, en: str) -> flask.Response:
    response = flask.jsonify({"error": _t(zh, en), "zh": zh, "en": en})
    response.status_code = status
    return response


def _known(workspace: Workspace, stored: str) -> tuple[Entry, Outcome | None]:
    """The stored file named in a request; 404 for a name that is not one of the workspace's files."""
    if _STORED.fullmatch(stored):
        for entry in workspace.entries():
            if entry.stored == stored:
                return entry, workspace.outcome(stored)
    flask.abort(_refused(404, "没有这个文件", "no such file"))
    raise AssertionError  # flask.abort raises


def _safe_stem(name: str) -> str:
    """A file name made from an organ's name: no separators or characters a file system refuses."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", name).strip(". ")[:60] or "报告"


def _download(workspace: Workspace, name: str, data: bytes, kind: str) -> flask.Response:
    workspace.write_output(name, data)
    response = flask.make_response(data)
    response.headers["Content-Type"] = kind
    quoted = "".join(
        c if (c.isascii() and c.isalnum()) or c in ".-_" else f"%{b:02X}"
        for c in name
        for b in ([ord(c)] if c.isascii() else c.encode())
    )
    response.headers["Content-Disposition"] = f"attachment; filename=\"download\"; filename*=UTF-8''{quoted}"
    return response


def _file_row(
    workspace: Workspace,
    entry: Entry,
    outcome: Outcome | None,
    rule_counts: Counter[str],
    organ_counts: list[tuple[str, int]],
) -> str:
    kind = _t("本年", "this year") if entry.category == "current" else _t("上年", "last year")
    name = html.escape(entry.name)
    if outcome is None:
        reading = _t("正在读取", "reading")
        cells = f"<td>{kind}</td><td class='muted'>{reading}</td><td></td><td></td>"
        return f"<tr><td>{name}</td><td></td><td></td>{cells}</tr>"
    if outcome.report is None or outcome.status != "read":
        reason = html.escape(_t(*outcome.reason)) if outcome.reason else ""
        said = _t("无法读取", "not read") if outcome.status == "unreadable" else _t("未计入", "left out")
        cells = f"<td>{kind}</td><td class='error'>{said}：{reason}</td><td></td><td></td>"
        return f"<tr><td>{name}</td><td></td><td></td>{cells}</tr>"
    report = outcome.report
    findings = workspace.findings(entry, report, outcome) if entry.category == "current" else list(outcome.findings)
    errors, warnings = counts(findings)
    if entry.category == "current":
        rule_counts.update(f.rule_id for f in findings if f.severity is not Severity.INFO)
        organ_counts.append((report.organ, errors + warnings))
    link = f'<a href="/file/{entry.stored}">{html.escape(report.organ or _t("（未填机关名称）", "(no organ)"))}</a>'
    return (
        f"<tr><td>{name}</td><td>{link}</td><td>{report.year}</td><td>{kind}</td><td>{_t('已读取', 'read')}</td>"
        f"<td class='error'>{errors}</td><td class='warning'>{warnings}</td></tr>"
    )


def _printed(edition_id: str, paths: list[str]) -> str:
    """Cells as the official table prints them (表四“行政复议／结果维持”), the first ten of them."""
    layout = edition(edition_id)
    known = {c.path for c in layout.cells}
    shown = []
    for path in paths[:10]:
        if path in known:
            cell = layout.cell(path)
            label = row_label(cell)
            shown.append(f"表{cell.table.number}“{label + '／' if label else ''}{cell.column.label}”")
        else:
            shown.append(path)
    more = len(paths) - len(shown)
    return "；".join(shown) + (_t(f" 等 {len(paths)} 个", f" and {more} more") if more > 0 else "")


def _finding_item(entry: Entry, finding: Finding, key: str, state: str, edition_id: str) -> str:
    severity = finding.severity.value
    where = finding.source.describe(_lang()) if finding.source else (finding.path or "")
    cells = list(finding.cells) or ([finding.path] if finding.path else [])
    printed = _printed(edition_id, cells)
    related = "".join(f"<li>{html.escape(r.describe(_lang()))}</li>" for r in finding.related)
    status = DECISION_ZH.get(state, "") if _lang() == "zh" else state
    settled = " settled" if state in ("accepted", "dismissed") else ""
    place = " ".join(html.escape(part) for part in (finding.table, finding.row, finding.column) if part)
    return (
        f'<div class="finding {severity}{settled}" data-file="{entry.stored}" data-key="{html.escape(key)}" '
        f"data-cells='{html.escape(json.dumps(cells))}'>"
        f'<b class="{severity}">{finding.severity.label_zh if _lang() == "zh" else severity}</b> {finding.rule_id} '
        f'<span class="message">{html.escape(finding.message(_lang()))}</span> '
        f'<span class="status muted">{html.escape(status)}</span>'
        f'<div class="detail">{_t("位置", "Where")}：{html.escape(where)}<br>'
        f"{_t('官方表格中', 'In the official table')}：{place or '—'}<br>"
        f"{_t('涉及单元格', 'Cells')}：{html.escape(printed) or '—'}"
        f"{'<ul>' + related + '</ul>' if related else ''}"
        f'<div class="decide">{_t("审核人", "Reviewer")} <input type="text" name="by"> '
        f'{_t("理由", "Reason")} <input type="text" name="reason"> '
        f'<button type="button" value="accept">{_t("接受（情况属实）", "Accept")}</button> '
        f'<button type="button" value="dismiss">{_t("排除（误报）", "Dismiss")}</button> '
        f'<button type="button" value="reopen">{_t("重新打开", "Reopen")}</button></div></div></div>'
    )


def _aggregate(workspace: Workspace) -> tuple[govinfo.analysis.aggregate.Aggregate | None, GovinfoError | None]:
    """The 汇总 of this year's reports, or why there is none (``aggregate``'s own refusal: an organ
    twice, mixed years or editions, every report with errors); neither when no report is read."""
    reports = [report for _, report, _ in workspace.reports("current")]
    if not reports:
        return None, None
    try:
        return govinfo.aggregate(reports, organ=_t("汇总", "Total")), None
    except GovinfoError as error:
        return None, error


def _summary(workspace: Workspace) -> str:
    reports = workspace.reports("current")
    if not reports:
        said = _t("还没有读取到本年报告，请先在首页上传。", "No report read yet: upload some first.")
        return f"<section><p>{said}</p></section>"
    keys = {organ_key(r.organ) for _, r, _ in reports}
    total, refused = _aggregate(workspace)
    problems = [refused.message(_lang())] if refused is not None else []
    header = "".join(f"<th>{_t(zh, en)}</th>" for _, zh, en in MAIN_TOTALS)
    rows = []
    for _, report, _ in reports:
        values = cell_values(report)
        rows.append(
            f"<tr><td>{html.escape(report.organ)}</td>"
            + "".join(f"<td>{values.get(path, '')}</td>" for path, _, _ in MAIN_TOTALS)
            + "</tr>"
        )
    if total is not None:
        values = cell_values(total.report)
        rows.append(
            f"<tr><th>{_t('合计（纳入汇总的单位）', 'Total (organs included)')}</th>"
            + "".join(f"<th>{values.get(path, '')}</th>" for path, _, _ in MAIN_TOTALS)
            + "</tr>"
        )
    excluded = (
        "".join(
            f"<li>{html.escape(e.organ)}：{html.escape('；'.join(f.message(_lang()) for f in e.findings[:3]))}</li>"
            for e in total.excluded
        )
        if total
        else ""
    )
    last_year = {organ_key(r.organ): r.organ for _, r, _ in workspace.reports("previous")}
    missing = [organ for key, organ in last_year.items() if key not in keys]
    nothing = "<li>" + _t("无", "none") + "</li>"
    listed = workspace.members()
    unlisted = [organ for organ in listed if organ_key(organ) not in keys]
    no_list = _t("未上传应报送单位名单（首页可上传）", "no list of organs (upload one on the home page)")
    listed_missing = (
        "".join(f"<li>{html.escape(m)}</li>" for m in unlisted) or nothing if listed else f"<li>{no_list}</li>"
    )
    received = [(r.organ, int(cell_values(r)["requests.received.total"])) for _, r, _ in reports]
    chart = bar_chart(
        _t("各单位本年新收申请", "Requests received by organ"), sorted(received, key=lambda i: -i[1]), colour="#2d7c4f"
    )
    links = (
        f'<a href="/download/aggregate.xlsx">'
        f"{_t('下载汇总表（官方格式，含分单位明细）', 'Download the total (workbook)')}</a> · "
        f'<a href="/download/findings.csv">{_t("下载全部问题清单（CSV）", "Download every finding (CSV)")}</a>'
        if total
        else f'<a href="/download/findings.csv">{_t("下载全部问题清单（CSV）", "Download every finding (CSV)")}</a>'
    )
    return (
        f"<section><h2>{_t('汇总', 'Total')}</h2>"
        + "".join(f'<p class="error">{html.escape(p)}</p>' for p in problems)
        + f"<p>{links}</p>"
        f'<table class="list"><tr><th>{_t("机关", "Organ")}</th>{header}</tr>{"".join(rows)}</table></section>'
        f"<section><h2>{_t('有错误、未纳入汇总的单位', 'Organs left out (errors)')}</h2>"
        f"<ul>{excluded or nothing}</ul>"
        f"<h2>{_t('名单中尚未报送的单位', 'Listed organs without a report')}</h2><ul>{listed_missing}</ul>"
        f"<h2>{_t('上年有报告、本年未报送的单位', 'Organs with a report last year but none this year')}</h2>"
        f"<ul>{''.join(f'<li>{html.escape(m)}</li>' for m in missing) or nothing}</ul></section>"
        f'<section><div class="charts">{chart}</div></section>'
    )
