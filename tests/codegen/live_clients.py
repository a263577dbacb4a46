"""Minimal axios and ky modules on top of Node's real ``fetch``, for running snippets live.

They implement only what generated snippets use (methods, headers, data/json/body,
responseType, the ``.json()/.text()/.blob()`` readers) and throw on non-2xx like the real
libraries, so a snippet that runs to completion got a 2xx answer from the server.
"""

AXIOS = """
async function send(method, url, data, config = {}) {
  const init = { method: method.toUpperCase(), headers: { ...(config.headers ?? {}) } };
  if (data !== undefined) {
    if (data instanceof URLSearchParams || data instanceof FormData || typeof data === "string") {
      init.body = data;
    } else {
      init.body = JSON.stringify(data);
      init.headers["Content-Type"] = "application/json";
    }
  }
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  const type = config.responseType;
  const text = type === "arraybuffer" ? null : await res.text();
  const body = type === "arraybuffer" ? await res.arrayBuffer() : type === "text" || !text ? text : JSON.parse(text);
  return { status: res.status, data: body };
}
const axios = { request: (c) => send(c.method, c.url, c.data, c) };
for (const m of ["get", "delete", "head", "options"]) axios[m] = (u, c = {}) => send(m, u, c.data, c);
for (const m of ["post", "put", "patch"]) axios[m] = (u, d, c = {}) => send(m, u, d, c);
export default axios;
"""

KY = """
function call(method, url, options = {}) {
  const init = { method: method.toUpperCase(), headers: { ...(options.headers ?? {}) } };
  if (options.json !== undefined) {
    init.body = JSON.stringify(options.json);
    init.headers["Content-Type"] = "application/json";
  } else if (options.body !== undefined) {
    init.body = options.body;
  }
  const promise = (async () => {
    const res = await fetch(url, init);
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
    return res;
  })();
  promise.json = async () => { const r = await promise; const t = await r.text(); return t ? JSON.parse(t) : ""; };
  promise.text = async () => (await promise).text();
  promise.blob = async () => (await promise).blob();
  return promise;
}
const ky = (url, options = {}) => call(options.method ?? "get", url, options);
for (const m of ["get", "post", "put", "patch", "delete", "head"]) ky[m] = (u, o) => call(m, u, o);
export default ky;
"""
