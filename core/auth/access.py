"""Who is signed in to this board, and the decorators views use to require a role."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import abort, g, redirect, request, url_for
from flask_login import current_user

from core.auth import sessions
from core.auth.models import Membership, User
from core.auth.services import membership_for
from core.auth.session import has_session_cookie, in_operator_session, recently_authenticated
from core.tenancy.context import here

F = TypeVar("F", bound=Callable[..., Any])


def load_actor() -> None:
    """Fill `g.actor` and `g.membership` for the current board (after the board is resolved)."""
    g.actor = None
    g.membership = None
    if not has_session_cookie() or not current_user.is_authenticated:
        return
    user = cast(User, current_user._get_current_object())
    g.actor = user
    board = sessions.signed_in_board()
    if board is not None and user.active:
        holder = sessions.holder()  # the role read with the session, if it was
        if holder is not None and holder.user is user and holder.board_id == board:
            g.membership = holder.membership
        else:
            g.membership = membership_for(user.id)


def current_membership() -> Membership | None:
    return cast(Membership | None, g.get("membership"))


def require_role(*roles: str) -> Callable[[F], F]:
    """Signed-out visitors go to sign in; people of another board get a 404; a lesser role a 403."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return redirect(url_for("auth.login", next=here()))
            membership = current_membership()
            if membership is None:
                abort(404)
            if roles and membership.role not in roles:
                abort(403)
            if g.actor.must_change_password and request.endpoint != "account.password":
                return redirect(url_for("account.password"))
            return view(*args, **kwargs)

        return cast(F, wrapped)

    return decorate


def confirm_first() -> Any:
    """A redirect to confirm who you are if the last proof is too old, else None: for one action of
    a view that does other things too (revealing identifiers)."""
    if recently_authenticated():
        return None
    target = here() if request.method == "GET" else here().split("?")[0]
    endpoint = "platform.confirm" if in_operator_session() else "auth.confirm"
    return redirect(url_for(endpoint, next=target))


def require_recent_auth(view: F) -> F:
    """Sensitive actions (roles, plugins, storage, publication override) need the person to have
    proved who they are in the last few minutes; otherwise they confirm their password first.

    Put it under `require_role` (board pages) or `require_operator` (the console).
    """

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if (confirm := confirm_first()) is not None:
            return confirm
        return view(*args, **kwargs)

    return cast(F, wrapped)
