"""Board administration routes under `/<tenant>/admin/`, for `board_admin`s only: thin views over
the services in this package. Changes to roles and plugins ask for a recent re-authentication."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar
from urllib.parse import urlencode

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue

from core import db
from core.admin import audit_display, audit_log, branding, languages, trace
from core.admin.forms import (
    AddPersonForm,
    BrandingForm,
    OverrideForm,
)
from core.auth import memberships as people
from core.auth.access import require_recent_auth, require_role
from core.auth.links import staff_link
from core.auth.models import ROLE_LABELS, SHOWN_ROLE_LABELS
from core.board.locale import use_locale
from core.board.services import leaflet
from core.family.blueprint import branding_stylesheet
from core.i18n import LAUNCH_LANGUAGES, format_date
from core.i18n import services as text_overrides
from core.plugin_api import Branding, LeafletContext
from core.plugins import get_host, tenant_plugins
from core.plugins import services as plugin_settings
from core.redirects import flash_redirect
from core.tenancy.context import current_tenant

bp = Blueprint("admin", __name__, url_prefix="/<tenant>/admin", template_folder="templates")
ADMIN = require_role("board_admin")
T = TypeVar("T")


class Refused(Exception):
    """A request that cannot be carried out; the page says why (the generic 400 page would not)."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.reason, self.status = reason, status


@bp.errorhandler(Refused)
def _refused(exc: Refused) -> ResponseReturnValue:
    db.session.rollback()
    back = request.referrer if (request.referrer or "").startswith(request.host_url) else None
    return render_template(
        "admin/refused.html", reason=exc.reason, back=back or url_for("admin.index"),
        page_title="Not done",
    ), exc.status  # fmt: skip


def found_or_404(thing: T | None) -> T:
    """`thing`, looked up from a page's address; no such thing is a 404."""
    if thing is None:
        abort(404)
    return thing


def _int(value: Any) -> int:
    try:
        number = int(str(value))
    except ValueError:
        raise Refused("That is not a number.") from None
    if not 0 < number < 2**31:
        abort(404)
    return number


@bp.route("/")
@ADMIN
def index() -> ResponseReturnValue:
    return render_template("admin/index.html", page_title="Board administration")


# -- plugins ----------------------------------------------------------------------------------------


@bp.route("/plugins")
@ADMIN
def plugins() -> ResponseReturnValue:
    return render_template(
        "admin/plugins.html", rows=plugin_settings.rows(current_tenant), page_title="Plugins"
    )


@bp.route("/plugins/<name>", methods=["GET", "POST"])
@ADMIN
@require_recent_auth
def plugin(name: str) -> ResponseReturnValue:
    info = found_or_404(plugin_settings.plugin_info(name))
    errors: dict[str, str] = {}
    values = plugin_settings.effective_settings(current_tenant, name)
    status = 200
    if request.method == "POST":
        raw = _settings_from_form(info)
        try:
            plugin_settings.save(
                current_tenant,
                name,
                enabled=request.form.get("enabled") == "on",
                raw_settings=raw,
                actor=g.actor,
            )
            db.session.commit()
            return flash_redirect(
                f"Saved {name}: a new version of its settings is in use.", "admin.plugin", name=name
            )
        except plugin_settings.PluginAdminError as exc:
            db.session.rollback()
            errors, status = exc.errors, 400
            values = {**values, **(raw or {})}
    return render_template(
        "admin/plugin.html",
        info=info,
        enabled=tenant_plugins(current_tenant).is_enabled(name),
        values=values,
        errors=errors,
        versions=plugin_settings.versions(name),
        page_title=f"Plugin: {name}",
    ), status


def _settings_from_form(info: Any) -> dict[str, Any] | None:
    if info.settings_schema is None:
        return None
    raw: dict[str, Any] = {}
    for setting in info.settings_schema.settings:
        if setting.type == "bool":
            raw[setting.name] = request.form.get(f"s_{setting.name}") == "on"
        else:
            raw[setting.name] = request.form.get(f"s_{setting.name}", "")
    return raw


