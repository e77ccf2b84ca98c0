"""Paragraphs that point the family to guidance and to the board's own page, one link each."""

from __future__ import annotations

from core.plugin_api import LeafletContext, Link, Paragraph

from .i18n import translators


def url_text(url: str) -> str:
    """A web address as a reader would type it: without the scheme or a trailing slash."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            url = url[len(scheme) :]
            break
    return url.rstrip("/")


def guidance_paragraphs(intro: str, title: str, url: str) -> tuple[Paragraph, ...]:
    """An explanation of the guidance, then its title as a link in a paragraph of its own."""
    if not url:
        return (Paragraph.of(intro),)
    return (Paragraph.of(intro), Paragraph.of(Link(text=title, href=url)))


def more_info_paragraph(ctx: LeafletContext) -> Paragraph | None:
    """The board's own page about case reviews, if it has one."""
    url = ctx.tenant.more_info_url
    if not url:
        return None
    _ = translators(ctx)[0]
    # NOTE: Followed by a link to the board's web page about case reviews.
    label = _("There is more information on our website:")
    return Paragraph.of(label, " ", Link(url_text(url), url))
