"""The `candour` command: the Flask CLI of the app, with the platform's own commands."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext
from sqlalchemy import select

from core import db
from core.config import REPO_ROOT


def _create_app() -> Flask:
    from core import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=False)
def main() -> None:
    """Candour: case review information, tracking and publication for safeguarding boards."""


def _fail(message: str) -> NoReturn:
    raise click.ClickException(message)


# -- database ------------------------------------------------------------------------------------

db_group = click.Group("db", help="Database schema.")


@db_group.command("upgrade")
@click.argument("revision", default="head")
@with_appcontext
def db_upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (default: the newest)."""
    from core.migrate import upgrade

    upgrade(current_app, revision)
    click.echo(f"Database at {revision}.")


# -- tenants ---------------------------------------------------------------------------------------

tenants_group = click.Group("tenants", help="Boards (tenants).")


@tenants_group.command("load")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def tenants_load(directory: Path | None) -> None:
    """Create or update boards from DIRECTORY/*/tenant.toml (default: tenants/)."""
    from core.platform.provisioning import ProvisioningError, load_directory

    try:
        results = load_directory(directory or REPO_ROOT / "tenants")
        db.session.commit()
    except ProvisioningError as exc:
        db.session.rollback()
        _fail(str(exc))
    for slug, changed in results:
        click.echo(f"{slug}: {'updated' if changed else 'unchanged'}")


@tenants_group.command("create")
@click.argument("slug")
@click.option("--name", required=True, help="The board's name.")
@click.option("--jurisdiction", default="england", show_default=True)
@click.option("--framework", default="lcspr-2023", show_default=True)
@click.option("--contact-phone", default="", help="The phone number families call.")
@click.option("--contact-email", default="", help="The email address families write to.")
@with_appcontext
def tenants_create(
    slug: str, name: str, jurisdiction: str, framework: str, contact_phone: str, contact_email: str
) -> None:
    """Create a board, not public until it has contact details and a board admin (refused when
    its framework does not apply in its jurisdiction)."""
    from core.auth.readiness import SETTING_UP, missing
    from core.platform.provisioning import ProvisioningError, create_tenant, pairing_problem
    from core.platform.services import PlatformError, contact_fields

    problem = pairing_problem(jurisdiction, framework)
    if problem:
        _fail(problem)
    try:
        contact = contact_fields({"contact_phone": contact_phone, "contact_email": contact_email})
    except PlatformError as exc:
        _fail(str(exc))
    try:
        with db.all_tenants():
            tenant = create_tenant(
                slug, name, jurisdiction=jurisdiction, framework=framework, status=SETTING_UP,
                **contact,
            )  # fmt: skip
            needs = missing(tenant)
        db.session.commit()
    except ProvisioningError as exc:
        db.session.rollback()
        _fail(str(exc))
    click.echo(f"Created board {slug}. It is public once it has {' and '.join(needs)}.")


@tenants_group.command("list")
@with_appcontext
def tenants_list() -> None:
    """List boards."""
    from core.tenancy.models import Tenant

    with db.all_tenants():
        tenants = db.session.scalars(select(Tenant).order_by(Tenant.slug)).all()
    for t in tenants:
        hosts = ",".join(h.hostname for h in t.hostnames) or "-"
        click.echo(f"{t.slug}\t{t.status}\t{t.framework}\t{'/'.join(t.locales)}\t{hosts}\t{t.name}")


# -- users and tokens --------------------------------------------------------------------------

users_group = click.Group("users", help="Staff accounts.")


def _tenant_or_fail(slug: str):
    from core.tenancy.models import Tenant

    tenant = db.session.scalar(select(Tenant).where(Tenant.slug == slug))
    if tenant is None:
        _fail(f"no board with slug {slug!r}")
    return tenant


