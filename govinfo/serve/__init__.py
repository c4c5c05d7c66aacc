"""``govinfo serve``: a local web page where a collecting office drops its organs' reports.

The office's staff drop the files of this year (and last year's, to compare), see each organ
with its status and findings, open a report drawn as the official format prints it with each
finding's cells marked, accept or dismiss findings (in the review file the command uses), and
download the 汇总, the annotated copies and the findings list. One folder holds everything
(:mod:`govinfo.serve.workspace`); the page is built on the server (:mod:`govinfo.serve.app`).

Flask serves the page and waitress runs it: both are maintained, pure Python, install from
wheels on Windows and Linux alike with no compiler, and run with no outside service — what an
office's computer offers. Waitress is a production server with a thread pool, so the page
answers while worker processes read the files. Both come with the ``serve`` extra
(``pip install "govinfo[serve]"``).

May import: everything (like :mod:`govinfo.cli`).
"""

from __future__ import annotations

import ipaddress
import secrets
import socket
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from govinfo.errors import ArgumentError
from govinfo.reading.extras import need

LOOPBACK = "127.0.0.1"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this computer only (``127.0.0.1``, ``::1``, ``localhost``)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@attrs.define
class Server:
    """A started server: its address (with the token when one is needed), and how to stop it."""

    address: str
    token: str
    workspace: Any
    _server: Any

    def run(self) -> None:
        """Serve until :meth:`close` or Ctrl-C."""
        self._server.run()

    def close(self) -> None:
        """Stop serving and reading; what the workspace holds stays."""
        self._server.close()
        self.workspace.close()


def start(
    folder: str | Path = ".",
    *,
    host: str = LOOPBACK,
    port: int = 8765,
    token: str | None = None,
    jobs: int | None = None,
) -> Server:
    """A server for the workspace ``folder``, listening but not yet serving (:meth:`Server.run`).

    Listens on ``host`` (this computer only by default). Another host needs an access token:
    ``token``, or one generated; either way it is part of :attr:`Server.address` (and the page's
    requests carry it). ``jobs`` worker processes read the files (default: the machine's cores).
    """
    doing = ("运行", "running")
    need("flask", "serve", "本地网页（govinfo serve）", "the web page (govinfo serve)", doing=doing)
    waitress = need("waitress", "serve", "本地网页（govinfo serve）", "the web page (govinfo serve)", doing=doing)
    from govinfo.serve.app import create_app  # noqa: PLC0415 — Flask only when serving
    from govinfo.serve.workspace import Workspace  # noqa: PLC0415

    if not 0 <= port < 65536:
        raise ArgumentError(f"端口 {port} 无效（应为 0–65535，0 为任一空闲端口）", f"port {port} is invalid (0–65535)")
    remote = not is_loopback(host)
    key = token or secrets.token_urlsafe(24)
    workspace = Workspace(folder, jobs=jobs)
    try:
        app = create_app(workspace, token=key, require_token=remote)
        server = waitress.create_server(
            app, host=host, port=port, threads=8, max_request_body_size=app.config["MAX_CONTENT_LENGTH"]
        )
    except BaseException:
        workspace.close()
        raise
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{server.effective_port}/" + (f"?token={key}" if remote else "")
    return Server(address, key, workspace, server)


def serve(
    folder: str | Path = ".",
    *,
    host: str = LOOPBACK,
    port: int = 8765,
    token: str | None = None,
    jobs: int | None = None,
    ready: Callable[[str], None] | None = None,
    open_browser: bool = False,
) -> None:
    """Serve the workspace ``folder`` until interrupted (:func:`start`, then run); ``ready`` is given the
    address to open, and ``open_browser`` opens it."""
    server = start(folder, host=host, port=port, token=token, jobs=jobs)
    if ready is not None:
        ready(server.address)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(server.address,)).start()
    try:
        server.run()
    finally:
        server.close()


def free_port() -> int:
    """A port nothing listens on now (for tests and ``--port 0``)."""
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        port: int = probe.getsockname()[1]
        return port


__all__ = ["LOOPBACK", "Server", "free_port", "is_loopback", "serve", "start"]
