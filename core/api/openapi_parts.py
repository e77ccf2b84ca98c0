"""The pieces every part of the API's OpenAPI document is built from: references to its schemas,
objects and lists, path and query parameters, request bodies, answers and operations, and the path
items of a part's table of operations."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

ID = {"type": "integer", "minimum": 1}
FLAG = {"type": "string", "enum": ["true", "false"]}


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def strings(*names: str) -> dict[str, Any]:
    """A plain string property for each of `names`."""
    return {name: {"type": "string"} for name in names}


# Problem details (RFC 9457), with the `errors` of a request that cannot be applied.
PROBLEM = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        **strings("type", "title", "detail", "instance"),
        "status": {"type": "integer"},
        "errors": {"type": "object", "additionalProperties": {"type": "string"}},
    },
}


def problem(description: str) -> dict[str, Any]:
    """An error answer: problem details (RFC 9457)."""
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": ref("Problem")}},
    }


NOT_JSON = problem("The body is not JSON.")
TOO_LARGE = problem("The file is larger than the configured limit.")


def answer(schema: dict[str, Any], description: str) -> dict[str, Any]:
    """A JSON answer of `schema`."""
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def record(props: dict[str, Any]) -> dict[str, Any]:
    """An object that always has every one of `props`."""
    return {"type": "object", "required": list(props), "properties": props}


def closed(required: list[str], props: dict[str, Any]) -> dict[str, Any]:
    """A request's object: `required` must be there, and nothing but `props` may be."""
    return {
        "type": "object",
        "required": required,
        "additionalProperties": False,
        "properties": props,
    }


def items(name: str) -> dict[str, Any]:
    """A list answer: `{"items": [<name>, …]}`."""
    return record({"items": {"type": "array", "items": ref(name)}})


def path_id(name: str, schema: dict[str, Any] = ID) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": schema}


def query(name: str, schema: dict[str, Any], text: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": text}


def operation(
    operation_id: str,
    summary: str,
    responses: dict[str, Any],
    *,
    body: str | None = None,
    media: str = "application/json",
    parameters: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """One operation of a path; `body` names the schema of a required request body of `media`."""
    found: dict[str, Any] = {"operationId": operation_id, "summary": summary}
    if parameters is not None:
        found["parameters"] = parameters
    if body is not None:
        found["requestBody"] = {"required": True, "content": {media: {"schema": ref(body)}}}
    found["responses"] = responses
    return found


def _schema(schema: str | dict[str, Any]) -> dict[str, Any]:
    return ref(schema) if isinstance(schema, str) else schema


def _path_item(path: str, params: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    """A path item with a parameter for each `{name}` in `path`."""
    names = re.findall(r"\{(\w+)\}", path)
    if not names:
        return {}
    return {"parameters": [params.get(name) or path_id(name) for name in names]}


@dataclass(frozen=True)
class Op:
    """One operation, a row of a part's table: `method` and `path`, its id and summary, and what it
    answers when it works: `status` with a JSON `schema` (a schema's name, or the schema itself)
    described as `said`. `body` names the schema of a required request body of `media`; `query`
    are its query parameters, and `fails` the failures it has beyond (or instead of) those of its
    kind."""

    method: str
    path: str
    operation_id: str
    summary: str
    status: str
    schema: str | dict[str, Any]
    said: str
    body: str | None = None
    media: str = "application/json"
    query: tuple[dict[str, Any], ...] = ()
    fails: Mapping[str, Any] = field(default_factory=dict)


def paths(
    ops: Iterable[Op],
    reads: dict[str, Any],
    writes: dict[str, Any] | None = None,
    params: Mapping[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The path items of `ops`. A GET fails with `reads`, any other method with `writes` (or
    `reads` when there are none). Each `{name}` in a path is a path parameter: `params[name]`, or
    else an id."""
    found: dict[str, Any] = {}
    for op in ops:
        if op.path not in found:
            found[op.path] = _path_item(op.path, params or {})
        fails = reads if op.method == "get" or writes is None else writes
        found[op.path][op.method] = operation(
            op.operation_id,
            op.summary,
            {op.status: answer(_schema(op.schema), op.said), **fails, **op.fails},
            body=op.body,
            media=op.media,
            parameters=list(op.query) or None,
        )
    return found
