"""What changed between two processed schemas, endpoint by endpoint, for existing clients.

Works on the normalised records (``schema.records``): endpoints are matched by method and
path; parameters by location and name; request bodies and success responses are flattened
into dotted field paths (``author.name``, ``results[].title``) through their component
references, a few levels deep. Each change says whether it breaks a client written against
the old schema, with a one-line reason. Unchanged endpoints are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from drf_mcp_docs.history.fields import Facts, Flattener, accepts, touched
from drf_mcp_docs.schema.records import ApiSchema, Endpoint, Parameter


@dataclass(frozen=True, slots=True)
class Change:
    """One change of an endpoint: what, which name, details, and whether it breaks clients."""

    kind: str  # e.g. "parameter added", "request field now required"
    name: str  # the parameter or field ("query page", "author.name"); "" for the endpoint
    detail: str  # e.g. "integer -> string"; "" when the kind says it all
    breaking: bool
    reason: str


@dataclass(frozen=True, slots=True)
class EndpointChanges:
    method: str
    path: str
    changes: tuple[Change, ...]

    @property
    def key(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def breaking(self) -> bool:
        return any(c.breaking for c in self.changes)


@dataclass(frozen=True)
class ApiDiff:
    """The differences of ``new`` against ``old``."""

    added: tuple[tuple[str, str, str], ...]  # (method, path, summary)
    removed: tuple[tuple[str, str, str], ...]
    changed: tuple[EndpointChanges, ...]
    unchanged: int = 0
    breaking_count: int = field(default=0)

    @property
    def breaking(self) -> bool:
        return self.breaking_count > 0

    @property
    def change_count(self) -> int:
        return len(self.added) + len(self.removed) + sum(len(e.changes) for e in self.changed)


def _label(path: str) -> str:
    return path or "(body)"


def _enum_change(old: Facts, new: Facts) -> tuple[list[str], list[str]]:
    before, after = set(old.enum or ()), set(new.enum or ())
    if old.enum is None or new.enum is None:
        return [], []
    return sorted(after - before), sorted(before - after)


def _compare_inputs(where: str, name: str, old: Facts, new: Facts) -> Iterator[Change]:
    """A parameter or request field present in both: what a sender must now do differently."""
    if new.required and not old.required:
        yield Change(f"{where} now required", name, "", True, "clients that omit it are rejected")
    elif old.required and not new.required:
        yield Change(f"{where} now optional", name, "", False, "clients may still send it")
    if old.kinds != new.kinds:
        widened = accepts(new.kinds, old.kinds)
        yield Change(
            f"{where} type changed",
            name,
            f"{old.type} -> {new.type}",
            not widened,
            "every value of the old type is still accepted"
            if widened
            else "values clients send in the old type may be rejected",
        )
    elif old.format != new.format:
        yield Change(
            f"{where} format changed",
            name,
            f"{old.type} -> {new.type}",
            False,
            "the same JSON type; mind the value's range or syntax",
        )
    added, removed = _enum_change(old, new)
    if removed:
        yield Change(
            f"{where} enum narrowed",
            name,
            "removed " + ", ".join(removed),
            True,
            "clients sending a removed value are rejected",
        )
    if added:
        yield Change(
            f"{where} enum widened", name, "added " + ", ".join(added), False, "new values only"
        )
    if old.enum is None and new.enum is not None:
        yield Change(
            f"{where} now an enum",
            name,
            ", ".join(new.enum),
            True,
            "values outside the enum are rejected",
        )
    if old.default != new.default:
        yield Change(
            f"{where} default changed",
            name,
            f"{old.default or 'none'} -> {new.default or 'none'}",
            True,
            "clients that omit it get a different value",
        )
    if new.deprecated and not old.deprecated:
        yield Change(f"{where} deprecated", name, "", False, "still accepted; stop sending it")


def _parameter_changes(sides: Sides, old: Endpoint, new: Endpoint) -> Iterator[Change]:
    older, newer = sides.request

    def facts(p: Parameter, side: Flattener) -> Facts:
        return side.fields(p.schema)[""].with_required(p.required)

    before = {(p.location, p.name): p for p in old.parameters}
    after = {(p.location, p.name): p for p in new.parameters}
    for key, param in after.items():
        name = f"{key[0]} {key[1]}"
        if key not in before:
            if param.required:
                yield Change(
                    "parameter added", name, "required", True, "clients that omit it are rejected"
                )
            else:
                yield Change("parameter added", name, "optional", False, "optional")
            continue
        yield from _compare_inputs(
            "parameter", name, facts(before[key], older), facts(param, newer)
        )
    for key in before.keys() - after.keys():
        yield Change(
            "parameter removed",
            f"{key[0]} {key[1]}",
            "",
            True,
            "clients sending it lose its effect or are rejected",
        )


def _request_changes(sides: Sides, old: Endpoint, new: Endpoint) -> Iterator[Change]:
    ob, nb = old.request_body, new.request_body
    if ob is None and nb is None:
        return
    if ob is None:
        assert nb is not None
        yield Change(
            "request body added",
            "",
            nb.content_type,
            nb.required,
            "clients that send no body are rejected" if nb.required else "optional",
        )
        return
    if nb is None:
        yield Change("request body removed", "", "", True, "clients that send a body are rejected")
        return
    if ob.content_type != nb.content_type and ob.content_type not in nb.content_types:
        yield Change(
            "request content type changed",
            "",
            f"{ob.content_type} -> {nb.content_type}",
            True,
            "clients sending the old type are rejected",
        )
    if nb.required and not ob.required:
        yield Change(
            "request body now required", "", "", True, "clients that send no body are rejected"
        )
    before = sides.request[0].fields(ob.schema)
    after = sides.request[1].fields(nb.schema)
    for path, facts in after.items():
        if path not in before:
            parent = path.rpartition(".")[0] if "." in path else ""
            if parent in after and parent not in before:
                continue  # inside a new field: the new field says it
            if facts.required and (parent == "" or parent in before):
                yield Change(
                    "request field added",
                    _label(path),
                    f"{facts.type}, required",
                    True,
                    "clients that omit it are rejected",
                )
            else:
                yield Change("request field added", _label(path), facts.type, False, "optional")
            continue
        yield from _compare_inputs("request field", _label(path), before[path], facts)
    for path in before.keys() - after.keys():
        parent = path.rpartition(".")[0] if "." in path else ""
        if parent and parent not in after:
            continue  # its parent's removal says it
        yield Change(
            "request field removed",
            _label(path),
            "",
            True,
            "the server ignores or rejects it: data clients send is lost",
        )


def _response_changes(sides: Sides, old: Endpoint, new: Endpoint) -> Iterator[Change]:
    orsp, nrsp = old.success_response(), new.success_response()
    if orsp is None or nrsp is None:
        return
    if orsp.status != nrsp.status:
        still = new.response(orsp.status)
        if still is not None:  # the old success is still documented: compare it
            yield Change(
                "success response added",
                "",
                nrsp.status,
                False,
                f"{orsp.status} is still documented; clients may also see {nrsp.status}",
            )
            nrsp = still
        else:
            yield Change(
                "success status changed",
                "",
                f"{orsp.status} -> {nrsp.status}",
                True,
                "clients checking for the old status treat success as failure",
            )
    if orsp.schema is None or nrsp.schema is None:
        if orsp.schema is not None:
            yield Change(
                "response body removed", "", "", True, "clients reading the body get nothing"
            )
        return
    before = sides.response[0].fields(orsp.schema)
    after = sides.response[1].fields(nrsp.schema)
    for path, facts in before.items():
        name = _label(path).replace("(body)", "(response)")
        if path not in after:
            parent = path.rpartition(".")[0] if "." in path else ""
            if parent and parent not in after:
                continue
            yield Change("response field removed", name, "", True, "clients reading it get nothing")
            continue
        now = after[path]
        if facts.kinds != now.kinds:
            narrowed = accepts(facts.kinds, now.kinds)
            yield Change(
                "response field type changed",
                name,
                f"{facts.type} -> {now.type}",
                not narrowed,
                "every value it can now take was possible before"
                if narrowed
                else "clients parse it as the old type",
            )
        elif facts.format != now.format:
            yield Change(
                "response field format changed",
                name,
                f"{facts.type} -> {now.type}",
                False,
                "the same JSON type; mind the value's range or syntax",
            )
        added, _removed = _enum_change(facts, now)
        if added:
            yield Change(
                "response field enum widened",
                name,
                "added " + ", ".join(added),
                False,
                "clients switching over its values may meet new ones",
            )
    for path in after.keys() - before.keys():
        parent = path.rpartition(".")[0] if "." in path else ""
        if parent in before:
            yield Change(
                "response field added", _label(path), after[path].type, False, "new data only"
            )


def _auth_changes(old: Endpoint, new: Endpoint) -> Iterator[Change]:
    before, after = set(old.security), set(new.security)
    old_public = not before or old.auth_optional
    new_public = not after or new.auth_optional
    if old_public and not new_public:
        yield Change(
            "auth now required", "", ", ".join(sorted(after)), True, "anonymous clients are refused"
        )
    elif new_public and not old_public:
        yield Change("auth now optional", "", "", False, "authenticated clients still work")
    elif before and after and before != after:
        lost = sorted(before - after)
        gained = sorted(after - before)
        detail = "; ".join(
            part
            for part in (
                "removed " + ", ".join(lost) if lost else "",
                "added " + ", ".join(gained) if gained else "",
            )
            if part
        )
        yield Change(
            "auth schemes changed",
            "",
            detail,
            bool(lost),
            "clients using a removed scheme are refused" if lost else "more ways to sign in",
        )
    if new.deprecated and not old.deprecated:
        yield Change("deprecated", "", "", False, "still works; move off it before it is removed")
    elif old.deprecated and not new.deprecated:
        yield Change("no longer deprecated", "", "", False, "safe to keep using")


class Sides:
    """The flatteners of both schemas, shared by every endpoint of one diff (they cache)."""

    def __init__(self, old_api: ApiSchema, new_api: ApiSchema) -> None:
        self.request = (Flattener(old_api, "request"), Flattener(new_api, "request"))
        self.response = (Flattener(old_api, "response"), Flattener(new_api, "response"))


def endpoint_changes(
    old_api: ApiSchema,
    new_api: ApiSchema,
    old: Endpoint,
    new: Endpoint,
    sides: Sides | None = None,
) -> tuple[Change, ...]:
    """Every change of one endpoint, breaking ones first."""
    sides = sides or Sides(old_api, new_api)
    changes = [
        *_parameter_changes(sides, old, new),
        *_request_changes(sides, old, new),
        *_response_changes(sides, old, new),
        *_auth_changes(old, new),
    ]
    return tuple(sorted(changes, key=lambda c: not c.breaking))


def diff(old_api: ApiSchema, new_api: ApiSchema) -> ApiDiff:
    """The changes from ``old_api`` to ``new_api``."""
    before = {(e.method, e.path): e for e in old_api.endpoints}
    after = {(e.method, e.path): e for e in new_api.endpoints}
    added = tuple((e.method, e.path, e.summary) for k, e in after.items() if k not in before)
    removed = tuple((e.method, e.path, e.summary) for k, e in before.items() if k not in after)
    changed: list[EndpointChanges] = []
    unchanged = 0
    if old_api.digest and old_api.digest == new_api.digest:
        return ApiDiff((), (), (), unchanged=len(after))
    moved = touched(old_api, new_api)
    sides = Sides(old_api, new_api)
    for key, endpoint in after.items():
        previous = before.get(key)
        if previous is None:
            continue
        if previous == endpoint and endpoint.key not in moved:
            unchanged += 1
            continue
        changes = endpoint_changes(old_api, new_api, previous, endpoint, sides)
        if changes:
            changed.append(EndpointChanges(endpoint.method, endpoint.path, changes))
        else:
            unchanged += 1
    breaking = len(removed) + sum(sum(c.breaking for c in e.changes) for e in changed)
    return ApiDiff(added, removed, tuple(changed), unchanged=unchanged, breaking_count=breaking)
