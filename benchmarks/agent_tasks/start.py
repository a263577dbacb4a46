"""Start one agent run: the disguised document, the recording server, and in mode ``mcp``
the MCP server of a checkout of this package; write the agent's prompt.

    python benchmarks/agent_tasks/start.py raw RUN_DIR [--suite NAME]
    python benchmarks/agent_tasks/start.py mcp RUN_DIR [--checkout PATH] [--python PY] [--suite N]

``--suite`` picks the document and tasks (default ``verdant``, the NetBox one; the others
are ``suites/<name>/``); ``run.json`` records it, and ``grader.py``/``report.py`` read it.

``--checkout`` is the package checkout whose tools the MCP server serves (default: this
one), put first on the server's ``PYTHONPATH``; ``--python`` its interpreter (default: the
checkout's ``.venv/bin/python`` when there is one, else this interpreter). The servers bind
127.0.0.1 on free ports and run in their own process groups; ``RUN_DIR/run.json`` records
their addresses and process ids, which ``stop.py RUN_DIR`` ends. The agent's prompt is
written to ``RUN_DIR/prompt.md`` from ``agent_prompt_<mode>.md``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.agent_tasks import disguise  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited ({process.returncode}); see {log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not listen on port {port} within {seconds:.0f} s; see {log}")


def _spawn(
    argv: list[str], log: Path, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            argv,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=cwd,
            start_new_session=True,
        )


def start_recorder(run_dir: Path, document: Path) -> dict[str, Any]:
    prefix = disguise.api_prefix(json.loads(document.read_text()))
    port = free_port()
    log = run_dir / "recorder.log"
    argv = [sys.executable, str(HERE / "recorder.py"), str(run_dir), "--port", str(port)]
    process = _spawn([*argv, "--document", str(document)], log)
    _wait_for_port(port, process, log, 30)
    base = f"http://127.0.0.1:{port}/t/<TASK>{prefix}"
    return {"port": port, "pid": process.pid, "base": base}


def _git_commit(checkout: Path) -> str | None:
    try:
        return subprocess.run(
            ["git", "-C", str(checkout), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def _output(argv: list[str], env: dict[str, str], failure: str) -> str:
    """What ``argv`` prints, run beside the settings; its errors under ``failure`` if it fails."""
    done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=HERE)
    if done.returncode:
        raise SystemExit(f"{failure}:\n{done.stderr}")
    return done.stdout.strip()


def start_mcp(run_dir: Path, document: Path, checkout: Path, python: str) -> dict[str, Any]:
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(checkout), str(HERE)]),
        "DJANGO_SETTINGS_MODULE": "mcp_settings",
        "AGENT_TASKS_DOCUMENT": str(document),
        "AGENT_TASKS_DB": str(run_dir / "mcp.sqlite3"),
    }
    package = _output(
        [python, "-c", "import drf_mcp_docs, sys; print(drf_mcp_docs.__file__)"],
        env,
        f"{python} cannot import drf_mcp_docs from {checkout}",
    )
    if not Path(package).resolve().is_relative_to(checkout.resolve()):
        raise SystemExit(f"drf_mcp_docs comes from {package}, not from the checkout {checkout}")
    # The schema history's table, as a deployed project has it (get_api_changes reads it).
    _output(
        [python, "-m", "django", "migrate", "--noinput", "--verbosity", "0"],
        env,
        "migrate failed for the MCP server's database",
    )
    log = run_dir / "mcp.log"
    argv = [python, "-m", "django", "runmcpserver", "--transport", "streamable-http"]
    process = _spawn([*argv, "--host", "127.0.0.1", "--port", str(port)], log, env, HERE)
    _wait_for_port(port, process, log, 120)
    return {
        "url": f"http://127.0.0.1:{port}/mcp/",
        "pid": process.pid,
        "checkout": str(checkout),
        "commit": _git_commit(checkout),
        "package": package,
    }


def task_list(tasks: dict[str, Any], base: str) -> str:
    lines = []
    for task in tasks["tasks"]:
        url = base.replace("<TASK>", task["id"])
        lines.append(f"### Task {task['id']}\n{task['text']}\nBase URL: {url}\n")
    return "\n".join(lines)


def render_prompt(mode: str, run: dict[str, Any], run_dir: Path) -> str:
    suite = disguise.suite(run.get("suite"))
    tasks = json.loads(suite.tasks.read_text())
    template = (HERE / f"agent_prompt_{mode}.md").read_text()
    python = shlex.quote(sys.executable)
    env = f"AGENT_RUN={shlex.quote(str(run_dir))}"
    jq_env = env
    if suite.name != disguise.DEFAULT_SUITE:  # jq.sh's default document is the default suite's
        jq_env += f" AGENT_TASKS_DOCUMENT={shlex.quote(run['document'])}"
    user = tasks.get("user")
    values = {
        "{{TASKS}}": task_list(tasks, run["recorder"]["base"]),
        "{{TOKEN}}": tasks["token"],
        "{{ACCOUNT}}": f" (for the user `{user}`)" if user else "",
        "{{WORKDIR}}": str(run_dir / "work"),
        "{{PYTHON}}": python,
        "{{MCP_CALL}}": f"{env} {python} {shlex.quote(str(HERE / 'mcp_call.py'))}",
        "{{JQ}}": f"{jq_env} {shlex.quote(str(HERE / 'jq.sh'))}",
        "{{DOCUMENT}}": run["document"],
    }
    for key, value in values.items():
        template = template.replace(key, value)
    return template


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("raw", "mcp"))
    parser.add_argument("run_dir", type=Path)
    parser.add_argument("--checkout", type=Path, default=REPO)
    parser.add_argument("--python", default=None)
    parser.add_argument(
        "--suite",
        default=disguise.DEFAULT_SUITE,
        help="one of: " + ", ".join(disguise.suite_names()),
    )
    args = parser.parse_args(argv)
    try:
        suite = disguise.suite(args.suite)
    except ValueError as error:
        parser.error(str(error))
    run_dir: Path = args.run_dir.resolve()
    if (run_dir / "run.json").exists():
        raise SystemExit(f"{run_dir} holds a run already; use a new directory")
    (run_dir / "work").mkdir(parents=True, exist_ok=True)
    document = disguise.build(name=suite.name)
    run: dict[str, Any] = {
        "mode": args.mode,
        "suite": suite.name,
        "started": time.time(),
        "document": str(document),
        "document_sha256": hashlib.sha256(document.read_bytes()).hexdigest(),
        "tasks_sha256": hashlib.sha256(suite.tasks.read_bytes()).hexdigest(),
    }
    run["recorder"] = start_recorder(run_dir, document)
    try:
        if args.mode == "mcp":
            checkout = args.checkout.resolve()
            venv = checkout / ".venv" / "bin" / "python"
            python = args.python or (str(venv) if venv.exists() else sys.executable)
            run["mcp"] = start_mcp(run_dir, document, checkout, python)
    except BaseException:
        os.killpg(run["recorder"]["pid"], 15)
        raise
    (run_dir / "run.json").write_text(json.dumps(run, indent=1) + "\n")
    (run_dir / "prompt.md").write_text(render_prompt(args.mode, run, run_dir))
    print(f"run: {run_dir} (mode {args.mode}, suite {suite.name})")
    print(f"recording server: {run['recorder']['base']} (pid {run['recorder']['pid']})")
    if "mcp" in run:
        mcp = run["mcp"]
        print(f"MCP server: {mcp['url']} (pid {mcp['pid']}, {mcp['package']} @ {mcp['commit']})")
    print(f"agent prompt: {run_dir / 'prompt.md'}")
    print(f"stop with: {sys.executable} {HERE / 'stop.py'} {run_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
