"""A schema diff as JSON (tool answers, ``--format json``), text and markdown.

Rows are the unit: a removed endpoint, one change of a changed endpoint, an added
endpoint, in that order (breaking changes first). :func:`page` cuts the rows into answers
that fit a byte budget and groups each page's changes by endpoint again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from drf_mcp_docs.history.diff import ApiDiff, Change

#: Bytes of one tool answer's rows (the answer stays under 24 KB with its envelope).
PAGE_BUDGET = 20_000
REMOVED_REASON = "clients calling it get an error (404 or 405)"


@dataclass(frozen=True, slots=True)
class Row:
    section: str  # "removed", "changed", "added"
    method: str
    path: str
    item: dict[str, Any]  # the endpoint (removed/added) or the change (changed)


def change_dict(change: Change) -> dict[str, Any]:
    out: dict[str, Any] = {"change": change.kind}
    if change.name:
        out["name"] = change.name
    if change.detail:
        out["detail"] = change.detail
    out["breaking"] = change.breaking
    out["reason"] = change.reason
    return out


def rows(result: ApiDiff) -> list[Row]:
    out = [
        Row("removed", m, p, _brief(m, p, s, breaking=True, reason=REMOVED_REASON))
        for m, p, s in result.removed
    ]
    ordered = sorted(result.changed, key=lambda e: not e.breaking)
    for endpoint in ordered:
        for change in endpoint.changes:
            out.append(Row("changed", endpoint.method, endpoint.path, change_dict(change)))
    out += [Row("added", m, p, _brief(m, p, s)) for m, p, s in result.added]
    return out


def _brief(method: str, path: str, summary: str, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"method": method, "path": path}
    if summary:
        out["summary"] = summary[:120]
    if extra:
        out.update(extra)
    return out


def summary(result: ApiDiff) -> dict[str, int]:
    return {
        "endpointsAdded": len(result.added),
        "endpointsRemoved": len(result.removed),
        "endpointsChanged": len(result.changed),
        "endpointsUnchanged": result.unchanged,
        "changes": result.change_count,
        "breaking": result.breaking_count,
    }


def _size(value: Any) -> int:
    return len(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode())


def group(selected: list[Row]) -> dict[str, Any]:
    """Rows as the answer's ``removed`` / ``changed`` / ``added`` lists (empty ones left out)."""
    out: dict[str, Any] = {}
    changed: list[dict[str, Any]] = []
    for row in selected:
        if row.section != "changed":
            out.setdefault(row.section, []).append(row.item)
            continue
        if changed and (changed[-1]["method"], changed[-1]["path"]) == (row.method, row.path):
            changed[-1]["changes"].append(row.item)
        else:
            changed.append({"method": row.method, "path": row.path, "changes": [row.item]})
    if changed:
        out["changed"] = changed
    return {key: out[key] for key in ("removed", "changed", "added") if key in out}


def page(
    all_rows: list[Row], offset: int, budget: int = PAGE_BUDGET
) -> tuple[list[Row], int | None]:
    """The rows from ``offset`` that fit ``budget`` bytes (at least one), and the next offset."""
    used = 0
    end = offset
    while end < len(all_rows):
        cost = _size(all_rows[end].item) + 60  # the endpoint's method and path, roughly
        if used + cost > budget and end > offset:
            break
        used += cost
        end += 1
    return all_rows[offset:end], (end if end < len(all_rows) else None)


def full(result: ApiDiff, old: dict[str, str], new: dict[str, str]) -> dict[str, Any]:
    """The whole report as one JSON-ready object (``mcpdocs_changes --format json``)."""
    return {"from": old, "to": new, "summary": summary(result), **group(rows(result))}


def _name(meta: dict[str, str]) -> str:
    parts = [meta.get("label") or meta.get("version") or "", meta.get("digest", "")]
    first, digest = parts
    return f"{first} ({digest})" if first and digest else first or digest or "?"


def headline(result: ApiDiff, old: dict[str, str], new: dict[str, str]) -> str:
    s = summary(result)
    if not result.change_count:
        return f"No API changes from {_name(old)} to {_name(new)}."
    return (
        f"API changes from {_name(old)} to {_name(new)}: {s['endpointsAdded']} endpoints added, "
        f"{s['endpointsRemoved']} removed, {s['endpointsChanged']} changed; "
        f"{s['breaking']} breaking change{'s' if s['breaking'] != 1 else ''}."
    )


def _change_text(item: dict[str, Any], code: str = "") -> str:
    name = f" {code}{item['name']}{code}" if item.get("name") else ""
    detail = f" ({item['detail']})" if item.get("detail") else ""
    return f"{item['change']}{name}{detail}: {item['reason']}"


def text(result: ApiDiff, old: dict[str, str], new: dict[str, str]) -> str:
    lines = [headline(result, old, new)]
    grouped = group(rows(result))
    if "removed" in grouped:
        lines += ["", "Removed endpoints:"]
        lines += [
            f"  BREAKING {e['method']} {e['path']}: {e['reason']}" for e in grouped["removed"]
        ]
    if "changed" in grouped:
        lines += ["", "Changed endpoints:"]
        for endpoint in grouped["changed"]:
            lines.append(f"  {endpoint['method']} {endpoint['path']}")
            for item in endpoint["changes"]:
                flag = "BREAKING " if item["breaking"] else ""
                lines.append(f"    {flag}{_change_text(item)}")
    if "added" in grouped:
        lines += ["", "Added endpoints:"]
        for e in grouped["added"]:
            summary_text = f": {e['summary']}" if e.get("summary") else ""
            lines.append(f"  {e['method']} {e['path']}{summary_text}")
    return "\n".join(lines) + "\n"


def _md(value: str) -> str:
    return value.replace("|", "\\|").replace("<", "&lt;")


def markdown(result: ApiDiff, old: dict[str, str], new: dict[str, str]) -> str:
    """A section ready for a pull request or a CHANGELOG."""
    s = summary(result)
    lines = [f"## API changes: {_md(_name(old))} → {_md(_name(new))}", ""]
    if not result.change_count:
        return "\n".join([*lines, "No changes to the API's endpoints."]) + "\n"
    flag = f"**{s['breaking']} breaking**" if s["breaking"] else "No breaking changes"
    lines.append(
        f"{flag} · {s['endpointsAdded']} endpoints added · {s['endpointsRemoved']} removed · "
        f"{s['endpointsChanged']} changed"
    )
    grouped = group(rows(result))
    if "removed" in grouped:
        lines += ["", "### Removed endpoints", ""]
        lines += [
            f"- **Breaking:** `{e['method']} {_md(e['path'])}`: {e['reason']}"
            for e in grouped["removed"]
        ]
    if "changed" in grouped:
        lines += ["", "### Changed endpoints"]
        for endpoint in grouped["changed"]:
            lines += ["", f"#### `{endpoint['method']} {_md(endpoint['path'])}`", ""]
            for item in endpoint["changes"]:
                flag = "**Breaking:** " if item["breaking"] else ""
                lines.append(f"- {flag}{_md(_change_text(item, '`'))}")
    if "added" in grouped:
        lines += ["", "### Added endpoints", ""]
        for e in grouped["added"]:
            summary_text = f": {_md(e['summary'])}" if e.get("summary") else ""
            lines.append(f"- `{e['method']} {_md(e['path'])}`{summary_text}")
    return "\n".join(lines) + "\n"
