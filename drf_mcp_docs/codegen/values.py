"""Example values printed in snippets: bodies and parameters, bounded and type-consistent.

The values come from the shared example generator; here they are pruned (optional fields
the processor left as ``$ref``), bounded in size (required fields only past
``MAX_EXAMPLE_CHARS``) and made to agree with the schema's ``const``, ``enum``, ``type``
and ``oneOf``/``anyOf`` so typed snippets compile. A failure of the generator is logged
and never takes a snippet down.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from drf_mcp_docs.codegen.expand import all_of_parts, expand_ref, merged_object, without_booleans
from drf_mcp_docs.codegen.syntax import FileValue
from drf_mcp_docs.schema.examples import build_example, component_schemas
from drf_mcp_docs.schema.records import ApiSchema, JsonSchema, Parameter

logger = logging.getLogger(__name__)
#: Characters of a body example printed in a snippet, about; larger ones keep required fields.
MAX_EXAMPLE_CHARS = 2500


def body_example(api: ApiSchema, schema: JsonSchema, kind: str | None, original: Any) -> Any:
    """The example body; optional fields that the processor left as ``$ref`` are dropped."""
    example = _prune(
        safe_example(original or schema, components=component_schemas(api)), original or schema
    )
    example = _conform(_bounded(example, schema), schema, 0, api)
    if kind in ("json", "multipart", "form") and example is None:
        return {}
    if kind == "multipart" and isinstance(example, dict):
        props = mapping(mapping(schema).get("properties"))
        return {k: _file_value(k, v) if _is_binary(props.get(k)) else v for k, v in example.items()}
    if kind == "raw" and not isinstance(example, str):
        return json.dumps(example)
    return example


def _file_value(key: str, value: Any) -> Any:
    return [FileValue(key)] if isinstance(value, list) else FileValue(key)


def _names(value: Any) -> set[str]:
    """The names of a ``required`` list (anything else: none)."""
    return {str(v) for v in value} if isinstance(value, list) else set()


def mapping(value: Any) -> dict[str, Any]:
    """``value`` if it is a dict (a schema, a properties map), else {} (3.1 booleans...)."""
    return value if isinstance(value, dict) else {}


def _prune(example: Any, schema: Any) -> Any:
    """Drop optional fields cut at a ``$ref`` (their ``{}`` example would not validate)."""
    schema = mapping(schema)
    if isinstance(example, list):
        return [_prune(item, schema.get("items")) for item in example]
    props = mapping(schema.get("properties"))
    if not isinstance(example, dict) or not props:
        return example
    required = _names(schema.get("required"))
    return {
        key: _prune(value, props.get(key))
        for key, value in example.items()
        if key in required or "$ref" not in mapping(props.get(key))
    }


def _bounded(example: Any, schema: JsonSchema) -> Any:
    """``example``, or only its required fields (recursively) when it is too large to print."""
    if len(json.dumps(example, default=str)) <= MAX_EXAMPLE_CHARS:
        return example
    return _required_only(example, schema, 0)


def _required_only(example: Any, schema: Any, depth: int) -> Any:
    schema = schema if isinstance(schema, dict) else {}
    if isinstance(example, list):
        return [_required_only(item, schema.get("items"), depth + 1) for item in example[:1]]
    if not isinstance(example, dict):
        return example
    if depth > 4:
        return {}
    props = mapping(schema.get("properties"))
    required = _names(schema.get("required"))
    return {
        key: _required_only(value, props.get(key), depth + 1)
        for key, value in example.items()
        if key in required
    }


def _conform(example: Any, schema: Any, depth: int, api: ApiSchema | None = None) -> Any:
    """``example`` made to agree with the schema's ``const``, ``enum`` and ``type`` (a
    vendor's example or the generator may not), so typed snippets compile."""
    schema = mapping(schema)
    if "allOf" in schema and depth <= 8:
        parts = all_of_parts(api, schema) if api is not None else []
        schema = merged_object(parts) or (parts[0] if len(parts) == 1 else schema)
        schema = mapping(schema)
    for key in ("oneOf", "anyOf"):
        options = [mapping(expand_ref(api, o) if api else o) for o in schema.get(key) or ()]
        if options and depth <= 8 and "properties" not in schema:
            chosen = next((o for o in options if _fits_shallow(example, o)), options[0])
            return _conform(example, chosen, depth + 1, api)
    if "const" in schema:
        return schema["const"]
    enum = schema.get("enum")
    if isinstance(enum, list) and enum and example not in enum:
        return next((v for v in enum if v is not None), enum[0])
    declared = schema.get("type")
    kinds = [declared] if isinstance(declared, str) else declared
    kinds = [k for k in kinds if isinstance(k, str)] if isinstance(kinds, list) else []
    if schema.get("nullable"):
        kinds.append("null")
    if kinds and not any(_fits(example, kind) for kind in kinds):
        example = _DEFAULTS.get(kinds[0], example)
        example = example.copy() if isinstance(example, (list, dict)) else example
    if depth > 8:
        return example
    if isinstance(example, list):
        return [_conform(item, schema.get("items"), depth + 1, api) for item in example]
    props = mapping(schema.get("properties"))
    if isinstance(example, dict) and props:
        return {k: _conform(v, props.get(k), depth + 1, api) for k, v in example.items()}
    return example


_DEFAULTS: dict[str, Any] = {
    "string": "string",
    "integer": 0,
    "number": 0,
    "boolean": False,
    "array": [],
    "object": {},
    "null": None,
}


def _fits_shallow(value: Any, schema: dict[str, Any]) -> bool:
    """Whether ``value`` matches ``schema``'s const, enum and type (not looking deeper)."""
    if "const" in schema:
        return bool(value == schema["const"])
    enum = schema.get("enum")
    if isinstance(enum, list) and value not in enum:
        return False
    declared = schema.get("type")
    kinds = [declared] if isinstance(declared, str) else declared
    if not isinstance(kinds, list) or not kinds:
        return not (schema.keys() & {"oneOf", "anyOf"}) or value is not None
    return any(_fits(value, str(k)) for k in kinds) or (
        value is None and bool(schema.get("nullable"))
    )


def _fits(value: Any, kind: str) -> bool:
    """Whether ``value`` is of JSON type ``kind``."""
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    types = {"string": str, "boolean": bool, "array": list, "object": dict}
    return value is None if kind == "null" else isinstance(value, types.get(kind, object))


def _is_binary(schema: Any) -> bool:
    schema = mapping(schema)
    if schema.get("type") == "array":
        return _is_binary(schema.get("items"))
    return bool(schema.get("format") == "binary")


def example_value(param: Parameter) -> Any:
    """An example value for a parameter (never None)."""
    value = _conform(safe_example(param.schema, param.name), param.schema, 0)
    return "value" if value is None else value


def safe_example(schema: Any, name: str = "", components: Mapping[str, Any] | None = None) -> Any:
    """An example for ``schema``; a failure of the generator is logged, not raised."""
    try:
        return build_example(schema, for_request=True, name=name, components=components)
    except Exception:  # the generator must not take the snippet down with it
        logger.warning("example generation failed; retrying without boolean schemas", exc_info=True)
    try:
        return build_example(without_booleans(schema), for_request=True, name=name)
    except Exception:
        logger.exception("example generation failed for a snippet")
        return None
