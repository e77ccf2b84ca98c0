"""The leaflet's "Getting help" section, the same in every framework: an advocate (and who provides
one locally), a free interpreter, bereavement and emotional support, and how to complain.

Who provides advocates and which support organisations to name are the board's own settings of its
framework plugin (HELP_SETTINGS), so each board names its local services and their numbers.
"""

from __future__ import annotations

from core.plugin_api import (
    Block,
    BulletList,
    ContactBlock,
    LeafletContext,
    Link,
    Paragraph,
    Section,
    Setting,
)

from .i18n import translators


def _organisations(value: object) -> str | None:
    for line in str(value or "").splitlines():
        if line.strip() and (line.count("|") != 1 or not all(p.strip() for p in line.split("|"))):
            return "Write one organisation a line, as: name | phone number"
    return None


HELP_SETTINGS: tuple[Setting, ...] = (
    Setting(
        "advocate_provider",
        "str",
        "",
        "Who provides advocates for families here",
        "An organisation's name and phone number, shown to families in the leaflet.",
    ),
    Setting(
        "support_organisations",
        "text",
        "",
        "Bereavement and emotional support organisations",
        "One a line, as: name | phone number. Shown to families in the leaflet.",
        validate=_organisations,
    ),
)


def support_organisations(ctx: LeafletContext) -> list[tuple[str, str]]:
    lines = str(ctx.settings.get("support_organisations") or "").splitlines()
    found = []
    for line in lines:
        name, _sep, phone = line.partition("|")
        if name.strip() and phone.strip():
            found.append((name.strip(), phone.strip()))
    return found


def help_section(ctx: LeafletContext) -> Section:
    """Where a family can get support beyond the review itself."""
    _ = translators(ctx)[0]
    board = ctx.tenant.name
    blocks: list[Block] = [
        Paragraph.of(
            _(
                "You can have an advocate: someone independent of the review who supports you "
                "and helps you give your views. Ask us and we will arrange one."
            )
        )
    ]
    blocks.extend(local_services(ctx, interpreter=True))
    blocks.append(
        Paragraph.of(
            _(
                "If you are unhappy with how the review is being carried out, you can complain to "
                "%(board)s. Contact us using the details below and we will reply to you in writing.",
                board=board,
            )
        )
    )
    return Section(id="help", heading=_("Getting help"), blocks=tuple(blocks))


def local_services(ctx: LeafletContext, *, interpreter: bool = False) -> list[Block]:
    """The board's own services (its settings): who provides advocates, and the bereavement and
    emotional support organisations with their numbers; with `interpreter`, the free interpreter
    in between. Every framework's "Getting help" section carries them."""
    _ = translators(ctx)[0]
    blocks: list[Block] = []
    provider = str(ctx.settings.get("advocate_provider") or "").strip()
    if provider:
        # NOTE: %(provider)s is an organisation's name and phone number, as the board wrote it.
        blocks.append(Paragraph.of(_("Advocates are provided by %(provider)s.", provider=provider)))
    if interpreter:
        blocks.append(
            Paragraph.of(
                _(
                    "If you would like an interpreter for a meeting or a phone call, we will arrange "
                    "one free of charge."
                )
            )
        )
    organisations = support_organisations(ctx)
    if organisations:
        blocks.append(
            Paragraph.of(
                _("If you need support with grief or with how you are feeling, these can help:")
            )
        )
        items = []
        for name, phone in organisations:
            tel = ContactBlock(heading="", organisation="", phone=phone).tel_href
            items.append(Paragraph.of(f"{name}: ", Link(phone, tel)))
        blocks.append(BulletList(tuple(items)))
    else:
        blocks.append(
            Paragraph.of(
                _(
                    "If you need support with grief or with how you are feeling, ask us and we "
                    "will put you in touch with local support."
                )
            )
        )
    return blocks
