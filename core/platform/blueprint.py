"""The operator's console under `/platform/`: sign-in with two-factor, boards, host names, storage
and installed plugins. Staff screens, in English; every change audited."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import (
    Blueprint,
    Flask,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user

from core import db
from core.admin.blueprint import Refused, found_or_404
from core.audit.services import record
from core.auth import accounts as account_services
from core.auth import services as auth_services
from core.auth import steps
from core.auth.access import require_recent_auth
from core.auth.blueprint import reauthenticate
from core.auth.models import User
from core.auth.session import end_signed_in_session, in_operator_session
from core.platform import services
from core.redirects import flash_redirect
from core.tenancy.models import JURISDICTIONS

bp = Blueprint("platform", __name__, url_prefix="/platform", template_folder="templates")
F = TypeVar("F", bound=Callable[..., Any])


@bp.before_request
def _across_boards() -> None:
    """The console works across boards: lift tenant scoping for this request, explicitly."""
    db.lift_tenant_scope()


@bp.errorhandler(Refused)
def _refused(exc: Refused) -> ResponseReturnValue:
    db.session.rollback()
    return render_template(
        "admin/refused.html",
        reason=exc.reason,
        back=url_for("platform.index"),
        page_title="Not done",
    ), exc.status


def require_operator(view: F) -> F:
    """Only a signed-in operator, in an operator's session; everyone else is sent to sign in."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        user = current_user
        if not (user.is_authenticated and in_operator_session() and user.platform_operator):
            return redirect(url_for("platform.login", next=request.full_path.rstrip("?")))
        g.actor = user._get_current_object()
        return view(*args, **kwargs)

    return cast(F, wrapped)


SIGN_IN = steps.add_sign_in_pages(
    bp,
    tenant=None,
    home="platform.index",
    within="/platform",
    refused="The email address or password is not right, or this is not an operator's account.",
)


@bp.route("/confirm", methods=["GET", "POST"])
@require_operator
def confirm() -> ResponseReturnValue:
    return reauthenticate(None, SIGN_IN.next_url(request.args.get("next")))


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    with db.all_tenants():
        if current_user.is_authenticated and in_operator_session():
            record("platform.signed_out", current_user.email, tenant_id=None)
        end_signed_in_session("signed_out")
        db.session.commit()
    return redirect(url_for("platform.login"))


@bp.route("/")
@require_operator
def index() -> ResponseReturnValue:
    return render_template(
        "platform/index.html", tenants=services.tenants(), page_title="Boards on the platform"
    )


def _form_data() -> dict[str, str]:
    return {k: str(v)[:4000] for k, v in request.form.items()}


@bp.route("/tenants/new", methods=["GET", "POST"])
@require_operator
def tenant_new() -> ResponseReturnValue:
    errors: dict[str, str] = {}
    data = {"jurisdiction": "england", "framework": "lcspr-2023"}
    status = 200
    if request.method == "POST":
        data = _form_data()
        try:
            tenant = services.create(data)
            db.session.commit()
            flash(
                f"Created {tenant.slug}. It is being set up: give it contact details and a "
                "board admin below, then families can see it."
            )
            return redirect(url_for("platform.tenant", slug=tenant.slug))
        except services.PlatformError as exc:
            db.session.rollback()
            errors, status = exc.errors, 400
    return render_template(
        "platform/tenant_new.html", data=data, errors=errors, choices=_choices(),
        page_title="New board",
    ), status  # fmt: skip


def _choices() -> dict[str, Any]:
    from core.plugins import get_host

    return {
        "jurisdictions": JURISDICTIONS,
        "frameworks": sorted(get_host().frameworks),
        "backends": services.storage_backends(),
        "sse": services.SSE_CHOICES,
    }


def _tenant_or_404(slug: str) -> Any:
    return found_or_404(services.get(slug[:63]))


@bp.route("/tenants/<slug>", methods=["GET", "POST"])
@require_operator
def tenant(slug: str) -> ResponseReturnValue:
    board = _tenant_or_404(slug)
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        section = request.form.get("section", "")
        try:
            if section == "board":
                services.update(board, _form_data())
            elif section == "contact":
                services.set_contact(board, _form_data())
            elif section == "hostnames":
                services.set_hostnames(board, str(request.form.get("hostnames", ""))[:20000])
            else:
                raise Refused("Choose what to change.")
            db.session.commit()
            return flash_redirect(f"Saved {board.slug}.", "platform.tenant", slug=board.slug)
        except services.PlatformError as exc:
            db.session.rollback()
            errors, status = exc.errors, 400
    return _tenant_page(board, errors, status)


