"""Validate every request and response example of an API against its own schema.

The schema an example is checked against is the one in the original document (not the
processor's record), converted to JSON Schema 2020-12 by
:func:`tests.support.validation.to_json_schema` and checked with ``jsonschema``
(formats included). Used by the example tests and by ``benchmarks/examples.py``.

    python -m tests.schema.examples_sweep stripe github      # counts per document
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jsonschema

from drf_mcp_docs.schema.examples import (
    Example,
    build_example,
    component_schemas,
    endpoint_example,
)
from drf_mcp_docs.schema.examples.conformance import type_matches
from drf_mcp_docs.schema.processor import process_schema
from drf_mcp_docs.schema.records import ApiSchema, Endpoint
from drf_mcp_docs.schema.refs import pointed
from tests.support.validation import REF_PREFIX, to_json_schema

#: (api, endpoint, status or None for the request) -> the example the tool answers with.
ExampleFn = Callable[[ApiSchema, Endpoint, "str | None"], Example | None]


#: The schema itself is not valid JSON Schema (a vendor mistake): nothing to check against.
UNCHECKABLE = "uncheckable"
#: The failing part of the schema accepts no value at all (counted apart, like vendor errors).
CONTRADICTION = "contradiction"
#: A oneOf whose branches all accept the same objects: no example can match exactly one.
AMBIGUOUS = "ambiguous"


@dataclass
class Failure:
    where: str
    source: str
    message: str


@dataclass
class Counts:
    """Examples checked, invalid ones (split by who wrote them), crashes, timings."""

    requests: int = 0
    responses: int = 0
    invalid_requests: int = 0
    invalid_responses: int = 0
    documented: int = 0
    invalid_documented: int = 0
    crashes: int = 0
    uncheckable: int = 0
    parameters: int = 0
    invalid_parameters: int = 0
    contradictions: int = 0
    seconds: list[float] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    @property
    def generated(self) -> int:
        return self.requests + self.responses - self.documented

    @property
    def invalid_generated(self) -> int:
        return self.invalid_requests + self.invalid_responses - self.invalid_documented

    def summary(self) -> str:
        times = sorted(self.seconds) or [0.0]
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        return (
            f"requests {self.invalid_requests}/{self.requests} invalid, "
            f"responses {self.invalid_responses}/{self.responses} invalid; "
            f"generated {self.invalid_generated}/{self.generated} invalid, "
            f"documented {self.invalid_documented}/{self.documented} invalid; "
            f"parameters {self.invalid_parameters}/{self.parameters} invalid; "
            f"crashes {self.crashes}; uncheckable schemas {self.uncheckable}; "
            f"self-contradicting or ambiguous schemas {self.contradictions}; total {sum(times) * 1000:.0f} ms, "
            f"p95 {p95 * 1000:.2f} ms per example"
        )


def current_example(api: ApiSchema, endpoint: Endpoint, status: str | None) -> Example | None:
    """What ``get_request_example`` / ``get_response_example`` answer with."""
    return endpoint_example(
        endpoint,
        status,
        components=component_schemas(api),
        base_url=api.base_url,
        openapi_version=api.openapi_version,
    )


class _Validators:
    """One validator per (request|response) for a document: ``$defs`` converted once."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.version = str(document.get("openapi", "3.0.3"))
        self._defs: dict[bool, dict[str, Any]] = {}

    def check(self, schema: Any, value: Any, for_request: bool) -> str | None:
        defs = self._defs.get(for_request)
        if defs is None:
            raw = (self.document.get("components") or {}).get("schemas") or {}
            raw = {name: _inline_pointers(self.document, s, 0) for name, s in raw.items()}
            defs = to_json_schema(
                {}, for_request=for_request, openapi_version=self.version, components=raw
            ).get("$defs", {})
            self._defs[for_request] = defs
        root = to_json_schema(schema, for_request=for_request, openapi_version=self.version)
        if isinstance(root, bool):
            root = {} if root else {"not": {}}
        validator = jsonschema.Draft202012Validator(
            {**root, "$defs": defs}, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        try:
            error = jsonschema.exceptions.best_match(validator.iter_errors(value))
        except (jsonschema.exceptions.UnknownType, jsonschema.exceptions._WrappedReferencingError):
            return UNCHECKABLE
        if error is None:
            return None
        if _contradiction(validator, error):
            return CONTRADICTION
        if _ambiguous(validator, error):
            return AMBIGUOUS
        return f"{error.message[:200]} at {list(error.absolute_path)[:8]}"


def _ambiguous(validator: Any, error: Any) -> bool:
    """A ``oneOf`` whose branches cannot be told apart by an honest object.

    Branches that are open objects (no ``required``, no ``additionalProperties: false``,
    no other object constraint) declaring disjoint properties: an object made of one
    branch's properties is ignored by, hence valid under, every other branch. No example
    without undeclared fields is valid under exactly one.
    """
    if error.validator != "oneOf" or not isinstance(error.validator_value, list):
        return False
    seen: set[str] = set()
    for branch in error.validator_value:
        if isinstance(branch, dict) and isinstance(branch.get("$ref"), str):
            branch = _pointer(validator.schema, branch["$ref"])
        if not isinstance(branch, dict) or branch.get("type", "object") != "object":
            return False
        if (
            any(k in branch for k in _OBJECT_CONSTRAINTS)
            or branch.get("additionalProperties", True) is False
        ):
            return False
        props = set(branch.get("properties") or ())
        if props & seen:
            return False
        seen |= props
    return True


_OBJECT_CONSTRAINTS = frozenset(
    {
        "required",
        "minProperties",
        "patternProperties",
        "propertyNames",
        "allOf",
        "anyOf",
        "oneOf",
        "not",
        "if",
        "$ref",
        "dependentRequired",
        "dependentSchemas",
        "enum",
        "const",
    }
)


#: Keywords whose subschemas describe another location (a member, an item).
_NAMED = frozenset({"properties", "patternProperties", "prefixItems"})
_MOVES = frozenset({"items", "additionalProperties", "contains", "propertyNames"})


def _pointer(root: Any, ref: str) -> Any:
    return pointed(root, ref)


def _text(root: Any, schema: Any, depth: int) -> str:
    """``schema`` as text with its references expanded (to a small depth)."""
    text = str(schema)
    if depth > 2:
        return text
    for ref in set(_REF.findall(text)):
        text = text.replace(f"'$ref': '{ref}'", _text(root, _pointer(root, ref), depth + 1))
    return text


_REF = re.compile(r"'\$ref': '([^']+)'")


def _types(root: Any, schema: Any) -> set[str] | None:
    if isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and "type" not in schema:
        schema = _pointer(root, schema["$ref"])
    kind = schema.get("type") if isinstance(schema, dict) else None
    kinds = {kind} if isinstance(kind, str) else set(kind) if isinstance(kind, list) else None
    if kinds and "number" in kinds:
        kinds.add("integer")
    return kinds


def _types_clash(root: Any, schema: Any) -> bool:
    """``type`` beside ``oneOf``/``anyOf`` branches of other types, or an ``enum`` of
    other types; ``allOf`` parts (and the schema's own ``type``) with no type in common."""
    if not isinstance(schema, dict):
        return False
    parts = schema.get("allOf")
    part_types = [_types(root, p) for p in parts] if isinstance(parts, list) else []
    common: set[str] | None = _types(root, schema)
    for kinds in part_types:
        if kinds is not None:
            common = kinds if common is None else common & kinds
            if not common:
                return True
    own = _types(root, schema)
    if not own:
        return False
    enum = schema.get("enum")
    if isinstance(enum, list) and enum and not any(type_matches(v, k) for v in enum for k in own):
        return True
    for key in ("oneOf", "anyOf"):
        branches = schema.get(key)
        if isinstance(branches, list) and branches:
            kinds = [_types(root, b) for b in branches]
            if all(k is not None and not (k & own) for k in kinds):
                return True
    return False


def _contradiction(validator: Any, error: Any) -> bool:
    """Whether the failing part of the schema accepts no value at all.

    The subschemas on the error's schema path that describe the failing location are
    checked for a clash of types: ``type`` beside ``oneOf``/``anyOf`` branches all of
    other types, or an ``allOf`` part of another type, as the
    ``allOf: [{type: string}, {type: null}]`` some converters write for 3.0 ``nullable``.
    """
    path = list(error.absolute_schema_path)
    node: Any = validator.schema
    candidates: list[Any] = [node]
    named = False
    for step in path:
        hops = 0
        while isinstance(node, dict) and step not in node and isinstance(node.get("$ref"), str):
            node, hops = _pointer(validator.schema, node["$ref"]), hops + 1
            candidates.append(node)  # $ref steps are not in the schema path: follow them
            if hops > 16:
                node = None
        if isinstance(node, dict):
            node = node.get(step)
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
        else:
            node = None
        if node is None:
            break
        if named:
            named, candidates = False, [node]
        elif step in _NAMED:
            named = True
        elif step in _MOVES:
            candidates = [node]
        elif isinstance(node, dict):
            candidates.append(node)
    return any(
        _types_clash(validator.schema, schema) or _subsumed(validator.schema, schema)
        for schema in candidates[-4:]
    )


def _subsumed(root: Any, schema: Any) -> bool:
    """A ``oneOf`` with a branch made of another branch and parts that constrain nothing
    (DigitalOcean's snapshot action: ``allOf: [<the action>, {an optional name}]``): a value
    of one is a value of the other, so no value is valid under exactly one."""
    branches = schema.get("oneOf") if isinstance(schema, dict) else None
    if not isinstance(branches, list):
        return False
    followed = [
        _pointer(root, b["$ref"]) if "$ref" in b else b for b in branches if isinstance(b, dict)
    ]
    for index, branch in enumerate(followed):
        parts = branch.get("allOf") if isinstance(branch, dict) else None
        if not isinstance(parts, list):
            continue
        parts = [
            _pointer(root, p["$ref"]) if isinstance(p, dict) and "$ref" in p else p for p in parts
        ]
        others = [b for i, b in enumerate(followed) if i != index]
        based = [p for p in parts if any(p == other for other in others)]
        rest = [p for p in parts if p not in based]
        if based and all(_open(p) for p in rest):
            return True
    return False


def _open(part: Any) -> bool:
    """An object schema that any object is valid under but for its fields' own types."""
    return (
        isinstance(part, dict)
        and part.get("type", "object") == "object"
        and not any(k in part for k in _OBJECT_CONSTRAINTS)
        and part.get("additionalProperties", True) is not False
    )


def _component(document: dict[str, Any], obj: Any) -> Any:
    for _ in range(8):
        if not isinstance(obj, dict) or not isinstance(obj.get("$ref"), str):
            return obj
        kind, _, name = obj["$ref"][len("#/components/") :].partition("/")
        obj = ((document.get("components") or {}).get(kind) or {}).get(name)
    return obj


def _raw_schema(document: dict[str, Any], endpoint: Endpoint, status: str | None) -> Any:
    item = _component(document, document["paths"][endpoint.path])
    operation = item[endpoint.method.lower()]
    if status is None:
        body = _component(document, operation.get("requestBody"))
        content_type = endpoint.request_body.content_type if endpoint.request_body else None
    else:
        body = _component(document, (operation.get("responses") or {}).get(status))
        response = endpoint.response(status)
        content_type = response.content_type if response else None
    media = ((body or {}).get("content") or {}).get(content_type) or {}
    return _inline_pointers(document, media.get("schema"), 0)


def _schema_ref(ref: str) -> bool:
    return ref.startswith(REF_PREFIX) and "/" not in ref[len(REF_PREFIX) :]


def _inline_pointers(document: dict[str, Any], schema: Any, depth: int) -> Any:
    """References into the document outside ``#/components/schemas`` (``#/paths/...``)
    replaced by what they point at, so the schema stands alone next to ``$defs``."""
    if depth > 32:
        return schema
    if isinstance(schema, list):
        return [_inline_pointers(document, item, depth + 1) for item in schema]
    if not isinstance(schema, dict):
        return schema
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/") and not _schema_ref(ref):
        target = pointed(document, ref)
        return _inline_pointers(document, target, depth + 1) if target is not None else {}
    return {k: _inline_pointers(document, v, depth + 1) for k, v in schema.items()}


def _parameters(api: ApiSchema, counts: Counts, limit_failures: int) -> None:
    """Path and required query parameter examples, against the processed parameter schemas."""
    version = api.openapi_version
    components = component_schemas(api)
    defs: dict[str, Any] | None = None
    for endpoint in api.endpoints:
        for param in endpoint.parameters:
            if not (param.location == "path" or (param.location == "query" and param.required)):
                continue
            value = build_example(
                param.schema,
                for_request=True,
                name=param.name,
                components=components,
                openapi_version=version,
            )
            counts.parameters += 1
            if defs is None:  # converted once, on first use
                defs = to_json_schema(
                    {}, for_request=True, openapi_version=version, components=dict(components)
                ).get("$defs", {})
            schema = to_json_schema(param.schema, for_request=True, openapi_version=version)
            validator = jsonschema.Draft202012Validator(
                {**(schema if isinstance(schema, dict) else {}), "$defs": defs},
                format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
            )
            try:
                error = jsonschema.exceptions.best_match(validator.iter_errors(value))
            except jsonschema.exceptions._WrappedReferencingError:
                continue
            if error is not None and _types_clash(validator.schema, validator.schema):
                counts.contradictions += 1
            elif error is not None:
                counts.invalid_parameters += 1
                if len(counts.failures) < limit_failures:
                    where = f"{endpoint.key} parameter {param.name}"
                    counts.failures.append(Failure(where, "generated", error.message[:200]))


def sweep(
    document: dict[str, Any],
    example: ExampleFn = current_example,
    *,
    api: ApiSchema | None = None,
    limit_failures: int = 50,
) -> Counts:
    """Check the request and every response example of every operation of ``document``."""
    if api is None:
        api = process_schema(document, path_prefix="/", exclude_paths=[])
    validators = _Validators(document)
    counts = Counts()
    _parameters(api, counts, limit_failures)
    for endpoint in api.endpoints:
        statuses: list[str | None] = [None, *(r.status for r in endpoint.responses)]
        for status in statuses:
            where = f"{endpoint.key} {status or 'request'}"
            started = time.perf_counter()
            try:
                result = example(api, endpoint, status)
            except Exception as exc:
                counts.crashes += 1
                counts.failures.append(Failure(where, "crash", repr(exc)[:200]))
                continue
            counts.seconds.append(time.perf_counter() - started)
            if result is None:
                continue
            schema = _raw_schema(document, endpoint, status)
            if schema is None:
                continue
            for_request = status is None
            if for_request:
                counts.requests += 1
            else:
                counts.responses += 1
            documented = result.source != "generated"
            counts.documented += documented
            problem = validators.check(schema, result.value, for_request)
            if problem is None:
                continue
            if problem == UNCHECKABLE:
                counts.uncheckable += 1
                continue
            if problem in (CONTRADICTION, AMBIGUOUS):
                counts.contradictions += 1
                continue
            if for_request:
                counts.invalid_requests += 1
            else:
                counts.invalid_responses += 1
            counts.invalid_documented += documented
            if len(counts.failures) < limit_failures:
                counts.failures.append(Failure(where, result.source, problem))
    return counts


def main(names: list[str]) -> None:
    from tests.support.realworld import SOURCES, load

    for name in names or list(SOURCES):
        counts = sweep(load(name))
        print(f"{name}: {counts.summary()}")
        for failure in counts.failures[:15]:
            print(f"    {failure.where} [{failure.source}] {failure.message}")


if __name__ == "__main__":
    main(sys.argv[1:])
