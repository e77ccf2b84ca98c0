"""Static files as a slow phone wants them: fingerprinted names (from `vendor/manifest.json`, written
by `make assets`) cached for a year as immutable, precompressed Brotli or gzip copies when the browser
takes them, a favicon, and gzip for text responses the app builds (compressed once per ETag)."""

from __future__ import annotations

import gzip
import json
import mimetypes
import os
import re
import threading
from typing import Any

from flask import Flask, Response, current_app, g, has_request_context, request, send_from_directory

FINGERPRINTED = re.compile(r"\.[0-9a-f]{12}\.[a-z0-9]+$")
YEAR = 365 * 24 * 60 * 60
# Pages and their assets; JSON (the API and feeds) goes as it is, for clients that do not unpack it.
COMPRESSIBLE = ("text/html", "text/css", "text/plain", "image/svg+xml")
MIN_COMPRESS = 1024
# Only the weakest link of a request (gzip, level 6) runs per request, and only once per ETag.
_compressed: dict[str, bytes] = {}
_lock = threading.Lock()


def manifest(app: Flask) -> dict[str, str]:
    found = app.extensions.get("candour.asset_manifest")
    if found is None:
        path = os.path.join(app.static_folder or "", "vendor", "manifest.json")
        try:
            with open(path, encoding="utf-8") as fh:
                found = {f"vendor/{k}": f"vendor/{v}" for k, v in json.load(fh).items()}
        except FileNotFoundError:
            found = {}
        app.extensions["candour.asset_manifest"] = found
    return found


def asset_path(logical: str) -> str:
    """The fingerprinted name of a built file (`vendor/family.css` → `vendor/family.<hash>.css`)."""
    return manifest(current_app).get(logical, logical)


def _fingerprint(endpoint: str, values: dict[str, Any]) -> None:
    if endpoint == "static" and "filename" in values:
        values["filename"] = asset_path(values["filename"])


def serve_static(filename: str) -> Response:
    folder = current_app.static_folder or ""
    accepted = request.accept_encodings
    mimetype = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = None
    for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
        if accepted[encoding] and os.path.isfile(os.path.join(folder, filename + suffix)):
            response = send_from_directory(folder, filename + suffix, mimetype=mimetype)
            response.headers["Content-Encoding"] = encoding
            break
    if response is None:
        response = send_from_directory(folder, filename)
    response.vary.add("Accept-Encoding")
    if FINGERPRINTED.search(filename):
        response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    else:
        response.headers["Cache-Control"] = "no-cache"
    return response


def favicon() -> Response:
    return serve_static(asset_path("vendor/favicon.svg"))


def compress(response: Response) -> Response:
    """gzip a text response the app built, if the browser takes it; the same body is compressed once."""
    if (
        response.direct_passthrough
        or response.status_code != 200
        or "Content-Encoding" in response.headers
        or (response.mimetype or "") not in COMPRESSIBLE
        or not request.accept_encodings["gzip"]
    ):
        return response
    body = response.get_data()
    if len(body) < MIN_COMPRESS:
        return response
    # The same page in another encoding: the ETag stays, so revalidation still answers 304.
    etag = response.headers.get("ETag")
    packed = _compressed.get(etag) if etag else None
    if packed is None:
        packed = gzip.compress(body, 6, mtime=0)
        if etag:
            with _lock:
                if len(_compressed) > 2000:
                    _compressed.clear()
                _compressed[etag] = packed
    response.set_data(packed)
    response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    return response


# The face a page in each script preloads: its body text (bold is fetched when a heading needs it).
SCRIPT_FONTS = {
    "ur": "vendor/fonts/NotoNastaliqUrdu-Regular.woff2",
    "ar": "vendor/fonts/NotoNaskhArabic-Regular.woff2",
    "bn": "vendor/fonts/NotoSansBengali-Regular.woff2",
}


def _context() -> dict[str, Any]:
    # Pages with a language in their address are the family's (and the platform's own pages, and
    # errors); the rest of a board's pages are behind sign-in and carry the staff stylesheet.
    rule = request.url_rule if has_request_context() else None
    staff = bool(g.get("tenant")) and rule is not None and "locale" not in (rule.arguments or ())
    return {
        "script_fonts": SCRIPT_FONTS,
        "page_stylesheet": "vendor/staff.css" if staff else "vendor/family.css",
        "staff_page": staff,
    }


def init_app(app: Flask) -> None:
    app.context_processor(_context)
    app.view_functions["static"] = serve_static
    app.url_defaults(_fingerprint)
    app.add_url_rule("/favicon.ico", "favicon", favicon)
    app.after_request(compress)
