"""Small JavaScript/TypeScript helper functions a snippet includes when it needs them.

Each is written once here, in TypeScript-compatible JavaScript: the ``: type`` annotations
are removed for JavaScript by :func:`helper`.
"""

from __future__ import annotations

import re

#: Adds a value to URLSearchParams as form bodies and deepObject parameters expect.
ADD_PARAM = """\
/** Adds `value` under `key`: a[b]=1 in objects; arrays repeat the key (a[0]= when deep). */
function addParam(params: URLSearchParams, key: string, value: unknown, deep = false): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((item: unknown, i: number) => {
      const nested = deep || (typeof item === "object" && item !== null);
      addParam(params, nested ? `${key}[${i}]` : key, item, deep);
    });
  } else if (typeof value === "object") {
    for (const [k, v] of Object.entries(value)) addParam(params, `${key}[${k}]`, v, true);
  } else {
    params.append(key, String(value));
  }
}"""

#: Adds one multipart field: files as they are, lists as repeated parts, objects as JSON.
ADD_PART = """\
/** Adds `value` as multipart part(s): files as is, arrays repeated, objects as JSON. */
function addPart(form: FormData, key: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) addPart(form, key, item);
  } else if (value instanceof Blob) {
    form.append(key, value);
  } else {
    form.append(key, typeof value === "object" ? JSON.stringify(value) : String(value));
  }
}"""

_ANNOTATION = re.compile(r"(?<=[\w)])(: (?:URLSearchParams|FormData|string|unknown|number|void))")


def helper(source: str, ts: bool) -> str:
    """``source`` as TypeScript, or as JavaScript with its annotations removed."""
    return source if ts else _ANNOTATION.sub("", source)
