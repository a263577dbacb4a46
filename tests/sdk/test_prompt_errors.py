"""Every ``prompts/get`` error answers a JSON-RPC error code (never the SDK's code 0), over
HTTP on a real server, as the official client sees it: the caller's mistakes as
``INVALID_PARAMS`` with a message naming the bad value, a prompt that crashes as
``INTERNAL_ERROR`` with its traceback in the server log and none of its text on the wire."""

from __future__ import annotations

from typing import Any

import pytest
from mcp import Client
from mcp.shared.exceptions import MCPError
from mcp.types import INTERNAL_ERROR, INVALID_PARAMS

from tests.support.servers import terminate

pytestmark = pytest.mark.servers

#: What the broken prompt raises (tests/support/broken_prompt_app.py, not imported here: it
#: would add its prompt to this process's MCP server).
SECRET = "a prompt bug with an internal detail: /srv/secret.cfg"
#: JSON-RPC 2.0's error codes: the predefined ones and the server-error range.
JSON_RPC_CODES = {-32700, -32600, -32601, -32602, -32603, *range(-32099, -31999)}

CASES = [
    (
        "typed_clinet",
        {},
        INVALID_PARAMS,
        "Unknown prompt: typed_clinet; did you mean typed_client?",
    ),
    ("typed_client", {"path": "/api/books/"}, INVALID_PARAMS, "Missing required arguments"),
    (
        "typed_client",
        {"path": "/api/books/", "method": "GET", "colour": "red"},
        INVALID_PARAMS,
        "unexpected keyword argument 'colour'",
    ),
    ("typed_client", {"path": "/api/bok/", "method": "GET"}, INVALID_PARAMS, "did you mean"),
    (
        "typed_client",
        {"path": "/api/books/", "method": "GET", "language": "cobol"},
        INVALID_PARAMS,
        "unknown language 'cobol'",
    ),
    ("client_for_tag", {"tag": "bok"}, INVALID_PARAMS, "no tag 'bok'; did you mean books?"),
    (
        "broken_prompt",
        {},
        INTERNAL_ERROR,
        "Internal error: prompts/get 'broken_prompt' failed; the server log has the cause",
    ),
]


@pytest.mark.parametrize("stateless", ["1", "0"], ids=["stateless", "stateful"])
async def test_every_prompt_error_has_a_json_rpc_code(serve: Any, stateless: str) -> None:
    served = serve(
        "uvicorn", "tests.support.broken_prompt_app:application", TEST_STATELESS=stateless
    )
    answers = []
    async with Client(served.url + "/mcp/") as client:
        assert "broken_prompt" in {p.name for p in (await client.list_prompts()).prompts}
        for name, arguments, code, words in CASES:
            with pytest.raises(MCPError) as raised:
                await client.get_prompt(name, arguments)
            error = raised.value.error
            answers.append((name, error.code, error.message))
            assert error.code == code and words in error.message, (name, error)
        good = await client.get_prompt("client_for_tag", {"tag": "books"})
        assert good.messages  # the session goes on after every error
    assert all(code in JSON_RPC_CODES for _, code, _ in answers), answers
    assert not any(SECRET in message for _, _, message in answers)
    _, _, err, _ = terminate(served.process)
    # the crash is in the server log, with its traceback; the caller's mistakes are not
    logged = "drf-mcp-docs: prompts/get 'broken_prompt' failed"
    assert err.count(logged) == 1, err
    before, after = err.split(logged)
    assert "Traceback" not in before and "Traceback" in after and SECRET in after, err
