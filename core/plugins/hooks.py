"""One board's hooks, typed: a method for each hook the core calls per board, dispatched as the hook's
spec declares (`core.hookspecs.Dispatch`). A misspelt hook or a wrong argument fails in mypy, and
`tests/core/test_hook_dispatch.py` checks that every method matches its spec."""

# The methods are typed stubs: `_dispatched` gives each its body.
# mypy: disable-error-code="empty-body"

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from core import hookspecs
from core.hookspecs import Dispatch

if TYPE_CHECKING:
    from core.plugin_api import (
        Branding,
        GuardHit,
        IdentifierView,
        ObligationView,
        PageFragment,
        ReviewView,
        TenantView,
        TextPart,
    )
    from core.plugins.manager import TenantPlugins

F = TypeVar("F", bound=Callable[..., Any])

# The `TenantPlugins` method that runs each dispatch a board hook may declare.
_CALLS = {Dispatch.FIRST: "first", Dispatch.ISOLATED: "each", Dispatch.FAIL_CLOSED: "answers"}


def _dispatched(method: F) -> F:
    """The facade method calling the hook of the same name as its spec declares; the method itself
    only states the types. An announcement (a hook that returns None) returns None."""
    spec = getattr(hookspecs, method.__name__)
    call = _CALLS[hookspecs.dispatch_of(spec)]
    announces = inspect.signature(method).return_annotation in (None, "None")

    @functools.wraps(method)
    def dispatch(self: BoardHooks, **kwargs: Any) -> Any:
        answers = getattr(self._plugins, call)(spec, **kwargs)
        return None if announces else answers

    return cast(F, dispatch)


class BoardHooks:
    """`tenant_plugins(tenant).hooks`: the hooks of the plugins one board has enabled."""

    def __init__(self, plugins: TenantPlugins) -> None:
        self._plugins = plugins

    # -- look and layout

    @_dispatched
    def branding(self, *, tenant: TenantView) -> tuple[str, Branding] | None: ...

    @_dispatched
    def page_fragments(
        self, *, tenant: TenantView, locale: str, page: str
    ) -> list[tuple[str, list[PageFragment]]]: ...

    # -- review tracking

    @_dispatched
    def review_created(
        self, *, tenant: TenantView, review: ReviewView, actor_email: str
    ) -> None: ...

    @_dispatched
    def review_stage_changed(
        self,
        *,
        tenant: TenantView,
        review: ReviewView,
        from_stage: str,
        to_stage: str,
        actor_email: str,
    ) -> None: ...

    @_dispatched
    def review_obligation_changed(
        self,
        *,
        tenant: TenantView,
        review: ReviewView,
        obligation: ObligationView,
        change: str,
        actor_email: str,
    ) -> None: ...

    @_dispatched
    def review_deadline_missed(
        self, *, tenant: TenantView, review: ReviewView, obligation: ObligationView
    ) -> None: ...

    # -- publication

    @_dispatched
    def check_report(
        self,
        *,
        tenant: TenantView,
        review: ReviewView,
        text_pages: list[str],
        metadata: dict[str, str],
        identifiers: list[IdentifierView],
        parts: list[TextPart],
    ) -> list[tuple[str, list[GuardHit] | None, str]]: ...
