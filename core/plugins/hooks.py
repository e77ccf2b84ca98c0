"""One board's hooks, typed: an attribute for each hook the core calls per board, dispatched as the
hook's spec declares (`core.hookspecs.Dispatch`) and typed from the spec itself, so each hook's
parameters are written once. A misspelt hook fails at import (the spec is looked up by name) and in
mypy; an argument of a wrong name or type fails in mypy. Arguments are given by name, as pluggy
passes them: one given by position is refused when called. `tests/core/test_hook_dispatch.py`
checks that every board hook is here with the dispatch its spec declares."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Concatenate, Generic, ParamSpec, TypeVar

from core import hookspecs
from core.hookspecs import Dispatch

if TYPE_CHECKING:
    from core.plugins.manager import TenantPlugins

P = ParamSpec("P")
R = TypeVar("R")
Settings = dict[str, Any]


class _Hook(Generic[P, R]):
    """A board hook on the facade: reading it on a board's hooks gives the call, which takes the
    spec's arguments (by name; a spec's leading `settings` is each plugin's own, not the caller's)
    and answers as the spec's dispatch does."""

    dispatch: ClassVar[Dispatch]
    call: ClassVar[str]  # the `TenantPlugins` method that runs this dispatch

    def __init__(self, spec: Callable[..., Any]) -> None:
        if hookspecs.dispatch_of(spec) is not self.dispatch:
            raise TypeError(f"{spec.__name__} is declared {hookspecs.dispatch_of(spec).value}")
        self.spec = spec

    def __set_name__(self, owner: type, name: str) -> None:
        if name != self.spec.__name__:
            raise TypeError(f"the facade's {name} calls the hook {self.spec.__name__}")

    def _calling(self, hooks: BoardHooks) -> Callable[..., Any]:
        run = getattr(hooks._plugins, self.call)
        spec = self.spec

        def call(*args: Any, **kwargs: Any) -> Any:
            if args:
                raise TypeError(f"{spec.__name__} takes its arguments by name")
            return run(spec, **kwargs)

        return call


class First(_Hook[P, R]):
    """`Dispatch.FIRST`: (plugin, answer) of the first enabled plugin that answers, or None."""

    dispatch, call = Dispatch.FIRST, "first"

    def __init__(self, spec: Callable[Concatenate[Settings, P], R | None]) -> None:
        super().__init__(spec)

    def __get__(self, hooks: BoardHooks, owner: type) -> Callable[P, tuple[str, R] | None]:
        return self._calling(hooks)


class Each(_Hook[P, R]):
    """`Dispatch.ISOLATED` with answers: (plugin, answer) of every enabled plugin that answered."""

    dispatch, call = Dispatch.ISOLATED, "each"

    def __init__(self, spec: Callable[Concatenate[Settings, P], R | None]) -> None:
        super().__init__(spec)

    def __get__(self, hooks: BoardHooks, owner: type) -> Callable[P, list[tuple[str, R]]]:
        return self._calling(hooks)


class Announce(_Hook[P, None]):
    """`Dispatch.ISOLATED` announcement: every enabled plugin is told; nothing is answered."""

    dispatch, call = Dispatch.ISOLATED, "each"

    def __init__(self, spec: Callable[P, None]) -> None:
        super().__init__(spec)

    def __get__(self, hooks: BoardHooks, owner: type) -> Callable[P, None]:
        calling = self._calling(hooks)

        def announce(*args: P.args, **kwargs: P.kwargs) -> None:
            calling(*args, **kwargs)

        return announce


class Answers(_Hook[P, R]):
    """`Dispatch.FAIL_CLOSED`: (plugin, answer, error) of every enabled plugin, failures kept so
    that the caller can block on them."""

    dispatch, call = Dispatch.FAIL_CLOSED, "answers"

    def __init__(self, spec: Callable[P, R | None]) -> None:
        super().__init__(spec)

    def __get__(
        self, hooks: BoardHooks, owner: type
    ) -> Callable[P, list[tuple[str, R | None, str]]]:
        return self._calling(hooks)


class BoardHooks:
    """`tenant_plugins(tenant).hooks`: the hooks of the plugins one board has enabled."""

    def __init__(self, plugins: TenantPlugins) -> None:
        self._plugins = plugins

    # -- look and layout
    branding = First(hookspecs.branding)
    page_fragments = Each(hookspecs.page_fragments)

    # -- review tracking
    review_created = Announce(hookspecs.review_created)
    review_stage_changed = Announce(hookspecs.review_stage_changed)
    review_obligation_changed = Announce(hookspecs.review_obligation_changed)
    review_deadline_missed = Announce(hookspecs.review_deadline_missed)

    # -- publication
    check_report = Answers(hookspecs.check_report)
