"""A strict allow-list sanitiser for SVG logos: only drawing elements and presentation attributes
survive; scripts, event handlers, styles, external references and `<foreignObject>` do not.

Parsing goes through defusedxml, so entity expansion and external entities are refused outright.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
MAX_BYTES = 512 * 1024

ELEMENTS = frozenset(
    {
        "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text",
        "tspan", "title", "desc", "defs", "lineargradient", "radialgradient", "stop", "clippath",
        "mask", "use", "symbol",
    }
)  # fmt: skip
ATTRIBUTES = frozenset(
    {
        "id", "class", "viewbox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy",
        "r", "rx", "ry", "d", "points", "fill", "fill-opacity", "fill-rule", "stroke",
        "stroke-width", "stroke-opacity", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit",
        "stroke-dasharray", "stroke-dashoffset", "opacity", "transform", "font-family", "font-size",
        "font-weight", "font-style", "text-anchor", "dominant-baseline", "letter-spacing",
        "offset", "stop-color", "stop-opacity", "gradientunits", "gradienttransform",
        "spreadmethod", "fx", "fy", "clip-path", "clip-rule", "clippathunits", "mask",
        "maskunits", "preserveaspectratio", "role", "aria-label", "aria-hidden", "version",
        "href", "dx", "dy", "visibility", "display",
    }
)  # fmt: skip
# Attributes whose value may hold a url(): only references inside this document are allowed.
_URL_VALUE = re.compile(r"url\s*\(", re.IGNORECASE)
_LOCAL_URL = re.compile(r"^\s*url\(\s*['\"]?#[A-Za-z0-9_.:-]+['\"]?\s*\)\s*$", re.IGNORECASE)


class SvgRejected(ValueError):
    """The file is not an SVG this sanitiser can make safe; the message says why."""


def _local(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        ns, _, name = tag[1:].partition("}")
        return ns, name
    return "", tag


def sanitise_svg(data: bytes) -> bytes:
    """Return a clean copy of the SVG in `data`, or raise `SvgRejected`."""
    if len(data) > MAX_BYTES:
        raise SvgRejected("The SVG file is too big (512 KB at most).")
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise SvgRejected(
            "The SVG file declares entities or a DTD, which are not allowed."
        ) from None
    except ET.ParseError as exc:
        raise SvgRejected(f"The file is not well-formed SVG: {exc}.") from None
    ns, name = _local(root.tag)
    if name != "svg" or ns not in ("", SVG_NS):
        raise SvgRejected("The file is not an SVG image (its root element is not <svg>).")
    clean = _copy(root)
    if clean is None:
        raise SvgRejected("Nothing drawable is left in the SVG after removing unsafe parts.")
    clean.set("xmlns", SVG_NS)
    return ET.tostring(clean, encoding="utf-8", xml_declaration=False)


def _copy(node: ET.Element) -> ET.Element | None:
    ns, name = _local(node.tag)
    if ns not in ("", SVG_NS) or name.lower() not in ELEMENTS:
        return None
    out = ET.Element(name)
    for key, value in node.attrib.items():
        attr_ns, attr = _local(key)
        if attr_ns not in ("", XLINK_NS):
            continue
        lowered = attr.lower()
        if lowered.startswith("on") or lowered not in ATTRIBUTES:
            continue
        if lowered == "href" and not value.strip().startswith("#"):
            continue  # only references to this document's own shapes
        if _URL_VALUE.search(value) and not _LOCAL_URL.match(value):
            continue
        if "javascript:" in value.lower() or "data:" in value.lower():
            continue
        out.set(attr if attr_ns == "" else "href", value)
    if name.lower() in {"text", "tspan", "title", "desc"}:
        out.text = node.text
    for child in node:
        copied = _copy(child)
        if copied is not None:
            copied.tail = child.tail if name.lower() in {"text", "tspan"} else None
            out.append(copied)
    return out