@bp.route("/plugins/<name>/compare")
@ADMIN
def plugin_compare(name: str) -> ResponseReturnValue:
    found = {v.version: v for v in plugin_settings.versions(name)}
    a, b = found.get(_int(request.args.get("a", ""))), found.get(_int(request.args.get("b", "")))
    if a is None or b is None:
        abort(404)
    return render_template(
        "admin/plugin_compare.html",
        name=name,
        a=a,
        b=b,
        rows=plugin_settings.compare(a, b),
        page_title=f"Compare versions of {name}",
    )


@bp.post("/plugins/<name>/rollback")
@ADMIN
@require_recent_auth
def plugin_rollback(name: str) -> ResponseReturnValue:
    version = _int(request.form.get("version", ""))
    try:
        row = plugin_settings.rollback(current_tenant, name, version, g.actor)
    except plugin_settings.PluginAdminError as exc:
        db.session.rollback()
        raise Refused("; ".join(exc.errors.values())) from None
    db.session.commit()
    return flash_redirect(
        f"Rolled {name} back to version {version} (saved as version {row.version}).",
        "admin.plugin",
        name=name,
    )


# -- branding ---------------------------------------------------------------------------------------


def _colours(source: Any) -> dict[str, str]:
    return {k: str(source.get(k, "") or "").strip()[:20] for k in branding.COLOUR_FIELDS}


@bp.route("/branding", methods=["GET", "POST"])
@ADMIN
def branding_page() -> ResponseReturnValue:
    settings = branding.current_settings(current_tenant)
    form = BrandingForm(
        data={
            "name": current_tenant.name,
            "logo_alt": settings.get("logo_alt", ""),
            **_colours(settings),
        }
    )
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            upload = request.files.get("logo")
            try:
                branding.save(
                    current_tenant,
                    name=form.name.data or "",
                    colours=_colours(form.data),
                    logo_alt=form.logo_alt.data or "",
                    logo=upload.read() if upload and upload.filename else None,
                    remove_logo=bool(form.remove_logo.data),
                    actor=g.actor,
                )
                db.session.commit()
                return flash_redirect("Saved the board's branding.", "admin.branding_page")
            except branding.BrandingError as exc:
                db.session.rollback()
                errors = exc.errors
        status = 400
    colours = _colours(form.data)
    return render_template(
        "admin/branding.html",
        form=form,
        errors={**{k: v[0] for k, v in form.errors.items()}, **errors},
        ratios=branding.ratios(colours),
        problems=branding.colour_problems(colours),
        logo_url=settings.get("logo_url", ""),
        page_title="Branding",
    ), status


@bp.route("/branding/preview")
@ADMIN
def branding_preview() -> ResponseReturnValue:
    colours = _colours(request.args)
    problems = branding.colour_problems(colours)
    locale = request.args.get("locale", "")
    if locale in current_tenant.locales:
        use_locale(current_tenant, locale)
    return render_template(
        "admin/preview.html",
        document=leaflet(current_tenant, g.locale),
        preview_css=None
        if problems
        else url_for("admin.branding_preview_css") + "?" + urlencode(colours),
        problems=problems,
        what="branding",
        page_title="Preview",
    )


@bp.route("/branding/preview.css")
@ADMIN
def branding_preview_css() -> ResponseReturnValue:
    colours = _colours(request.args)
    if branding.colour_problems(colours):
        raise Refused("These colours fail the contrast check.")
    response = branding_stylesheet(Branding(name="", demonstration=False, **colours))
    response.cache_control.private = True
    return response


# -- languages and text overrides -------------------------------------------------------------------


@bp.route("/languages", methods=["GET", "POST"])
@ADMIN
def languages_page() -> ResponseReturnValue:
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST" and request.form.get("action") == "accessibility":
        try:
            day = languages.set_accessibility_reviewed(
                current_tenant, str(request.form.get("reviewed_on", ""))[:32], dt.date.today()
            )
            db.session.commit()
            return flash_redirect(
                f"The accessibility statement now says it was reviewed on {format_date(day)}.",
                "admin.languages_page",
            )
        except text_overrides.LanguageError as exc:
            db.session.rollback()
            errors, status = exc.errors, 400
    elif request.method == "POST":
        try:
            languages.save_languages(
                current_tenant,
                [str(c)[:16] for c in request.form.getlist("locales")],
                str(request.form.get("default_locale", ""))[:16],
                [str(c)[:16] for c in request.form.getlist("checked")],
            )
            db.session.commit()
            return flash_redirect("Saved the board's languages.", "admin.languages_page")
        except text_overrides.LanguageError as exc:
            db.session.rollback()
            errors, status = exc.errors, 400
    return render_template(
        "admin/languages.html",
        status_rows=languages.translation_status(current_tenant),
        errors=errors,
        page_title="Languages",
    ), status


