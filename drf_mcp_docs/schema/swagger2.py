"""Swagger 2.0 → OpenAPI 3.0 conversion, for drf-yasg and other Swagger 2.0 sources.

Covers what DRF generators emit: definitions, body/formData parameters, responses,
produces/consumes, security definitions and host/basePath; and what hand-written documents
use too: shared parameters and responses (``#/parameters/...``, ``#/responses/...``,
inlined), parameters of the path item (a body among them), ``collectionFormat`` (as a
style) and response ``examples``.
"""

from __future__ import annotations

from typing import Any

from drf_mcp_docs.schema.refs import pointed

_PARAM_SCHEMA_KEYS = (
    "type",
    "format",
    "items",
    "enum",
    "default",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "nullable",
)

#: A query array's ``collectionFormat`` (``csv`` when unsaid) as OpenAPI 3's style and
#: explode (``tsv`` has none: left at the default).
_QUERY_STYLES = {
    "csv": ("form", False),
    "multi": ("form", True),
    "ssv": ("spaceDelimited", False),
    "pipes": ("pipeDelimited", False),
}


def _followed(doc: dict[str, Any], value: Any) -> Any:
    """``value`` with its local ``$ref`` chain followed (a shared parameter or response);
    None when it points at nothing."""
    for _ in range(8):
        if not (isinstance(value, dict) and isinstance(value.get("$ref"), str)):
            break
        value = pointed(doc, value["$ref"])
    return value


def _parameters(doc: dict[str, Any], raw: Any) -> list[dict[str, Any]]:
    """A parameter list's parameters, each reference followed; what is none is left out."""
    found = [_followed(doc, p) for p in (raw if isinstance(raw, list) else [])]
    return [p for p in found if isinstance(p, dict)]


def _style(param: dict[str, Any]) -> dict[str, Any]:
    """The style and explode of an array parameter in a query (Swagger 2's csv default)."""
    if param.get("in") != "query" or param.get("type") != "array":
        return {}
    style = _QUERY_STYLES.get(str(param.get("collectionFormat", "csv")))
    return {"style": style[0], "explode": style[1]} if style else {}


def _rewrite_refs(value: Any) -> Any:
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str) and item.startswith("#/definitions/"):
                out[key] = "#/components/schemas/" + item[len("#/definitions/") :]
            elif key == "x-nullable":
                out["nullable"] = item
            else:
                out[key] = _rewrite_refs(item)
        return out
    if isinstance(value, list):
        return [_rewrite_refs(item) for item in value]
    return value


def _operation(
    doc: dict[str, Any], op: dict[str, Any], consumes: list[str], produces: list[str]
) -> dict[str, Any]:
    moved = ("parameters", "responses", "consumes", "produces")
    out = {k: v for k, v in op.items() if k not in moved}
    consumes = op.get("consumes", consumes) or ["application/json"]
    produces = op.get("produces", produces) or ["application/json"]
    params, form = [], {}
    required_form: list[str] = []
    for param in op.get("parameters", []):
        where = param.get("in")
        if where == "body":
            out["requestBody"] = {
                "required": bool(param.get("required", False)),
                "content": {ct: {"schema": param.get("schema", {})} for ct in consumes},
            }
            if param.get("description"):
                out["requestBody"]["description"] = param["description"]
        elif where == "formData" and isinstance(param.get("name"), str):
            form[param["name"]] = {k: param[k] for k in _PARAM_SCHEMA_KEYS if k in param}
            if param.get("type") == "file":
                form[param["name"]] = {"type": "string", "format": "binary"}
            if param.get("required"):
                required_form.append(param["name"])
        else:
            converted = {
                k: v for k, v in param.items() if k in ("name", "in", "required", "description")
            }
            converted["schema"] = {k: param[k] for k in _PARAM_SCHEMA_KEYS if k in param}
            params.append({**converted, **_style(param)})
    if form:
        form_type = next((c for c in consumes if "form" in c), "multipart/form-data")
        schema: dict[str, Any] = {"type": "object", "properties": form}
        if required_form:
            schema["required"] = required_form
        out["requestBody"] = {"content": {form_type: {"schema": schema}}}
    if params:
        out["parameters"] = params
    responses = {}
    raw_responses = op.get("responses")
    for status, response in (raw_responses if isinstance(raw_responses, dict) else {}).items():
        response = _followed(doc, response)
        if not isinstance(response, dict):
            continue
        said: dict[str, Any] = {"description": response.get("description", "")}
        if "schema" in response:
            examples = response.get("examples")
            examples = examples if isinstance(examples, dict) else {}
            said["content"] = {
                ct: {
                    "schema": response["schema"],
                    **({"example": examples[ct]} if ct in examples else {}),
                }
                for ct in produces
            }
        responses[str(status)] = said
    out["responses"] = responses
    return out


def swagger2_to_openapi3(doc: dict[str, Any]) -> dict[str, Any]:
    """Convert a Swagger 2.0 document (a plain dict) to an OpenAPI 3.0.3 document."""
    doc = _rewrite_refs(doc)
    consumes, produces = doc.get("consumes", []), doc.get("produces", [])
    # drf-yasg strips the common prefix into basePath; clients call the full path.
    base_path = (doc.get("basePath") or "/").rstrip("/")
    paths: dict[str, Any] = {}
    for path, item in (doc.get("paths") or {}).items():
        item = _followed(doc, item)
        if not isinstance(item, dict):
            continue
        shared = _parameters(doc, item.get("parameters"))
        converted: dict[str, Any] = {}
        for method, op in item.items():
            if method == "parameters" or not isinstance(op, dict):
                continue
            own = _parameters(doc, op.get("parameters"))
            # The operation's own parameter wins over the path item's of that name and place.
            overridden = {(p.get("name"), p.get("in")) for p in own}
            kept = [p for p in shared if (p.get("name"), p.get("in")) not in overridden]
            op = dict(op, parameters=[*kept, *own])
            converted[method] = _operation(doc, op, consumes, produces)
        paths[base_path + path] = converted
    security_schemes = {}
    for name, spec in (doc.get("securityDefinitions") or {}).items():
        if spec.get("type") == "basic":
            security_schemes[name] = {"type": "http", "scheme": "basic"}
        else:
            security_schemes[name] = dict(spec)
    scheme = (doc.get("schemes") or ["https"])[0]
    servers = [{"url": f"{scheme}://{doc['host']}"}] if doc.get("host") else []
    result: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": doc.get("info", {"title": "API", "version": ""}),
        "paths": paths,
        "components": {
            "schemas": doc.get("definitions", {}),
            "securitySchemes": security_schemes,
        },
    }
    if servers:
        result["servers"] = servers
    if "security" in doc:
        result["security"] = doc["security"]
    return result
