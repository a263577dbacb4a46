"""SDK-19 (see ``drf_mcp_docs/sdk/__init__.py``): tool input schemas without pydantic's noise.

The SDK publishes each tool's input schema as pydantic's ``model_json_schema()``: every
argument carries a ``title`` (its name again), every optional one is
``{"anyOf": [{"type": "string"}, {"type": "null"}], "default": null}``, and the object
itself has a ``title``. An agent reads that list once per task, so every key costs it.
:func:`compact_input_schemas` rewrites the registered tools' schemas into the same
constraints, said once: no titles, ``X | None = None`` as just ``X`` (not listed in
``required``, so leaving it out still means "not given"). Arguments are still validated
by the SDK's pydantic model, which this does not touch: a client sending ``null`` for
an optional argument is accepted as before.
"""

from __future__ import annotations

from typing import Any

from mcp.server.mcpserver import MCPServer

__all__ = ["compact_input_schemas", "compact_schema", "tools_taking"]


def compact_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` (an object's JSON schema from pydantic) with titles and null options gone."""
    out = {k: v for k, v in schema.items() if k != "title"}
    properties = out.get("properties")
    if isinstance(properties, dict):
        out["properties"] = {name: _argument(value) for name, value in properties.items()}
    return out


def _argument(schema: Any) -> Any:
    if not isinstance(schema, dict):
        return schema
    out = {k: v for k, v in schema.items() if k != "title"}
    options = out.get("anyOf")
    if isinstance(options, list):
        kept = [o for o in options if o != {"type": "null"}]
        if len(kept) < len(options):
            del out["anyOf"]
            if out.get("default", ...) is None:
                del out["default"]
            if len(kept) == 1 and isinstance(kept[0], dict):
                out = {**kept[0], **out}
            elif kept:
                out["anyOf"] = kept
    return out


def compact_input_schemas(server: MCPServer[Any]) -> None:
    """Rewrite the input schema of every tool registered on ``server`` (SDK-19).

    The SDK keeps each tool's schema in ``Tool.parameters`` and lists it as is; there is
    no public hook between the two, so the registered tools are reached through the
    server's tool manager (``tests/sdk/test_boundary.py`` checks that path still holds).
    """
    for tool in server._tool_manager.list_tools():
        tool.parameters = compact_schema(tool.parameters)


def tools_taking(server: MCPServer[Any], argument: str) -> list[str]:
    """The names of the tools registered on ``server`` whose input schema has ``argument``
    (through the tool manager, as :func:`compact_input_schemas`)."""
    return [
        tool.name
        for tool in server._tool_manager.list_tools()
        if argument in (tool.parameters.get("properties") or {})
    ]
