"""The pieces every part of the API's OpenAPI document is built from: references to its schemas,
objects and lists, path and query parameters, request bodies, answers and operations."""

from __future__ import annotations

from typing import Any

ID = {"type": "integer", "minimum": 1}


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def problem(description: str) -> dict[str, Any]:
    """An error answer: problem details (RFC 9457)."""
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": ref("Problem")}},
    }


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