def _locale_arg(value: str | None) -> str:
    locale = (value or current_tenant.default_locale)[:16]
    if locale not in text_overrides.available(current_tenant):
        abort(404)
    return locale


@bp.route("/languages/overrides")
@ADMIN
def overrides() -> ResponseReturnValue:
    locale = _locale_arg(request.args.get("locale"))
    query = request.args.get("q", "")[:200]
    return render_template(
        "admin/overrides.html",
        locale=locale,
        query=query,
        rows=languages.search(current_tenant, locale, query),
        locales=text_overrides.available(current_tenant),
        page_title="Text overrides",
    )


@bp.route("/languages/overrides/<lang>/<key>", methods=["GET", "POST"])
@ADMIN
def override(lang: str, key: str) -> ResponseReturnValue:
    locale = _locale_arg(lang)
    row = found_or_404(languages.row(current_tenant, locale, key))
    form = OverrideForm(data={"text": row.override or row.catalog})
    errors: dict[str, str] = {}
    status = 200
    action = request.form.get("action", "save")
    if request.method == "POST":
        if action == "revert":
            if text_overrides.revert_override(current_tenant, locale, row.msgid):
                db.session.commit()
                flash("Reverted to the catalog's wording.")
            return redirect(url_for("admin.override", lang=locale, key=key))
        if form.validate_on_submit():
            try:
                text = text_overrides.check_override(row.msgid, form.text.data or "")
                if action == "preview":
                    return _override_preview(locale, row.msgid, text)
                text_overrides.save_override(current_tenant, locale, row.msgid, text)
                db.session.commit()
                return flash_redirect(
                    "Saved the board's wording.", "admin.override", lang=locale, key=key
                )
            except text_overrides.LanguageError as exc:
                db.session.rollback()
                errors = exc.errors
        status = 400
    return render_template(
        "admin/override.html",
        row=row,
        locale=locale,
        language=text_overrides.available(current_tenant)[locale],
        form=form,
        errors={**{k: v[0] for k, v in form.errors.items()}, **errors},
        page_title="Edit wording",
    ), status


def _override_preview(locale: str, msgid: str, text: str) -> ResponseReturnValue:
    """The family page as it would read with this wording, built without touching any cache."""
    from core.board.services import leaflet_context

    use_locale(current_tenant, locale)
    translator = languages.preview_translator(current_tenant, locale, msgid, text)
    g.translator = translator
    base = leaflet_context(current_tenant, locale)
    context = LeafletContext(
        tenant=base.tenant,
        locale=locale,
        gettext=translator.gettext,
        ngettext=translator.ngettext,
        format_date=base.format_date,
        language_name=base.language_name,
    )
    framework = get_host().frameworks[current_tenant.framework][1]
    return render_template(
        "admin/preview.html",
        document=framework.leaflet(context),
        preview_css=None,
        problems={},
        what="wording",
        page_title="Preview",
    )


# -- people -----------------------------------------------------------------------------------------


