"""Swagger 2.0 → OpenAPI 3.0 conversion, for drf-yasg and other Swagger 2.0 sources.

Covers what DRF generators emit: definitions, body/formData parameters, responses,
produces/consumes, security definitions and host/basePath.
"""

from __future__ import annotations

from typing import Any

_PARAM_SCHEMA_KEYS = (
    "type",
    "format",
    "items",
    "enum",
    "default",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "pattern",
)


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


def _operation(op: dict[str, Any], consumes: list[str], produces: list[str]) -> dict[str, Any]:
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
        elif where == "formData":
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
            params.append(converted)
    if form:
        form_type = next((c for c in consumes if "form" in c), "multipart/form-data")
        schema: dict[str, Any] = {"type": "object", "properties": form}
        if required_form:
            schema["required"] = required_form
        out["requestBody"] = {"content": {form_type: {"schema": schema}}}
    if params:
        out["parameters"] = params
    responses = {}
    for status, response in (op.get("responses") or {}).items():
        converted = {"description": response.get("description", "")}
        if "schema" in response:
            converted["content"] = {ct: {"schema": response["schema"]} for ct in produces}
        responses[str(status)] = converted
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
        shared = [p for p in item.get("parameters", []) if p.get("in") not in ("body", "formData")]
        converted: dict[str, Any] = {}
        for method, op in item.items():
            if method == "parameters" or not isinstance(op, dict):
                continue
            op = dict(op, parameters=[*shared, *op.get("parameters", [])])
            converted[method] = _operation(op, consumes, produces)
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
