"""A test plugin that only listens: it records every review event it hears, so tests can see each
review hook called for a framework the core knows nothing about (the built-in `sar`)."""

from __future__ import annotations

from typing import Any

from core.plugin_api import hookimpl

KEY = "review-listener"
HEARD: list[tuple[str, dict[str, Any]]] = []


@hookimpl
def review_created(tenant: Any, review: Any, actor_email: str) -> None:
    HEARD.append(("review_created", {"review": review, "actor": actor_email}))


@hookimpl
def review_stage_changed(
    tenant: Any, review: Any, from_stage: str, to_stage: str, actor_email: str
) -> None:
    HEARD.append(("review_stage_changed", {"review": review, "from": from_stage, "to": to_stage}))


@hookimpl
def review_obligation_changed(
    tenant: Any, review: Any, obligation: Any, change: str, actor_email: str
) -> None:
    HEARD.append(("review_obligation_changed", {"obligation": obligation, "change": change}))


@hookimpl
def review_deadline_missed(tenant: Any, review: Any, obligation: Any) -> None:
    HEARD.append(("review_deadline_missed", {"obligation": obligation}))