@users_group.command("create")
@click.argument("email")
@click.option("--tenant", "slug", required=True, help="The board's slug.")
@click.option(
    "--role", required=True, type=click.Choice(["board_admin", "review_manager", "reviewer"])
)
@click.option("--name", default="", help="The person's name.")
@with_appcontext
def users_create(email: str, slug: str, role: str, name: str) -> None:
    """Create a user (password from standard input) or give an existing one a role in a board."""
    from core.auth.memberships import PeopleError, grant_role
    from core.auth.services import AccountError, get_or_create_user

    tenant = _tenant_or_fail(slug)
    password = sys.stdin.readline().rstrip("\r\n") if not sys.stdin.isatty() else None
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user, created = get_or_create_user(
            email, password or None, name=name, context=(tenant.name, tenant.slug)
        )
        with db.tenant_scope(tenant.id):
            grant_role(tenant, user, role)
        db.session.commit()
    except (AccountError, PeopleError) as exc:
        db.session.rollback()
        _fail(str(exc))
    if created:
        click.echo(f"Created {user.email}: {role} in {slug}.")
    else:
        click.echo(
            f"Updated {user.email}: {role} in {slug}. The account already existed: its password "
            "was left alone (the person changes it themselves when signed in)."
        )


@users_group.command("create-operator")
@click.argument("email")
@click.option("--name", default="", help="The person's name.")
@with_appcontext
def users_create_operator(email: str, name: str) -> None:
    """Create a platform operator (password from standard input); they set up two-factor at
    their first sign-in at /platform/login."""
    from core.auth.services import AccountError, get_or_create_user

    password = sys.stdin.readline().rstrip("\r\n") if not sys.stdin.isatty() else None
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user, created = get_or_create_user(email, password or None, name=name)
        user.platform_operator = True
        db.session.commit()
    except AccountError as exc:
        db.session.rollback()
        _fail(str(exc))
    click.echo(f"{'Created' if created else 'Updated'} {user.email}: platform operator.")


tokens_group = click.Group("tokens", help="API tokens.")


@tokens_group.command("create")
@click.option("--tenant", "slug", required=True)
@click.option("--email", required=True)
@click.option("--name", default="", help="What the token is for.")
@click.option("--days", default=90, show_default=True, help="Days until the token expires.")
@with_appcontext
def tokens_create(slug: str, email: str, name: str, days: int) -> None:
    """Create an API token; it is printed once and only its hash is stored."""
    from core.auth.models import User
    from core.auth.services import AccountError, normalise_email
    from core.auth.tokens import create_token

    tenant = _tenant_or_fail(slug)
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        raise click.ClickException(f"no user {email}")
    try:
        with db.tenant_scope(tenant.id):
            token = create_token(tenant, user, name, days=days)
        db.session.commit()
    except AccountError as exc:
        _fail(str(exc))
    click.echo(token)


@tokens_group.command("list")
@click.option("--tenant", "slug", required=True)
@with_appcontext
def tokens_list(slug: str) -> None:
    """The board's working tokens: id, prefix, person, name, expiry, last use (never the token)."""
    from core.auth import tokens

    tenant = _tenant_or_fail(slug)
    with db.tenant_scope(tenant.id):
        for t in tokens.tokens():
            used = t.last_used_at.strftime("%Y-%m-%d %H:%M") if t.last_used_at else "never"
            expires = tokens.expires(t).strftime("%Y-%m-%d")
            click.echo(f"{t.id}\t{t.prefix}\t{t.user.email}\t{t.name or '-'}\t{expires}\t{used}")


@tokens_group.command("revoke")
@click.argument("token_id", type=click.IntRange(1, 2**31 - 1))
@click.option("--tenant", "slug", required=True)
@with_appcontext
def tokens_revoke(token_id: int, slug: str) -> None:
    """Revoke one token of the board by its id (from `candour tokens list`)."""
    from core.auth import tokens

    tenant = _tenant_or_fail(slug)
    with db.tenant_scope(tenant.id):
        token = tokens.get(token_id)
        if token is None:
            _fail(f"no token {token_id} in {slug}")
        tokens.revoke(token)
    db.session.commit()
    click.echo(f"Revoked token {token_id} ({token.prefix}…).")


# -- plugins -----------------------------------------------------------------------------------

plugins_group = click.Group("plugins", help="Installed plugins.")


@plugins_group.command("list")
@with_appcontext
def plugins_list() -> None:
    """Installed plugins: version, hooks, and which boards enable each."""
    from core.plugins import get_host
    from core.tenancy.models import Tenant

    host = get_host()
    with db.all_tenants():
        tenants = db.session.scalars(select(Tenant).order_by(Tenant.slug)).all()
    enabled: dict[str, list[str]] = {name: [] for name in host.info}
    for tenant in tenants:
        for name in host.for_tenant(tenant.id, tenant.content_version, tenant.slug).enabled:
            enabled[name].append(tenant.slug)
    for name, info in sorted(host.info.items()):
        click.echo(f"{name} {info.version or '-'} ({info.distribution or info.module})")
        if info.description:
            click.echo(f"  {info.description}")
        click.echo(f"  hooks: {', '.join(info.hooks) or '-'}")
        click.echo(f"  enabled for: {', '.join(enabled[name]) or 'no board'}")


