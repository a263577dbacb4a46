"""The default instructions an MCP client shows its agent about this server."""

DEFAULT_INSTRUCTIONS = """\
Documentation of this project's REST API (read-only; nothing here calls the API).
To write a call, two calls:
1. search_endpoints(query="what you want to do") -> one line per endpoint: method, path, summary.
2. get_endpoint_detail(path, method) -> what to send and what comes back: parameters (type,
   required, default, enum, description, encoding), body fields, auth, success status and body
   shape. Add language="python" (or javascript, typescript, curl) to get client code with it.
Whatever an answer shortens or leaves out is listed in its "more" with the exact arguments that
return it whole: field="description", field="parameters.q", field="responses.404"; a long text
pages with page=2; get_schema_detail(name="X") shows each {"$ref": "X"}.
Other needs: get_api_overview() gives the base URL, auth, versions and tags;
search_endpoints(query="", tag="T") lists a tag's endpoints; get_request_example and
get_response_example give payloads; list_schemas / get_schema_detail describe the data models.
Paths are the documented templates (/api/books/{id}/); a concrete URL such as /api/books/42/
also resolves.
Every answer carries schemaDigest, the schema it was read from: keep it with the client code you
write; get_api_changes(since=<that digest>) later lists what changed, breaking changes flagged."""
