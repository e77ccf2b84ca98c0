"""The board's uploaded logo, served publicly (families see it in the header)."""

from __future__ import annotations

from flask import Blueprint, Response, abort
from flask.typing import ResponseReturnValue

from core.admin.branding import LOGO_TYPES
from core.plugin_api import StorageError
from core.storage import storage_for
from core.tenancy.context import current_tenant

bp = Blueprint("board_assets", __name__, url_prefix="/<tenant>")


@bp.route("/branding/logo")
def logo() -> ResponseReturnValue:
    key = current_tenant.logo_key
    if not key:
        abort(404)
    try:
        data = storage_for(current_tenant).get(key)
    except StorageError:
        abort(404)
    kind = key.rsplit(".", 1)[-1]
    response = Response(data, mimetype=LOGO_TYPES.get(kind, "application/octet-stream"))
    response.cache_control.public = True
    response.cache_control.max_age = 86400
    # An SVG opened on its own is a document: give it no power to run or fetch anything.
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    )
    return response