@bp.route("/people", methods=["GET", "POST"])
@ADMIN
@require_recent_auth
def people_page() -> ResponseReturnValue:
    form = AddPersonForm()
    status = 200
    errors: dict[str, str] = {}
    new_password = None
    if request.method == "POST":
        if form.validate_on_submit():
            try:
                membership, new_password = people.add(
                    current_tenant,
                    email=form.email.data or "",
                    name=form.name.data or "",
                    role=form.role.data or "",
                    require_two_factor=bool(form.require_two_factor.data),
                )
                db.session.commit()
                if membership.pending:
                    flash(
                        f"Invited {membership.user.email} as {ROLE_LABELS[membership.role]}. "
                        "They already have an account: they join when they sign in here and "
                        "accept."
                    )
                else:
                    flash(f"Added {membership.user.email} as {ROLE_LABELS[membership.role]}.")
                if new_password is None:
                    return redirect(url_for("admin.people_page"))
                form = AddPersonForm(formdata=None)
            except people.PeopleError as exc:
                db.session.rollback()
                errors, status = exc.errors, 400
        else:
            status = 400
    return render_template(
        "admin/people.html",
        page_title="People",
        form=form,
        errors={**{k: v[0] for k, v in form.errors.items()}, **errors},
        members=people.members(),
        new_password=new_password,
        role_labels=ROLE_LABELS,
        shown_role_labels=SHOWN_ROLE_LABELS,
        locked=people.locked,
        may_secure=lambda m: people.may_secure(g.actor, current_tenant, m),
    ), status


@bp.post("/people/<int:membership_id>")
@ADMIN
@require_recent_auth
def person(membership_id: int) -> ResponseReturnValue:
    membership = found_or_404(people.get(membership_id))
    action = request.form.get("action", "")
    try:
        if action == "role":
            people.set_role(membership, str(request.form.get("role", "")))
        elif action in ("deactivate", "reactivate"):
            people.set_active(membership, action == "reactivate")
        elif action == "unlock":
            people.unlock(g.actor, current_tenant, membership)
        elif action == "reset_two_factor":
            people.reset_two_factor(g.actor, current_tenant, membership)
        elif action in ("require_two_factor", "allow_without_two_factor"):
            people.set_require_two_factor(membership, action == "require_two_factor")
        else:
            raise Refused("Choose what to change.")
    except people.PeopleError as exc:
        db.session.rollback()
        return flash_redirect(
            "Not changed: " + "; ".join(exc.errors.values()),
            "admin.people_page",
            status=303,
            problem=True,
        )
    db.session.commit()
    return flash_redirect(f"Updated {membership.user.email}.", "admin.people_page", status=303)


@bp.post("/people/two-factor")
@ADMIN
@require_recent_auth
def board_two_factor() -> ResponseReturnValue:
    required = request.form.get("required") == "on"
    people.require_two_factor_for_board(current_tenant, required)
    db.session.commit()
    done = (
        "Everyone at this board now needs two-factor authentication to sign in."
        if required
        else "Two-factor authentication is required only of board admins, review managers and chosen people."
    )
    return flash_redirect(done, "admin.people_page", status=303)


# -- audit log and plugin trace ------------------------------------------------------------------


@bp.route("/audit")
@ADMIN
def audit() -> ResponseReturnValue:
    filters, errors = audit_log.AuditFilter.parse(request.args)
    return render_template(
        "admin/audit.html",
        events=audit_display.rows(audit_log.events(current_tenant.id, filters)),
        actions=[(a, audit_display.action_label(a)) for a in audit_log.actions(current_tenant.id)],
        filters=filters,
        errors=errors,
        page_title="Audit log",
    ), (400 if errors else 200)


@bp.route("/audit.csv")
@ADMIN
def audit_csv() -> ResponseReturnValue:
    filters, errors = audit_log.AuditFilter.parse(request.args)
    if errors:
        raise Refused("; ".join(errors.values()))
    body = audit_log.to_csv(audit_log.events(current_tenant.id, filters, limit=None))
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="audit-{current_tenant.slug}.csv"'
    )
    return response


@bp.route("/trace")
@ADMIN
def plugin_trace() -> ResponseReturnValue:
    locale = _locale_arg(request.args.get("locale"))
    page = request.args.get("page", "page")
    if page not in trace.PAGES:
        page = "page"
    return render_template(
        "admin/trace.html",
        locale=locale,
        page_name=page,
        pages=trace.PAGES,
        languages=[LAUNCH_LANGUAGES.get(c) or c for c in current_tenant.locales],
        contributions=trace.contributions(current_tenant, locale, page),
        failures=trace.failures(current_tenant),
        page_title="Plugin trace",
    )


def init_app(app: Flask) -> None:
    from core.admin import assets

    app.register_blueprint(bp)
    app.register_blueprint(assets.bp)
    staff_link("admin.index", "Board administration", ("board_admin",))
