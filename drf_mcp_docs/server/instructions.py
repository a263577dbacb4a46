"""The default instructions an MCP client shows its agent about this server."""

DEFAULT_INSTRUCTIONS = """\
Docs of this project's REST API (read-only: nothing here calls the API). To write a call:
1. search_endpoints(query="what to do") -> "METHOD path summary", one line per hit.
2. get_endpoint_detail(path, method) -> what to send and what comes back; add
   language="python" (javascript, typescript, curl) for client code with it.
Several tasks: query=["...", "..."] and endpoints=["GET /a/", "POST /b/"] take up to 20
in one call.
Fields are in type notation, "type, constraints, flags // description" ("required" marks
what must be sent; a "//" key describes its object). An answer's "more" names the exact
argument returning whatever it shortened: field="parameters.q", field="responses.404",
page=2 for long texts;
get_schema_detail(name="X") for each {"$ref": "X"}. get_api_overview(): base URL, auth,
versions, tags.
Keep the schemaDigest of answers; get_api_changes(since=it) lists what changed later."""
