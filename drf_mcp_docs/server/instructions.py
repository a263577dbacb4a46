"""The default instructions an MCP client shows its agent about this server."""

DEFAULT_INSTRUCTIONS = """\
Documentation of this project's REST API (read-only; nothing here calls the API).
Start with get_api_overview() (or api://overview: base URL, auth, tags), then
search_endpoints(query) to find
operations by what you want to do ("create an order"), optionally filtered by method or
tag. For one operation, call get_endpoint_detail(path, method) for parameters, request
body, responses, auth and pagination; get_request_example / get_response_example for
example payloads; and generate_code_snippet(path, method, language, client) for ready
client code (javascript/typescript with fetch, axios or ky; python with requests or
httpx; curl). list_schemas and get_schema_detail(name) describe the data models. Paths
are the documented templates, e.g. /api/books/{id}/; a concrete URL such as
/api/books/42/ also resolves. Responses are compact JSON; {"$ref": "Name"} points to
get_schema_detail(Name)."""
