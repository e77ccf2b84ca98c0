"""A board's public pages for families, and the staff list of their requests."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from werkzeug.http import http_date
from wtforms.fields.choices import SelectChoice

from core import db
from core.auth.access import require_role
from core.board.locale import LocaleNotOffered, negotiate
from core.board.services import branding_for, leaflet, offered_languages
from core.family import inbox
from core.family import requests as family_requests
from core.family.forms import ContactForm
from core.family.pagecache import cached_page, page_etag
from core.formats.blueprint import offered_items
from core.i18n import catalogs, ngettext
from core.i18n import gettext as _
from core.plugin_api import Branding
from core.plugins import tenant_plugins
from core.ratelimit import limiter
from core.redirects import flash_redirect
from core.reviews.context import today as rv_today
from core.tenancy.context import current_tenant

bp = Blueprint("family", __name__, url_prefix="/<tenant>", template_folder="templates")

CONTACT_LIMIT, CONTACT_WINDOW = 5, 60 * 60


def _public(body: str | tuple[str, str]) -> ResponseReturnValue:
    """Public pages: cacheable for a short while, revalidated by ETag."""
    html, etag = body if isinstance(body, tuple) else (body, page_etag(body))
    quoted = f'"{etag}"'
    headers = {
        "Cache-Control": "public, max-age=300",
        "Vary": "Accept-Language",
        "ETag": quoted,
        "Last-Modified": http_date(current_tenant.updated_at),
    }
    if etag in request.if_none_match:
        return Response(status=304, headers=headers)
    return Response(html, mimetype="text/html", headers=headers)


@bp.route("/")
def home() -> ResponseReturnValue:
    if not current_tenant.is_public:
        abort(404)
    response = redirect(url_for("family.page", locale=negotiate(current_tenant)))
    response.vary.add("Accept-Language")
    return response


@bp.route("/<locale>/")
def page() -> ResponseReturnValue:
    def render() -> str:
        document = leaflet(current_tenant, g.locale)
        return render_template("family/page.html", document=document, page_title=document.title)

    return _public(cached_page("family", render))


@bp.app_errorhandler(LocaleNotOffered)
def locale_not_offered(exc: LocaleNotOffered) -> ResponseReturnValue:
    """A link in a language the board does not offer: say so in that language, link to the others."""
    g.translator = catalogs().translator(
        current_tenant, exc.locale, tenant_plugins(current_tenant).enabled
    )
    g.page_lang = exc.locale
    html = render_template(
        "family/not_offered.html",
        page_title=_("This information is not offered in this language"),
        languages_offered=offered_languages(current_tenant),
    )
    response = Response(html, mimetype="text/html")
    response.headers["X-Robots-Tag"] = "noindex"
    response.cache_control.no_cache = True
    return response


@bp.route("/<locale>/formats/")
def formats() -> ResponseReturnValue:
    items = offered_items(current_tenant, g.locale)
    return _public(
        render_template("family/formats.html", formats=items, page_title=_("Other formats"))
    )


@bp.route("/<locale>/accessibility")
def accessibility() -> ResponseReturnValue:
    def render() -> str:
        return render_template(
            "family/accessibility.html",
            page_title=_("Accessibility statement"),
            languages_offered=offered_languages(current_tenant),
            # The date the board's admin says the statement was reviewed, not a record change.
            reviewed=current_tenant.accessibility_reviewed_on,
        )

    return _public(cached_page("accessibility", render))


@bp.route("/<locale>/contact", methods=["GET", "POST"])
def contact() -> ResponseReturnValue:
    form = ContactForm()
    format_items = offered_items(current_tenant, g.locale)
    form.format_key.choices = [
        SelectChoice("", _("Choose a format")),
        *(SelectChoice(item["key"], item["label"]) for item in format_items),
        SelectChoice("other", _("Another format or language")),
    ]
    if request.method == "GET" and request.args.get("kind") in {"format", "views", "question"}:
        form.kind.data = request.args["kind"]
        form.format_key.data = request.args.get("format", "")
    status = 200
    if request.method == "POST":
        verdict = limiter().hit(f"contact:{request.remote_addr}", CONTACT_LIMIT, CONTACT_WINDOW)
        if not verdict.allowed:
            minutes = max(1, (verdict.retry_after + 59) // 60)
            html = render_template(
                "family/contact.html",
                form=form,
                page_title=_("Contact us"),
                too_many=ngettext(
                    "We have received several messages from this connection. Please wait "
                    "%(num)d minute and try again, or phone us.",
                    "We have received several messages from this connection. Please wait "
                    "%(num)d minutes and try again, or phone us.",
                    minutes,
                ),
            )
            return html, 429
        if form.validate():
            created = family_requests.create_request(
                current_tenant,
                kind=form.kind.data or "question",
                locale=g.locale,
                format_key=form.format_key.data or "",
                name=form.name.data or "",
                contact=form.contact.data or "",
                message=form.message.data or "",
                email_consent=bool(form.email_consent.data),
            )
            db.session.commit()
            # The reference is shown once, on the next page; it never goes into a URL.
            session["contact_reference"] = created.reference
            session["contact_emailed"] = inbox.will_acknowledge(created)
            return redirect(url_for("family.contact_done", kind=form.kind.data))
        status = 400
    html = render_template("family/contact.html", form=form, page_title=_("Contact us"))
    return html, status


@bp.route("/<locale>/contact/sent")
def contact_done() -> ResponseReturnValue:
    kind = request.args.get("kind", "question")
    if kind not in {"format", "views", "question"}:
        kind = "question"
    return render_template(
        "family/contact_done.html",
        kind=kind,
        days=inbox.reply_working_days(),
        reference=session.pop("contact_reference", ""),
        emailed=session.pop("contact_emailed", None),
        page_title=_("Your message has been sent"),
    )


def branding_stylesheet(branding: Branding) -> Response:
    """The stylesheet that puts a branding's colours on the family pages; the caller says who may
    keep it and for how long."""
    return Response(render_template("family/branding.css", branding=branding), mimetype="text/css")


@bp.route("/branding.css")
def branding_css() -> ResponseReturnValue:
    response = branding_stylesheet(branding_for(current_tenant, current_tenant.default_locale))
    response.cache_control.public = True
    response.cache_control.max_age = 86400
    return response


@bp.route("/admin/requests", methods=["GET", "POST"])
@require_role("board_admin", "review_manager")
def admin_requests() -> ResponseReturnValue:
    if request.method == "POST":
        try:
            request_id = int(request.form.get("request_id", ""))
        except ValueError:
            abort(400)
        if family_requests.mark_handled(request_id, g.actor) is None:
            abort(404)
        db.session.commit()
        return flash_redirect("Marked as handled.", "family.admin_requests")
    return render_template(
        "family/admin_requests.html",
        items=inbox.inbox_items(current_tenant, family_requests.open_requests(), rv_today()),
        page_title="Requests from families",
        plugins=tenant_plugins(current_tenant),
    )
