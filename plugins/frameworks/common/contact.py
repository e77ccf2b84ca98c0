"""How a family reaches the board: a sentence inviting contact, the contact details, other formats.

Each section that asks the family to get in touch carries the details itself, because a section
may be read or heard on its own (an audio track, a page anchor).
"""

from __future__ import annotations

from babel import UnknownLocaleError
from babel.lists import format_list

from core.plugin_api import (
    Block,
    ContactBlock,
    LeafletContext,
    Link,
    Paragraph,
    Section,
    TenantView,
)

from .i18n import translators


def contact_block(ctx: LeafletContext) -> ContactBlock:
    """The board's contact details, with labels in the reader's language."""
    _ = translators(ctx)[0]
    tenant = ctx.tenant
    return ContactBlock(
        heading=_("Contact us"),
        organisation=tenant.name,
        role=tenant.contact_role,
        phone=tenant.contact_phone,
        email=tenant.contact_email,
        address=tenant.contact_address,
        # NOTE: Label before a phone number in a contact box.
        phone_label=_("Phone"),
        # NOTE: Label before an email address in a contact box.
        email_label=_("Email"),
        # NOTE: Label before a postal address in a contact box.
        address_label=_("Address"),
    )


def tel_href(tenant: TenantView) -> str:
    """The board's phone number as a `tel:` link, by the same rule as the contact box."""
    return ContactBlock(heading="", organisation="", phone=tenant.contact_phone).tel_href


def _phone_and_email(ctx: LeafletContext) -> list[Paragraph]:
    _ = translators(ctx)[0]
    tenant = ctx.tenant
    paragraphs = []
    if tenant.contact_phone:
        # NOTE: Followed by the board's phone number, as a link.
        label = _("Phone:")
        paragraphs.append(Paragraph.of(label, " ", Link(tenant.contact_phone, tel_href(tenant))))
    if tenant.contact_email:
        # NOTE: Followed by the board's email address, as a link.
        label = _("Email:")
        href = f"mailto:{tenant.contact_email}"
        paragraphs.append(Paragraph.of(label, " ", Link(tenant.contact_email, href)))
    return paragraphs


def contact_paragraphs(ctx: LeafletContext) -> list[Paragraph]:
    """Invite the family to give views or ask a question, with the phone and email as links."""
    _ = translators(ctx)[0]
    tenant = ctx.tenant
    if tenant.contact_role:
        # NOTE: %(role)s is a job title such as "Business Manager", already translated;
        # %(board)s is the board's name. Reword freely so that it reads naturally.
        ask = _(
            "If you would like to give your views, or if you have any questions, please contact "
            "the %(role)s at %(board)s.",
            role=tenant.contact_role,
            board=tenant.name,
        )
    else:
        ask = _(
            "If you would like to give your views, or if you have any questions, please contact "
            "%(board)s.",
            board=tenant.name,
        )
    return [Paragraph.of(ask), *_phone_and_email(ctx)]


def _formats_on_request(ctx: LeafletContext) -> str:
    """ "large print, braille or a translation": the board's own formats, then a translation."""
    _ = translators(ctx)[0]
    names = {
        # NOTE: Formats named in the middle of a sentence ("such as large print, braille or a
        # translation"): write each as it reads there.
        "large-print": _("large print"),
        "easy-read": _("easy read"),
        "braille": _("braille"),
        "audio": _("audio"),
    }
    offered = [names[key] for key in names if key in ctx.formats]
    items = [*offered, _("a translation")]
    try:  # British English: no comma before the "or"
        return format_list(items, style="or", locale="en_GB" if ctx.locale == "en" else ctx.locale)
    except (ValueError, UnknownLocaleError):
        return format_list(items, style="or", locale="en_GB")


def formats_section(ctx: LeafletContext) -> Section:
    """The last section of every leaflet: how to get it in another format or language."""
    _ = translators(ctx)[0]
    tenant = ctx.tenant
    formats = _formats_on_request(ctx)
    if tenant.contact_role:
        # NOTE: %(role)s is a job title such as "Business Manager", already translated;
        # %(formats)s lists the board's formats, e.g. "large print, braille or a translation".
        ask = _(
            "If you would like this information in another format or language, such as "
            "%(formats)s, please contact the %(role)s.",
            role=tenant.contact_role,
            formats=formats,
        )
    else:
        # NOTE: %(formats)s lists the board's formats, e.g. "large print, braille or a translation".
        ask = _(
            "If you would like this information in another format or language, such as "
            "%(formats)s, please contact us.",
            formats=formats,
        )
    blocks: list[Block] = [Paragraph.of(ask), contact_block(ctx)]
    return Section(id="formats", heading=_("Other formats and languages"), blocks=tuple(blocks))