# -- keys and housekeeping ------------------------------------------------------------------------


def _across_boards(work: Callable[[], int]) -> int:
    """Run housekeeping `work` over every board's rows and commit it; how many rows it changed."""
    with db.all_tenants():
        count = work()
    db.session.commit()
    return count


keys_group = click.Group("keys", help="Encryption keys.")


@keys_group.command("rotate")
@with_appcontext
def keys_rotate() -> None:
    """Re-encrypt every encrypted value under the newest key in CANDOUR_ENCRYPTION_KEYS."""
    from core.keys import rotate_all

    click.echo(f"Re-encrypted {_across_boards(rotate_all)} values.")


requests_group = click.Group("requests", help="Families' contact requests.")


@requests_group.command("purge")
@with_appcontext
def requests_purge() -> None:
    """Delete contact requests past their board's retention period."""
    from core.family.requests import purge_expired

    click.echo(f"Deleted {_across_boards(purge_expired)} expired requests.")


# -- demo ------------------------------------------------------------------------------------------

demo_group = click.Group("demo", help="Demonstration data.")
DEMO_ROLES = ("board_admin", "review_manager", "reviewer")


@demo_group.command("accounts")
@with_appcontext
def demo_accounts() -> None:
    """Create demo staff for every board; each new account's sign-in is printed once, here."""
    import secrets

    from core.auth.memberships import grant_role
    from core.auth.services import get_or_create_user
    from core.tenancy.models import Tenant

    with db.all_tenants():
        tenants = db.session.scalars(select(Tenant).order_by(Tenant.slug)).all()
    created = []
    for tenant in tenants:
        for role in DEMO_ROLES:
            email = f"{role.replace('_', '-')}@{tenant.slug}.demo.candour.example"
            password = secrets.token_urlsafe(12)
            user, is_new = get_or_create_user(email, password, name=role.replace("_", " ").title())
            if is_new:
                with db.tenant_scope(tenant.id):
                    grant_role(tenant, user, role)
                created.append((tenant.slug, role, email, password))
    operator_email = "operator@platform.demo.candour.example"
    password = secrets.token_urlsafe(12)
    operator, is_new = get_or_create_user(operator_email, password, name="Platform Operator")
    operator.platform_operator = True
    if is_new:
        created.append(("/platform", "platform_operator", operator_email, password))
    db.session.commit()
    if not created:
        click.echo("Demo accounts already exist (their passwords were printed when they were made;")
        click.echo("set a new one with: candour users create EMAIL --tenant SLUG --role ROLE).")
        return
    click.echo("Demo staff accounts (shown once; sign in at /<board>/login, the operator at")
    click.echo(
        "/platform/login; board admins and the operator set up two-factor at first sign-in):"
    )
    for slug, role, email, password in created:
        click.echo(f"  {slug:12} {role:15} {email}  {password}")


@demo_group.command("reviews")
@with_appcontext
def demo_reviews() -> None:
    """Open three sample reviews in every board that has none, so its dashboard has work on it."""
    import datetime as dt

    from core.auth.models import Membership
    from core.reviews.context import Actor, framework_context
    from core.reviews.models import Review
    from core.reviews.services import create_review
    from core.tenancy.models import Tenant

    today = dt.date.today()
    # Days since the board became aware, and how many of the framework's first steps are taken.
    samples = (("A", 2, 0), ("B", 9, 1), ("C", 30, 3))
    with db.all_tenants():
        tenants = db.session.scalars(select(Tenant).order_by(Tenant.slug)).all()
    opened = 0
    for tenant in tenants:
        with db.tenant_scope(tenant.id):
            if db.session.scalar(select(Review.id).limit(1)) is not None:
                continue
            manager = db.session.scalar(
                select(Membership).where(Membership.role.in_(("review_manager", "board_admin")))
            )
            if manager is None:
                continue
            actor = Actor(user=manager.user, role=manager.role)
            person = framework_context(tenant, tenant.framework).framework.person
            for letter, days, steps in samples:
                aware = today - dt.timedelta(days=days)
                review = create_review(
                    tenant, actor, reference=f"DEMO-{today.year}-{letter}",
                    pseudonym=f"{person} {letter}", aware_on=aware,
                )  # fmt: skip
                _demo_steps(tenant, actor, review, aware, steps, today)
                opened += 1
    db.session.commit()
    click.echo(f"Opened {opened} sample reviews." if opened else "Sample reviews already there.")


