"""The tools' arguments, each with the description its input schema shows an agent.

A tool declares an argument as ``path: PathArg``; adding an argument to a tool is one
more such alias here and one more parameter there.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

PathArg = Annotated[
    str,
    Field(description="Path as search gives it, e.g. '/books/{id}/'."),
]
MethodArg = Annotated[str, Field(description="HTTP method, e.g. GET.")]
QueryArg = Annotated[
    str,
    Field(description="What to do in words, an operationId or a path ('' with tag: list it)."),
]
MethodFilterArg = Annotated[str | None, Field(description="Only this HTTP method.")]
TagFilterArg = Annotated[
    str | None,
    Field(description="Only this tag."),
]
LimitArg = Annotated[int | None, Field(description="Most hits (1-50; default 5, a listing 20).")]
OffsetArg = Annotated[int, Field(description="Hits to skip: the previous nextOffset.")]
FieldArg = Annotated[
    str | None,
    Field(description="A part in full, as 'more' names it, e.g. 'parameters.q'."),
]
PageArg = Annotated[
    int | None,
    Field(description="Page of a long text (with field), from 1."),
]
LanguageArg = Annotated[
    str | None,
    Field(description="javascript, typescript, python or curl."),
]
ClientArg = Annotated[
    str | None,
    Field(description="fetch, axios, ky (js/ts); requests, httpx (python); curl."),
]
SnippetLanguageArg = Annotated[
    str | None,
    Field(description="Add client code in this language (javascript, typescript, python, curl)."),
]
StatusArg = Annotated[
    str | int | None,
    Field(description="Status, e.g. '404' (default: the success)."),
]
SchemaNameArg = Annotated[str, Field(description='Schema name, as in {"$ref": "Name"}.')]
SchemaFieldArg = Annotated[
    str | None,
    Field(description="One part in full, as 'more' names it: 'description', 'address.city'."),
]
SchemaQueryArg = Annotated[
    str | None,
    Field(description="Words the name or description contains."),
]
SchemaOffsetArg = Annotated[int, Field(description="Schemas to skip: the previous nextOffset.")]
SchemaLimitArg = Annotated[int, Field(description="Most schemas (1-500).")]
SinceArg = Annotated[
    str,
    Field(
        description="An earlier schemaDigest (or its start), a release label, an API "
        "version or an ISO date."
    ),
]
ChangesOffsetArg = Annotated[int, Field(description="Changes to skip: the previous nextOffset.")]
VersionArg = Annotated[
    str | None,
    Field(
        description="API version, when it serves several (default: all in search; else the default)"
    ),
]
