"""Each board's published reports as a JSON feed and an Atom feed, with what a national case
review repository needs to catalogue them (title, board, author, date, summary, learning themes,
recommendations, review type, pseudonym and the download link)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from xml.etree import ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)


def _stamp(day: dt.date) -> str:
    return dt.datetime.combine(day, dt.time(), dt.UTC).isoformat().replace("+00:00", "Z")


def json_feed(board: dict[str, str], items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "version": "1.0",
        "board": board,
        "updated": max((i["published_on"] for i in items), default=None),
        "reports": items,
    }


def atom_feed(board: dict[str, str], items: list[dict[str, Any]]) -> bytes:
    def sub(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text:
            element.text = text
        return element

    feed = ET.Element(f"{{{ATOM}}}feed")
    sub(feed, "id", board["feed_url"])
    sub(feed, "title", f"{board['name']}: published case reviews")
    updated = max((dt.date.fromisoformat(i["published_on"]) for i in items), default=None)
    sub(feed, "updated", _stamp(updated) if updated else _stamp(dt.date(2000, 1, 1)))
    sub(feed, "link", rel="self", href=board["feed_url"], type="application/atom+xml")
    sub(feed, "link", rel="alternate", href=board["page_url"], type="text/html")
    author = sub(feed, "author")
    sub(author, "name", board["name"])
    for item in items:
        entry = sub(feed, "entry")
        sub(entry, "id", item["page_url"])
        sub(entry, "title", item["title"])
        sub(entry, "published", _stamp(dt.date.fromisoformat(item["published_on"])))
        sub(entry, "updated", _stamp(dt.date.fromisoformat(item["published_on"])))
        writer = sub(entry, "author")
        sub(writer, "name", item["author"] or board["name"])
        sub(entry, "category", term=item["framework"], label=item["review_type"])
        for kind in item["review_types"]:
            sub(entry, "category", term=kind)
        sub(entry, "summary", item["summary"])
        sub(entry, "content", _content(item), type="text")
        sub(
            entry,
            "link",
            rel="enclosure",
            href=item["download_url"],
            type=item["media_type"],
            length=str(item["size"]),
        )
        sub(entry, "link", rel="alternate", href=item["page_url"], type="text/html")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _content(item: dict[str, Any]) -> str:
    parts = [f"Review: {item['review_type']}", f"Pseudonym: {item['pseudonym']}", item["summary"]]
    if item["learning_themes"]:
        parts.append("Learning themes include: " + "; ".join(item["learning_themes"]))
    if item["recommendations"]:
        parts.append("Recommendations include: " + "; ".join(item["recommendations"]))
    parts.append(f"Available until {item['available_until']}.")
    return "\n\n".join(parts)
