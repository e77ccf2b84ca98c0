"""A board's branding: its name, logo and colours. Colours failing contrast are refused with the
reason; logos are checked by their content (PNG, JPEG, or SVG after sanitising) and kept in the
board's storage. The colours and logo are settings of whichever branding plugin the board's pages
use, so every save is a versioned save of that plugin's settings."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from flask import url_for

from core.admin.svg import SvgRejected, sanitise_svg
from core.audit.services import record
from core.board.branding import contrast_problems, contrast_ratio
from core.board.services import branding_plugin
from core.field_errors import FieldErrors
from core.plugin_api import Branding
from core.plugins import services as plugin_settings
from core.storage import storage_for
from core.tenancy.models import Tenant

COLOUR_FIELDS = ("primary_colour", "primary_text_colour", "link_colour")
MAX_LOGO_BYTES = 1024 * 1024
LOGO_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "svg": "image/svg+xml"}


class BrandingError(FieldErrors):
    """Branding refused: colours, name or logo."""


@dataclass(frozen=True)
class Logo:
    kind: str  # png, jpeg or svg
    data: bytes


def check_logo(data: bytes) -> Logo:
    """What the file really is, judged by its bytes (not its name); SVGs come back sanitised."""
    if not data:
        raise BrandingError({"logo": "The logo file is empty."})
    if len(data) > MAX_LOGO_BYTES:
        raise BrandingError({"logo": "The logo must be 1 MB or smaller."})
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "png"
    elif data.startswith(b"\xff\xd8\xff"):
        kind = "jpeg"
    elif b"<svg" in data[:4096]:
        try:
            return Logo("svg", sanitise_svg(data))
        except SvgRejected as exc:
            raise BrandingError({"logo": str(exc)}) from None
    else:
        raise BrandingError({"logo": "The logo must be a PNG, JPEG or SVG image."})
    _verify_raster(data, kind)
    return Logo(kind, data)


def _verify_raster(data: bytes, kind: str) -> None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            fmt = (image.format or "").lower()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise BrandingError(
            {"logo": f"The file starts like a {kind.upper()} but is damaged."}
        ) from None
    if fmt != kind:
        raise BrandingError({"logo": "The logo must be a PNG, JPEG or SVG image."})


def plugin_for(tenant: Tenant) -> str:
    """The branding plugin this board's pages use ("" when none answers)."""
    return branding_plugin(tenant) or ""


def current_settings(tenant: Tenant) -> dict[str, Any]:
    return plugin_settings.effective_settings(tenant, plugin_for(tenant))


def _editable_plugin(tenant: Tenant) -> str:
    """The branding plugin to save into; refused when its settings are not name, colours and logo."""
    name = plugin_for(tenant)
    info = plugin_settings.plugin_info(name) if name else None
    schema = info.settings_schema if info else None
    declared = {s.name for s in schema.settings} if schema else set()
    if not {*COLOUR_FIELDS, "logo_url", "logo_alt"} <= declared:
        raise BrandingError(
            {
                "plugin": f"This board's branding comes from the plugin {name or '(none)'}, "
                "which does not take colours and a logo here; change it on the plugin's own page."
            }
        )
    return name


def colour_problems(colours: dict[str, str]) -> dict[str, str]:
    """Per-field reasons the colours cannot be used (format first, then contrast)."""
    from core.plugins.settings import HEX_COLOUR

    errors = {
        k: "Enter a colour like #1d4f91"
        for k in COLOUR_FIELDS
        if not HEX_COLOUR.match(colours.get(k, ""))
    }
    if errors:
        return errors
    problems = contrast_problems(
        Branding(
            name="",
            primary_colour=colours["primary_colour"],
            primary_text_colour=colours["primary_text_colour"],
            link_colour=colours["link_colour"],
        )
    )
    for problem in problems:
        field = "primary_text_colour" if problem.startswith("header") else "link_colour"
        errors[field] = "Refused: " + problem
    return errors


def ratios(colours: dict[str, str]) -> dict[str, float]:
    try:
        return {
            "header": contrast_ratio(colours["primary_text_colour"], colours["primary_colour"]),
            "links": contrast_ratio(colours["link_colour"], "#ffffff"),
        }
    except (KeyError, ValueError):
        return {}


def save(
    tenant: Tenant,
    *,
    name: str,
    colours: dict[str, str],
    logo_alt: str,
    logo: bytes | None,
    remove_logo: bool,
    actor: Any,
) -> None:
    errors = colour_problems(colours)
    name = name.strip()
    if not name:
        errors["name"] = "Enter the board's name"
    elif len(name) > 200:
        errors["name"] = "The name must be 200 characters or fewer"
    if len(logo_alt) > 200:
        errors["logo_alt"] = "The logo description must be 200 characters or fewer"
    checked = None
    if logo:
        try:
            checked = check_logo(logo)
        except BrandingError as exc:
            errors.update(exc.errors)
    if errors:
        raise BrandingError(errors)
    plugin = _editable_plugin(tenant)
    settings = plugin_settings.effective_settings(tenant, plugin)
    settings.update({k: colours[k].lower() for k in COLOUR_FIELDS})
    settings["logo_alt"] = logo_alt.strip()
    if checked is not None:
        version = tenant.content_version + 1
        key = f"branding/logo-{version}.{checked.kind}"
        storage_for(tenant).put(key, checked.data, LOGO_TYPES[checked.kind])
        tenant.logo_key = key
        settings["logo_url"] = url_for("board_assets.logo", tenant=tenant.slug, v=version)
    elif remove_logo:
        tenant.logo_key = ""
        settings["logo_url"] = ""
    renamed = name != tenant.name
    tenant.name = name
    plugin_settings.save(
        tenant, plugin, enabled=True, raw_settings=settings, actor=actor,
        action="branding.saved",
        details={"renamed": renamed, "logo": checked.kind if checked else ("removed" if remove_logo else "")},
    )  # fmt: skip
    if renamed:
        record("board.renamed", tenant.slug, {"name": name})
