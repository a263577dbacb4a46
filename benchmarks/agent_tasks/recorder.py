"""The recording server: a stand-in for the disguised API that records every request.

    python benchmarks/agent_tasks/recorder.py RUN_DIR [--port 0] [--document PATH]

It listens on 127.0.0.1 (a free port unless ``--port`` names one), prints its address and
writes ``RUN_DIR/recorder.json`` (``{"port", "pid", "base"}``). Each task has its own base
URL, ``http://127.0.0.1:PORT/t/<TASK>`` followed by the path of the document's server URL
(``/api`` for the default suite, nothing when the server URL has no path), so requests are
filed under the task whose client sent them; each one is appended to
``RUN_DIR/requests.jsonl`` as it arrived on the wire (raw path, raw query, headers, body)
with the operation it matched and the problems :mod:`contract` found.

It answers like the real API would: the documented success status (no body on 204, an
empty page for a list, the object otherwise), 400 naming the problems, 404 for a path the
document doesn't have, 405 for a method it doesn't have on that path.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from benchmarks.agent_tasks.contract import Contract, Match, Request  # noqa: E402
from benchmarks.agent_tasks.disguise import api_prefix  # noqa: E402

DEFAULT_DOCUMENT = HERE / "build" / "api.json"
API_PREFIX = "/api"  # the default suite's


def _split_target(target: str, prefix: str = API_PREFIX) -> tuple[str | None, str, str]:
    """``/t/T01/api/x/?a=1`` -> (task, raw API path, raw query), ``prefix`` being ``/api``."""
    raw, _, query = target.partition("?")
    parts = raw.split("/", 3)  # '', 't', task, rest
    if len(parts) < 4 or parts[1] != "t" or not parts[2]:
        return None, raw, query
    rest = "/" + parts[3]
    if not (rest == prefix or rest.startswith(prefix + "/")):
        return parts[2], "", query
    return parts[2], rest[len(prefix) :] or "/", query


def _answer(match: Match, body: bytes) -> Any:
    if match.success_status == 204:
        return None
    if match.method == "get" and not match.path_params:
        return {"count": 0, "next": None, "previous": None, "results": []}
    sent: Any = None
    with contextlib.suppress(ValueError):
        sent = json.loads(body) if body.strip() else None
    ident = next(iter(match.path_params.values()), "1")
    answer: dict[str, Any] = {"id": int(ident) if ident.isdigit() else ident}
    if isinstance(sent, dict):
        answer.update(sent)
    return sent if isinstance(sent, list) else answer


class Recorder:
    """The server state: the contract and the log file (appended under a lock)."""

    def __init__(self, document: dict[str, Any], log: Path) -> None:
        self.contract = Contract(document)
        self.prefix = api_prefix(document)
        self.log = log
        self.lock = threading.Lock()

    def record(self, entry: dict[str, Any]) -> None:
        line = json.dumps(entry, sort_keys=True) + "\n"
        with self.lock, self.log.open("a") as out:
            out.write(line)

    def handle(
        self, method: str, target: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, Any]:
        task, path, query = _split_target(target, self.prefix)
        entry: dict[str, Any] = {
            "time": time.time(),
            "task": task,
            "method": method,
            "target": target,
            "path": path,
            "query": query,
            "headers": headers,
            "body": body.decode("utf-8", "replace"),
        }
        if body and entry["body"].encode() != body:
            entry["body_base64"] = base64.b64encode(body).decode()
        status: int
        answer: Any
        if task is None or not path:
            status, answer = 404, {"detail": f"send requests under /t/<task>{self.prefix}/"}
            entry["problems"] = [f"{target} is not under /t/<task>{self.prefix}/"]
        else:
            match = self.contract.check(Request(method, path, query, headers, body))
            if match is None:
                status, answer = 404, {"detail": "Not found."}
                entry["problems"] = [f"no path of the document matches {path}"]
            else:
                entry.update(
                    template=match.template,
                    path_params=match.path_params,
                    problems=match.problems,
                )
                if not match.operation:
                    status, answer = 405, {"detail": match.problems[0]}
                elif match.problems:
                    status, answer = 400, {"detail": match.problems}
                else:
                    status, answer = match.success_status, _answer(match, body)
        entry["status"] = status
        self.record(entry)
        return status, answer


def make_server(recorder: Recorder, port: int = 0) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = {k: v for k, v in self.headers.items()}
            status, answer = recorder.handle(self.command, self.path, headers, body)
            payload = b"" if answer is None else json.dumps(answer).encode()
            self.send_response(status)
            if answer is not None:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if payload and self.command != "HEAD":
                self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _serve

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

    return ThreadingHTTPServer(("127.0.0.1", port), Handler)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run_dir", type=Path)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--document", type=Path, default=DEFAULT_DOCUMENT)
    args = parser.parse_args(argv)
    args.run_dir.mkdir(parents=True, exist_ok=True)
    document = json.loads(args.document.read_text())
    recorder = Recorder(document, args.run_dir / "requests.jsonl")
    server = make_server(recorder, args.port)
    port = server.server_address[1]
    base = f"http://127.0.0.1:{port}/t/<TASK>{recorder.prefix}"
    info = {"port": port, "pid": os.getpid(), "base": base}
    (args.run_dir / "recorder.json").write_text(json.dumps(info) + "\n")
    print(f"recording on {base} (pid {os.getpid()})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
