"""`reviewer serve`: the web app, for the people who will never open a terminal."""

from __future__ import annotations

import errno
import os
import secrets
import socket
import threading
import time
from typing import Annotated

import typer

from reviewer.cli.common import EXIT_INPUT, ConfigOption, error, load_settings, note


def serve(
    host: Annotated[
        str,
        typer.Option(
            "--host",
            metavar="ADDRESS",
            help="Address to listen on. Any but a loopback one (127.0.0.1, ::1) needs the token printed at start.",
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, metavar="N", help="Port to listen on.")] = 8765,
    open_browser: Annotated[
        bool, typer.Option("--open", metavar="", help="Open the upload page in the browser once serving.")
    ] = False,
    max_upload: Annotated[
        int, typer.Option("--max-upload-mb", min=1, metavar="MB", help="Largest upload (a request), in MB.")
    ] = 50,
    max_files: Annotated[
        int, typer.Option("--max-files", min=1, metavar="N", help="Most files in one upload, archives opened.")
    ] = 200,
    config: ConfigOption = None,
) -> None:
    """Serve the web app: upload forms, review their findings and drafts, export the batch.

    The state (sessions, uploads, edits) is kept in $REVIEWER_DATA_DIR, else the user's data folder.
    Drafts come from the offline backend unless a model is configured (OPENAI_API_KEY, as for review).
    """
    import uvicorn

    from reviewer.web.app import Settings, create_app
    from reviewer.web.guard import is_loopback
    from reviewer.web.uploads import MB, Limits

    token = os.environ.get("REVIEWER_TOKEN") or (None if is_loopback(host) else secrets.token_urlsafe(24))
    settings = Settings(
        token=token, limits=Limits(upload=max_upload * MB, files=max_files), config=load_settings(config)
    )
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host=host, port=port, log_level="warning"))
    with _listen(host, port) as listening:
        url = _address(host, port) + (f"?token={token}" if token else "")
        note(f"serving {url} (state in {settings.data}; Ctrl+C stops)")
        if open_browser:
            threading.Thread(target=_open_when_serving, args=(server, url), daemon=True).start()
        server.run(sockets=[listening])


def _listen(host: str, port: int) -> socket.socket:
    """The server's socket, bound here rather than by uvicorn: a busy port is then one line and
    exit 2, before anything says the server is serving (uvicorn logs its bind error and exits 3)."""
    listening = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    try:
        if os.name != "nt":  # a restart need not wait out the old connections; on Windows it would share a busy port
            listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind((host, port))
    except OSError as failure:
        listening.close()
        where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        if failure.errno == errno.EADDRINUSE:
            error(f"cannot listen on {where}: the port is in use; stop what serves there, or give another (--port N)")
        else:
            error(f"cannot listen on {where}: {failure.strerror}")
        raise typer.Exit(EXIT_INPUT) from None
    return listening


def _address(host: str, port: int) -> str:
    # On every address, the machine's name is what a colleague types; a bare IPv6 address needs brackets.
    name = socket.gethostname() if host in ("0.0.0.0", "::", "") else host
    return f"http://[{name}]:{port}/" if ":" in name else f"http://{name}:{port}/"


def _open_when_serving(server, url: str) -> None:
    import webbrowser

    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    if server.started:
        webbrowser.open(url)