def _tenant_page(board: Any, errors: dict[str, str], status: int) -> ResponseReturnValue:
    return render_template(
        "platform/tenant.html", board=board, errors=errors, choices=_choices(),
        page_title=board.name, needs=services.missing(board) if board.status == "setup" else [],
    ), status  # fmt: skip


def _board_change(
    change: Callable[[Any], Callable[[], ResponseReturnValue]],
) -> Callable[[str], ResponseReturnValue]:
    """A POST that changes the board at `slug`: `change(board)` makes the change and says how to
    answer, which is given only once the change is committed; a refused change is rolled back and
    the board's page shows why not."""

    @wraps(change)
    def view(slug: str) -> ResponseReturnValue:
        board = _tenant_or_404(slug)
        try:
            answer = change(board)
        except services.PlatformError as exc:
            db.session.rollback()
            return _tenant_page(board, exc.errors, 400)
        db.session.commit()
        return answer()

    return view


def _back_to_board(slug: str, message: str) -> Callable[[], ResponseReturnValue]:
    """The answer to a committed change: back to the board's page, saying what was done."""

    def answer() -> ResponseReturnValue:
        return flash_redirect(message, "platform.tenant", slug=slug)

    return answer


@bp.post("/tenants/<slug>/first-admin")
@require_operator
@require_recent_auth
@_board_change
def tenant_first_admin(board: Any) -> Callable[[], ResponseReturnValue]:
    password = services.invite_first_admin(board, _form_data())
    if password is None:
        return _back_to_board(
            board.slug, f"{board.slug} has a board admin: they sign in with their existing account."
        )
    return lambda: render_template(
        "platform/first_admin.html", board=board, password=password, page_title=board.name
    )


@bp.post("/tenants/<slug>/storage")
@require_operator
@require_recent_auth
@_board_change
def tenant_storage(board: Any) -> Callable[[], ResponseReturnValue]:
    services.set_storage(board, _form_data())
    return _back_to_board(board.slug, f"Saved the storage of {board.slug}.")


@bp.post("/tenants/<slug>/status")
@require_operator
@require_recent_auth
@_board_change
def tenant_status(board: Any) -> Callable[[], ResponseReturnValue]:
    action = request.form.get("action", "")
    if action not in ("suspend", "restore"):
        raise Refused("Choose suspend or restore.")
    services.set_status(board, action == "restore")
    return _back_to_board(board.slug, f"{board.slug} is {board.status}.")


@bp.route("/accounts")
@require_operator
def accounts_page() -> ResponseReturnValue:
    """Find one account by its exact email address, to unlock it or reset its two-factor."""
    email = str(request.args.get("email", ""))[:254]
    found = account_services.find_account(email) if email.strip() else None
    status = 404 if email.strip() and found is None else 200
    return render_template(
        "platform/accounts.html",
        page_title="Accounts",
        email=email,
        found=found,
        locked=bool(found and auth_services.locked_for(found)),
    ), status


@bp.post("/accounts/<int:user_id>")
@require_operator
@require_recent_auth
def account_action(user_id: int) -> ResponseReturnValue:
    user = found_or_404(db.session.get(User, user_id) if user_id <= 2**31 - 1 else None)
    authority = account_services.Authority.operator(g.actor)
    action = request.form.get("action", "")
    if action == "unlock":
        account_services.unlock_account(authority, user)
    elif action == "reset_two_factor":
        account_services.reset_two_factor(authority, user)
    else:
        raise Refused("Choose what to change.")
    db.session.commit()
    return flash_redirect(
        f"Updated the account of {user.email}.",
        "platform.accounts_page",
        email=user.email,
        status=303,
    )


@bp.route("/plugins")
@require_operator
def plugins() -> ResponseReturnValue:
    return render_template(
        "platform/plugins.html", rows=services.plugin_usage(), page_title="Installed plugins"
    )


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
