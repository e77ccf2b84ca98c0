"""The answer to a form that made a change (Post/Redirect/Get): what was done, said on the page the
browser is sent to."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, url_for
from werkzeug.wrappers import Response


def flash_redirect(message: str, endpoint: str, /, *, status: int = 302, **values: Any) -> Response:
    """`message` shown once on the page `endpoint` (with `values` in its address), where the browser
    is redirected with `status`."""
    flash(message)
    return redirect(url_for(endpoint, **values), status)
