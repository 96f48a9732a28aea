"""Time `reviewer serve`: from the command to its first answered request, and 20 forms uploaded
and checked (each form an .xlsx workbook, as agencies fill them; and the seeds' text files).

    python bench/serve_bench.py [--runs 3]

The server is the installed command, started in a fresh data folder on a free port of
127.0.0.1 and stopped at the end. Prints wall times and, on Linux, the server's CPU time for
each (this machine is shared: a wall time alone cannot tell a busy machine from slow code);
asserts nothing (the targets, start-up under 2 s and 20 forms under 3 s, are read off the output).
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "golden" / "seeds").glob("*.txt"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(port: int, method: str, path: str, body: bytes = b"", headers: dict | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        answer = connection.getresponse()
        return answer.status, dict(answer.getheaders()), answer.read()
    finally:
        connection.close()


def multipart(files: list[tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, data in files:
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n\r\n'
        parts.append(head.encode() + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def start(data: Path) -> tuple[subprocess.Popen, int, float]:
    """The server, its port, and the seconds from the command to its first answered request."""
    port = free_port()
    env = {**os.environ, "REVIEWER_DATA_DIR": str(data)}
    env.pop("OPENAI_API_KEY", None)  # the offline backend: what is timed is the app, not a model
    began = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "reviewer", "serve", "--port", str(port)],
        env=env,
        cwd=data,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = began + 30
    while time.perf_counter() < deadline:
        try:
            if request(port, "GET", "/")[0] == 200:
                return server, port, time.perf_counter() - began
        except OSError:
            time.sleep(0.01)
    server.kill()
    raise SystemExit("the server did not answer within 30 s")


def workbooks(count: int) -> list[tuple[str, bytes]]:
    """``count`` one-form workbooks: the seeds' forms, each written as the Excel report lays it out
    (a sheet the Excel reader reads back to the same form)."""
    import io

    import reviewer
    from reviewer.reports.xlsx import write_workbook

    forms = [form for seed in SEEDS for form in reviewer.read(seed)]
    files = []
    for n in range(count):
        book = io.BytesIO()
        write_workbook(reviewer.check([forms[n % len(forms)]]), book)
        files.append((f"自评表{n + 1:02d}.xlsx", book.getvalue()))
    return files


def cpu(pid: int) -> float:
    """Seconds of CPU the process has used (user and system), or NaN where /proc is not there."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(server: subprocess.Popen, port: int, path: str, files: list[tuple[str, bytes]]) -> tuple[float, float, int]:
    body, kind = multipart(files)
    began, used = time.perf_counter(), cpu(server.pid)
    status, headers, _ = request(port, "POST", path, body, {"Content-Type": kind})
    if path == "/sessions":
        status = request(port, "GET", headers["location"])[0]  # the batch page, as the browser opens it
    return time.perf_counter() - began, cpu(server.pid) - used, status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    books = workbooks(20)
    seeds = [(seed.name, seed.read_bytes()) for seed in SEEDS]
    rows: dict[str, list[tuple[float, float]]] = {}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            server, port, started = start(Path(folder))
            try:
                rows.setdefault("start-up to first answer", []).append((started, cpu(server.pid)))
                for label, path, files in (
                    ("20 workbooks: upload, check, drafts, batch page (cold)", "/sessions", books),
                    ("20 workbooks: upload, check, drafts, batch page", "/sessions", books),
                    ("20 workbooks: POST /api/check", "/api/check", books),
                    ("2 seed files (12 forms): upload to batch page", "/sessions", seeds),
                ):
                    seconds, used, status = timed(server, port, path, files)
                    if status != 200:
                        raise SystemExit(f"{label}: HTTP {status}")
                    rows.setdefault(label, []).append((seconds, used))
            finally:
                server.terminate()
                server.wait(10)
    width = max(map(len, rows))
    print(f"{'':{width}}  {'median':>8}  {'min':>8}  {'max':>8}  {'CPU':>8}   ({runs} runs, {os.cpu_count()} CPUs)")
    for label, measured in rows.items():
        times = [wall for wall, _ in measured]
        used = statistics.median(cpu for _, cpu in measured)
        print(
            f"{label:{width}}  {statistics.median(times):7.3f}s  {min(times):7.3f}s  {max(times):7.3f}s  {used:7.3f}s"
        )


if __name__ == "__main__":
    main()
