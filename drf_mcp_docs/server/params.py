"""The tools' arguments, each with the description its input schema shows an agent.

A tool declares an argument as ``path: PathArg``; adding an argument to a tool is one
more such alias here and one more parameter there.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

PathArg = Annotated[
    str,
    Field(
        description="The endpoint's path as search_endpoints gives it, e.g. '/api/books/{id}/' "
        "(a concrete URL such as '/api/books/42/' also resolves)."
    ),
]
MethodArg = Annotated[str, Field(description="HTTP method: GET, POST, PUT, PATCH or DELETE.")]
QueryArg = Annotated[
    str,
    Field(
        description="What you want to do, in a few words ('create an order', 'list a repo's "
        "issues'), or an operationId or path. Empty with a tag or method: list those endpoints."
    ),
]
MethodFilterArg = Annotated[
    str | None, Field(description="Keep only endpoints of this HTTP method, e.g. 'POST'.")
]
TagFilterArg = Annotated[
    str | None,
    Field(description="Keep only endpoints of this tag (api://overview lists the tags)."),
]
LimitArg = Annotated[int, Field(description="Most results in this answer (1-50).")]
OffsetArg = Annotated[
    int, Field(description="Results to skip: the nextOffset of the previous answer, to page.")
]
FieldArg = Annotated[
    str | None,
    Field(
        description="One part in full instead of the default answer, as the answer's 'more' "
        "names it: 'description', 'parameters', 'parameters.<name>', 'requestBody', "
        "'requestBody.<field>.<field>', 'responses', 'responses.<status>', "
        "'responses.<status>.<field>'."
    ),
]
PageArg = Annotated[
    int | None,
    Field(description="Page of a long text (with field), from 1; the answer names the next one."),
]
LanguageArg = Annotated[
    str | None,
    Field(
        description="Code language: javascript, typescript, python or curl (default from the "
        "server's settings)."
    ),
]
ClientArg = Annotated[
    str | None,
    Field(
        description="HTTP client: fetch, axios or ky (javascript/typescript); requests or "
        "httpx (python); curl."
    ),
]
SnippetLanguageArg = Annotated[
    str | None,
    Field(
        description="Add client code in this language (javascript, typescript, python, curl) "
        "to the default answer: the contract and the code in one call."
    ),
]
StatusArg = Annotated[
    str | int | None,
    Field(description="Response status, e.g. '404' (default: the success response)."),
]
SchemaNameArg = Annotated[
    str, Field(description='Component schema name, as in {"$ref": "Name"}, e.g. \'Book\'.')
]
SchemaFieldArg = Annotated[
    str | None,
    Field(
        description="One part in full, as the answer's 'more' names it: 'description' or a "
        "field path such as 'address.city'."
    ),
]
SchemaQueryArg = Annotated[
    str | None,
    Field(description="Keep schemas whose name or description contains every word of it."),
]
SchemaOffsetArg = Annotated[int, Field(description="Schemas to skip: the previous nextOffset.")]
SchemaLimitArg = Annotated[int, Field(description="Most schemas in this answer (1-500).")]
SinceArg = Annotated[
    str,
    Field(
        description="An earlier schema: its schemaDigest (or the digest's first characters, "
        "from an earlier answer), a release label or API version, or an ISO date."
    ),
]
ChangesOffsetArg = Annotated[
    int, Field(description="Changes to skip: the nextOffset of the previous answer, to page.")
]
VersionArg = Annotated[
    str | None,
    Field(
        description="API version, for an API that serves several (get_api_overview lists "
        "them); default: every version in a search, the default version elsewhere."
    ),
]
