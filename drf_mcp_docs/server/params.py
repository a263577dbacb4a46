"""The tools' arguments, each with the description its input schema shows an agent.

A tool declares an argument as ``path: PathArg``; adding an argument to a tool is one
more such alias here and one more parameter there.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

PathArg = Annotated[
    str,
    Field(description="From search"),
]
MethodArg = Annotated[str, Field(description="e.g. GET")]
#: get_endpoint_detail's: path and method, or endpoints.
DetailPathArg = Annotated[str | None, Field(description="From search")]
DetailMethodArg = Annotated[str | None, Field(description="e.g. GET")]
EndpointsArg = Annotated[
    list[str] | None,
    Field(description='Instead of path and method, up to 20: ["GET /a/", "POST /b/"]'),
]
QueryArg = Annotated[
    str | list[str],
    Field(description="Words, operationId or path; '' + tag lists the tag; a list: each"),
]
MethodFilterArg = Annotated[str | None, Field(description="Only this method")]
TagFilterArg = Annotated[
    str | None,
    Field(description="Only this tag"),
]
LimitArg = Annotated[
    int | None,
    Field(description="Default 5 (in tests the right hit was among them 94% of the time); max 50"),
]
OffsetArg = Annotated[int, Field(description="A nextOffset")]
FieldArg = Annotated[
    str | None,
    Field(description="As 'more' names it"),
]
PageArg = Annotated[
    int | None,
    Field(description="With field, from 1"),
]
LanguageArg = Annotated[
    str | None,
    Field(description="javascript, typescript, python, curl"),
]
ClientArg = Annotated[
    str | None,
    Field(description="fetch, axios, ky; requests, httpx; curl"),
]
SnippetLanguageArg = Annotated[
    str | None,
    Field(description="Add code: javascript, typescript, python, curl"),
]
StatusArg = Annotated[
    str | int | None,
    Field(description="Default: the success"),
]
SchemaNameArg = Annotated[str, Field(description='As in {"$ref": "Name"}')]
SchemaFieldArg = Annotated[
    str | None,
    Field(description="As 'more' names it"),
]
SchemaQueryArg = Annotated[
    str | None,
    Field(description="Words in name or description"),
]
SchemaOffsetArg = Annotated[int, Field(description="A nextOffset")]
SchemaLimitArg = Annotated[
    int | None, Field(description="Default 20 with a query, else 100; max 500")
]
SinceArg = Annotated[
    str,
    Field(description="A schemaDigest, label, version or date"),
]
ChangesOffsetArg = Annotated[int, Field(description="A nextOffset")]
VersionArg = Annotated[
    str | None,
    Field(description="API version (default: search spans all, other tools the default)"),
]
