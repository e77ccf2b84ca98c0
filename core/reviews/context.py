"""What every review service needs: who is acting, the review's framework with the board's settings
and working calendar, the errors services raise, and the views event hooks receive."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, TypeVar

from flask import g

from core.auth.models import User
from core.board.services import tenant_view
from core.field_errors import FieldErrors
from core.plugin_api import Framework, ObligationView, ReviewView, TenantView
from core.plugins import BoardHooks, get_host, tenant_plugins
from core.reviews.calendar import WorkingCalendar, for_jurisdiction
from core.reviews.models import Obligation, Review
from core.tenancy.models import Tenant

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

MANAGERS = ("board_admin", "review_manager")
DEFAULT_AT_RISK_WORKING_DAYS = 5
DEFAULT_RETENTION_MONTHS = 12


class ReviewError(FieldErrors):
    """A change that cannot be made as asked; `errors` maps each field to what is wrong with it."""


class ReviewConflict(ReviewError):
    """The change conflicts with the review's current state (a step not open from its stage, a
    reference already taken)."""


class ReviewForbidden(PermissionError):
    """The actor's role does not allow this change."""


class ReviewNotFound(LookupError):
    """No review by that id that this actor may see (another board's reviews are never found)."""


@dataclass(frozen=True)
class Actor:
    """Who is acting, and their role in the board the session is scoped to."""

    user: User | None
    role: str

    @property
    def is_manager(self) -> bool:
        return self.role in MANAGERS

    @property
    def email(self) -> str:
        return self.user.email if self.user is not None else ""

    @property
    def user_id(self) -> int | None:
        return self.user.id if self.user is not None else None

    @classmethod
    def from_request(cls) -> Actor:
        membership = g.get("membership")
        return cls(g.get("actor"), membership.role if membership is not None else "")


@dataclass(frozen=True)
class FrameworkContext:
    """A framework as one board runs it: the board's settings (defaults merged) and its calendar."""

    plugin: str
    framework: Framework
    settings: dict[str, Any]
    calendar: WorkingCalendar

    def stage(self, key: str) -> Any:
        return next((s for s in self.framework.stages if s.key == key), None)

    def stage_label(self, key: str) -> str:
        stage = self.stage(key)
        return stage.label if stage is not None else key

    def transitions_from(self, stage: str) -> list[Any]:
        return [t for t in self.framework.transitions if stage in t.sources]

    def rule(self, key: str) -> Any:
        return next((r for r in self.framework.obligations if r.key == key), None)

    @property
    def at_risk_days(self) -> int:
        return int(self.settings.get("at_risk_working_days", DEFAULT_AT_RISK_WORKING_DAYS))


def framework_keys() -> list[str]:
    """Frameworks that carry review stages (a leaflet-only framework cannot run reviews)."""
    return sorted(k for k, (_p, fw) in get_host().frameworks.items() if fw.stages)


def board_framework_keys(tenant: Tenant) -> list[str]:
    """The frameworks a board may open a review under: those that track reviews and declare the
    board's jurisdiction, and always the board's own."""
    return [
        k
        for k in framework_keys()
        if k == tenant.framework or tenant.jurisdiction in get_host().frameworks[k][1].jurisdictions
    ]


def framework_context(tenant: Tenant, key: str) -> FrameworkContext:
    found = get_host().frameworks.get(key)
    if found is None or not found[1].stages:
        raise ReviewError({"framework": f"No installed framework {key!r} tracks reviews."})
    plugin, framework = found
    settings: dict[str, Any] = {"target_months": tenant.target_months}
    if framework.settings is not None:
        settings.update(framework.settings.defaults())
    settings.update(tenant_plugins(tenant).settings.get(plugin, {}))
    return FrameworkContext(
        plugin, framework, settings, for_jurisdiction(tenant.jurisdiction, framework.calendars)
    )


_AS_OF: ContextVar[dt.date | None] = ContextVar("candour_as_of", default=None)


def today() -> dt.date:
    """The day a change is made, checked against and shown for: the calendar's, or the day `as_of`
    set for the work in hand."""
    return _AS_OF.get() or dt.date.today()


@contextmanager
def as_of(day: dt.date | None) -> Iterator[None]:
    """Within the block, `today()` is `day` (None: the calendar's): for a test, the bench's seed, or
    a publication the worker makes as of the day it was asked for. Every change and check inside
    sees the same day, however deep the services call each other. (Batch runs for a given day
    pass their `on`.)"""
    token = _AS_OF.set(day)
    try:
        yield
    finally:
        _AS_OF.reset(token)


EARLIEST, LATEST = dt.date(1970, 1, 1), dt.date(2100, 12, 31)


def check_date(value: object, field: str) -> None:
    """Dates a review can hold: real dates within a span the working calendar can count across."""
    if value is None:
        return
    if not isinstance(value, dt.date):
        raise ReviewError({field: "Enter a real date."})
    if not EARLIEST <= value <= LATEST:
        raise ReviewError({field: "Enter a date between 1970 and 2100."})


V = TypeVar("V", bound="DataclassInstance")


def _view_of(view: type[V], row: object, **own: Any) -> V:
    """A plugin's read-only `view` of a `row`: each field is the row's attribute of that name,
    unless given in `own`."""
    names = (f.name for f in fields(view))
    return view(**{name: own[name] if name in own else getattr(row, name) for name in names})


def review_view(tenant: Tenant, review: Review) -> ReviewView:
    return _view_of(ReviewView, review, tenant_slug=tenant.slug)


def obligation_status(ob: Obligation, on: dt.date, fw: FrameworkContext) -> str:
    """due, at_risk, missed, met or waived: what people recorded, then what today makes of it."""
    if ob.state in ("met", "waived"):
        return ob.state
    if ob.due_on is None:
        return "due"
    if on > ob.due_on:
        return "missed"
    if fw.calendar.working_days_between(on, ob.due_on) <= fw.at_risk_days:
        return "at_risk"
    return "due"


def status_and_days_left(
    ob: Obligation, on: dt.date, fw: FrameworkContext
) -> tuple[str, int | None]:
    """`obligation_status` and, for an open obligation with a due date, the working days left
    to it (negative when late), counted once for both: a list works them out for every row."""
    if ob.state in ("met", "waived"):
        return ob.state, None
    if ob.due_on is None:
        return "due", None
    left = fw.calendar.working_days_between(on, ob.due_on)
    if on > ob.due_on:
        return "missed", left
    return ("at_risk" if left <= fw.at_risk_days else "due"), left


def obligation_view(ob: Obligation, on: dt.date, fw: FrameworkContext) -> ObligationView:
    return _view_of(ObligationView, ob, status=obligation_status(ob, on, fw))


def announce(tenant: Tenant) -> tuple[BoardHooks, TenantView]:
    """The board's hooks and its view, to tell its enabled plugins of a change: a failing plugin is
    logged and the change stands. `hooks, board = announce(tenant); hooks.review_created(tenant=board, …)`"""
    return tenant_plugins(tenant).hooks, tenant_view(tenant, tenant.default_locale)
