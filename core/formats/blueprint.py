"""Format downloads for families: `/<t>/<l>/formats/<key>` and the web-page reading of a format."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from flask import (
    Blueprint,
    Flask,
    abort,
    g,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from markupsafe import Markup

from core.board.page import page_exists_in
from core.board.services import leaflet
from core.formats import prerender, service
from core.i18n import gettext as _
from core.plugin_api import StorageError
from core.plugins import get_host
from core.storage import send_stored, storage_for
from core.tenancy.context import current_tenant

bp = Blueprint(
    "formats", __name__, url_prefix="/<tenant>/<locale>/formats", template_folder="templates"
)


def type_name(media_type: str, extension: str) -> str:
    """What kind of file a download is, in words a family knows ("MP3 audio"), translated."""
    names = {
        "application/pdf": lambda: _("PDF document"),
        "text/plain": lambda: _("plain text"),
        "audio/mpeg": lambda: _("MP3 audio"),
        "application/x-brf": lambda: _("braille file (BRF)"),
        "text/x-brf": lambda: _("braille file (BRF)"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": lambda: _(
            "Word document (DOCX)"
        ),
    }
    name = names.get(media_type.split(";")[0].strip().lower())
    return name() if name else extension.upper()


def human_size(size: int) -> str:
    from core.i18n import format_number

    if size < 1024 * 1024:
        return _("%(size)s KB", size=format_number(max(1, round(size / 1024))))
    return _("%(size)s MB", size=format_number(round(size / 1024 / 1024, 1)))


def _ascii_slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", folded).strip("-").lower()


def download_name(board: str, title: str, language: str, label: str, extension: str) -> str:
    """`board - title (language, format).ext`, readable in the family's own script."""
    cleaned = re.sub(r'[\\/:*?"<>|\r\n\t]+', " ", f"{board} - {title} ({language}, {label})")
    cleaned = re.sub(r"\s+", " ", cleaned).strip()[:150]
    return f"{cleaned}.{extension}"


def offered_items(tenant: Any, locale: str) -> list[dict[str, Any]]:
    """The formats page's list: label, description, type, size where already rendered, links.

    The size is the file's a download would get now: today's render, else the previous one."""
    items = []
    for item in service.offered(tenant, locale):
        stored = prerender.current_or_previous(tenant, locale, item)
        items.append(
            {
                "key": item.format.key,
                "label": service.label(item),
                "description": service.description(item),
                "type_name": type_name(item.format.media_type, item.format.extension),
                "size": human_size(stored.size) if stored else "",
                "href": url_for(
                    "formats.download", tenant=tenant.slug, locale=locale, key=item.format.key
                ),
                "read_href": url_for(
                    "formats.read", tenant=tenant.slug, locale=locale, key=item.format.key
                )
                if item.format.html_page
                else "",
            }
        )
    return items


def _cannot_render(key: str) -> ResponseReturnValue:
    html = render_template(
        "formats/unavailable.html",
        key=key,
        page_title=_("This format is not ready"),
        contact_href=url_for("family.contact", kind="format", format=key),
    )
    return html, 503


@bp.route("/<key>")
def download(key: str) -> ResponseReturnValue:
    item = service.find(current_tenant, g.locale, key)
    if item is None:
        abort(404)
    try:
        # The worker renders ahead; only a format never rendered at all is rendered here.
        stored = prerender.current_or_previous(current_tenant, g.locale, item) or service.render(
            current_tenant, g.locale, item
        )
    except (service.RenderFailed, StorageError):
        return _cannot_render(key)
    document = leaflet(current_tenant, g.locale)
    name = download_name(
        document.board_name,
        document.title,
        document.language_name,
        service.label(item),
        item.format.extension,
    )
    return send_stored(
        storage_for(current_tenant),
        stored.key,
        media_type=item.format.media_type,
        name=name,
        sha256=stored.sha256,
        size=stored.size,
        max_age=3600,
    )


@bp.route("/<key>/read")
def read(key: str) -> ResponseReturnValue:
    item = service.find(current_tenant, g.locale, key)
    if item is None or item.format.html_page is None:
        abort(404)
    plugin_css = [
        (name, f"{name}.css") for name in get_host().static_folders if name == item.plugin
    ]
    g.plugin_css = plugin_css
    document = leaflet(current_tenant, g.locale)
    try:
        fragment = item.format.html_page(
            document, service.render_context(current_tenant, g.locale, item.plugin)
        )
    except Exception as exc:
        get_host().record_failure(
            item.plugin, "html_page", current_tenant.id, current_tenant.slug, exc
        )
        return _cannot_render(key)
    return render_template(
        "formats/read.html",
        fragment=Markup(fragment),  # noqa: S704  (plugin markup, documented as trusted)
        page_title=service.label(item),
    )


@bp.before_request
def _format_locales() -> None:
    """A format's pages exist only in the languages the format is offered in."""
    key = (request.view_args or {}).get("key", "")
    tenant = g.tenant
    page_exists_in(lambda code: service.find(tenant, code, key) is not None)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
