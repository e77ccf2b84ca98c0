"""The SVG sanitiser keeps drawing and drops everything that could run, fetch or embed."""

from __future__ import annotations

import pytest

from core.admin.svg import SvgRejected, sanitise_svg

HEAD = b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'


def clean(body: bytes) -> bytes:
    return sanitise_svg(HEAD + body + b"</svg>")


def test_drawing_elements_and_presentation_attributes_survive():
    out = clean(b'<g transform="scale(2)"><path d="M0 0L5 5" stroke="#000" stroke-width="1"/></g>')
    assert b'<path d="M0 0L5 5" stroke="#000" stroke-width="1"' in out
    assert b'viewBox="0 0 10 10"' in out


@pytest.mark.parametrize(
    "body, gone",
    [
        (b"<script>alert(1)</script>", b"script"),
        (b'<rect onclick="alert(1)" width="1" height="1"/>', b"onclick"),
        (b'<rect onmouseover="x()" width="1" height="1"/>', b"onmouseover"),
        (b"<foreignObject><p>x</p></foreignObject>", b"foreignObject"),
        (b'<image href="https://evil.example/x.png"/>', b"evil"),
        (b'<use xlink:href="https://evil.example/s.svg#a"/>', b"evil"),
        (b'<a href="javascript:alert(1)"><rect width="1" height="1"/></a>', b"javascript"),
        (b'<rect style="fill:url(https://evil.example/)" width="1" height="1"/>', b"evil"),
        (b'<rect fill="url(https://evil.example/#g)" width="1" height="1"/>', b"evil"),
        (b"<style>@import url(https://evil.example/)</style>", b"evil"),
        (b'<animate attributeName="href" to="javascript:alert(1)"/>', b"javascript"),
        (b'<set attributeName="onload" to="alert(1)"/>', b"alert"),
        (b'<iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"/>', b"evil"),
    ],
)
def test_anything_that_can_run_or_fetch_is_removed(body, gone):
    assert gone not in clean(body)


def test_references_inside_the_document_are_kept():
    out = clean(
        b'<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs><rect fill="url(#g)" width="1" height="1"/><use xlink:href="#g"/>'
    )
    assert b'fill="url(#g)"' in out
    assert b'href="#g"' in out


@pytest.mark.parametrize(
    "data, reason",
    [
        (
            b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
            "DTD",
        ),
        (b"<svg", "not well-formed"),
        (b'<html xmlns="http://www.w3.org/1999/xhtml"><svg/></html>', "root element is not <svg>"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'>" + b" " * (600 * 1024) + b"</svg>", "too big"),
    ],
)
def test_unsafe_or_broken_files_are_refused_with_the_reason(data, reason):
    with pytest.raises(SvgRejected, match=reason):
        sanitise_svg(data)