def _demo_steps(tenant: Any, actor: Any, review: Any, aware: Any, steps: int, today: Any) -> None:
    """Take a sample review through its framework's first steps, filling in sample values, so the
    demo shows reviews at different stages (never a terminal or publication step)."""
    import datetime as dt

    from core.reviews.context import framework_context
    from core.reviews.fields import framework_field
    from core.reviews.services import available_transitions, transition

    fw = framework_context(tenant, review.framework)
    for n in range(1, steps + 1):
        step = next(
            (
                t
                for t in available_transitions(tenant, actor, review)
                if not getattr(fw.stage(t.target), "terminal", False)
            ),
            None,
        )
        if step is None:
            return
        day = min(aware + dt.timedelta(days=5 * n), today)
        values: dict[str, Any] = {}
        for name in step.fields:
            spec = framework_field(fw.framework, name)
            if name.endswith("_on"):
                values[name] = day
            elif spec is not None and spec.kind == "choice":
                values[name] = spec.choices[0][0]
            elif name == "publication_decision":
                values[name] = "full"
            else:
                values[name] = "Sample text for the demonstration."
        transition(tenant, actor, review, step.key, values)


# -- serving -----------------------------------------------------------------------------------


def gunicorn_settings(workers: int | None = None) -> dict[str, str | int]:
    cpus = os.cpu_count() or 1
    return {
        "workers": workers or int(os.environ.get("CANDOUR_WEB_WORKERS") or (2 * cpus + 1)),
        "timeout": int(os.environ.get("CANDOUR_WEB_TIMEOUT") or 60),
        "graceful_timeout": 30,
        "keepalive": 5,
        # Recycle workers now and then (a safety net against leaks), not so often that caches churn.
        "max_requests": 50_000,
        "max_requests_jitter": 5_000,
    }


def gunicorn_command(app_spec: str, host: str, port: int, workers: int | None = None) -> list[str]:
    """The gunicorn command line `candour serve` runs (the benchmarks run the same one)."""
    s = gunicorn_settings(workers)
    return [
        sys.executable, "-m", "gunicorn", app_spec,
        "--chdir", str(REPO_ROOT),
        "--bind", f"{host}:{port}",
        "--workers", str(s["workers"]),
        "--timeout", str(s["timeout"]),
        "--graceful-timeout", str(s["graceful_timeout"]),
        "--keep-alive", str(s["keepalive"]),
        "--max-requests", str(s["max_requests"]),
        "--max-requests-jitter", str(s["max_requests_jitter"]),
        "--access-logfile", "-",
        "--worker-tmp-dir", "/dev/shm" if os.path.isdir("/dev/shm") else "/tmp",  # noqa: S108
    ]  # fmt: skip


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", default=None, type=int, help="Default: 2 × CPUs + 1.")
def serve(host: str, port: int, workers: int | None) -> None:
    """Serve the app with gunicorn (workers and timeouts chosen from the machine, access log on)."""
    _prepare_metrics_dir()
    args = gunicorn_command("wsgi:app", host, port, workers)
    click.echo(
        f"Serving on http://{host}:{port}/ with {gunicorn_settings(workers)['workers']} workers"
    )
    os.execv(sys.executable, args)  # noqa: S606


def _prepare_metrics_dir() -> None:
    """Workers share their metrics through a folder; start each server with an empty one."""
    import shutil
    import tempfile

    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or os.path.join(
        tempfile.gettempdir(), f"candour-metrics-{os.getuid()}"
    )
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder, exist_ok=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder


def init_app(app: Flask) -> None:
    from core.jobs.cli import jobs_group, worker
    from core.reports.cli import reports_group
    from core.reviews.cli import reviews_group

    for group in (
        db_group, tenants_group, users_group, tokens_group, plugins_group, keys_group, requests_group,
        demo_group, reviews_group, reports_group,
    ):  # fmt: skip
        app.cli.add_command(group)
    app.cli.add_command(jobs_group)
    app.cli.add_command(worker)
